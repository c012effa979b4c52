#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace scimitar::emulator {

// The `search` and `filter` expressions of Okta's List Groups and List Users: `attr op "value"` terms
// joined by and/or (left to right, no parentheses). For groups, search knows profile.name and
// profile.description (eq, sw, co; case-insensitive, as Okta's search index is) plus type and id
// (eq); filter knows only type and id. For users, search knows profile.login, profile.email,
// profile.firstName and profile.lastName (eq, sw, co; case-insensitive) plus status and id (eq);
// filter knows status and id. A '"' inside a value is written \" and a '\' as \\ (the form Okta
// most likely accepts; the reference calls it unconfirmed). Anything else is an error, as Okta
// answers E0000031.
class OktaSearch
{
public:
    enum class Resource
    {
        Groups,
        Users
    };
    enum class Mode
    {
        Search,
        Filter
    };
    using Lookup = std::function<QString(const QString& attribute)>;

    static std::optional<OktaSearch> parse(const QString& text, Resource resource, Mode mode, QString* error);
    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const Lookup& lookup) const;

private:
    enum class Op
    {
        Eq,
        Sw,
        Co
    };
    struct Term
    {
        QString attribute;
        Op op = Op::Eq;
        QString value;
        Qt::CaseSensitivity sensitivity = Qt::CaseInsensitive;
    };

    QList<Term> m_terms;
    QList<bool> m_andJoins; // m_andJoins[i] joins m_terms[i] and m_terms[i + 1]; false means "or"
};

} // namespace scimitar::emulator
