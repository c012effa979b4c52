#include "drift/ManagedGroupDiff.h"

#include "drift/IdpIndex.h"
#include "model/DirectorySnapshot.h"

#include <QSet>
#include <algorithm>

namespace scimitar {

namespace {

// The mapped IdP groups (the policy's spelling) that list this person.
QStringList mappedGroupsListing(const IdpPerson* person, const QStringList& mapped)
{
    QStringList listing;
    if (!person)
        return listing;
    for (const QString& name : mapped)
        if (person->groups.contains(name, Qt::CaseInsensitive))
            listing.append(name);
    return listing;
}

void describeIdpSide(ManagedGroupDiff::Row& row, const IdpPerson* person, const QStringList& mapped,
                     MatchAttribute match)
{
    if (!person)
        return;
    row.idpKnown = true;
    row.idpStatus = person->user.status;
    row.idpGroups = mappedGroupsListing(person, mapped);
    if (!row.idpGroups.isEmpty())
        row.idpName = match == MatchAttribute::Email ? person->user.email : person->user.login;
}

} // namespace

int ManagedGroupDiff::count(State state) const
{
    return int(std::count_if(rows.cbegin(), rows.cend(), [state](const Row& row) { return row.state == state; }));
}

QString ManagedGroupDiff::summary() const
{
    QString text = QStringLiteral("%1 in both · %2 extra · %3 missing")
                       .arg(count(State::Both))
                       .arg(count(State::Extra))
                       .arg(count(State::Missing));
    if (const int inherited = count(State::InheritedNoGrant))
        text += QStringLiteral(" · %1 inherited without grant").arg(inherited);
    if (const int deactivated = count(State::DeactivatedNoGrant))
        text += QStringLiteral(" · %1 deactivated").arg(deactivated);
    return text;
}

ManagedGroupDiff ManagedGroupDiff::compute(const DirectorySnapshot& snapshot, const IdpDirectory& idp,
                                           const Policy& policy, const QString& databricksGroup)
{
    return compute(snapshot, idp, policy, IdpIndex(idp, policy.match()), DatabricksUserIndex(snapshot, policy.match()),
                   databricksGroup);
}

ManagedGroupDiff ManagedGroupDiff::compute(const DirectorySnapshot& snapshot, const IdpDirectory& idp,
                                           const Policy& policy, const IdpIndex& people,
                                           const DatabricksUserIndex& users, const QString& databricksGroup)
{
    ManagedGroupDiff diff;
    diff.group = databricksGroup;
    diff.idpGroups = policy.idpGroupsGrantingGroup(databricksGroup);
    const Group* group = snapshot.findGroupByName(databricksGroup);
    if (group) {
        diff.group = group->displayName;
        diff.groupId = group->id;
    }

    // Databricks side: every user in the group, directly or through nested groups, as Databricks grants access.
    // Direct means listed in the group's own members, exactly what remove-member can take out.
    QSet<QString> members;
    if (group) {
        QSet<QString> direct;
        for (const MemberRef& member : group->members)
            if (member.kind == PrincipalKind::User)
                direct.insert(member.id);
        for (const User& user : snapshot.users()) {
            const QList<EffectiveGroup>& memberships = snapshot.groupsOf(PrincipalKind::User, user.id);
            const auto membership = std::find_if(memberships.cbegin(), memberships.cend(),
                                                 [group](const EffectiveGroup& g) { return g.groupId == group->id; });
            if (membership == memberships.cend() && !direct.contains(user.id))
                continue;
            members.insert(user.id);
            Row row;
            row.userId = user.id;
            row.userName = user.userName;
            row.userActive = user.active;
            row.member = true;
            row.direct = direct.contains(user.id);
            if (!row.direct && membership != memberships.cend())
                for (const QString& id : membership->path)
                    row.path.append(snapshot.groupName(id));
            const IdpPerson* person = people.find(user);
            describeIdpSide(row, person, diff.idpGroups, policy.match());
            const bool granted = person && person->active() && !row.idpGroups.isEmpty();
            if (granted)
                row.state = State::Both;
            else if (!user.active)
                row.state = State::DeactivatedNoGrant;
            else
                row.state = row.direct ? State::Extra : State::InheritedNoGrant;
            diff.rows.append(row);
        }
    }

    // IdP side: everyone active in a mapped group should be a member, directly or nested.
    QSet<QString> seen;
    for (const QString& idpGroupName : std::as_const(diff.idpGroups)) {
        const IdpGroup* idpGroup = idp.findGroup(idpGroupName);
        if (!idpGroup)
            continue; // DriftEngine::check() makes this an error
        for (const IdpUser& listed : idpGroup->members) {
            const QString key = people.keyOf(listed);
            if (key.isEmpty() || !shouldHaveAccess(listed.status) || seen.contains(key))
                continue;
            seen.insert(key);
            const IdpPerson* person = people.findByKey(key);
            if (person && !person->active())
                continue; // suspended elsewhere: reported as deprovisioned-active, never added
            const User* user = users.find(key);
            if (user && members.contains(user->id))
                continue; // a Databricks row above
            Row row;
            row.state = State::Missing;
            describeIdpSide(row, person, diff.idpGroups, policy.match());
            if (user) {
                row.userId = user->id;
                row.userName = user->userName;
                row.userActive = user->active;
            } else {
                row.userName = policy.match() == MatchAttribute::Email ? listed.email : listed.login;
            }
            if (row.idpName.isEmpty())
                row.idpName = policy.match() == MatchAttribute::Email ? listed.email : listed.login;
            diff.rows.append(row);
        }
    }

    std::stable_sort(diff.rows.begin(), diff.rows.end(), [](const Row& a, const Row& b) {
        if (const int c = a.userName.compare(b.userName, Qt::CaseInsensitive))
            return c < 0;
        return a.userName < b.userName;
    });
    return diff;
}

} // namespace scimitar
