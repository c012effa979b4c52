#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace scimitar::emulator {

// The OData $filter subset Graph answers without advanced-query headers on the properties the
// caller allows: `prop eq 'literal'` and `startswith(prop,'literal')`, joined by and/or (left to
// right). String literals use single quotes with a quote inside doubled ('O''Brien Team').
// Directory string comparisons are case-insensitive, as in Entra ID.
class GraphFilter
{
public:
    struct Error
    {
        QString code; // "BadRequest" for syntax, "Request_UnsupportedQuery" for unsupported properties
        QString message;
    };
    using Lookup = std::function<QString(const QString& property)>;

    // `properties` are the filterable names (canonical spelling); `resource` names the type in
    // messages ("Group", "User").
    static std::optional<GraphFilter> parse(const QString& text, const QStringList& properties, const QString& resource,
                                            Error* error);
    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const Lookup& lookup) const;

private:
    struct Term
    {
        QString property;
        bool startsWith = false;
        QString value;
    };

    QList<Term> m_terms;
    QList<bool> m_andJoins; // m_andJoins[i] joins m_terms[i] and m_terms[i + 1]; false means "or"
};

} // namespace scimitar::emulator
