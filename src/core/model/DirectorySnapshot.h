#pragma once

#include "model/Principals.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace scimitar {

enum class DirectoryLevel
{
    Workspace,
    Account,
};

// A group a principal belongs to. `path` lists the groups between the principal and `groupId`, starting with the
// principal's direct group; it is empty for a direct membership.
struct EffectiveGroup
{
    QString groupId;
    bool direct = true;
    QStringList path;
};

// A role or entitlement a principal holds. Inherited ones name the group that holds the value directly
// (`grantingGroupId`) and the chain of groups from the principal's direct group up to it (`path`, inclusive).
struct EffectiveGrant
{
    QString value;
    bool direct = true;
    QString grantingGroupId;
    QStringList path;
};

// One way one principal holds a role or entitlement.
struct Holder
{
    PrincipalKind kind = PrincipalKind::User;
    QString id;
    bool direct = true;
    QString grantingGroupId;
    QStringList path;
};

struct SnapshotInfo
{
    QString connectionName;
    DirectoryLevel level = DirectoryLevel::Workspace;
    QDateTime loadedAt;
    qint64 loadMillis = 0;
    QString meId;          // the token owner, from /Me
    QString meUserName;
    QString meDisplayName;
    // Anything that makes the snapshot less than a full picture (a listing the server ended early, a repeating
    // page). Later features (drift) refuse to work from an incomplete snapshot.
    QStringList warnings;
    // How the load went, worth knowing but no gap in the data (a listing read again because it changed mid-read).
    QStringList notes;
};

// An immutable picture of one workspace or account: built once off the GUI thread, then shared read-only by
// models, the CLI and the drift engine. A refresh builds a new one and swaps it in.
class DirectorySnapshot
{
public:
    static std::shared_ptr<const DirectorySnapshot> build(QList<User> users, QList<Group> groups,
                                                          QList<ServicePrincipal> servicePrincipals,
                                                          SnapshotInfo info);

    const SnapshotInfo& info() const { return m_info; }
    bool isComplete() const { return m_info.warnings.isEmpty(); }

    const QList<User>& users() const { return m_users; }
    const QList<Group>& groups() const { return m_groups; }
    const QList<ServicePrincipal>& servicePrincipals() const { return m_servicePrincipals; }

    const User* findUser(const QString& id) const;
    const User* findUserByName(const QString& userName) const; // case-insensitive, as Databricks compares them
    const Group* findGroup(const QString& id) const;
    const Group* findGroupByName(const QString& displayName) const; // case-insensitive
    const ServicePrincipal* findServicePrincipal(const QString& id) const;
    const ServicePrincipal* findServicePrincipalByApplicationId(const QString& applicationId) const;

    // The name a person would recognise: userName for users, displayName otherwise; the id if unknown.
    QString nameOf(PrincipalKind kind, const QString& id) const;
    QString groupName(const QString& groupId) const { return nameOf(PrincipalKind::Group, groupId); }

    const QList<EffectiveGroup>& groupsOf(PrincipalKind kind, const QString& id) const;
    const QList<EffectiveGrant>& rolesOf(PrincipalKind kind, const QString& id) const;
    const QList<EffectiveGrant>& entitlementsOf(PrincipalKind kind, const QString& id) const;

    // Every member of a group, nested groups expanded (cycle-safe); direct members first.
    QList<Holder> transitiveMembers(const QString& groupId) const;

    const QStringList& roleValues() const { return m_roleValues; } // sorted
    const QStringList& entitlementValues() const { return m_entitlementValues; } // sorted
    const QList<Holder>& holdersOfRole(const QString& value) const;
    const QList<Holder>& holdersOfEntitlement(const QString& value) const;

private:
    struct Derived
    {
        QList<EffectiveGroup> groups;
        QList<EffectiveGrant> roles;
        QList<EffectiveGrant> entitlements;
    };

    static QString key(PrincipalKind kind, const QString& id);
    void index();
    void resolveMemberKinds();
    void derive();
    Derived deriveFor(PrincipalKind kind, const QString& id, const QStringList& ownRoles,
                      const QStringList& ownEntitlements) const;

    SnapshotInfo m_info;
    QList<User> m_users;
    QList<Group> m_groups;
    QList<ServicePrincipal> m_servicePrincipals;

    QHash<QString, qsizetype> m_userById;
    QHash<QString, qsizetype> m_userByLowerName;
    QHash<QString, qsizetype> m_groupById;
    QHash<QString, qsizetype> m_groupByLowerName;
    QHash<QString, qsizetype> m_spById;
    QHash<QString, qsizetype> m_spByApplicationId;
    QHash<QString, QStringList> m_parentGroupIds; // key(kind, id) -> groups it is a direct member of
    QHash<QString, Derived> m_derived;            // key(kind, id) -> derived access
    QStringList m_roleValues;
    QStringList m_entitlementValues;
    QHash<QString, QList<Holder>> m_roleHolders;
    QHash<QString, QList<Holder>> m_entitlementHolders;
};

using SnapshotPtr = std::shared_ptr<const DirectorySnapshot>;

} // namespace scimitar
