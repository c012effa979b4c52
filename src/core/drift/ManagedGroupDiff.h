#pragma once

#include "idp/IdpDirectory.h"
#include "policy/Policy.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar {

class DatabricksUserIndex;
class DirectorySnapshot;
class IdpIndex;

// A managed Databricks group next to the IdP groups the policy maps to it, person by person: the one definition
// of a managed group's extra and missing members. DriftEngine reads its member findings off these rows (Extra →
// member-without-grant, Missing → missing-member or not-provisioned), and the GUI's group diff shows the same rows,
// so what a reviewer sees and what the findings say cannot disagree.
//
// Only users are compared (service principals are not people an IdP knows). "Granted" means what it means for
// every finding: the IdP knows the person, they are active there (the most restrictive status any record gives
// wins), and a mapped IdP group lists them.
struct ManagedGroupDiff
{
    enum class State
    {
        Both,               // a member (directly or nested) and granted
        Extra,              // an active *direct* member, not granted: member-without-grant, remove-member fixes it
        InheritedNoGrant,   // an active member only through nested groups, not granted: removing them means taking
                            // them out of the nested group (path.first()), so it is not this group's extra member
        Missing,            // active in a mapped IdP group, not a member directly or nested: missing-member, or
                            // not-provisioned when no Databricks user matches (userId empty)
        DeactivatedNoGrant, // a member deactivated in Databricks and not granted: they can use nothing, so
                            // nothing is reported
    };
    static constexpr int kStateCount = 5;

    struct Row
    {
        State state = State::Both;
        QString userId;         // Databricks user id; empty when no Databricks user matches (not provisioned)
        QString userName;       // Databricks userName; when not provisioned, the IdP's login (or email by match)
        bool userActive = true; // in Databricks
        bool member = false;    // in the Databricks group, directly or through nested groups
        bool direct = false;    // a direct member (possibly nested as well)
        QStringList path;       // inherited only: the groups' names from the user's direct group up to this one
        QString idpName;        // login (or email by match) as a mapped IdP group lists them; empty when none does
        IdpUserStatus idpStatus = IdpUserStatus::Active; // meaningful only when idpKnown
        bool idpKnown = false;                           // the IdP knows the person (a loaded group or a look-up)
        QStringList idpGroups;                           // the mapped IdP groups listing them (the policy's spelling)

        bool operator==(const Row& other) const = default;
    };

    QString group;         // the Databricks group's displayName (the policy's spelling when it does not exist)
    QString groupId;       // empty when the snapshot has no such group
    QStringList idpGroups; // the IdP groups mapped to it
    QList<Row> rows;       // sorted by userName, case-insensitively

    int count(State state) const;
    // "42 in both · 3 extra · 2 missing", then "· 1 inherited without grant" and "· 1 deactivated" when there are any.
    QString summary() const;

    bool operator==(const ManagedGroupDiff& other) const = default;

    // The diff of one managed group (compared case-insensitively). A group the snapshot lacks has no Databricks
    // side; a mapped IdP group not loaded has no IdP side (DriftEngine::check refuses such reviews).
    static ManagedGroupDiff compute(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy,
                                    const QString& databricksGroup);
    // The same with the indexes built once, for computing many groups.
    static ManagedGroupDiff compute(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy,
                                    const IdpIndex& people, const DatabricksUserIndex& users,
                                    const QString& databricksGroup);
};

} // namespace scimitar
