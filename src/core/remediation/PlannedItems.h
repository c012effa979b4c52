#pragma once

#include "remediation/BlastRadius.h"
#include "remediation/ChangeGuard.h"
#include "remediation/ChangeRunner.h"
#include "remediation/FindingChanges.h"

#include <QHash>
#include <QList>

namespace scimitar {

// One change of a plan as a reviewer sees it before it is sent and as the runner sends it.
struct PlannedItem
{
    RunItem run; // with revokes (the finding's target) and guardedLoss set
    // What this change takes away beyond the target (the part of its finding's blast radius credited to it), and
    // what still grants the target once its whole fix is sent: then the fix does not revoke it.
    BlastRadius radius;
    bool radiusKnown = false; // false: no snapshot and no sideEffects in the findings file
    // The finding this change fixes, in its own words (its explanation); empty for changes not from findings.
    QString finding;
};

// Turns a plan into the items to send, each with its blast radius and the guarded things it would take away —
// one place, so the app (which has the snapshot) and the CLI (which has the drift file's sideEffects) show and
// guard the same thing. A finding's fix is measured as a whole (a role held directly and through a group goes only
// when both paths are cut), and each loss is shown on the change that completes it.
class PlannedItems
{
public:
    static QList<PlannedItem> of(const FindingChanges::Plan& plan, const DirectorySnapshot& snapshot,
                                 const GuardContext& guard);
    // `radii` by findingKey(), as read from a findings file (BlastRadius::read); a finding without one is shown as
    // unknown.
    static QList<PlannedItem> of(const FindingChanges::Plan& plan, const QHash<QString, BlastRadius>& radii,
                                 const GuardContext& guard);
    // Changes not from findings (a person's details, an undo): each measured on its own.
    static QList<PlannedItem> of(const QList<RunItem>& items, const DirectorySnapshot* snapshot,
                                 const GuardContext& guard);

    // What identifies a finding within one drift report: kind, principal and target.
    static QString findingKey(const Finding& finding);
    static QList<RunItem> runItems(const QList<PlannedItem>& items);
    // The batch's sum: every side effect of every item once, and the targets still held, "value (through …)".
    static BlastRadius total(const QList<PlannedItem>& items);
};

} // namespace scimitar
