#pragma once

#include "model/Principals.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar {

// What kind of drift a finding is. The order is the report's sort order: what grants data access first.
enum class FindingKind
{
    RoleWithoutGrant,        // holds a managed role no IdP group of theirs grants
    EntitlementWithoutGrant, // holds a managed entitlement no IdP group of theirs grants
    MemberWithoutGrant,      // direct member of a managed Databricks group without a mapped IdP group
    DeprovisionedActive,     // deprovisioned/suspended/disabled in the IdP, active in Databricks
    UnknownInIdp,            // active, holds managed access, and the IdP does not know the login at all
    MissingMember,           // in a mapped IdP group, exists in Databricks, not in the Databricks group
    NotProvisioned,          // in a mapped IdP group, no Databricks user at all
};

enum class Severity
{
    High,
    Medium,
    Low,
};

// The one change that would resolve a finding, as a later "fix" step would send it.
enum class ActionOp
{
    RemoveRole,
    RemoveEntitlement,
    RemoveMember,
    AddMember,
    Deactivate,
    None,
};

// The names are the JSON contract (docs/drift.md): "role-without-grant", "high", "remove-role", …
QString findingKindName(FindingKind kind);
QString severityName(Severity severity);
QString actionOpName(ActionOp op);
bool findingKindFromName(const QString& name, FindingKind* kind);
bool severityFromName(const QString& name, Severity* severity);
bool actionOpFromName(const QString& name, ActionOp* op);
QList<FindingKind> allFindingKinds();
QList<Severity> allSeverities();
// High for roles, deprovisioned and unknown people; medium for entitlements and group members without a grant;
// low for memberships that are missing (access too little rather than too much).
Severity severityOf(FindingKind kind);

struct FindingPrincipal
{
    QString id; // Databricks id; empty for kind not-provisioned (there is no Databricks user)
    QString userName;
    PrincipalKind kind = PrincipalKind::User;

    bool operator==(const FindingPrincipal& other) const = default;
};

struct FindingAction
{
    ActionOp op = ActionOp::None;
    QString userId;  // every op but none
    QString groupId; // remove-member, add-member
    QString value;   // remove-role, remove-entitlement: the exact value Databricks holds

    bool operator==(const FindingAction& other) const = default;
};

// One piece of drift for one (kind, principal, target). Plain data: the engine fills it, FindingJson and
// FindingCsv write it, the GUI shows it.
struct Finding
{
    FindingKind kind = FindingKind::RoleWithoutGrant;
    Severity severity = Severity::High;
    FindingPrincipal principal;
    QString target;        // role value, group displayName or entitlement; empty (JSON null) for deactivations
    QString via;           // the Databricks group the action works on when access is inherited; else empty
    QStringList idpGroups; // the IdP groups that bear on it
    FindingAction action;  // the first change of the fix
    // The other changes the fix needs when the target is held through several paths (directly and through a
    // group, or through two groups): `action` alone would leave it held. Empty for single-path findings.
    QList<FindingAction> furtherActions;
    QString explanation; // one sentence for a reviewer
    QString blockedBy;   // why no automatic action is allowed; empty when it is

    bool isBlocked() const { return !blockedBy.isEmpty(); }
    // Every change of the fix, `action` first: what removes every path to the target.
    QList<FindingAction> actions() const
    {
        QList<FindingAction> all{action};
        all.append(furtherActions);
        return all;
    }
    bool operator==(const Finding& other) const = default;
};

} // namespace scimitar
