#pragma once

#include <QString>
#include <QUrl>
#include <optional>

namespace scimitar {

// One Databricks target Scimitar can talk to: a workspace or an account console.
// This is metadata only. The token lives in a SecretStore under secretKey(), never here, so a
// Connection can be copied, logged, stored in QSettings and shown in the UI without leaking it.
struct Connection
{
    enum class Kind
    {
        Workspace,
        Account
    };
    // OAuth machine-to-machine (client id + secret) is planned, not implemented.
    enum class AuthType
    {
        PersonalAccessToken,
        AccountScimToken
    };

    QString id; // QUuid without braces; the stable identity (names can change)
    QString name;
    Kind kind = Kind::Workspace;
    QUrl host; // base URL only, e.g. https://dbc-1234.cloud.databricks.com (see setHost)
    QString accountId;
    AuthType authType = AuthType::PersonalAccessToken;
    // Later features offer no write actions on read-only connections: a safe way to explore
    // production with a powerful token.
    bool readOnly = false;

    // A connection with a fresh id and the defaults above.
    static Connection create(const QString& name = {});
    static QString newId();

    // Stores what a user typed ("dbc-1.cloud.databricks.com/") as a normalized base URL.
    void setHost(const QString& typed);

    // Workspace: {host}/api/2.0/preview/scim/v2; account: {host}/api/2.0/accounts/{accountId}/scim/v2.
    QUrl scimBaseUrl() const;
    // Empty when usable; else one sentence naming the field to fix.
    QString validate() const;
    // The SecretStore key of this connection's token.
    QString secretKey() const;

    // Account when an account id is given and the host is an account console ("accounts.*") or
    // missing; everything else is a workspace. Shared by the ~/.databrickscfg and environment
    // importers so both decide alike.
    static Kind guessKind(const QUrl& host, const QString& accountId);
    static bool isAccountsHost(const QUrl& host);
    static bool looksLikeUuid(const QString& text);

    // Stable lowercase names used in settings files and by the CLI.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    static QString authTypeName(AuthType type);
    static std::optional<AuthType> authTypeFromName(const QString& name);

    friend bool operator==(const Connection&, const Connection&) = default;
};

} // namespace scimitar
