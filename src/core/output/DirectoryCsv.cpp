#include "output/DirectoryCsv.h"

#include "output/CsvWriter.h"

namespace scimitar {

namespace {

QString joined(const QStringList& values)
{
    return values.join(DirectoryCsv::listSeparator());
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString viaText(const DirectorySnapshot& snapshot, const QString& value, const QString& groupId)
{
    return QStringLiteral("%1 (via %2)").arg(value, snapshot.groupName(groupId));
}

// Two cells: direct values, then inherited ones with the group that grants them.
QStringList grantCells(const DirectorySnapshot& snapshot, const QList<EffectiveGrant>& grants)
{
    QStringList direct;
    QStringList indirect;
    for (const EffectiveGrant& grant : grants) {
        if (grant.direct)
            direct.append(grant.value);
        else
            indirect.append(viaText(snapshot, grant.value, grant.grantingGroupId));
    }
    return {joined(direct), joined(indirect)};
}

QStringList groupCells(const DirectorySnapshot& snapshot, const QList<EffectiveGroup>& groups)
{
    QStringList direct;
    QStringList indirect;
    for (const EffectiveGroup& membership : groups)
        (membership.direct ? direct : indirect).append(snapshot.groupName(membership.groupId));
    return {joined(direct), joined(indirect)};
}

QStringList accessCells(const DirectorySnapshot& snapshot, PrincipalKind kind, const QString& id)
{
    return grantCells(snapshot, snapshot.rolesOf(kind, id)) + grantCells(snapshot, snapshot.entitlementsOf(kind, id));
}

const QStringList kAccessColumns = {QStringLiteral("directRoles"), QStringLiteral("indirectRoles"),
                                    QStringLiteral("directEntitlements"), QStringLiteral("indirectEntitlements")};

} // namespace

QStringList DirectoryCsv::userColumns()
{
    return QStringList{QStringLiteral("id"),
                       QStringLiteral("userName"),
                       QStringLiteral("displayName"),
                       QStringLiteral("active"),
                       QStringLiteral("emails"),
                       QStringLiteral("directGroups"),
                       QStringLiteral("indirectGroups")} +
           kAccessColumns;
}

QStringList DirectoryCsv::groupColumns()
{
    return QStringList{QStringLiteral("id"),           QStringLiteral("displayName"),
                       QStringLiteral("source"),       QStringLiteral("memberUsers"),
                       QStringLiteral("memberGroups"), QStringLiteral("memberServicePrincipals")} +
           kAccessColumns;
}

QStringList DirectoryCsv::servicePrincipalColumns()
{
    return QStringList{QStringLiteral("id"),     QStringLiteral("applicationId"), QStringLiteral("displayName"),
                       QStringLiteral("active"), QStringLiteral("directGroups"),  QStringLiteral("indirectGroups")} +
           kAccessColumns;
}

QStringList DirectoryCsv::roleColumns()
{
    return {QStringLiteral("value"),      QStringLiteral("holderId"), QStringLiteral("holderName"),
            QStringLiteral("holderKind"), QStringLiteral("type"),     QStringLiteral("via")};
}

QString DirectoryCsv::users(const DirectorySnapshot& snapshot)
{
    CsvWriter csv;
    csv.addRow(userColumns());
    for (const User& user : snapshot.users())
        csv.addRow(QStringList{user.id, user.userName, user.displayName, boolText(user.active), joined(user.emails)} +
                   groupCells(snapshot, snapshot.groupsOf(PrincipalKind::User, user.id)) +
                   accessCells(snapshot, PrincipalKind::User, user.id));
    return csv.text();
}

QString DirectoryCsv::groups(const DirectorySnapshot& snapshot)
{
    CsvWriter csv;
    csv.addRow(groupColumns());
    for (const Group& group : snapshot.groups()) {
        // Users by userName (unique), groups and service principals by the name people see.
        QStringList byKind[3];
        for (const MemberRef& member : group.members)
            byKind[static_cast<int>(member.kind)].append(snapshot.nameOf(member.kind, member.id));
        csv.addRow(QStringList{group.id, group.displayName, groupSourceLabel(group.source), joined(byKind[0]),
                               joined(byKind[1]), joined(byKind[2])} +
                   accessCells(snapshot, PrincipalKind::Group, group.id));
    }
    return csv.text();
}

QString DirectoryCsv::servicePrincipals(const DirectorySnapshot& snapshot)
{
    CsvWriter csv;
    csv.addRow(servicePrincipalColumns());
    for (const ServicePrincipal& sp : snapshot.servicePrincipals())
        csv.addRow(QStringList{sp.id, sp.applicationId, sp.displayName, boolText(sp.active)} +
                   groupCells(snapshot, snapshot.groupsOf(PrincipalKind::ServicePrincipal, sp.id)) +
                   accessCells(snapshot, PrincipalKind::ServicePrincipal, sp.id));
    return csv.text();
}

QString DirectoryCsv::roles(const DirectorySnapshot& snapshot)
{
    CsvWriter csv;
    csv.addRow(roleColumns());
    for (const QString& value : snapshot.roleValues())
        for (const Holder& holder : snapshot.holdersOfRole(value))
            csv.addRow({value, holder.id, snapshot.nameOf(holder.kind, holder.id), principalKindName(holder.kind),
                        holder.direct ? QStringLiteral("direct") : QStringLiteral("indirect"),
                        holder.direct ? QString() : snapshot.groupName(holder.grantingGroupId)});
    return csv.text();
}

} // namespace scimitar
