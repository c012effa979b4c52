#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace scimitar::emulator {

// The identity provider's side of a Dataset: people and groups as Okta stores them, which the
// emulator also serves as Microsoft Graph (Entra ID) objects. One set of facts, two faces, so a test
// can point the same drift review at either IdP and expect the same answer — except where the IdPs
// really differ: Okta lists a group's direct users only, Graph expands nested groups.
//
// File format (the "idp" key of a dataset file):
//   {"users": [{"id": "00u1a2b3c4d5e6f7g8h9", "login": "ana@acme.example", "email": "ana@acme.example",
//               "firstName": "Ana", "lastName": "Lee", "displayName": "Ana Lee",
//               "status": "ACTIVE"}],   // any Okta UserStatus, see statuses(); default ACTIVE
//    "groups": [{"id": "00g1a2b3c4d5e6f7g8h9", "name": "dbx-pii-analysts", "description": "...",
//                "members": ["<idp user id>", ...],      // direct users
//                "groups": ["<idp group id>", ...]}]}    // nested groups (Graph only; Okta has none)
// `email` defaults to `login`; names default to empty. Ids are unique across users and groups,
// logins unique case-insensitively; group names may repeat (Entra allows it, Okta searches then
// return several groups). Nesting must not form a cycle.
//
// Derived when serving, never stored: the Entra object id of every user and group (a name-based
// UUID of the Okta id, so it is stable), userPrincipalName = login, mail = email, and
// accountEnabled = status is neither DEPROVISIONED nor SUSPENDED.
class IdpDataset
{
public:
    struct User
    {
        QString id;
        QString login;
        QString email;
        QString firstName;
        QString lastName;
        QString displayName;
        QString status = QStringLiteral("ACTIVE");
        QString entraId; // derived from id by upsertUser(); not stored in files
    };

    struct Group
    {
        QString id;
        QString name;
        QString description;
        QStringList members; // IdP user ids
        QStringList groups;  // nested IdP group ids
        QString entraId;     // derived from id by upsertGroup(); not stored in files
    };

    // Okta's UserStatus values, in the order the spec lists them.
    static const QStringList& statuses();
    static bool accountEnabled(const QString& status); // Entra's view of an Okta status
    // A version 5 (name-based) UUID of the Okta id: deterministic, and distinct for users and groups.
    static QString entraObjectId(const QString& oktaId, bool group);
    // A time in 2022–2024 derived from the id, for timestamp fields that must look the same on every
    // request and in every run; `salt` gives different fields different times. Salt 1 (creation)
    // always lies before the times of other salts, so `created` never follows `lastLogin`.
    static QDateTime derivedTime(const QString& id, int salt);

    // Parses the "idp" value. On failure returns nullopt and sets *error to a message naming the
    // culprit, e.g. `idp.groups[1] (name "dbx-x") has members[0] referencing unknown IdP user id 00u…`.
    static std::optional<IdpDataset> fromJson(const QJsonValue& value, QString* error);
    QJsonObject toJson() const;
    bool isEmpty() const { return m_users.isEmpty() && m_groups.isEmpty(); }

    const QList<User>& users() const { return m_users; }
    const QList<Group>& groups() const { return m_groups; }
    const User* user(const QString& id) const;
    const User* findUserByLogin(const QString& login) const; // case-insensitive
    const User* findUserByEntraId(const QString& entraId) const;
    const Group* group(const QString& id) const;
    const Group* findGroupByEntraId(const QString& entraId) const;

    // Users of the group and of every group nested in it, each once, in breadth-first order;
    // what Graph's transitiveMembers serves. Cycle-safe even for data that bypassed validation.
    QStringList transitiveUsers(const QString& groupId) const;
    // Every group nested in the group, directly or deeper, each once.
    QStringList transitiveGroups(const QString& groupId) const;

    // Appends or replaces (keeping the position) by id, and derives entraId.
    void upsertUser(User user);
    void upsertGroup(Group group);
    // Removes the user and every membership that points at it.
    bool removeUser(const QString& id);

    // Unique ids and logins, known statuses, member and nested-group references, no cycles.
    // Returns an empty string when all is well.
    QString validate() const;

private:
    void rebuildIndex();

    QList<User> m_users;
    QList<Group> m_groups;
    QHash<QString, qsizetype> m_userById;
    QHash<QString, qsizetype> m_userByLogin; // lower-cased login
    QHash<QString, qsizetype> m_userByEntraId;
    QHash<QString, qsizetype> m_groupById;
    QHash<QString, qsizetype> m_groupByEntraId;
};

} // namespace scimitar::emulator
