#include "connections/IdpConnection.h"

#include "idp/IdpSourceFactory.h"
#include "net/UrlPolicy.h"
#include "secrets/SecretKeys.h"

#include <QUuid>

namespace scimitar {

namespace {

// An optional Entra host: empty, or a URL the secret (authority) or the access token (graph) may be sent to.
QString checkOptionalHost(const QUrl& url, const QString& what)
{
    if (url.isEmpty())
        return {};
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("The %1 '%2' is not a URL with a host name.").arg(what, url.toDisplayString());
    if (const QString refused = net::UrlPolicy::check(url); !refused.isEmpty())
        return QStringLiteral("The %1 is not usable: %2").arg(what, refused);
    return {};
}

} // namespace

IdpConnection IdpConnection::create(const QString& name, const IdpSettings& settings)
{
    IdpConnection connection;
    connection.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    connection.name = name;
    connection.settings = settings;
    connection.settings.path.clear();
    return connection;
}

QString IdpConnection::defaultName(const IdpSettings& settings)
{
    switch (settings.type) {
    case IdpType::Okta:
        return settings.url.host().toLower();
    case IdpType::Entra:
        return settings.tenant.trimmed();
    case IdpType::File:
        return {};
    }
    return {};
}

QString IdpConnection::validate() const
{
    if (QUuid::fromString(id).isNull())
        return QStringLiteral("The IdP connection id '%1' is not a UUID; this is a bug in Scimitar.").arg(id);
    if (name.trimmed().isEmpty())
        return QStringLiteral("The IdP connection name is empty; give the connection a name.");
    switch (settings.type) {
    case IdpType::File:
        return QStringLiteral("A file IdP needs no saved connection: the policy names the file.");
    case IdpType::Okta:
        if (!settings.url.isValid() || settings.url.host().isEmpty())
            return QStringLiteral("The Okta org URL is missing; enter it, e.g. https://acme.okta.com.");
        if (const QString refused = net::UrlPolicy::check(settings.url); !refused.isEmpty())
            return QStringLiteral("The Okta org URL is not usable: %1").arg(refused);
        if (!settings.url.userInfo().isEmpty())
            return QStringLiteral("The Okta org URL must not contain a user name or password; the token is stored "
                                  "separately.");
        return {};
    case IdpType::Entra:
        if (settings.tenant.trimmed().isEmpty())
            return QStringLiteral("The Entra tenant is missing; enter the directory (tenant) id or a verified domain.");
        if (settings.clientId.trimmed().isEmpty())
            return QStringLiteral("The Entra client id is missing; enter the application (client) id.");
        if (const QString bad = checkOptionalHost(settings.authority, QStringLiteral("login authority"));
            !bad.isEmpty())
            return bad;
        return checkOptionalHost(settings.graph, QStringLiteral("Graph address"));
    }
    return QStringLiteral("Unknown identity provider type.");
}

QString IdpConnection::secretKey() const
{
    return SecretKeys::idp(IdpSourceFactory::secretId(settings));
}

} // namespace scimitar
