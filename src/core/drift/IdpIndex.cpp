#include "drift/IdpIndex.h"

#include "model/DirectorySnapshot.h"

namespace scimitar {

QStringList matchValues(const User& user, MatchAttribute match)
{
    QStringList values{user.userName};
    if (match == MatchAttribute::Email)
        values += user.emails;
    return values;
}

IdpIndex::IdpIndex(const IdpDirectory& idp, MatchAttribute match)
    : m_match(match)
{
    for (const IdpGroup& group : idp.groups)
        for (const IdpUser& member : group.members)
            add(keyOf(member), member, group.name);
    const QSet<QString> listed(m_people.keyBegin(), m_people.keyEnd());
    for (const IdpUser& user : idp.lookedUp) {
        // A look-up by login answered "who is <login>?", so its answer is that person whichever attribute
        // matched. A look-up by email answered only for the email: everyone sharing it lands on one key, and
        // the most restrictive status among them wins.
        QStringList keys{keyOf(user)};
        if (idp.lookedUpBy == IdpLookupKey::Login)
            keys += {user.login.toLower(), user.email.toLower()};
        keys.removeDuplicates();
        for (const QString& key : std::as_const(keys))
            if (!key.isEmpty() && !listed.contains(key))
                add(key, user, QString());
    }
    for (const QString& value : idp.notFound)
        m_notFound.insert(value.toLower());
}

QString IdpIndex::keyOf(const IdpUser& user) const
{
    return (m_match == MatchAttribute::Email ? user.email : user.login).toLower();
}

const IdpPerson* IdpIndex::find(const User& user) const
{
    for (const QString& candidate : matchValues(user, m_match))
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
    bool asked = false;
    for (const QString& value : matchValues(user, m_match)) {
        if (value.isEmpty())
            continue;
        if (!m_notFound.contains(value.toLower()))
            return false;
        asked = true;
    }
    return asked;
}

void IdpIndex::add(const QString& key, const IdpUser& user, const QString& groupName)
{
    if (key.isEmpty())
        return; // cannot be matched; DriftEngine::check() reports it
    IdpPerson& person = m_people[key];
    if (person.user.login.isEmpty() && person.user.email.isEmpty())
        person.user = user;
    else if (shouldHaveAccess(person.user.status) && !shouldHaveAccess(user.status)) {
        // Conflicting records (active in one group, suspended in another; two people sharing an email): the
        // restrictive one wins, so a stale listing or a namesake can never keep someone's access alive.
        person.user.status = user.status;
        person.user.rawStatus = user.rawStatus;
    }
    const QString login = user.login.isEmpty() ? user.id : user.login;
    if (!login.isEmpty() && !person.logins.contains(login, Qt::CaseInsensitive))
        person.logins.append(login);
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
