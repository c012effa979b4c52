#include "remediation/PlannedItems.h"

namespace scimitar {

namespace {

// The name BlastRadius credits a change's losses to (its `via`).
QString creditOf(const Change& change)
{
    if (change.op == ChangeOp::Deactivate)
        return QStringLiteral("deactivation");
    return change.objectName.isEmpty() ? change.objectId : change.objectName;
}

// The part of a fix's radius that belongs to `change`; stillHeldThrough is the fix's.
BlastRadius shareOf(const BlastRadius& fix, const Change& change, const QString& target)
{
    BlastRadius share;
    const QString credit = creditOf(change);
    for (const SideEffect& effect : fix.sideEffects)
        if (effect.via == credit && !(effect.principal.isEmpty() && effect.value == target))
            share.sideEffects.append(effect);
    share.stillHeldThrough = fix.stillHeldThrough;
    return share;
}

PlannedItem planned(const FindingChanges::Plan& plan, qsizetype i, const BlastRadius* fix, const ChangeGuard& guard)
{
    const Change& change = plan.changes.at(i);
    const Finding& source = plan.sources.at(i);
    PlannedItem item;
    item.run.change = change;
    item.run.revokes = AccessTarget::of(source);
    item.finding = source.explanation;
    if (fix) {
        item.radius = shareOf(*fix, change, source.target);
        item.radiusKnown = true;
        item.run.guardedLoss = guard.guardedLoss(change, item.radius.sideEffects);
    }
    return item;
}

} // namespace

QString PlannedItems::findingKey(const Finding& finding)
{
    return findingKindName(finding.kind) + QLatin1Char('|') + principalKindName(finding.principal.kind) +
           QLatin1Char('|') + finding.principal.id + QLatin1Char('|') + finding.principal.userName + QLatin1Char('|') +
           finding.target;
}

QList<PlannedItem> PlannedItems::of(const FindingChanges::Plan& plan, const DirectorySnapshot& snapshot,
                                    const GuardContext& guard)
{
    // A finding's fix is every change the plan holds for it (a change shared with an earlier finding is sent once,
    // under that one, and counted in both fixes).
    QHash<QString, BlastRadius> radii;
    for (const Finding& source : plan.sources) {
        const QString key = findingKey(source);
        if (radii.contains(key))
            continue;
        QString reason;
        const std::optional<QList<Change>> changes = FindingChanges::changesFor(source, &snapshot, &reason);
        if (changes)
            radii.insert(key, BlastRadius::of(*changes, snapshot, AccessTarget::of(source)));
    }
    return of(plan, radii, guard);
}

QList<PlannedItem> PlannedItems::of(const FindingChanges::Plan& plan, const QHash<QString, BlastRadius>& radii,
                                    const GuardContext& guard)
{
    const ChangeGuard guards(guard);
    QList<PlannedItem> items;
    for (qsizetype i = 0; i < plan.changes.size(); ++i) {
        const auto found = radii.constFind(findingKey(plan.sources.at(i)));
        items.append(planned(plan, i, found == radii.cend() ? nullptr : &*found, guards));
    }
    return items;
}

QList<PlannedItem> PlannedItems::of(const QList<RunItem>& runItems, const DirectorySnapshot* snapshot,
                                    const GuardContext& guard)
{
    const ChangeGuard guards(guard);
    QList<PlannedItem> items;
    for (const RunItem& run : runItems) {
        PlannedItem item;
        item.run = run;
        if (!item.run.revokes)
            item.run.revokes = AccessTarget::of(run.change);
        if (snapshot) {
            item.radius = BlastRadius::of(run.change, *snapshot);
            item.radiusKnown = true;
            item.run.guardedLoss = guards.guardedLoss(run.change, item.radius.sideEffects);
        }
        items.append(item);
    }
    return items;
}

QList<RunItem> PlannedItems::runItems(const QList<PlannedItem>& items)
{
    QList<RunItem> runs;
    for (const PlannedItem& item : items)
        runs.append(item.run);
    return runs;
}

BlastRadius PlannedItems::total(const QList<PlannedItem>& items)
{
    BlastRadius sum;
    for (const PlannedItem& item : items) {
        for (const SideEffect& effect : item.radius.sideEffects) {
            SideEffect owned = effect;
            if (owned.principal.isEmpty())
                owned.principal = item.run.change.principalName();
            if (!sum.sideEffects.contains(owned))
                sum.sideEffects.append(owned);
        }
        if (item.run.revokes && !item.radius.stillHeldThrough.isEmpty()) {
            const QString held = QStringLiteral("%1 of %2 (through %3)")
                                     .arg(shortRoleName(item.run.revokes->value), item.run.revokes->principalName,
                                          item.radius.stillHeldThrough.join(QStringLiteral(", ")));
            if (!sum.stillHeldThrough.contains(held))
                sum.stillHeldThrough.append(held);
        }
    }
    return sum;
}

} // namespace scimitar
