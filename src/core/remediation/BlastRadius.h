#pragma once

#include "drift/Finding.h"
#include "model/DirectorySnapshot.h"
#include "remediation/Change.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace scimitar {

// One thing a change takes away beyond its own target: a role, an entitlement or a group membership (direct or
// inherited) that came to the principal only through the path the change cuts.
struct SideEffect
{
    enum class Kind
    {
        Role,
        Entitlement,
        Group,
    };
    Kind kind = Kind::Role;
    QString value; // the role or entitlement value, or the group's display name
    // The path that goes: the group whose membership (or grant) is removed, or "deactivation".
    QString via;
    // Whose access it is, when not the change's own principal (a role removed from a group reaches its members).
    QString principal;

    bool operator==(const SideEffect& other) const = default;
};

QString sideEffectKindName(SideEffect::Kind kind); // "role", "entitlement", "group" (the JSON contract)

// The access a fix is for: one role or entitlement of one principal. What the blast radius leaves out of the
// side effects, and what the re-read after the fix checks is held by no path any more.
struct AccessTarget
{
    SideEffect::Kind kind = SideEffect::Kind::Role;
    QString value;
    PrincipalKind principalKind = PrincipalKind::User;
    QString principalId;
    QString principalName;

    // Role- and entitlement-without-grant findings; others (deactivations, memberships) have none.
    static std::optional<AccessTarget> of(const Finding& finding);
    // A role or entitlement removed from a user or service principal.
    static std::optional<AccessTarget> of(const Change& change);

    bool operator==(const AccessTarget& other) const = default;
};

// What else a change does to effective access, from the snapshot it was planned on — the "no surprises" half of a
// revocation: before sending, a reviewer sees what the principal loses beyond the finding's target (sideEffects),
// and whether the target survives through another path (stillHeldThrough: then the change alone does not revoke
// it). Computed over nested groups, cycle-safe. Adding changes (add role, reactivate, …) take nothing away.
struct BlastRadius
{
    QList<SideEffect> sideEffects;
    // Removing a role or entitlement held directly: the groups that grant it too (names), so it stays held.
    QStringList stillHeldThrough;

    bool isEmpty() const { return sideEffects.isEmpty() && stillHeldThrough.isEmpty(); }

    // What a reviewer reads, a sentence each: "Also takes away: role warehouse-read (with bi-all), group bi-all.",
    // "pii-read is still held through pii-analysts: this change alone does not revoke it." `target` names the
    // access the change is for (for the second sentence); empty when the change has none.
    QStringList sentences(const QString& target = {}) const;
    static QString describe(const SideEffect& effect); // "role warehouse-read (via bi-all)", "group bi-all for ana"

    static BlastRadius of(const Change& change, const DirectorySnapshot& snapshot);
    // The changes of one fix, together (a role held directly and through a group goes only when both paths are
    // cut): each loss is credited (`via`) to the change that completes it; `target` is left out of the side
    // effects, and stillHeldThrough names the groups that grant it after all the changes.
    static BlastRadius of(const QList<Change>& changes, const DirectorySnapshot& snapshot,
                          const std::optional<AccessTarget>& target);

    // {kind, value, via, principal}: principal is null for the change's own principal.
    static QJsonObject json(const SideEffect& effect);
    // The drift JSON (FindingJson::findings) with each finding's blast radius added from `snapshot`:
    // "sideEffects": [{kind, value, via, principal}] and "stillHeldThrough": [group names], both [] when the
    // finding has no change (blocked by nothing but action none, or the change cannot be built). The CLI's drift
    // and the app's export both write this.
    static QJsonArray findingsJson(const QList<Finding>& findings, const DirectorySnapshot* snapshot);
    // Reads the blast radius findingsJson() wrote back: element i of `array` belongs to findings[i]. A finding
    // without sideEffects (a file from an older drift) has none in the answer; a malformed one is an error that
    // names the field ("findings[2].sideEffects[0].kind: …").
    static std::optional<QList<std::optional<BlastRadius>>> read(const QJsonArray& array, QString* error);
};

} // namespace scimitar
