#pragma once

#include "remediation/BlastRadius.h"
#include "remediation/Change.h"

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
    QStringList protectedUsers;  // the policy's protected.users (compared case-insensitively)
    QStringList protectedGroups; // the policy's protected.groups
    bool readOnly = false;       // the connection is marked read-only: nothing is ever sent
    QString connectionName;

    // The token owner from the snapshot's /Me, the protected names from the policy (when there is one).
    static GuardContext from(const DirectorySnapshot& snapshot, const Policy* policy, bool readOnly);
};

// The rules no change may break, whoever asks (a finding, a person's details, the CLI, an undo). Each refusal is
// one sentence saying which rule and why, shown in the review dialog and printed by the CLI; a refused change is
// never sent, so never journaled:
//  - nothing on a read-only connection;
//  - never deactivate the token owner, never take it out of admins/users/account users (Scimitar would lock itself
//    out);
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
    const GuardContext& context() const { return m_context; }

private:
    GuardContext m_context;
};

} // namespace scimitar
