#pragma once

#include "drift/Finding.h"
#include "model/DirectorySnapshot.h"
#include "remediation/Change.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

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

    static BlastRadius of(const Change& change, const DirectorySnapshot& snapshot);

    // {kind, value, via, principal}: principal is null for the change's own principal.
    static QJsonObject json(const SideEffect& effect);
    // The drift JSON (FindingJson::findings) with each finding's blast radius added from `snapshot`:
    // "sideEffects": [{kind, value, via, principal}] and "stillHeldThrough": [group names], both [] when the
    // finding has no change (blocked by nothing but action none, or the change cannot be built). The CLI's drift
    // and the app's export both write this.
    static QJsonArray findingsJson(const QList<Finding>& findings, const DirectorySnapshot* snapshot);
};

} // namespace scimitar
