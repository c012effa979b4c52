#pragma once

#include "idp/IdpDirectory.h"
#include "model/Principals.h"
#include "policy/Policy.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace scimitar {

class DirectorySnapshot;

// What the IdP says about one person, gathered from every loaded group and the individual look-ups.
struct IdpPerson
{
    IdpUser user;       // the first record seen; status is the most restrictive one seen
    QStringList groups; // loaded IdP groups listing them (IdP spelling), in load order
    QStringList logins; // every distinct IdP user behind this key: several when people share an email
    bool active() const { return shouldHaveAccess(user.status); }
};

// The values a Databricks user is recognised by: the userName, and with `"match": "email"` each of their emails
// too. Matching and look-ups both use this list, so a person is asked about exactly as they are matched.
QStringList matchValues(const User& user, MatchAttribute match);

// The IdP side indexed by the policy's match key (lower-cased login or email). Shared by DriftEngine and
// ManagedGroupDiff, so the findings and the group diffs match people the same way.
class IdpIndex
{
public:
    IdpIndex(const IdpDirectory& idp, MatchAttribute match);

    // The lower-cased key an IdP record is matched by; empty when it lacks the attribute.
    QString keyOf(const IdpUser& user) const;
    // The person a Databricks user is, if the IdP knows them.
    const IdpPerson* find(const User& user) const;
    const IdpPerson* findByKey(const QString& key) const;
    // True when the IdP was asked about every value the user is recognised by and knew none of them.
    bool isNotFound(const User& user) const;

private:
    void add(const QString& key, const IdpUser& user, const QString& groupName);

    MatchAttribute m_match;
    QHash<QString, IdpPerson> m_people;
    QSet<QString> m_notFound;
};

// The Databricks side by the same key: which user an IdP person is. By userName, or with `"match": "email"` by
// userName or any email (the first user in snapshot order wins).
class DatabricksUserIndex
{
public:
    DatabricksUserIndex(const DirectorySnapshot& snapshot, MatchAttribute match);

    // `key` lower-cased, as IdpIndex::keyOf gives it.
    const User* find(const QString& key) const;

private:
    const DirectorySnapshot& m_snapshot;
    MatchAttribute m_match;
    QHash<QString, const User*> m_byEmailOrName;
};

} // namespace scimitar
