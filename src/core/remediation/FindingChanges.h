#pragma once

#include "drift/Finding.h"
#include "remediation/Change.h"

#include <QList>
#include <QString>
#include <optional>

namespace scimitar {

class DirectorySnapshot;

// Turns drift findings into the changes that fix them. Only a finding whose action is `none`, or that the engine
// blocked (blockedBy), is skipped, with the reason. A finding that asks for a change that cannot be built (its
// action lacks an id, say) is a failure, never a skip: a revocation that was asked for and not sent must be seen.
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
        QList<Finding> sources; // sources[i] is the finding changes[i] fixes (several changes may share one)
        QList<Skipped> skipped;
        // Actionable findings whose change could not be built or checked; `change` is set when it was built.
        struct Failed
        {
            Finding finding;
            QString reason;
            std::optional<Change> change;
        };
        QList<Failed> failed;
    };

    // `snapshot` (optional) supplies group and user names the finding does not carry; without it, ids stand in.
    static Plan plan(const QList<Finding>& findings, const DirectorySnapshot* snapshot = nullptr);
    // The changes that fix one finding (one per action, `action` first), or nullopt with `reason` set; *skip tells
    // a skip (blocked, action none) from a failure (an action that cannot be carried out as written). One action
    // that cannot be built fails the whole fix: the others alone would leave the target held.
    static std::optional<QList<Change>> changesFor(const Finding& finding, const DirectorySnapshot* snapshot,
                                                   QString* reason, bool* skip = nullptr);
};

} // namespace scimitar
