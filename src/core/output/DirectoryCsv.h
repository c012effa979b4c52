#pragma once

#include "model/DirectorySnapshot.h"

#include <QString>
#include <QStringList>

namespace scimitar {

// The CSV documents `scimitar-cli … --output csv` prints (and GUI exports write), built with CsvWriter: a header
// row, then one row per principal, list cells joined by ";" and split into direct and indirect columns so a
// spreadsheet filter can tell them apart. Inherited values read "value (via Group)". Roles are one row per
// (role, holder), mirroring the JSON holders. Columns are documented in docs/cli.md; new ones go at the end.
class DirectoryCsv
{
public:
    static QStringList userColumns();
    static QStringList groupColumns();
    static QStringList servicePrincipalColumns();
    static QStringList roleColumns();

    static QString users(const DirectorySnapshot& snapshot);
    static QString groups(const DirectorySnapshot& snapshot);
    static QString servicePrincipals(const DirectorySnapshot& snapshot);
    static QString roles(const DirectorySnapshot& snapshot);

    static QString listSeparator() { return QStringLiteral(";"); }
};

} // namespace scimitar
