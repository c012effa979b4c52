#pragma once

#include "drift/Finding.h"
#include "remediation/Change.h"

#include <QList>
#include <QString>
#include <optional>

namespace scimitar {

class DirectorySnapshot;

// Turns drift findings into the changes that fix them. A finding whose action is `none`, or that the engine
// blocked (blockedBy), gives no change but a skip with the reason, so the operator and the CLI output can say what
// was left alone and why.
class FindingChanges
{
public:
    struct Skipped
    {
        Finding finding;
        QString reason;
    };
    struct Plan
    {
        QList<Change> changes;
        QList<Finding> sources; // sources[i] is the finding changes[i] fixes
        QList<Skipped> skipped;
    };

    // `snapshot` (optional) supplies group and user names the finding does not carry; without it, ids stand in.
    static Plan plan(const QList<Finding>& findings, const DirectorySnapshot* snapshot = nullptr);
    // The change for one finding, or nullopt with `reason` set.
    static std::optional<Change> changeFor(const Finding& finding, const DirectorySnapshot* snapshot, QString* reason);
};

} // namespace scimitar
