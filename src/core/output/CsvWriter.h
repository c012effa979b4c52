#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace scimitar {

// Writes RFC 4180 CSV: fields separated by ',', records ending in CRLF, a field quoted (with '"' doubled) when it
// contains a comma, a quote, CR or LF. Exports get opened in spreadsheets, and a cell such as =HYPERLINK(…) would
// run there as a formula (CSV injection), so a cell starting with = + - @ TAB or CR gets a leading single quote,
// which spreadsheets show as text and scripts can strip.
class CsvWriter
{
public:
    static QString cell(const QString& value);
    static QString row(const QStringList& cells); // without the line end

    void addRow(const QStringList& cells);
    QString text() const { return m_text; }
    QByteArray toUtf8() const { return m_text.toUtf8(); }

private:
    QString m_text;
};

} // namespace scimitar
