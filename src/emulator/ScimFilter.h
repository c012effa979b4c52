#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace scimitar::emulator {

// The subset of RFC 7644 filters Databricks accepts: `attr op "value"` terms with eq, ne, sw, co,
// joined by and/or (evaluated left to right, no parentheses). Anything else is rejected, like the
// real service does, so clients that send richer filters find out in tests.
class ScimFilter
{
public:
    enum class Op
    {
        Eq,
        Ne,
        Sw,
        Co
    };

    // Returns nullopt and sets *error (a human-readable reason) on unsupported syntax or attributes.
    static std::optional<ScimFilter> parse(const QString& text, QString* error);

    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const QJsonObject& resource) const;

private:
    struct Term
    {
        QString attribute; // canonical spelling, e.g. userName
        Op op = Op::Eq;
        QString value;
        Qt::CaseSensitivity sensitivity = Qt::CaseInsensitive;
    };

    static bool evaluate(const Term& term, const QJsonObject& resource);

    QList<Term> m_terms;
    QList<bool> m_andJoins; // m_andJoins[i] joins m_terms[i] and m_terms[i + 1]; false means "or"
};

} // namespace scimitar::emulator
