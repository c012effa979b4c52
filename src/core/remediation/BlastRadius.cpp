#include "remediation/BlastRadius.h"

#include "drift/FindingJson.h"
#include "remediation/FindingChanges.h"

#include <QSet>

namespace scimitar {

namespace {

QSet<QString> directParentIds(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id)
{
    QSet<QString> parents;
    for (const EffectiveGroup& group : snapshot.groupsOf(kind, id))
        if (group.direct)
            parents.insert(group.groupId);
    return parents;
}

// Every group reachable upwards from `start` (inclusive), never passing through `cut`.
QSet<QString> closure(const DirectorySnapshot& snapshot, QSet<QString> start, const QString& cut = {})
{
    start.remove(cut);
    QSet<QString> seen;
    QList<QString> queue(start.cbegin(), start.cend());
    while (!queue.isEmpty()) {
        const QString id = queue.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        for (const QString& parent : directParentIds(snapshot, PrincipalKind::Group, id))
            if (parent != cut && !seen.contains(parent))
                queue.append(parent);
    }
    return seen;
}

// The values a principal holds directly, and through the groups in `groups` (except `withoutOn`'s `without`).
QSet<QString> heldValues(const DirectorySnapshot& snapshot, const QStringList& own, const QSet<QString>& groups,
                         bool roles, const QString& withoutOn = {}, const QString& without = {})
{
    QSet<QString> values(own.cbegin(), own.cend());
    for (const QString& groupId : groups) {
        const Group* group = snapshot.findGroup(groupId);
        if (!group)
            continue;
        for (const QString& value : roles ? group->roles : group->entitlements)
            if (!(groupId == withoutOn && value == without))
                values.insert(value);
    }
    return values;
}

struct Own
{
    QStringList roles;
    QStringList entitlements;
    bool found = false;
};

Own ownGrants(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id)
{
    if (kind == PrincipalKind::User) {
        if (const User* user = snapshot.findUser(id))
            return {user->roles, user->entitlements, true};
    } else if (kind == PrincipalKind::ServicePrincipal) {
        if (const ServicePrincipal* sp = snapshot.findServicePrincipal(id))
            return {sp->roles, sp->entitlements, true};
    } else if (const Group* group = snapshot.findGroup(id)) {
        return {group->roles, group->entitlements, true};
    }
    return {};
}

QStringList sorted(const QSet<QString>& values)
{
    QStringList list(values.cbegin(), values.cend());
    list.sort(Qt::CaseInsensitive);
    return list;
}

void addLost(QList<SideEffect>* effects, SideEffect::Kind kind, const QSet<QString>& before, const QSet<QString>& after,
             const QString& via, const QString& principal = {}, const QString& ownTarget = {})
{
    for (const QString& value : sorted(before - after))
        if (value != ownTarget)
            effects->append({kind, value, via, principal});
}

// A member leaves `groupId`: what comes only through it goes.
void memberRemoval(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id, const QString& groupId,
                   BlastRadius* radius)
{
    const Own own = ownGrants(snapshot, kind, id);
    const QSet<QString> parents = directParentIds(snapshot, kind, id);
    const QSet<QString> before = closure(snapshot, parents);
    const QSet<QString> after = closure(snapshot, parents, groupId);
    const QString via = snapshot.groupName(groupId);
    QSet<QString> lostGroups;
    for (const QString& group : before - after)
        if (group != groupId)
            lostGroups.insert(snapshot.groupName(group));
    for (const QString& name : sorted(lostGroups))
        radius->sideEffects.append({SideEffect::Kind::Group, name, via, {}});
    addLost(&radius->sideEffects, SideEffect::Kind::Role, heldValues(snapshot, own.roles, before, true),
            heldValues(snapshot, own.roles, after, true), via);
    addLost(&radius->sideEffects, SideEffect::Kind::Entitlement, heldValues(snapshot, own.entitlements, before, false),
            heldValues(snapshot, own.entitlements, after, false), via);
}

// A role or entitlement is removed from the object itself.
void grantRemoval(const DirectorySnapshot& snapshot, const Change& change, bool role, BlastRadius* radius)
{
    if (change.objectKind == PrincipalKind::Group) {
        // Every member holding it only through this group loses it.
        for (const Holder& member : snapshot.transitiveMembers(change.objectId)) {
            if (member.kind == PrincipalKind::Group)
                continue;
            const Own own = ownGrants(snapshot, member.kind, member.id);
            const QSet<QString> groups = closure(snapshot, directParentIds(snapshot, member.kind, member.id));
            const QStringList& ownValues = role ? own.roles : own.entitlements;
            const QSet<QString> after = heldValues(snapshot, ownValues, groups, role, change.objectId, change.value);
            if (!after.contains(change.value))
                radius->sideEffects.append({role ? SideEffect::Kind::Role : SideEffect::Kind::Entitlement, change.value,
                                            change.objectName, snapshot.nameOf(member.kind, member.id)});
        }
        return;
    }
    // On a user or service principal: only the direct grant goes; a group that grants it too keeps it held.
    QSet<QString> through;
    const QList<EffectiveGrant>& grants = role ? snapshot.rolesOf(change.objectKind, change.objectId)
                                               : snapshot.entitlementsOf(change.objectKind, change.objectId);
    for (const EffectiveGrant& grant : grants)
        if (!grant.direct && grant.value == change.value)
            through.insert(snapshot.groupName(grant.grantingGroupId));
    radius->stillHeldThrough = sorted(through);
}

void deactivation(const DirectorySnapshot& snapshot, const Change& change, BlastRadius* radius)
{
    const QString via = QStringLiteral("deactivation");
    QSet<QString> roles;
    for (const EffectiveGrant& grant : snapshot.rolesOf(change.objectKind, change.objectId))
        roles.insert(grant.value);
    QSet<QString> entitlements;
    for (const EffectiveGrant& grant : snapshot.entitlementsOf(change.objectKind, change.objectId))
        entitlements.insert(grant.value);
    QSet<QString> groups;
    for (const EffectiveGroup& group : snapshot.groupsOf(change.objectKind, change.objectId))
        groups.insert(snapshot.groupName(group.groupId));
    for (const QString& value : sorted(roles))
        radius->sideEffects.append({SideEffect::Kind::Role, value, via, {}});
    for (const QString& value : sorted(entitlements))
        radius->sideEffects.append({SideEffect::Kind::Entitlement, value, via, {}});
    for (const QString& name : sorted(groups))
        radius->sideEffects.append({SideEffect::Kind::Group, name, via, {}});
}

} // namespace

QString sideEffectKindName(SideEffect::Kind kind)
{
    switch (kind) {
    case SideEffect::Kind::Role:
        return QStringLiteral("role");
    case SideEffect::Kind::Entitlement:
        return QStringLiteral("entitlement");
    case SideEffect::Kind::Group:
        return QStringLiteral("group");
    }
    return {};
}

BlastRadius BlastRadius::of(const Change& change, const DirectorySnapshot& snapshot)
{
    BlastRadius radius;
    switch (change.op) {
    case ChangeOp::RemoveMember:
        memberRemoval(snapshot, change.memberKind, change.value, change.objectId, &radius);
        break;
    case ChangeOp::RemoveRole:
        grantRemoval(snapshot, change, true, &radius);
        break;
    case ChangeOp::RemoveEntitlement:
        grantRemoval(snapshot, change, false, &radius);
        break;
    case ChangeOp::Deactivate:
        deactivation(snapshot, change, &radius);
        break;
    case ChangeOp::AddRole:
    case ChangeOp::AddEntitlement:
    case ChangeOp::AddMember:
    case ChangeOp::Reactivate:
        break; // adding takes nothing away
    }
    return radius;
}

QJsonObject BlastRadius::json(const SideEffect& effect)
{
    return {
        {QStringLiteral("kind"), sideEffectKindName(effect.kind)},
        {QStringLiteral("value"), effect.value},
        {QStringLiteral("via"), effect.via},
        {QStringLiteral("principal"), effect.principal.isEmpty() ? QJsonValue() : QJsonValue(effect.principal)},
    };
}

QJsonArray BlastRadius::findingsJson(const QList<Finding>& findings, const DirectorySnapshot* snapshot)
{
    QJsonArray array = FindingJson::findings(findings);
    for (qsizetype i = 0; i < findings.size() && i < array.size(); ++i) {
        QJsonObject object = array.at(i).toObject();
        QJsonArray sideEffects;
        QJsonArray stillHeld;
        QString reason;
        const std::optional<Change> change =
            snapshot ? FindingChanges::changeFor(findings.at(i), snapshot, &reason) : std::nullopt;
        if (change) {
            const BlastRadius radius = of(*change, *snapshot);
            // The finding's own target (the role a member removal is about) is what the change is for.
            for (const SideEffect& effect : radius.sideEffects)
                if (!(effect.principal.isEmpty() && effect.value == findings.at(i).target))
                    sideEffects.append(json(effect));
            for (const QString& group : radius.stillHeldThrough)
                stillHeld.append(group);
        }
        object.insert(QStringLiteral("sideEffects"), sideEffects);
        object.insert(QStringLiteral("stillHeldThrough"), stillHeld);
        array.replace(i, object);
    }
    return array;
}

} // namespace scimitar
