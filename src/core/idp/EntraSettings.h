#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace scimitar {

// Where and as whom Scimitar reads Microsoft Entra ID: an app registration with a client secret, in one cloud.
// National clouds have their own login host and Graph host, and the two must belong together (e.g.
// login.microsoftonline.us with graph.microsoft.us); the token's scope is always `<graph>/.default`.
struct EntraSettings
{
    QString tenant;          // directory (tenant) GUID or a verified domain
    QString clientId;        // application (client) id
    QByteArray clientSecret; // kept in memory only; travels only in the token request's body
    QUrl authority = QUrl(QStringLiteral("https://login.microsoftonline.com"));
    QUrl graph = QUrl(QStringLiteral("https://graph.microsoft.com"));

    // {authority}/{tenant}/oauth2/v2.0/token
    QUrl tokenUrl() const;
    // {graph}/.default
    QString scope() const;
    // One sentence naming what is missing (tenant, client id, secret, hosts), or an empty string.
    QString problem() const;
};

} // namespace scimitar
