#pragma once

#include <QJsonObject>
#include <QSet>
#include <QString>

namespace scimitar::emulator {

// `attributes` / `excludedAttributes` query parameters. Matching is by top-level attribute name,
// case-insensitively ("emails.value" selects "emails"); `id` and `schemas` are always returned.
// The renderer asks wants() before computing expensive derived fields (groups, members, roles),
// which is why real clients exclude them, and why the emulator should reward that.
class AttributeProjection
{
public:
    static AttributeProjection fromQuery(const QString& attributes, const QString& excludedAttributes);

    bool wants(const QString& attribute) const;
    QJsonObject apply(const QJsonObject& resource) const;

private:
    static QSet<QString> parseList(const QString& list);

    QSet<QString> m_included; // lowercased; empty means "everything"
    QSet<QString> m_excluded; // lowercased
};

} // namespace scimitar::emulator
