#pragma once

#include "remediation/AuditJournal.h"

#include <QString>
#include <QStringList>

namespace scimitar {

// Journal entries as CSV (CsvWriter: RFC 4180, formula-safe), one row per intent, for
// `scimitar-cli audit list --output csv` and the Audit view's export. Columns are only ever appended (docs/audit.md).
class AuditCsv
{
public:
    static QStringList columns();
    static QStringList row(const JournalEntry& entry);
    static QString write(const QList<JournalEntry>& entries); // header row included
};

} // namespace scimitar
