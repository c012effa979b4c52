#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

namespace scimitar {

// One `<target>; rel="…"` entry of an HTTP Link header (RFC 8288).
struct LinkRelation
{
    QUrl target;           // as sent; may be relative, resolve it against the request URL
    QStringList relations; // lower-case; `rel="next last"` gives both
};

// Reads HTTP Link headers the way Okta pages with them.
//
// Okta sends one Link line per relation, but Qt (6.4) hands repeated headers over merged into one value joined
// with ", ". Splitting on commas would break URLs that contain commas, so the parser scans for `<…>` targets and
// reads the parameters that follow each one up to the next target. Anything it cannot read is skipped, never
// guessed: a garbled entry yields no relation rather than a wrong URL.
class LinkHeader
{
public:
    static QList<LinkRelation> parse(const QByteArray& value);

    // Every Link header among `headers` (any case, merged or not), parsed in order.
    static QList<LinkRelation> parseAll(const QList<QPair<QByteArray, QByteArray>>& headers);

    // The first target with this relation (compared case-insensitively), or an empty QUrl.
    static QUrl find(const QList<LinkRelation>& links, const QString& relation);
};

} // namespace scimitar
