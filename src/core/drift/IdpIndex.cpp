#include "drift/IdpIndex.h"

#include "model/DirectorySnapshot.h"

namespace scimitar {

IdpIndex::IdpIndex(const IdpDirectory& idp, MatchAttribute match)
    : m_match(match)
{
    for (const IdpGroup& group : idp.groups)
        for (const IdpUser& member : group.members)
            add(keyOf(member), member, group.name);
    // A look-up answered "who is <login>?", so its answer is that person whichever attribute matched.
    for (const IdpUser& user : idp.lookedUp)
        for (const QString& key : {keyOf(user), user.login.toLower(), user.email.toLower()})
            if (!key.isEmpty() && !m_people.contains(key))
                add(key, user, QString());
    for (const QString& login : idp.notFound)
        m_notFound.insert(login.toLower());
}

QString IdpIndex::keyOf(const IdpUser& user) const
{
    return (m_match == MatchAttribute::Email ? user.email : user.login).toLower();
}

const IdpPerson* IdpIndex::find(const User& user) const
{
    QStringList candidates{user.userName};
    if (m_match == MatchAttribute::Email)
        candidates += user.emails;
    for (const QString& candidate : std::as_const(candidates))
        if (const IdpPerson* person = findByKey(candidate.toLower()))
            return person;
    return nullptr;
}

const IdpPerson* IdpIndex::findByKey(const QString& key) const
{
    const auto it = m_people.constFind(key);
    return it == m_people.cend() ? nullptr : &*it;
}

bool IdpIndex::isNotFound(const User& user) const
{
    return m_notFound.contains(user.userName.toLower());
}

void IdpIndex::add(const QString& key, const IdpUser& user, const QString& groupName)
{
    if (key.isEmpty())
        return; // cannot be matched; DriftEngine::check() reports it
    IdpPerson& person = m_people[key];
    if (person.user.login.isEmpty() && person.user.email.isEmpty())
        person.user = user;
    else if (shouldHaveAccess(person.user.status) && !shouldHaveAccess(user.status)) {
        // Conflicting records (active in one group, suspended in another): the restrictive one wins, so a
        // stale listing can never keep someone's access alive.
        person.user.status = user.status;
        person.user.rawStatus = user.rawStatus;
    }
    if (!groupName.isEmpty() && !person.groups.contains(groupName, Qt::CaseInsensitive))
        person.groups.append(groupName);
}

DatabricksUserIndex::DatabricksUserIndex(const DirectorySnapshot& snapshot, MatchAttribute match)
    : m_snapshot(snapshot)
    , m_match(match)
{
    if (match != MatchAttribute::Email)
        return; // the snapshot's own userName index answers
    for (const User& user : snapshot.users())
        for (const QString& name : QStringList{user.userName} + user.emails)
            if (!name.isEmpty() && !m_byEmailOrName.contains(name.toLower()))
                m_byEmailOrName.insert(name.toLower(), &user);
}

const User* DatabricksUserIndex::find(const QString& key) const
{
    if (key.isEmpty())
        return nullptr;
    if (m_match == MatchAttribute::UserName)
        return m_snapshot.findUserByName(key);
    return m_byEmailOrName.value(key, nullptr);
}

} // namespace scimitar
