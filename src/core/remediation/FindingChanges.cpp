#include "remediation/FindingChanges.h"

#include "model/DirectorySnapshot.h"
#include "remediation/ChangeGuard.h"

#include <QHash>
#include <algorithm>

namespace scimitar {

namespace {

QString groupName(const Finding& finding, const FindingAction& action, const DirectorySnapshot* snapshot)
{
    if (snapshot) {
        if (const Group* group = snapshot->findGroup(action.groupId))
            return group->displayName;
    }
    // The first change names its group in `via` when access is inherited, and in `target` for member findings;
    // further ones carry only the id.
    if (action == finding.action) {
        if (!finding.via.isEmpty())
            return finding.via;
        if (!finding.target.isEmpty())
            return finding.target;
    }
    return action.groupId;
}

std::optional<Change> changeFor(const Finding& finding, const FindingAction& action, const DirectorySnapshot* snapshot,
                                QString* reason)
{
    const bool needsGroup = action.op == ActionOp::RemoveMember || action.op == ActionOp::AddMember;
    const bool needsValue = action.op == ActionOp::RemoveRole || action.op == ActionOp::RemoveEntitlement;
    if (action.op == ActionOp::None || action.userId.isEmpty() || (needsGroup && action.groupId.isEmpty()) ||
        (needsValue && action.value.isEmpty())) {
        *reason = QStringLiteral("The finding's action %1 lacks the ids it needs (userId%2).")
                      .arg(actionOpName(action.op), needsGroup   ? QStringLiteral(", groupId")
                                                    : needsValue ? QStringLiteral(", value")
                                                                 : QString());
        return std::nullopt;
    }

    // Ids from a file (no snapshot to take them from) become path segments: only the forms Databricks issues, said
    // here at once; ChangeGuard refuses any other id again, whoever builds the change.
    for (const QString& id : {action.userId, needsGroup ? action.groupId : QStringLiteral("0")}) {
        if (!snapshot && !ChangeGuard::isDatabricksId(id)) {
            *reason = QStringLiteral("The finding's action names the id '%1', which is not a Databricks id (digits or "
                                     "a UUID); nothing is sent for it.")
                          .arg(id);
            return std::nullopt;
        }
    }

    Change change;
    const PrincipalKind principalKind = finding.principal.kind;
    switch (action.op) {
    case ActionOp::RemoveRole:
    case ActionOp::RemoveEntitlement:
        change.op = action.op == ActionOp::RemoveRole ? ChangeOp::RemoveRole : ChangeOp::RemoveEntitlement;
        change.objectKind = principalKind;
        change.objectId = action.userId;
        change.objectName = finding.principal.userName;
        change.value = action.value;
        break;
    case ActionOp::RemoveMember:
    case ActionOp::AddMember:
        change.op = action.op == ActionOp::RemoveMember ? ChangeOp::RemoveMember : ChangeOp::AddMember;
        change.objectKind = PrincipalKind::Group;
        change.objectId = action.groupId;
        change.objectName = groupName(finding, action, snapshot);
        change.value = action.userId;
        change.memberName = finding.principal.userName;
        change.memberKind = principalKind;
        break;
    case ActionOp::Deactivate:
        change.op = ChangeOp::Deactivate;
        change.objectKind = principalKind;
        change.objectId = action.userId;
        change.objectName = finding.principal.userName;
        break;
    case ActionOp::None:
        break;
    }
    return change;
}

} // namespace

std::optional<QList<Change>> FindingChanges::changesFor(const Finding& finding, const DirectorySnapshot* snapshot,
                                                        QString* reason, bool* skip)
{
    if (skip)
        *skip = true;
    if (finding.isBlocked()) {
        *reason = QStringLiteral("Blocked: %1").arg(finding.blockedBy);
        return std::nullopt;
    }
    if (finding.action.op == ActionOp::None) {
        *reason = QStringLiteral("No automatic action: %1").arg(finding.explanation);
        return std::nullopt;
    }
    if (skip)
        *skip = false;
    QList<Change> changes;
    for (const FindingAction& action : finding.actions()) {
        const std::optional<Change> change = changeFor(finding, action, snapshot, reason);
        if (!change)
            return std::nullopt;
        changes.append(*change);
    }
    return changes;
}

FindingChanges::Plan FindingChanges::plan(const QList<Finding>& findings, const DirectorySnapshot* snapshot)
{
    Plan plan;
    // Two findings can ask for the same change (a deprovisioned person unknown to one group, say): send it once,
    // and say so for every entry that asked again — fifty identical entries are one change and forty-nine repeats,
    // never a silent "1 change".
    QHash<QString, qsizetype> seen; // change key -> index of the entry that first asked for it
    for (qsizetype index = 0; index < findings.size(); ++index) {
        const Finding& finding = findings.at(index);
        QString reason;
        bool skip = true;
        const std::optional<QList<Change>> changes = changesFor(finding, snapshot, &reason, &skip);
        if (!changes) {
            if (skip)
                plan.skipped.append({finding, reason});
            else
                plan.failed.append({finding, reason, std::nullopt});
            continue;
        }
        std::optional<qsizetype> firstAsked;
        bool anyNew = false;
        for (const Change& change : *changes) {
            const QString key =
                changeOpName(change.op) + QLatin1Char('\n') + change.objectId + QLatin1Char('\n') + change.value;
            if (const auto earlier = seen.constFind(key); earlier != seen.cend()) {
                firstAsked = firstAsked ? std::min(*firstAsked, *earlier) : *earlier;
                continue;
            }
            seen.insert(key, index);
            anyNew = true;
            plan.changes.append(change);
            plan.sources.append(finding);
        }
        if (!anyNew && firstAsked)
            plan.skipped.append({finding, QStringLiteral("Repeats entry %1 (%2): each change is sent once.")
                                              .arg(*firstAsked + 1)
                                              .arg(changes->size() == 1 ? changes->first().describe()
                                                                        : QStringLiteral("the same changes"))});
    }
    return plan;
}

} // namespace scimitar
