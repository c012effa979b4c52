#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar {

// What an identity provider says about a person, in our words. Okta, Entra and file sources all map into this.
enum class IdpUserStatus
{
    Active,        // Okta ACTIVE/PROVISIONED/STAGED/RECOVERY/LOCKED_OUT/PASSWORD_EXPIRED, Entra accountEnabled=true
    Deprovisioned, // Okta DEPROVISIONED
    Suspended,     // Okta SUSPENDED
    Disabled,      // Entra accountEnabled=false
};

QString idpUserStatusName(IdpUserStatus status); // "active", "deprovisioned", "suspended", "disabled"
bool idpUserStatusFromName(const QString& name, IdpUserStatus* status);
inline bool shouldHaveAccess(IdpUserStatus status)
{
    return status == IdpUserStatus::Active;
}

// What a look-up asks the IdP about: a person's login (Okta profile.login, Entra userPrincipalName, the file's
// `user`) or their email (Okta profile.email, Entra mail, the file's `email`). A policy matching people by email
// must ask by email: a person whose email differs from their login would otherwise look unknown.
enum class IdpLookupKey
{
    Login,
    Email,
};

QString idpLookupKeyName(IdpLookupKey key); // "login", "email"

struct IdpUser
{
    QString id;    // the IdP's own id (Okta 00u…, Entra object GUID); may be empty for file sources
    QString login; // Okta profile.login, Entra userPrincipalName, file `user`
    QString email; // Okta profile.email, Entra mail, file `email`
    QString displayName;
    IdpUserStatus status = IdpUserStatus::Active;
    QString rawStatus; // as the IdP said it ("DEPROVISIONED", "accountEnabled=false"), shown to reviewers
};

struct IdpGroup
{
    QString id;
    QString name;           // as the IdP shows it
    QList<IdpUser> members; // transitive where the IdP nests groups (Entra)
};

// Everything loaded from one IdP for one review: the groups the policy names, with members, plus individual
// look-ups of Databricks users who appear in none of those groups (to tell "deprovisioned" from "unknown").
struct IdpDirectory
{
    QString sourceLabel; // "Okta (https://acme.okta.com)", "Entra ID (tenant …)", "File (/path/idp.csv)"
    QDateTime loadedAt;  // when the IdP's last answer came in (the end of the look-ups, if there were any)
    QList<IdpGroup> groups;
    IdpLookupKey lookedUpBy = IdpLookupKey::Login;
    QList<IdpUser> lookedUp; // found by an individual look-up (by email: everyone with that email)
    QStringList notFound;    // logins (or emails, lookedUpBy) the IdP does not know at all, as asked

    const IdpGroup* findGroup(const QString& name) const; // case-insensitive
};

} // namespace scimitar
