#include "ScimFilter.h"

namespace scimitar::emulator {

namespace {

struct AttributeRule
{
    const char* name;
    Qt::CaseSensitivity sensitivity;
};

// Names Databricks (and the SDKs / Terraform provider) filter on. Names and ids of people are
// compared case-insensitively (Databricks lowercases userNames); ids and externalIds exactly.
constexpr AttributeRule kAttributes[] = {
    {"userName", Qt::CaseInsensitive}, {"displayName", Qt::CaseInsensitive}, {"applicationId", Qt::CaseInsensitive},
    {"id", Qt::CaseSensitive},         {"externalId", Qt::CaseSensitive},    {"active", Qt::CaseInsensitive},
};

class Lexer
{
public:
    explicit Lexer(const QString& text)
        : m_text(text)
    {
    }

    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    bool atEnd()
    {
        skipSpaces();
        return m_pos >= m_text.size();
    }
    qsizetype position() const { return m_pos; }

    // A bare word: attribute names, operators, and/or, true/false.
    QString word()
    {
        skipSpaces();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() &&
               (m_text.at(m_pos).isLetterOrNumber() || m_text.at(m_pos) == u'.' || m_text.at(m_pos) == u'_' ||
                m_text.at(m_pos) == u':' || m_text.at(m_pos) == u'-'))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    // A JSON-style quoted string (\" and \\ escapes, plus the usual JSON ones), or a bare
    // true/false/number; returns nullopt with *error on malformed input.
    std::optional<QString> value(QString* error)
    {
        skipSpaces();
        if (m_pos >= m_text.size()) {
            *error = QStringLiteral("missing value at end of filter");
            return std::nullopt;
        }
        if (m_text.at(m_pos) != u'"') {
            const QString bare = word();
            if (bare.isEmpty()) {
                *error = QStringLiteral("expected a quoted value at position %1").arg(m_pos);
                return std::nullopt;
            }
            return bare;
        }
        ++m_pos;
        QString result;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == u'"')
                return result;
            if (c != u'\\') {
                result.append(c);
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const QChar escaped = m_text.at(m_pos++);
            switch (escaped.unicode()) {
            case '"':
            case '\\':
            case '/':
                result.append(escaped);
                break;
            case 'n':
                result.append(u'\n');
                break;
            case 't':
                result.append(u'\t');
                break;
            default:
                *error = QStringLiteral("unsupported escape \\%1 in filter value").arg(escaped);
                return std::nullopt;
            }
        }
        *error = QStringLiteral("unterminated string in filter");
        return std::nullopt;
    }

private:
    const QString& m_text;
    qsizetype m_pos = 0;
};

} // namespace

std::optional<ScimFilter> ScimFilter::parse(const QString& text, QString* error)
{
    ScimFilter filter;
    Lexer lexer(text);
    if (lexer.atEnd())
        return filter;
    for (;;) {
        const qsizetype termStart = lexer.position();
        const QString attribute = lexer.word();
        if (attribute.isEmpty()) {
            *error = QStringLiteral("expected an attribute name at position %1 (only simple \"attr op value\" "
                                    "expressions joined by and/or are supported)")
                         .arg(termStart);
            return std::nullopt;
        }
        Term term;
        for (const AttributeRule& rule : kAttributes) {
            if (attribute.compare(QLatin1String(rule.name), Qt::CaseInsensitive) == 0) {
                term.attribute = QLatin1String(rule.name);
                term.sensitivity = rule.sensitivity;
            }
        }
        if (term.attribute.isEmpty()) {
            *error = QStringLiteral("unsupported filter attribute: %1").arg(attribute);
            return std::nullopt;
        }
        const QString op = lexer.word().toLower();
        if (op == QLatin1String("eq"))
            term.op = Op::Eq;
        else if (op == QLatin1String("ne"))
            term.op = Op::Ne;
        else if (op == QLatin1String("sw"))
            term.op = Op::Sw;
        else if (op == QLatin1String("co"))
            term.op = Op::Co;
        else {
            *error = op.isEmpty() ? QStringLiteral("missing operator after %1").arg(attribute)
                                  : QStringLiteral("unsupported filter operator: %1").arg(op);
            return std::nullopt;
        }
        const std::optional<QString> value = lexer.value(error);
        if (!value)
            return std::nullopt;
        term.value = *value;
        filter.m_terms.append(term);

        if (lexer.atEnd())
            return filter;
        const QString join = lexer.word().toLower();
        if (join == QLatin1String("and"))
            filter.m_andJoins.append(true);
        else if (join == QLatin1String("or"))
            filter.m_andJoins.append(false);
        else {
            *error = QStringLiteral("expected and/or at position %1").arg(lexer.position());
            return std::nullopt;
        }
    }
}

bool ScimFilter::evaluate(const Term& term, const QJsonObject& resource)
{
    const QJsonValue raw = resource.value(term.attribute);
    const QString actual =
        raw.isBool() ? (raw.toBool() ? QStringLiteral("true") : QStringLiteral("false")) : raw.toString();
    switch (term.op) {
    case Op::Eq:
        return actual.compare(term.value, term.sensitivity) == 0;
    case Op::Ne:
        return actual.compare(term.value, term.sensitivity) != 0;
    case Op::Sw:
        return actual.startsWith(term.value, term.sensitivity);
    case Op::Co:
        return actual.contains(term.value, term.sensitivity);
    }
    return false;
}

bool ScimFilter::matches(const QJsonObject& resource) const
{
    if (m_terms.isEmpty())
        return true;
    bool result = evaluate(m_terms.first(), resource);
    for (qsizetype i = 1; i < m_terms.size(); ++i) {
        // Left to right, without precedence; short-circuit only where it cannot change the result.
        if (m_andJoins.at(i - 1))
            result = result && evaluate(m_terms.at(i), resource);
        else
            result = result || evaluate(m_terms.at(i), resource);
    }
    return result;
}

} // namespace scimitar::emulator
