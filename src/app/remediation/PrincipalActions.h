#pragma once

#include "details/DetailsLink.h"
#include "model/DirectorySnapshot.h"
#include "remediation/Change.h"

#include <QList>
#include <QString>

namespace scimitar::gui {

// The changes a principal's details offer: revoke each role and remove each entitlement it holds directly, take
// it out of each group it is a direct member of, deactivate or reactivate a user, add it to a group. Inherited
// access is not offered here: it goes with the group it comes from. Pure: the guards decide later, in the review
// dialog, what may actually be sent (and say why not).
class PrincipalActions
{
public:
    static QList<Change> offers(const DirectorySnapshot& snapshot, const DetailsTarget& target);
    // The groups `target` could be added to: every group it is not a direct member of, by name.
    static QList<const Group*> groupsToJoin(const DirectorySnapshot& snapshot, const DetailsTarget& target);
    static Change addToGroup(const DirectorySnapshot& snapshot, const DetailsTarget& target, const Group& group);
};

} // namespace scimitar::gui
