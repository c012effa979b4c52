#include "PrincipalActions.h"

#include <QSet>
#include <algorithm>

namespace scimitar::gui {

namespace {

std::optional<PrincipalKind> principalKind(ItemKind kind)
{
    switch (kind) {
    case ItemKind::User:
        return PrincipalKind::User;
    case ItemKind::ServicePrincipal:
        return PrincipalKind::ServicePrincipal;
    case ItemKind::Group:
        return PrincipalKind::Group;
    default:
        return std::nullopt;
    }
}

Change onObject(ChangeOp op, PrincipalKind kind, const QString& id, const QString& name, const QString& value = {})
{
    Change change;
    change.op = op;
    change.objectKind = kind;
    change.objectId = id;
    change.objectName = name;
    change.value = value;
    return change;
}

Change membership(ChangeOp op, const Group& group, PrincipalKind memberKind, const QString& memberId,
                  const QString& memberName)
{
    Change change = onObject(op, PrincipalKind::Group, group.id, group.displayName, memberId);
    change.memberKind = memberKind;
    change.memberName = memberName;
    return change;
}

} // namespace

QList<Change> PrincipalActions::offers(const DirectorySnapshot& snapshot, const DetailsTarget& target)
{
    const std::optional<PrincipalKind> kind = principalKind(target.kind);
    if (!kind)
        return {};
    const QString name = snapshot.nameOf(*kind, target.id);
    QStringList roles;
    QStringList entitlements;
    std::optional<bool> active; // users only: (de|re)activation
    if (const User* user = *kind == PrincipalKind::User ? snapshot.findUser(target.id) : nullptr) {
        roles = user->roles;
        entitlements = user->entitlements;
        active = user->active;
    } else if (const Group* group = *kind == PrincipalKind::Group ? snapshot.findGroup(target.id) : nullptr) {
        roles = group->roles;
        entitlements = group->entitlements;
    } else if (const ServicePrincipal* sp =
                   *kind == PrincipalKind::ServicePrincipal ? snapshot.findServicePrincipal(target.id) : nullptr) {
        roles = sp->roles;
        entitlements = sp->entitlements;
    } else {
        return {};
    }

    QList<Change> changes;
    for (const QString& role : std::as_const(roles))
        changes.append(onObject(ChangeOp::RemoveRole, *kind, target.id, name, role));
    for (const QString& entitlement : std::as_const(entitlements))
        changes.append(onObject(ChangeOp::RemoveEntitlement, *kind, target.id, name, entitlement));
    for (const EffectiveGroup& membershipOf : snapshot.groupsOf(*kind, target.id)) {
        if (!membershipOf.direct)
            continue;
        if (const Group* group = snapshot.findGroup(membershipOf.groupId))
            changes.append(membership(ChangeOp::RemoveMember, *group, *kind, target.id, name));
    }
    if (active.has_value())
        changes.append(onObject(*active ? ChangeOp::Deactivate : ChangeOp::Reactivate, *kind, target.id, name));
    return changes;
}

QList<const Group*> PrincipalActions::groupsToJoin(const DirectorySnapshot& snapshot, const DetailsTarget& target)
{
    const std::optional<PrincipalKind> kind = principalKind(target.kind);
    if (!kind)
        return {};
    QSet<QString> direct;
    for (const EffectiveGroup& membershipOf : snapshot.groupsOf(*kind, target.id)) {
        if (membershipOf.direct)
            direct.insert(membershipOf.groupId);
    }
    QList<const Group*> groups;
    for (const Group& group : snapshot.groups()) {
        if (!direct.contains(group.id) && !(*kind == PrincipalKind::Group && group.id == target.id))
            groups.append(&group);
    }
    std::sort(groups.begin(), groups.end(), [](const Group* a, const Group* b) {
        return a->displayName.compare(b->displayName, Qt::CaseInsensitive) < 0;
    });
    return groups;
}

Change PrincipalActions::addToGroup(const DirectorySnapshot& snapshot, const DetailsTarget& target, const Group& group)
{
    const PrincipalKind kind = principalKind(target.kind).value_or(PrincipalKind::User);
    return membership(ChangeOp::AddMember, group, kind, target.id, snapshot.nameOf(kind, target.id));
}

} // namespace scimitar::gui
