#include "OktaSearch.h"

namespace scimitar::emulator {

namespace {

struct Attribute
{
    const char* name;
    bool profile; // profile.* attributes allow sw/co and compare case-insensitively
    bool inFilter;
};

constexpr Attribute kAttributes[] = {
    {"profile.name", true, false},
    {"profile.description", true, false},
    {"type", false, true},
    {"id", false, true},
};

} // namespace

std::optional<OktaSearch> OktaSearch::parse(const QString& text, Mode mode, QString* error)
{
    OktaSearch search;
    qsizetype pos = 0;
    auto skipSpaces = [&] {
        while (pos < text.size() && text.at(pos).isSpace())
            ++pos;
    };
    auto word = [&] {
        skipSpaces();
        const qsizetype start = pos;
        while (pos < text.size() && !text.at(pos).isSpace() && text.at(pos) != u'"')
            ++pos;
        return text.mid(start, pos - start);
    };
    auto fail = [&](const QString& message) -> std::optional<OktaSearch> {
        *error = message;
        return std::nullopt;
    };

    skipSpaces();
    if (pos >= text.size())
        return search;
    for (;;) {
        Term term;
        term.attribute = word();
        const Attribute* attribute = nullptr;
        for (const Attribute& candidate : kAttributes) {
            if (term.attribute == QLatin1String(candidate.name) && (mode == Mode::Search || candidate.inFilter))
                attribute = &candidate;
        }
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

        skipSpaces();
        if (pos >= text.size() || text.at(pos) != u'"')
            return fail(QStringLiteral("expected a quoted value at position %1").arg(pos));
        ++pos;
        bool closed = false;
        while (pos < text.size()) {
            const QChar c = text.at(pos++);
            if (c == u'"') {
                closed = true;
                break;
            }
            if (c == u'\\' && pos < text.size())
                term.value.append(text.at(pos++));
            else
                term.value.append(c);
        }
        if (!closed)
            return fail(QStringLiteral("unterminated string"));
        search.m_terms.append(term);

        skipSpaces();
        if (pos >= text.size())
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
