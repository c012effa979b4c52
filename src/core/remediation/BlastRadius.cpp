#include "remediation/BlastRadius.h"

#include "drift/FindingJson.h"
#include "policy/JsonCheck.h"
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

using Edge = QPair<QString, QString>; // (object id, member id or value)

// What a set of changes removes, as edges cut out of the snapshot's graph.
struct Cuts
{
    QSet<Edge> memberships; // (group id, member id)
    QSet<Edge> roles;       // (object id, value)
    QSet<Edge> entitlements;
    QSet<QString> deactivated;

    void add(const Change& change)
    {
        switch (change.op) {
        case ChangeOp::RemoveMember:
            memberships.insert({change.objectId, change.value});
            break;
        case ChangeOp::RemoveRole:
            roles.insert({change.objectId, change.value});
            break;
        case ChangeOp::RemoveEntitlement:
            entitlements.insert({change.objectId, change.value});
            break;
        case ChangeOp::Deactivate:
            deactivated.insert(change.objectId);
            break;
        case ChangeOp::AddRole:
        case ChangeOp::AddEntitlement:
        case ChangeOp::AddMember:
        case ChangeOp::Reactivate:
            break; // adding takes nothing away
        }
    }
};

// A principal's effective access with `cuts` applied: groups (ids) reached through nested membership, cycle-safe,
// and the roles and entitlements held directly or through them.
struct Access
{
    QSet<QString> groups;
    QSet<QString> roles;
    QSet<QString> entitlements;
};

QSet<QString> parentsOf(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id, const Cuts& cuts)
{
    QSet<QString> parents;
    for (const QString& parent : directParentIds(snapshot, kind, id))
        if (!cuts.memberships.contains({parent, id}))
            parents.insert(parent);
    return parents;
}

Access accessOf(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id, const Cuts& cuts)
{
    Access access;
    if (cuts.deactivated.contains(id))
        return access; // a deactivated principal holds nothing it can use
    QList<QString> queue;
    for (const QString& parent : parentsOf(snapshot, kind, id, cuts))
        queue.append(parent);
    while (!queue.isEmpty()) {
        const QString groupId = queue.takeLast();
        if (access.groups.contains(groupId))
            continue;
        access.groups.insert(groupId);
        for (const QString& parent : parentsOf(snapshot, PrincipalKind::Group, groupId, cuts))
            if (!access.groups.contains(parent))
                queue.append(parent);
    }
    const auto addValues = [](QSet<QString>* out, const QString& objectId, const QStringList& values,
                              const QSet<Edge>& cut) {
        for (const QString& value : values)
            if (!cut.contains({objectId, value}))
                out->insert(value);
    };
    const Own own = ownGrants(snapshot, kind, id);
    addValues(&access.roles, id, own.roles, cuts.roles);
    addValues(&access.entitlements, id, own.entitlements, cuts.entitlements);
    for (const QString& groupId : std::as_const(access.groups)) {
        if (const Group* group = snapshot.findGroup(groupId)) {
            addValues(&access.roles, groupId, group->roles, cuts.roles);
            addValues(&access.entitlements, groupId, group->entitlements, cuts.entitlements);
        }
    }
    return access;
}

QString viaOf(const DirectorySnapshot& snapshot, const Change& change)
{
    switch (change.op) {
    case ChangeOp::Deactivate:
        return QStringLiteral("deactivation");
    case ChangeOp::RemoveMember:
        return change.objectName.isEmpty() ? snapshot.groupName(change.objectId) : change.objectName;
    default:
        return change.objectName.isEmpty() ? change.objectId : change.objectName;
    }
}

// A role or entitlement removed from a group reaches every member holding it only through that group.
void groupGrantRemoval(const DirectorySnapshot& snapshot, const Change& change, BlastRadius* radius)
{
    const bool role = change.op == ChangeOp::RemoveRole;
    Cuts cuts;
    cuts.add(change);
    for (const Holder& member : snapshot.transitiveMembers(change.objectId)) {
        if (member.kind == PrincipalKind::Group)
            continue;
        const Access after = accessOf(snapshot, member.kind, member.id, cuts);
        if (!(role ? after.roles : after.entitlements).contains(change.value))
            radius->sideEffects.append({role ? SideEffect::Kind::Role : SideEffect::Kind::Entitlement, change.value,
                                        viaOf(snapshot, change), snapshot.nameOf(member.kind, member.id)});
    }
}

// The changes on one principal, together: what it loses beyond `target`, each loss credited to the change that
// completes it, and the groups that still grant `target` afterwards.
void principalChanges(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id,
                      const QList<Change>& changes, const std::optional<AccessTarget>& target, BlastRadius* radius)
{
    const Access before = accessOf(snapshot, kind, id, Cuts());
    QList<Access> afterEach; // afterEach[k]: with changes[0..k] applied
    Cuts cuts;
    QSet<QString> cutGroups; // the groups the changes themselves take the principal out of: their own words
    for (const Change& change : changes) {
        cuts.add(change);
        if (change.op == ChangeOp::RemoveMember && change.value == id)
            cutGroups.insert(change.objectId);
        afterEach.append(accessOf(snapshot, kind, id, cuts));
    }
    if (afterEach.isEmpty())
        return;
    const Access& after = afterEach.last();
    const auto creditedVia = [&](const QString& value, QSet<QString> Access::*field) {
        for (qsizetype k = 0; k < afterEach.size(); ++k)
            if (!(afterEach.at(k).*field).contains(value))
                return viaOf(snapshot, changes.at(k));
        return QString();
    };
    const bool deactivates = !cuts.deactivated.isEmpty();
    QSet<QString> lostGroupNames;
    QHash<QString, QString> viaOfGroupName;
    for (const QString& groupId : before.groups - after.groups) {
        if (cutGroups.contains(groupId))
            continue;
        const QString name = snapshot.groupName(groupId);
        lostGroupNames.insert(name);
        viaOfGroupName.insert(name, creditedVia(groupId, &Access::groups));
    }
    const auto addLost = [&](SideEffect::Kind effectKind, QSet<QString> Access::*field) {
        for (const QString& value : sorted(before.*field - after.*field)) {
            if (target && target->kind == effectKind && value == target->value)
                continue;
            radius->sideEffects.append({effectKind, value, creditedVia(value, field), {}});
        }
    };
    // Deactivation lists what goes in the order a reviewer scans it: roles, entitlements, groups.
    if (!deactivates) {
        for (const QString& name : sorted(lostGroupNames))
            radius->sideEffects.append({SideEffect::Kind::Group, name, viaOfGroupName.value(name), {}});
    }
    addLost(SideEffect::Kind::Role, &Access::roles);
    addLost(SideEffect::Kind::Entitlement, &Access::entitlements);
    if (deactivates) {
        for (const QString& name : sorted(lostGroupNames))
            radius->sideEffects.append({SideEffect::Kind::Group, name, viaOfGroupName.value(name), {}});
    }

    if (!target || target->kind == SideEffect::Kind::Group)
        return;
    const bool role = target->kind == SideEffect::Kind::Role;
    if (!(role ? after.roles : after.entitlements).contains(target->value))
        return;
    QSet<QString> through;
    for (const QString& groupId : after.groups) {
        const Group* group = snapshot.findGroup(groupId);
        if (group && (role ? group->roles : group->entitlements).contains(target->value) &&
            !(role ? cuts.roles : cuts.entitlements).contains({groupId, target->value}))
            through.insert(group->displayName);
    }
    radius->stillHeldThrough = sorted(through);
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

std::optional<AccessTarget> AccessTarget::of(const Finding& finding)
{
    if (finding.kind != FindingKind::RoleWithoutGrant && finding.kind != FindingKind::EntitlementWithoutGrant)
        return std::nullopt;
    if (finding.target.isEmpty() || finding.principal.id.isEmpty())
        return std::nullopt;
    AccessTarget target;
    target.kind =
        finding.kind == FindingKind::RoleWithoutGrant ? SideEffect::Kind::Role : SideEffect::Kind::Entitlement;
    target.value = finding.target;
    target.principalKind = finding.principal.kind;
    target.principalId = finding.principal.id;
    target.principalName = finding.principal.userName;
    return target;
}

std::optional<AccessTarget> AccessTarget::of(const Change& change)
{
    if (change.op != ChangeOp::RemoveRole && change.op != ChangeOp::RemoveEntitlement)
        return std::nullopt;
    AccessTarget target;
    target.kind = change.op == ChangeOp::RemoveRole ? SideEffect::Kind::Role : SideEffect::Kind::Entitlement;
    target.value = change.value;
    target.principalKind = change.objectKind;
    target.principalId = change.objectId;
    target.principalName = change.objectName;
    return target;
}

BlastRadius BlastRadius::of(const Change& change, const DirectorySnapshot& snapshot)
{
    return of(QList<Change>{change}, snapshot, AccessTarget::of(change));
}

BlastRadius BlastRadius::of(const QList<Change>& changes, const DirectorySnapshot& snapshot,
                            const std::optional<AccessTarget>& target)
{
    BlastRadius radius;
    // Grants removed from a group reach its members; everything else is about the principal it is done to.
    QList<Change> onPrincipal;
    for (const Change& change : changes) {
        if (!change.revokesAccess())
            continue;
        if (change.objectKind == PrincipalKind::Group && change.op != ChangeOp::RemoveMember)
            groupGrantRemoval(snapshot, change, &radius);
        else
            onPrincipal.append(change);
    }
    // One principal per fix; a mixed list is measured principal by principal, in the order they come.
    QStringList order;
    QHash<QString, QList<Change>> byPrincipal;
    for (const Change& change : std::as_const(onPrincipal)) {
        const QString key = principalKindName(change.principalKind()) + QLatin1Char('/') + change.principalId();
        if (!byPrincipal.contains(key))
            order.append(key);
        byPrincipal[key].append(change);
    }
    for (const QString& key : std::as_const(order)) {
        const QList<Change>& own = byPrincipal[key];
        const Change& first = own.first();
        const bool targetsThem = target && target->principalId == first.principalId();
        principalChanges(snapshot, first.principalKind(), first.principalId(), own,
                         targetsThem || (target && target->principalId.isEmpty()) ? target : std::nullopt, &radius);
    }
    return radius;
}

QString BlastRadius::describe(const SideEffect& effect)
{
    QString text =
        QStringLiteral("%1 %2").arg(sideEffectKindName(effect.kind),
                                    effect.kind == SideEffect::Kind::Role ? shortRoleName(effect.value) : effect.value);
    if (!effect.principal.isEmpty())
        text += QStringLiteral(" for %1").arg(effect.principal);
    if (!effect.via.isEmpty())
        text += QStringLiteral(" (via %1)").arg(effect.via);
    return text;
}

QStringList BlastRadius::sentences(const QString& target) const
{
    QStringList lines;
    if (!sideEffects.isEmpty()) {
        QStringList parts;
        for (const SideEffect& effect : sideEffects)
            parts.append(describe(effect));
        lines.append(QStringLiteral("Also takes away: %1.").arg(parts.join(QStringLiteral(", "))));
    }
    if (!stillHeldThrough.isEmpty())
        lines.append(QStringLiteral("%1 is also held through %2: this change alone does not revoke it.")
                         .arg(target.isEmpty() ? QStringLiteral("The access") : shortRoleName(target),
                              stillHeldThrough.join(QStringLiteral(", "))));
    return lines;
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
        const std::optional<QList<Change>> changes =
            snapshot ? FindingChanges::changesFor(findings.at(i), snapshot, &reason) : std::nullopt;
        if (changes) {
            const BlastRadius radius = of(*changes, *snapshot, AccessTarget::of(findings.at(i)));
            // The finding's own target (the group a member is removed from, say) is what the change is for.
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

std::optional<QList<std::optional<BlastRadius>>> BlastRadius::read(const QJsonArray& array, QString* error)
{
    QList<std::optional<BlastRadius>> radii;
    const auto fail = [error](const QString& field, const QString& problem) {
        *error = QStringLiteral("%1: %2").arg(field, problem);
        return std::nullopt;
    };
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const QString where = QStringLiteral("findings[%1]").arg(i);
        const QJsonValue effects = object.value(QStringLiteral("sideEffects"));
        if (effects.isUndefined()) {
            radii.append(std::nullopt);
            continue;
        }
        if (!effects.isArray())
            return fail(where + QStringLiteral(".sideEffects"),
                        QStringLiteral("expected an array, not %1").arg(JsonCheck::quoted(effects)));
        BlastRadius radius;
        const QJsonArray list = effects.toArray();
        for (qsizetype k = 0; k < list.size(); ++k) {
            const QString at = QStringLiteral("%1.sideEffects[%2]").arg(where).arg(k);
            const QJsonObject entry = list.at(k).toObject();
            if (!list.at(k).isObject())
                return fail(at, QStringLiteral("expected an object, not %1").arg(JsonCheck::quoted(list.at(k))));
            SideEffect effect;
            const QString kind = entry.value(QStringLiteral("kind")).toString();
            bool known = false;
            for (SideEffect::Kind candidate :
                 {SideEffect::Kind::Role, SideEffect::Kind::Entitlement, SideEffect::Kind::Group}) {
                if (sideEffectKindName(candidate) == kind) {
                    effect.kind = candidate;
                    known = true;
                }
            }
            if (!known)
                return fail(at + QStringLiteral(".kind"),
                            QStringLiteral("%1 is not one of role, entitlement, group")
                                .arg(JsonCheck::quoted(entry.value(QStringLiteral("kind")))));
            for (const auto& [key, out] :
                 {std::pair{QStringLiteral("value"), &effect.value}, std::pair{QStringLiteral("via"), &effect.via}}) {
                const QJsonValue value = entry.value(key);
                if (!value.isString() || value.toString().isEmpty())
                    return fail(at + QLatin1Char('.') + key,
                                QStringLiteral("expected a non-empty string, not %1").arg(JsonCheck::quoted(value)));
                *out = value.toString();
            }
            const QJsonValue principal = entry.value(QStringLiteral("principal"));
            if (!principal.isNull() && !principal.isUndefined() && !principal.isString())
                return fail(at + QStringLiteral(".principal"),
                            QStringLiteral("expected a string or null, not %1").arg(JsonCheck::quoted(principal)));
            effect.principal = principal.toString();
            radius.sideEffects.append(effect);
        }
        const QJsonValue held = object.value(QStringLiteral("stillHeldThrough"));
        if (!held.isUndefined()) {
            if (!held.isArray())
                return fail(where + QStringLiteral(".stillHeldThrough"),
                            QStringLiteral("expected an array of group names, not %1").arg(JsonCheck::quoted(held)));
            for (const QJsonValue& name : held.toArray()) {
                if (!name.isString())
                    return fail(where + QStringLiteral(".stillHeldThrough"),
                                QStringLiteral("expected group names, found %1").arg(JsonCheck::quoted(name)));
                radius.stillHeldThrough.append(name.toString());
            }
        }
        radii.append(radius);
    }
    return radii;
}

} // namespace scimitar
