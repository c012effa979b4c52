#include "output/CsvWriter.h"

namespace scimitar {

namespace {

bool startsLikeFormula(const QString& value)
{
    if (value.isEmpty())
        return false;
    switch (value.front().unicode()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

} // namespace

QString CsvWriter::cell(const QString& value)
{
    QString text = startsLikeFormula(value) ? QLatin1Char('\'') + value : value;
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                             text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString CsvWriter::row(const QStringList& cells)
{
    QStringList formatted;
    formatted.reserve(cells.size());
    for (const QString& value : cells)
        formatted.append(cell(value));
    return formatted.join(QLatin1Char(','));
}

void CsvWriter::addRow(const QStringList& cells)
{
    m_text += row(cells);
    m_text += QLatin1String("\r\n");
}

} // namespace scimitar
