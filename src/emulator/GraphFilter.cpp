#include "GraphFilter.h"

#include "FilterScanner.h"

namespace scimitar::emulator {

std::optional<GraphFilter> GraphFilter::parse(const QString& text, const QStringList& properties,
                                              const QString& resource, Error* error)
{
    GraphFilter filter;
    FilterScanner scanner(text);
    auto identifier = [&scanner] {
        return scanner.word([](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'/'; });
    };
    auto syntax = [&](const QString& message) -> std::optional<GraphFilter> {
        *error = {QStringLiteral("BadRequest"), QStringLiteral("Invalid filter clause: %1").arg(message)};
        return std::nullopt;
    };
    // Property names are case-insensitive in OData queries against the directory.
    auto canonical = [&](const QString& name) -> QString {
        for (const QString& property : properties) {
            if (property.compare(name, Qt::CaseInsensitive) == 0)
                return property;
        }
        return {};
    };
    auto literal = [&scanner](QString* out) {
        return scanner.literal(u'\'', FilterScanner::Escape::Doubled, out) == FilterScanner::Literal::Read;
    };

    if (scanner.atEnd())
        return filter;
    for (;;) {
        Term term;
        const QString first = identifier();
        if (first.isEmpty())
            return syntax(QStringLiteral("syntax error at position %1").arg(scanner.position()));
        QString name;
        if (first.compare(QLatin1String("startswith"), Qt::CaseInsensitive) == 0 && scanner.take(u'(')) {
            term.startsWith = true;
            name = identifier();
            if (!scanner.take(u','))
                return syntax(QStringLiteral("',' expected at position %1").arg(scanner.position()));
            if (!literal(&term.value))
                return syntax(QStringLiteral("a string literal in single quotes expected at position %1")
                                  .arg(scanner.position()));
            if (!scanner.take(u')'))
                return syntax(QStringLiteral("')' expected at position %1").arg(scanner.position()));
        } else {
            name = first;
            const QString op = identifier();
            if (op.compare(QLatin1String("eq"), Qt::CaseInsensitive) != 0) {
                if (op.isEmpty())
                    return syntax(QStringLiteral("an operator expected at position %1").arg(scanner.position()));
                *error = {QStringLiteral("Request_UnsupportedQuery"),
                          QStringLiteral("Unsupported query operator '%1' for property '%2' of resource '%3'.")
                              .arg(op, name, resource)};
                return std::nullopt;
            }
            if (!literal(&term.value))
                return syntax(QStringLiteral("a string literal in single quotes expected at position %1")
                                  .arg(scanner.position()));
        }
        term.property = canonical(name);
        if (term.property.isEmpty()) {
            *error = {QStringLiteral("Request_UnsupportedQuery"),
                      QStringLiteral("Unsupported or invalid query filter clause specified for property '%1' of "
                                     "resource '%2'.")
                          .arg(name, resource)};
            return std::nullopt;
        }
        filter.m_terms.append(term);

        if (scanner.atEnd())
            return filter;
        const QString join = identifier().toLower();
        if (join != QLatin1String("and") && join != QLatin1String("or"))
            return syntax(QStringLiteral("'and' or 'or' expected at position %1").arg(scanner.position()));
        filter.m_andJoins.append(join == QLatin1String("and"));
    }
}

bool GraphFilter::matches(const Lookup& lookup) const
{
    auto evaluate = [&](const Term& term) {
        const QString actual = lookup(term.property);
        return term.startsWith ? actual.startsWith(term.value, Qt::CaseInsensitive)
                               : actual.compare(term.value, Qt::CaseInsensitive) == 0;
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
