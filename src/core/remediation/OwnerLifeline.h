#pragma once

#include "remediation/Change.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace scimitar {

class DirectorySnapshot;

// What keeps the token Scimitar signs in with an administrator: the memberships that lead from the token owner to
// `admins` (workspace admin rights) and the account_admin grants it holds, directly or through its groups. A change
// that cuts one of them would lock Scimitar out of the very workspace or account it is fixing, even when the change
// is not on the owner (taking a nested group out of `admins`, or account_admin off a group the owner is in).
//
// From a snapshot every path is known exactly. From /Me alone (the CLI's apply reads no snapshot) only the owner's
// groups are known, not how they nest: then every membership among them counts as part of the lifeline — refusing a
// harmless change is the price of never cutting a real one.
class OwnerLifeline
{
public:
    struct MeGroup
    {
        QString id;
        QString displayName;
    };

    OwnerLifeline() = default;

    // Every path from `ownerId` (a user or a service principal of the snapshot) to a group named admins or to an
    // account_admin grant. Empty when the snapshot does not hold the owner.
    static OwnerLifeline fromSnapshot(const DirectorySnapshot& snapshot, const QString& ownerId);
    // From /Me: the owner's groups (direct and indirect) and its roles (direct and inherited values). When /Me did
    // not list groups at all (`groupsListed` false), no group may leave admins and no group lose account_admin.
    static OwnerLifeline fromMe(const QString& ownerId, const QList<MeGroup>& groups, const QStringList& roles,
                                bool groupsListed = true);

    // Empty unless `change` cuts the lifeline; then one sentence saying what it would take from `ownerName`.
    QString cut(const Change& change, const QString& ownerName) const;

    bool isEmpty() const
    {
        return m_edges.isEmpty() && m_anyEdgeAmong.isEmpty() && m_roleHolders.isEmpty() && !m_groupsUnknown;
    }
    bool operator==(const OwnerLifeline& other) const = default;

private:
    static QString edgeKey(const QString& memberId, const QString& groupId) { return memberId + u'\n' + groupId; }

    QString m_ownerId;
    QSet<QString> m_edges;           // exact: "memberId\ngroupId" memberships on a path to admins or account_admin
    QSet<QString> m_anyEdgeAmong;    // from /Me: a membership between any two of these ids (owner included) counts
    QSet<QString> m_roleHolders;     // ids whose account_admin the owner holds through (itself included)
    QHash<QString, QString> m_names; // group id -> display name, for the words
    bool m_groupsUnknown = false;    // /Me listed no groups: every group in admins or with account_admin counts
};

} // namespace scimitar
