#pragma once

#include "drift/Finding.h"

#include <QString>
#include <QStringList>

namespace scimitar {

// Findings as CSV (CsvWriter: RFC 4180, formula-safe): one row per finding, the JSON fields flattened, list
// cells joined by ";". Columns are documented in docs/drift.md; new ones go at the end.
class FindingCsv
{
public:
    static QStringList columns();
    static QStringList row(const Finding& finding);
    static QString write(const QList<Finding>& findings);
};

} // namespace scimitar
