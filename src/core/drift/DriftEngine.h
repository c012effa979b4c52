#pragma once

#include "drift/DriftReport.h"
#include "idp/IdpDirectory.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"

#include <QStringList>

namespace scimitar {

// Compares what Databricks says (a snapshot) with what the IdP says (the policy's groups plus individual
// look-ups) under an access policy, and says what has drifted and what one change would fix each piece.
//
// A pure function of its three inputs: no network, no clock, no globals, so the same inputs always give the same
// report (findings sorted by kind, then principal userName, then target). Rules are in docs/drift.md; in short:
//  - only what the policy names is managed; nothing else is ever reported;
//  - people are matched by the policy's `match` attribute, ignoring case; service principals are never matched
//    (they are listed in the report for display);
//  - deactivated Databricks users lose nothing to drift and are not reported, except when an IdP group says they
//    should be a member of a Databricks group (missing-member);
//  - only an *active* IdP member is granted anything: a deprovisioned person still listed in a group grants
//    nothing;
//  - an action is blocked (blockedBy) for the token owner, protected users and groups, a removal that contradicts
//    another rule, and suspicious mass changes.
class DriftEngine
{
public:
    static DriftReport run(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy);

    // Who the IdP must be asked about, and by what.
    struct Lookups
    {
        IdpLookupKey key = IdpLookupKey::Login;
        QStringList values;
    };

    // Active Databricks users holding managed access who appear in none of the loaded IdP groups: the IdP must be
    // asked about each of them, to tell a deprovisioned person from one it has never heard of. Asked exactly as
    // they are matched: by login, their userName; with `"match": "email"`, by email, their userName and each of
    // their emails (in snapshot order, each value once). Someone is unknown only when every value is.
    static Lookups lookupsNeeded(const DirectorySnapshot& snapshot, const QList<IdpGroup>& groupsLoaded,
                                 const Policy& policy);

    // What makes a review meaningless rather than merely drifted: a Databricks group a rule names that does not
    // exist, an IdP group the policy names that was not loaded, people the IdP lists without the attribute the
    // policy matches on. Empty when the review can run; otherwise one sentence each.
    static QStringList check(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy);

    // The mass-change guard: removals of one rule from one group are suspicious when they are more than this many
    // and more than half of the group's direct members. Deactivations likewise, against the active users
    // holding managed access.
    static constexpr int kMassChangeMinimum = 5;
};

} // namespace scimitar
