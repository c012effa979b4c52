#include "idp/LinkHeader.h"

namespace scimitar {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Reads one parameter value starting at `pos` (just after '='): a quoted string with backslash escapes, or a bare
// token up to the next ';' or ','. Leaves `pos` after the value.
QByteArray readValue(const QByteArray& text, qsizetype& pos)
{
    const qsizetype size = text.size();
    while (pos < size && isSpace(text[pos]))
        ++pos;
    QByteArray value;
    if (pos < size && text[pos] == '"') {
        ++pos;
        while (pos < size && text[pos] != '"') {
            if (text[pos] == '\\' && pos + 1 < size)
                ++pos;
            value.append(text[pos]);
            ++pos;
        }
        if (pos < size)
            ++pos; // closing quote
        return value;
    }
    while (pos < size && text[pos] != ';' && text[pos] != ',' && text[pos] != '<')
        value.append(text[pos++]);
    return value.trimmed();
}

} // namespace

QList<LinkRelation> LinkHeader::parse(const QByteArray& value)
{
    QList<LinkRelation> links;
    const qsizetype size = value.size();
    qsizetype pos = 0;
    while (pos < size) {
        // Whatever precedes a target (separators, garbage) is skipped up to the next '<'.
        const qsizetype open = value.indexOf('<', pos);
        if (open < 0)
            break;
        const qsizetype close = value.indexOf('>', open + 1);
        if (close < 0)
            break; // an unterminated target: nothing trustworthy follows
        LinkRelation link;
        link.target = QUrl::fromEncoded(value.mid(open + 1, close - open - 1).trimmed());
        bool relSeen = false;
        pos = close + 1;
        // Parameters up to the ',' that ends this entry or the '<' of the next one.
        while (pos < size) {
            const char c = value[pos];
            if (c == ',' || c == '<')
                break;
            if (c != ';') {
                ++pos; // whitespace or stray characters between parameters
                continue;
            }
            ++pos;
            qsizetype nameStart = pos;
            while (pos < size && value[pos] != '=' && value[pos] != ';' && value[pos] != ',' && value[pos] != '<')
                ++pos;
            const QByteArray name = value.mid(nameStart, pos - nameStart).trimmed().toLower();
            QByteArray parameter;
            if (pos < size && value[pos] == '=') {
                ++pos;
                parameter = readValue(value, pos);
            }
            // RFC 8288 §3.3: only the first rel parameter counts.
            if (name == "rel" && !relSeen) {
                relSeen = true;
                const QList<QByteArray> words = parameter.simplified().split(' ');
                for (const QByteArray& word : words)
                    if (!word.isEmpty())
                        link.relations.append(QString::fromUtf8(word).toLower());
            }
        }
        if (link.target.isValid() && !link.target.isEmpty())
            links.append(link);
        if (pos < size && value[pos] == ',')
            ++pos;
    }
    return links;
}

QList<LinkRelation> LinkHeader::parseAll(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QList<LinkRelation> links;
    for (const auto& [name, value] : headers)
        if (name.compare("link", Qt::CaseInsensitive) == 0)
            links.append(parse(value));
    return links;
}

QUrl LinkHeader::find(const QList<LinkRelation>& links, const QString& relation)
{
    const QString wanted = relation.toLower();
    for (const LinkRelation& link : links)
        if (link.relations.contains(wanted))
            return link.target;
    return {};
}

} // namespace scimitar
