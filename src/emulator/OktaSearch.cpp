#include "OktaSearch.h"

#include "FilterScanner.h"

namespace scimitar::emulator {

namespace {

struct Attribute
{
    const char* name;
    bool profile; // profile.* attributes allow sw/co and compare case-insensitively
    bool inFilter;
};

constexpr Attribute kGroupAttributes[] = {
    {"profile.name", true, false},
    {"profile.description", true, false},
    {"type", false, true},
    {"id", false, true},
};

constexpr Attribute kUserAttributes[] = {
    {"profile.login", true, false},    {"profile.email", true, false}, {"profile.firstName", true, false},
    {"profile.lastName", true, false}, {"status", false, true},        {"id", false, true},
};

} // namespace

std::optional<OktaSearch> OktaSearch::parse(const QString& text, Resource resource, Mode mode, QString* error)
{
    OktaSearch search;
    FilterScanner scanner(text);
    const auto word = [&scanner] { return scanner.word([](QChar c) { return !c.isSpace() && c != u'"'; }); };
    auto fail = [&](const QString& message) -> std::optional<OktaSearch> {
        *error = message;
        return std::nullopt;
    };

    if (scanner.atEnd())
        return search;
    for (;;) {
        Term term;
        term.attribute = word();
        const Attribute* attribute = nullptr;
        const auto find = [&](const auto& attributes) {
            for (const Attribute& candidate : attributes) {
                if (term.attribute == QLatin1String(candidate.name) && (mode == Mode::Search || candidate.inFilter))
                    attribute = &candidate;
            }
        };
        if (resource == Resource::Groups)
            find(kGroupAttributes);
        else
            find(kUserAttributes);
        if (!attribute)
            return fail(QStringLiteral("unsupported attribute '%1'").arg(term.attribute));
        const QString op = word().toLower();
        if (op == QLatin1String("eq"))
            term.op = Op::Eq;
        else if (op == QLatin1String("sw") && attribute->profile)
            term.op = Op::Sw;
        else if (op == QLatin1String("co") && attribute->profile)
            term.op = Op::Co;
        else
            return fail(QStringLiteral("operator '%1' is not supported for %2").arg(op, term.attribute));
        term.sensitivity = attribute->profile ? Qt::CaseInsensitive : Qt::CaseSensitive;

        switch (scanner.literal(u'"', FilterScanner::Escape::Backslash, &term.value)) {
        case FilterScanner::Literal::Read:
            break;
        case FilterScanner::Literal::Missing:
            return fail(QStringLiteral("expected a quoted value at position %1").arg(scanner.position()));
        case FilterScanner::Literal::Unterminated:
            return fail(QStringLiteral("unterminated string"));
        }
        search.m_terms.append(term);

        if (scanner.atEnd())
            return search;
        const QString join = word().toLower();
        if (join != QLatin1String("and") && join != QLatin1String("or"))
            return fail(QStringLiteral("expected 'and' or 'or', found '%1'").arg(join));
        search.m_andJoins.append(join == QLatin1String("and"));
    }
}

bool OktaSearch::matches(const Lookup& lookup) const
{
    auto evaluate = [&](const Term& term) {
        const QString actual = lookup(term.attribute);
        switch (term.op) {
        case Op::Eq:
            return actual.compare(term.value, term.sensitivity) == 0;
        case Op::Sw:
            return actual.startsWith(term.value, term.sensitivity);
        case Op::Co:
            return actual.contains(term.value, term.sensitivity);
        }
        return false;
    };
    if (m_terms.isEmpty())
        return true;
    bool result = evaluate(m_terms.first());
    for (qsizetype i = 1; i < m_terms.size(); ++i) {
        const bool next = evaluate(m_terms.at(i));
        result = m_andJoins.at(i - 1) ? (result && next) : (result || next);
    }
    return result;
}

} // namespace scimitar::emulator
