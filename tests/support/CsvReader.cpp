#include "CsvReader.h"

namespace scimitar::test {

QList<QStringList> parseCsv(const QString& text, bool* ok)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    bool cellStarted = false;
    bool strict = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    cell += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"') && cell.isEmpty()) {
            quoted = true;
            cellStarted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(cell);
            cell.clear();
            cellStarted = true;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            row.append(cell);
            rows.append(row);
            row.clear();
            cell.clear();
            cellStarted = false;
            ++i;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            strict = false; // a bare line break outside quotes is not RFC 4180
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted || cellStarted || !cell.isEmpty() || !row.isEmpty())
        strict = false; // the last record must end in CRLF
    if (ok)
        *ok = strict;
    return rows;
}

} // namespace scimitar::test
