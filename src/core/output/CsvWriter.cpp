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

// A spreadsheet opened in a locale whose list separator is ';' splits a cell at every ';' (our list cells join
// values with it, and a name may contain one): each piece is a cell of its own, so each is neutralised.
QString neutralised(const QString& value)
{
    if (!value.contains(QLatin1Char(';')))
        return startsLikeFormula(value) ? QLatin1Char('\'') + value : value;
    QStringList pieces = value.split(QLatin1Char(';'));
    for (QString& piece : pieces) {
        if (startsLikeFormula(piece))
            piece.prepend(QLatin1Char('\''));
    }
    return pieces.join(QLatin1Char(';'));
}

} // namespace

QString CsvWriter::cell(const QString& value)
{
    QString text = neutralised(value);
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
