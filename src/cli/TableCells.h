#pragma once

#include "model/DirectorySnapshot.h"

#include <QString>

namespace scimitar::cli {

// Compact cell texts for the human-readable tables: comma-separated names, inherited ones marked with a
// trailing "*" (explained in --help), AWS ARNs shortened to their resource part. Scripts get the full picture from
// JSON or CSV instead.
class TableCells
{
public:
    static QString groups(const DirectorySnapshot& snapshot, const QList<EffectiveGroup>& groups);
    static QString grants(const QList<EffectiveGrant>& grants);
    static QString yesNo(bool value);
    // "arn:aws:iam::123456789012:instance-profile/etl" -> "instance-profile/etl": the account prefix is the same
    // on every line and would push the part that differs out of a narrow column.
    static QString shortRole(const QString& value);
};

} // namespace scimitar::cli
