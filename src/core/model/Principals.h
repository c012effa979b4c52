#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Plain value types for what Databricks SCIM returns. They hold only what the server said ("direct" data);
// everything derived — inherited groups, inherited roles, holder indexes — lives in DirectorySnapshot.
namespace scimitar {

enum class PrincipalKind
{
    User,
    Group,
    ServicePrincipal,
};

QString principalKindName(PrincipalKind kind); // "user", "group", "servicePrincipal" (the CLI JSON contract)
QString principalKindLabel(PrincipalKind kind); // "User", "Group", "Service principal" (for people)
// "arn:aws:iam::123456789012:instance-profile/pii-read" -> "pii-read": instance-profile ARNs are long, and people
// know them by the profile name at the end. Anything that is not an ARN comes back as it is.
QString shortRoleName(const QString& value);

// Where a group comes from, in Databricks' own words (Account / Workspace / System).
enum class GroupSource
{
    Account,
    Workspace,
    System,
    Unknown,
};

QString groupSourceLabel(GroupSource source);

struct MemberRef
{
    QString id;
    QString display;
    PrincipalKind kind = PrincipalKind::User;
};

struct User
{
    QString id;
    QString userName;
    QString displayName;
    bool active = true;
    QStringList emails;
    QString givenName;
    QString familyName;
    QString externalId;
    QStringList roles;        // held directly on the user
    QStringList entitlements; // held directly on the user
};

struct Group
{
    QString id;
    QString displayName;
    QString externalId;
    QString resourceType; // meta.resourceType: "WorkspaceGroup" or "Group"
    GroupSource source = GroupSource::Unknown;
    QList<MemberRef> members;
    QStringList roles;
    QStringList entitlements;
};

struct ServicePrincipal
{
    QString id;
    QString applicationId;
    QString displayName;
    bool active = true;
    QString externalId;
    QStringList roles;
    QStringList entitlements;
};

} // namespace scimitar
