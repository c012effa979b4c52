#pragma once

#include <QString>
#include <QUrl>

namespace scimitar {

// Which identity provider an access policy is checked against.
enum class IdpType
{
    Okta,
    Entra,
    File,
};

QString idpTypeName(IdpType type);                        // "okta", "entra", "file" (the policy file's words)
bool idpTypeFromName(const QString& name, IdpType* type); // exact, lower-case names only
QStringList idpTypeNames();

// The `idp` object of a policy: where the IdP is, never how to authenticate to it. Secrets stay out of the file
// so it can live in git; they come from the environment or the keychain.
struct IdpSettings
{
    IdpType type = IdpType::File;
    QUrl url;         // okta: the org URL; may be empty when the environment supplies it (OKTA_ORG_URL)
    QString tenant;   // entra: directory (tenant) id or domain
    QString clientId; // entra: application (client) id
    QUrl authority;   // entra, optional: the login host (sovereign clouds)
    QUrl graph;       // entra, optional: the Microsoft Graph host (sovereign clouds)
    QString path;     // file: as written in the policy; relative paths are relative to the policy's folder

    bool operator==(const IdpSettings& other) const = default;
};

} // namespace scimitar
