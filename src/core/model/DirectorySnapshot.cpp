#include "model/DirectorySnapshot.h"

#include <QSet>

#include <algorithm>

namespace scimitar {

namespace {

const QList<EffectiveGroup> kNoGroups;
const QList<EffectiveGrant> kNoGrants;
const QList<Holder> kNoHolders;

const QStringList kSystemGroupNames = {QStringLiteral("admins"), QStringLiteral("users"),
                                       QStringLiteral("account users")};

GroupSource deriveSource(const Group& group, DirectoryLevel level)
{
    if (kSystemGroupNames.contains(group.displayName.toLower()))
        return GroupSource::System;
    if (group.resourceType == QLatin1String("WorkspaceGroup"))
        return GroupSource::Workspace;
    if (group.resourceType == QLatin1String("Group") || level == DirectoryLevel::Account)
        return GroupSource::Account;
    return GroupSource::Unknown;
}

bool lessCaseInsensitive(const QString& a, const QString& b)
{
    const int c = a.compare(b, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a < b;
}

} // namespace

SnapshotPtr DirectorySnapshot::build(QList<User> users, QList<Group> groups, QList<ServicePrincipal> servicePrincipals,
                                     SnapshotInfo info)
{
    auto snapshot = std::make_shared<DirectorySnapshot>();
    // A stable order makes every view, export and later the drift report deterministic.
    std::stable_sort(users.begin(), users.end(),
                     [](const User& a, const User& b) { return lessCaseInsensitive(a.userName, b.userName); });
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group& a, const Group& b) { return lessCaseInsensitive(a.displayName, b.displayName); });
    std::stable_sort(servicePrincipals.begin(), servicePrincipals.end(),
                     [](const ServicePrincipal& a, const ServicePrincipal& b) {
                         return lessCaseInsensitive(a.displayName, b.displayName);
                     });
    for (Group& group : groups)
        group.source = deriveSource(group, info.level);
    snapshot->m_users = std::move(users);
    snapshot->m_groups = std::move(groups);
    snapshot->m_servicePrincipals = std::move(servicePrincipals);
    snapshot->m_info = std::move(info);
    snapshot->index();
    snapshot->resolveMemberKinds();
    snapshot->derive();
    return snapshot;
}

QString DirectorySnapshot::key(PrincipalKind kind, const QString& id)
{
    static const QChar prefixes[] = {QLatin1Char('u'), QLatin1Char('g'), QLatin1Char('s')};
    return prefixes[static_cast<int>(kind)] + id;
}

void DirectorySnapshot::index()
{
    for (qsizetype i = 0; i < m_users.size(); ++i) {
        m_userById.insert(m_users[i].id, i);
        m_userByLowerName.insert(m_users[i].userName.toLower(), i);
    }
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        m_groupById.insert(m_groups[i].id, i);
        m_groupByLowerName.insert(m_groups[i].displayName.toLower(), i);
    }
    for (qsizetype i = 0; i < m_servicePrincipals.size(); ++i) {
        m_spById.insert(m_servicePrincipals[i].id, i);
        if (!m_servicePrincipals[i].applicationId.isEmpty())
            m_spByApplicationId.insert(m_servicePrincipals[i].applicationId.toLower(), i);
    }
}

void DirectorySnapshot::resolveMemberKinds()
{
    // A member's $ref names its kind, but not every server sends it; what we actually loaded is authoritative.
    for (Group& group : m_groups) {
        for (MemberRef& member : group.members) {
            if (m_userById.contains(member.id))
                member.kind = PrincipalKind::User;
            else if (m_groupById.contains(member.id))
                member.kind = PrincipalKind::Group;
            else if (m_spById.contains(member.id))
                member.kind = PrincipalKind::ServicePrincipal;
            if (member.display.isEmpty())
                member.display = nameOf(member.kind, member.id);
            QStringList& parents = m_parentGroupIds[key(member.kind, member.id)];
            if (!parents.contains(group.id))
                parents.append(group.id);
        }
    }
}

DirectorySnapshot::Derived DirectorySnapshot::deriveFor(PrincipalKind kind, const QString& id,
                                                        const QStringList& ownRoles,
                                                        const QStringList& ownEntitlements) const
{
    Derived derived;
    // Breadth-first up the parent chain: the first path found to a group is a shortest one. `seen` makes
    // membership cycles (which Databricks should refuse, but data is data) terminate.
    QSet<QString> seen;
    QList<EffectiveGroup> queue;
    for (const QString& parent : m_parentGroupIds.value(key(kind, id)))
        queue.append({parent, true, {}});
    for (qsizetype head = 0; head < queue.size(); ++head) {
        const EffectiveGroup current = queue[head];
        if (seen.contains(current.groupId))
            continue;
        seen.insert(current.groupId);
        derived.groups.append(current);
        QStringList nextPath = current.path;
        nextPath.append(current.groupId);
        for (const QString& parent : m_parentGroupIds.value(key(PrincipalKind::Group, current.groupId)))
            if (!seen.contains(parent))
                queue.append({parent, false, nextPath});
    }

    for (const QString& role : ownRoles)
        derived.roles.append({role, true, {}, {}});
    for (const QString& entitlement : ownEntitlements)
        derived.entitlements.append({entitlement, true, {}, {}});
    for (const EffectiveGroup& membership : std::as_const(derived.groups)) {
        const Group* group = findGroup(membership.groupId);
        if (!group)
            continue;
        QStringList path = membership.path;
        path.append(membership.groupId);
        for (const QString& role : group->roles)
            derived.roles.append({role, false, group->id, path});
        for (const QString& entitlement : group->entitlements)
            derived.entitlements.append({entitlement, false, group->id, path});
    }
    return derived;
}

void DirectorySnapshot::derive()
{
    auto record = [this](PrincipalKind kind, const QString& id, const QStringList& roles,
                         const QStringList& entitlements) {
        Derived derived = deriveFor(kind, id, roles, entitlements);
        for (const EffectiveGrant& grant : std::as_const(derived.roles))
            m_roleHolders[grant.value].append({kind, id, grant.direct, grant.grantingGroupId, grant.path});
        for (const EffectiveGrant& grant : std::as_const(derived.entitlements))
            m_entitlementHolders[grant.value].append({kind, id, grant.direct, grant.grantingGroupId, grant.path});
        m_derived.insert(key(kind, id), std::move(derived));
    };
    for (const User& user : std::as_const(m_users))
        record(PrincipalKind::User, user.id, user.roles, user.entitlements);
    for (const Group& group : std::as_const(m_groups))
        record(PrincipalKind::Group, group.id, group.roles, group.entitlements);
    for (const ServicePrincipal& sp : std::as_const(m_servicePrincipals))
        record(PrincipalKind::ServicePrincipal, sp.id, sp.roles, sp.entitlements);

    m_roleValues = m_roleHolders.keys();
    m_entitlementValues = m_entitlementHolders.keys();
    std::sort(m_roleValues.begin(), m_roleValues.end(), lessCaseInsensitive);
    std::sort(m_entitlementValues.begin(), m_entitlementValues.end(), lessCaseInsensitive);
}

const User* DirectorySnapshot::findUser(const QString& id) const
{
    const auto it = m_userById.constFind(id);
    return it == m_userById.cend() ? nullptr : &m_users[*it];
}

const User* DirectorySnapshot::findUserByName(const QString& userName) const
{
    const auto it = m_userByLowerName.constFind(userName.toLower());
    return it == m_userByLowerName.cend() ? nullptr : &m_users[*it];
}

const Group* DirectorySnapshot::findGroup(const QString& id) const
{
    const auto it = m_groupById.constFind(id);
    return it == m_groupById.cend() ? nullptr : &m_groups[*it];
}

const Group* DirectorySnapshot::findGroupByName(const QString& displayName) const
{
    const auto it = m_groupByLowerName.constFind(displayName.toLower());
    return it == m_groupByLowerName.cend() ? nullptr : &m_groups[*it];
}

const ServicePrincipal* DirectorySnapshot::findServicePrincipal(const QString& id) const
{
    const auto it = m_spById.constFind(id);
    return it == m_spById.cend() ? nullptr : &m_servicePrincipals[*it];
}

const ServicePrincipal* DirectorySnapshot::findServicePrincipalByApplicationId(const QString& applicationId) const
{
    const auto it = m_spByApplicationId.constFind(applicationId.toLower());
    return it == m_spByApplicationId.cend() ? nullptr : &m_servicePrincipals[*it];
}

QString DirectorySnapshot::nameOf(PrincipalKind kind, const QString& id) const
{
    switch (kind) {
    case PrincipalKind::User:
        if (const User* user = findUser(id))
            return user->userName;
        break;
    case PrincipalKind::Group:
        if (const Group* group = findGroup(id))
            return group->displayName;
        break;
    case PrincipalKind::ServicePrincipal:
        if (const ServicePrincipal* sp = findServicePrincipal(id))
            return sp->displayName.isEmpty() ? sp->applicationId : sp->displayName;
        break;
    }
    return id;
}

const QList<EffectiveGroup>& DirectorySnapshot::groupsOf(PrincipalKind kind, const QString& id) const
{
    const auto it = m_derived.constFind(key(kind, id));
    return it == m_derived.cend() ? kNoGroups : it->groups;
}

const QList<EffectiveGrant>& DirectorySnapshot::rolesOf(PrincipalKind kind, const QString& id) const
{
    const auto it = m_derived.constFind(key(kind, id));
    return it == m_derived.cend() ? kNoGrants : it->roles;
}

const QList<EffectiveGrant>& DirectorySnapshot::entitlementsOf(PrincipalKind kind, const QString& id) const
{
    const auto it = m_derived.constFind(key(kind, id));
    return it == m_derived.cend() ? kNoGrants : it->entitlements;
}

const QList<Holder>& DirectorySnapshot::holdersOfRole(const QString& value) const
{
    const auto it = m_roleHolders.constFind(value);
    return it == m_roleHolders.cend() ? kNoHolders : *it;
}

const QList<Holder>& DirectorySnapshot::holdersOfEntitlement(const QString& value) const
{
    const auto it = m_entitlementHolders.constFind(value);
    return it == m_entitlementHolders.cend() ? kNoHolders : *it;
}

QList<Holder> DirectorySnapshot::transitiveMembers(const QString& groupId) const
{
    QList<Holder> result;
    QSet<QString> seenGroups{groupId};
    QSet<QString> seenMembers;
    struct Pending
    {
        QString groupId;
        QStringList path;
    };
    QList<Pending> queue{{groupId, {}}};
    for (qsizetype head = 0; head < queue.size(); ++head) {
        const Pending current = queue[head];
        const Group* group = findGroup(current.groupId);
        if (!group)
            continue;
        for (const MemberRef& member : group->members) {
            const QString memberKey = key(member.kind, member.id);
            if (seenMembers.contains(memberKey))
                continue;
            seenMembers.insert(memberKey);
            const bool direct = current.groupId == groupId;
            result.append({member.kind, member.id, direct, direct ? QString() : current.groupId, current.path});
            if (member.kind == PrincipalKind::Group && !seenGroups.contains(member.id)) {
                seenGroups.insert(member.id);
                QStringList path = current.path;
                path.append(member.id);
                queue.append({member.id, path});
            }
        }
    }
    return result;
}

} // namespace scimitar
