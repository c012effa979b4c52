#pragma once

// A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF records), so tests check the CSV a spreadsheet
// would see rather than trusting our own writer.

#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar::test {

// The records of `text`, each a list of cells. A quote opens a quoted cell only at the cell's start. `ok`, when
// given, becomes false unless `text` is strict RFC 4180: no bare line break outside quotes, and the last record ends
// in CRLF (an unterminated last record is not returned).
QList<QStringList> parseCsv(const QString& text, bool* ok = nullptr);

} // namespace scimitar::test
