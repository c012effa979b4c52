#pragma once

#include "remediation/BlastRadius.h"
#include "remediation/Change.h"
#include "remediation/OwnerLifeline.h"

#include <QString>
#include <QStringList>

namespace scimitar {

class DirectorySnapshot;
class Policy;

// What the guards need to know about where changes go.
struct GuardContext
{
    QString tokenOwnerId;        // from /Me; never deactivated, never taken out of a system group
    QString tokenOwnerUserName;  // for the words
    OwnerLifeline lifeline;      // what keeps the token owner an administrator (memberships, account_admin grants)
    QStringList protectedUsers;  // the policy's protected.users (compared case-insensitively)
    QStringList protectedGroups; // the policy's protected.groups
    bool noPolicy = false;       // protectedGroups are the system groups because no policy was given
    bool readOnly = false;       // the connection is marked read-only: nothing is ever sent
    QString connectionName;

    // The token owner from the snapshot's /Me and its lifeline from the snapshot, the protected names from the
    // policy (when there is one).
    static GuardContext from(const DirectorySnapshot& snapshot, const Policy* policy, bool readOnly);
};

// The rules no change may break, whoever asks (a finding, a person's details, the CLI, an undo). Each refusal is
// one sentence saying which rule and why, shown in the review dialog and printed by the CLI; a refused change is
// never sent, so never journaled:
//  - nothing on a read-only connection;
//  - never take anything away from the token owner (deactivation, a role, an entitlement, a membership), and never
//    cut a path that makes it an administrator (a nested group taken out of admins, account_admin taken off a group
//    it is in): Scimitar would lock itself out. Recomputed from the server every time, never read from a file;
//  - never touch a principal or group the policy protects;
//  - never change the system groups (admins, users, account users) as part of a batch: one at a time, on purpose.
class ChangeGuard
{
public:
    explicit ChangeGuard(GuardContext context);

    // Empty when `change` may be sent; `inBatch` is true when it is one of several changes sent together.
    QString refusal(const Change& change, bool inBatch) const;

    // Empty unless `effects` (the change's blast radius) take away something guarded: a Databricks system group
    // (admins gives workspace admin rights; users and account users give the workspace itself), a group the policy
    // protects, or account_admin. Then one sentence naming what goes; such a change needs its own confirmation.
    QString guardedLoss(const Change& change, const QList<SideEffect>& effects) const;

    static bool isSystemGroup(const QString& displayName);
    static QStringList systemGroups(); // admins, users, account users
    // Digits or a UUID: the ids Databricks issues, and the only ones a change's path may carry.
    static bool isDatabricksId(const QString& id);
    const GuardContext& context() const { return m_context; }

private:
    GuardContext m_context;
};

} // namespace scimitar
