#include "connections/Connection.h"

#include "net/UrlPolicy.h"
#include "secrets/SecretKeys.h"

#include <QRegularExpression>
#include <QUuid>

namespace scimitar {

Connection Connection::create(const QString& name)
{
    Connection connection;
    connection.id = newId();
    connection.name = name;
    return connection;
}

QString Connection::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void Connection::setHost(const QString& typed)
{
    host = net::UrlPolicy::normalizeHost(typed);
}

QUrl Connection::scimBaseUrl() const
{
    if (host.isEmpty())
        return {};
    QUrl url = host;
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (kind == Kind::Workspace) {
        path += QStringLiteral("/api/2.0/preview/scim/v2");
    } else {
        // The account id comes from a user or a config file; encode it so a stray '/' or '?'
        // cannot change which endpoint the token is sent to.
        path += QStringLiteral("/api/2.0/accounts/") +
                QString::fromLatin1(QUrl::toPercentEncoding(accountId.trimmed())) + QStringLiteral("/scim/v2");
    }
    url.setPath(path, QUrl::TolerantMode);
    return url;
}

QString Connection::validate() const
{
    if (QUuid::fromString(id).isNull())
        return QStringLiteral("The connection id '%1' is not a UUID; this is a bug in Scimitar.").arg(id);
    if (name.trimmed().isEmpty())
        return QStringLiteral("The connection name is empty; give the connection a name.");
    if (host.isEmpty())
        return kind == Kind::Account ? QStringLiteral("The host is missing; enter the account console URL, e.g. "
                                                      "https://accounts.cloud.databricks.com.")
                                     : QStringLiteral("The host is missing; enter the workspace URL, e.g. "
                                                      "https://dbc-1234.cloud.databricks.com.");
    if (const QString refused = net::UrlPolicy::check(host); !refused.isEmpty())
        return QStringLiteral("The host is not usable: %1").arg(refused);
    if (!host.userInfo().isEmpty())
        return QStringLiteral("The host URL must not contain a user name or password; the token is stored "
                              "separately.");
    // A path would be kept in front of /api/2.0/…, which is never right for Databricks and usually
    // means a browser URL (…/browse, …/?o=123#…) was pasted.
    if (!host.path().isEmpty() && host.path() != QLatin1String("/"))
        return QStringLiteral("The host must be just the base URL (like https://%1), without the path '%2'.")
            .arg(host.host(), host.path());
    if (kind == Kind::Account) {
        if (accountId.trimmed().isEmpty())
            return QStringLiteral("The account id is missing; account connections need it (it is shown in the "
                                  "account console's user menu).");
        if (!looksLikeUuid(accountId.trimmed()))
            return QStringLiteral("The account id '%1' is not a UUID like 0a1b2c3d-0000-1111-2222-333344445555.")
                .arg(accountId.trimmed());
    }
    if (kind == Kind::Workspace && authType == AuthType::AccountScimToken)
        return QStringLiteral("The authentication type is an account SCIM token, which works only for account "
                              "connections; choose a personal access token or make this an account connection.");
    return {};
}

QString Connection::secretKey() const
{
    return SecretKeys::databricks(id);
}

bool Connection::isAccountsHost(const QUrl& host)
{
    return host.host().toLower().startsWith(QLatin1String("accounts."));
}

Connection::Kind Connection::guessKind(const QUrl& host, const QString& accountId)
{
    if (accountId.trimmed().isEmpty())
        return Kind::Workspace;
    if (host.isEmpty() || isAccountsHost(host))
        return Kind::Account;
    // A loopback host (the emulator, a local tunnel) has no name to go by: the account id is the only hint.
    if (net::UrlPolicy::isLoopbackHost(host.host()))
        return Kind::Account;
    // An account id next to a workspace host is common in SDK profiles (unified login); the host wins.
    return Kind::Workspace;
}

bool Connection::looksLikeUuid(const QString& text)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(text).hasMatch();
}

QString Connection::kindName(Kind kind)
{
    return kind == Kind::Account ? QStringLiteral("account") : QStringLiteral("workspace");
}

std::optional<Connection::Kind> Connection::kindFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("workspace"))
        return Kind::Workspace;
    if (lower == QLatin1String("account"))
        return Kind::Account;
    return std::nullopt;
}

QString Connection::authTypeName(AuthType type)
{
    return type == AuthType::AccountScimToken ? QStringLiteral("account-scim-token") : QStringLiteral("pat");
}

std::optional<Connection::AuthType> Connection::authTypeFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("pat"))
        return AuthType::PersonalAccessToken;
    if (lower == QLatin1String("account-scim-token"))
        return AuthType::AccountScimToken;
    return std::nullopt;
}

} // namespace scimitar
