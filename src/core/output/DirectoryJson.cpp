#include "output/DirectoryJson.h"

namespace scimitar {

namespace {

QJsonArray groupNames(const DirectorySnapshot& snapshot, const QStringList& groupIds)
{
    QJsonArray names;
    for (const QString& id : groupIds)
        names.append(snapshot.groupName(id));
    return names;
}

} // namespace

QString DirectoryJson::typeName(bool direct)
{
    return direct ? QStringLiteral("direct") : QStringLiteral("indirect");
}

QJsonArray DirectoryJson::grants(const DirectorySnapshot& snapshot, const QList<EffectiveGrant>& grants)
{
    QJsonArray array;
    for (const EffectiveGrant& grant : grants) {
        QJsonObject object{{QStringLiteral("value"), grant.value}, {QStringLiteral("type"), typeName(grant.direct)}};
        if (!grant.direct) {
            object.insert(QStringLiteral("via"), snapshot.groupName(grant.grantingGroupId));
            object.insert(QStringLiteral("viaId"), grant.grantingGroupId);
            object.insert(QStringLiteral("path"), groupNames(snapshot, grant.path));
        }
        array.append(object);
    }
    return array;
}

QJsonArray DirectoryJson::memberships(const DirectorySnapshot& snapshot, const QList<EffectiveGroup>& groups)
{
    QJsonArray array;
    for (const EffectiveGroup& membership : groups) {
        QJsonObject object{{QStringLiteral("id"), membership.groupId},
                           {QStringLiteral("displayName"), snapshot.groupName(membership.groupId)},
                           {QStringLiteral("type"), typeName(membership.direct)}};
        if (!membership.direct)
            object.insert(QStringLiteral("path"), groupNames(snapshot, membership.path));
        array.append(object);
    }
    return array;
}

QJsonArray DirectoryJson::holders(const DirectorySnapshot& snapshot, const QList<Holder>& holders)
{
    QJsonArray array;
    for (const Holder& holder : holders) {
        QJsonObject object{{QStringLiteral("id"), holder.id},
                           {QStringLiteral("name"), snapshot.nameOf(holder.kind, holder.id)},
                           {QStringLiteral("kind"), principalKindName(holder.kind)},
                           {QStringLiteral("type"), typeName(holder.direct)}};
        if (holder.direct) {
            object.insert(QStringLiteral("via"), QJsonValue::Null);
            object.insert(QStringLiteral("viaId"), QJsonValue::Null);
        } else {
            object.insert(QStringLiteral("via"), snapshot.groupName(holder.grantingGroupId));
            object.insert(QStringLiteral("viaId"), holder.grantingGroupId);
            object.insert(QStringLiteral("path"), groupNames(snapshot, holder.path));
        }
        array.append(object);
    }
    return array;
}

QJsonObject DirectoryJson::user(const DirectorySnapshot& snapshot, const User& user)
{
    return {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("userName"), user.userName},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("active"), user.active},
        {QStringLiteral("emails"), QJsonArray::fromStringList(user.emails)},
        {QStringLiteral("groups"), memberships(snapshot, snapshot.groupsOf(PrincipalKind::User, user.id))},
        {QStringLiteral("roles"), grants(snapshot, snapshot.rolesOf(PrincipalKind::User, user.id))},
        {QStringLiteral("entitlements"), grants(snapshot, snapshot.entitlementsOf(PrincipalKind::User, user.id))},
    };
}

QJsonObject DirectoryJson::group(const DirectorySnapshot& snapshot, const Group& group)
{
    QJsonArray members;
    for (const MemberRef& member : group.members)
        members.append(QJsonObject{{QStringLiteral("id"), member.id},
                                   {QStringLiteral("display"), member.display},
                                   {QStringLiteral("kind"), principalKindName(member.kind)}});
    return {
        {QStringLiteral("id"), group.id},
        {QStringLiteral("displayName"), group.displayName},
        {QStringLiteral("source"), groupSourceLabel(group.source)},
        {QStringLiteral("members"), members},
        {QStringLiteral("roles"), grants(snapshot, snapshot.rolesOf(PrincipalKind::Group, group.id))},
        {QStringLiteral("entitlements"), grants(snapshot, snapshot.entitlementsOf(PrincipalKind::Group, group.id))},
    };
}

QJsonObject DirectoryJson::servicePrincipal(const DirectorySnapshot& snapshot, const ServicePrincipal& sp)
{
    constexpr PrincipalKind kind = PrincipalKind::ServicePrincipal;
    return {
        {QStringLiteral("id"), sp.id},
        {QStringLiteral("applicationId"), sp.applicationId},
        {QStringLiteral("displayName"), sp.displayName},
        {QStringLiteral("active"), sp.active},
        {QStringLiteral("groups"), memberships(snapshot, snapshot.groupsOf(kind, sp.id))},
        {QStringLiteral("roles"), grants(snapshot, snapshot.rolesOf(kind, sp.id))},
        {QStringLiteral("entitlements"), grants(snapshot, snapshot.entitlementsOf(kind, sp.id))},
    };
}

QJsonArray DirectoryJson::users(const DirectorySnapshot& snapshot)
{
    QJsonArray array;
    for (const User& item : snapshot.users())
        array.append(user(snapshot, item));
    return array;
}

QJsonArray DirectoryJson::groups(const DirectorySnapshot& snapshot)
{
    QJsonArray array;
    for (const Group& item : snapshot.groups())
        array.append(group(snapshot, item));
    return array;
}

QJsonArray DirectoryJson::servicePrincipals(const DirectorySnapshot& snapshot)
{
    QJsonArray array;
    for (const ServicePrincipal& item : snapshot.servicePrincipals())
        array.append(servicePrincipal(snapshot, item));
    return array;
}

QJsonArray DirectoryJson::roles(const DirectorySnapshot& snapshot)
{
    QJsonArray array;
    for (const QString& value : snapshot.roleValues())
        array.append(QJsonObject{{QStringLiteral("value"), value},
                                 {QStringLiteral("holders"), holders(snapshot, snapshot.holdersOfRole(value))}});
    return array;
}

} // namespace scimitar
