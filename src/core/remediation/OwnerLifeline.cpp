#include "remediation/OwnerLifeline.h"

#include "model/DirectorySnapshot.h"

#include <QHash>
#include <algorithm>

namespace scimitar {

namespace {

const QString kAdmins = QStringLiteral("admins");
const QString kAccountAdmin = QStringLiteral("account_admin");

bool isAccountAdmin(const QString& role)
{
    return role.compare(kAccountAdmin, Qt::CaseInsensitive) == 0;
}

} // namespace

OwnerLifeline OwnerLifeline::fromSnapshot(const DirectorySnapshot& snapshot, const QString& ownerId)
{
    OwnerLifeline lifeline;
    lifeline.m_ownerId = ownerId;
    const User* user = snapshot.findUser(ownerId);
    const ServicePrincipal* principal = user ? nullptr : snapshot.findServicePrincipal(ownerId);
    if (ownerId.isEmpty() || (!user && !principal))
        return lifeline;
    if (user ? user->roles.contains(kAccountAdmin, Qt::CaseInsensitive)
             : principal->roles.contains(kAccountAdmin, Qt::CaseInsensitive))
        lifeline.m_roleHolders.insert(ownerId);

    // Parents of every member, by id (ids are unique across kinds in Databricks).
    QHash<QString, QStringList> parents;
    for (const Group& group : snapshot.groups()) {
        lifeline.m_names.insert(group.id, group.displayName);
        for (const MemberRef& member : group.members)
            parents[member.id].append(group.id);
    }
    // Everything the owner reaches, then which of those lead on to admins or to account_admin (a fixpoint, so
    // cycles end).
    QSet<QString> reached{ownerId};
    QList<QString> queue{ownerId};
    while (!queue.isEmpty()) {
        const QString id = queue.takeFirst();
        for (const QString& parent : parents.value(id)) {
            if (!reached.contains(parent)) {
                reached.insert(parent);
                queue.append(parent);
            }
        }
    }
    QSet<QString> leadsOn;
    for (const QString& id : std::as_const(reached)) {
        const Group* group = id == ownerId ? nullptr : snapshot.findGroup(id);
        if (!group)
            continue;
        const bool admins = group->displayName.compare(kAdmins, Qt::CaseInsensitive) == 0;
        const bool grantsAccountAdmin = std::any_of(group->roles.cbegin(), group->roles.cend(), isAccountAdmin);
        if (admins || grantsAccountAdmin)
            leadsOn.insert(id);
        if (grantsAccountAdmin)
            lifeline.m_roleHolders.insert(id);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const QString& id : std::as_const(reached)) {
            if (id == ownerId || leadsOn.contains(id))
                continue;
            const QStringList& up = parents[id];
            if (std::any_of(up.cbegin(), up.cend(), [&](const QString& parent) { return leadsOn.contains(parent); })) {
                leadsOn.insert(id);
                grew = true;
            }
        }
    }
    // A membership is on a path when its member is reached from the owner and its group leads on.
    for (const QString& id : std::as_const(reached)) {
        for (const QString& parent : parents.value(id)) {
            if (leadsOn.contains(parent))
                lifeline.m_edges.insert(edgeKey(id, parent));
        }
    }
    return lifeline;
}

OwnerLifeline OwnerLifeline::fromMe(const QString& ownerId, const QList<MeGroup>& groups, const QStringList& roles,
                                    bool groupsListed)
{
    OwnerLifeline lifeline;
    lifeline.m_ownerId = ownerId;
    if (ownerId.isEmpty())
        return lifeline;
    lifeline.m_groupsUnknown = !groupsListed;
    const bool inAdmins = std::any_of(groups.cbegin(), groups.cend(), [](const MeGroup& group) {
        return group.displayName.compare(kAdmins, Qt::CaseInsensitive) == 0;
    });
    const bool accountAdmin = std::any_of(roles.cbegin(), roles.cend(), isAccountAdmin);
    if (!inAdmins && !accountAdmin)
        return lifeline; // nothing to lose that the owner rule itself does not already keep
    lifeline.m_anyEdgeAmong.insert(ownerId);
    for (const MeGroup& group : groups) {
        lifeline.m_anyEdgeAmong.insert(group.id);
        lifeline.m_names.insert(group.id, group.displayName);
    }
    if (accountAdmin)
        lifeline.m_roleHolders = lifeline.m_anyEdgeAmong; // which one grants it is not known: all of them may
    return lifeline;
}

QString OwnerLifeline::cut(const Change& change, const QString& ownerName) const
{
    if (m_ownerId.isEmpty())
        return {};
    if (change.op == ChangeOp::RemoveMember) {
        const QString& member = change.value;
        const bool onPath = m_edges.contains(edgeKey(member, change.objectId)) ||
                            (m_anyEdgeAmong.contains(member) && m_anyEdgeAmong.contains(change.objectId));
        if (onPath) {
            const QString memberName = change.memberName.isEmpty() ? m_names.value(member, member) : change.memberName;
            return QStringLiteral("%1 owns the token Scimitar signs in with and is an administrator through %2 in %3; "
                                  "removing it would lock Scimitar out.")
                .arg(ownerName, memberName, change.objectName);
        }
    }
    if (m_groupsUnknown && change.op == ChangeOp::RemoveMember && change.memberKind == PrincipalKind::Group &&
        change.objectName.compare(kAdmins, Qt::CaseInsensitive) == 0)
        return QStringLiteral("The token owner's groups are not known (/Me listed none), so taking the group %1 out of "
                              "admins could lock Scimitar out; it is not sent.")
            .arg(change.memberName.isEmpty() ? change.value : change.memberName);
    if (m_groupsUnknown && change.op == ChangeOp::RemoveRole && isAccountAdmin(change.value) &&
        change.objectKind == PrincipalKind::Group)
        return QStringLiteral("The token owner's groups are not known (/Me listed none), so taking account_admin off "
                              "the group %1 could lock Scimitar out of the account; it is not sent.")
            .arg(change.objectName);
    if (change.op == ChangeOp::RemoveRole && isAccountAdmin(change.value) && m_roleHolders.contains(change.objectId))
        return QStringLiteral("%1 owns the token Scimitar signs in with and holds account_admin through %2; removing "
                              "it would lock Scimitar out of the account.")
            .arg(ownerName, change.objectName);
    return {};
}

} // namespace scimitar
