#include "ConnectionResolver.h"

#include "AppSettings.h"
#include "connections/ConnectionStore.h"
#include "connections/DatabricksConfigFile.h"
#include "connections/EnvironmentCredentials.h"
#include "net/UrlPolicy.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SyncSecretReader.h"

#include <QSettings>

namespace scimitar::cli {

ConnectionResolver::ConnectionResolver(const QProcessEnvironment& env)
    : m_env(env)
{
}

std::optional<ResolvedTarget> ConnectionResolver::resolve(const Invocation& invocation, QString* error, Use use) const
{
    ImportedConnection imported;
    if (!invocation.connectionName.isEmpty()) {
        if (invocation.kind) {
            *error = QStringLiteral("--kind cannot be used with --connection: a saved connection already says "
                                    "whether it is a workspace or an account.");
            return std::nullopt;
        }
        imported = fromSavedConnection(invocation.connectionName, use);
    } else if (!invocation.profileName.isEmpty() || !EnvironmentCredentials::configProfile(m_env).isEmpty()) {
        imported = fromProfile(invocation.profileName);
    } else {
        imported = fromEnvironment();
    }

    // The importers guess workspace vs account from the host; --kind overrides the guess (unified hosts, local
    // proxies and emulators have no "accounts." in their name). Validate again afterwards: an account needs an id.
    if (invocation.kind && imported.ok()) {
        Connection& connection = imported.connection;
        connection.kind = *invocation.kind;
        connection.authType = connection.kind == Connection::Kind::Account ? Connection::AuthType::AccountScimToken
                                                                           : Connection::AuthType::PersonalAccessToken;
        if (const QString invalid = connection.validate(); !invalid.isEmpty())
            imported.error = QStringLiteral("%1 with --kind %2: %3")
                                 .arg(imported.origin, Connection::kindName(connection.kind), invalid);
    }
    if (!imported.ok()) {
        *error = imported.error;
        return std::nullopt;
    }

    ResolvedTarget target;
    target.name = imported.connection.name;
    target.origin = imported.origin;
    target.scimBaseUrl = imported.connection.scimBaseUrl();
    target.level =
        imported.connection.kind == Connection::Kind::Account ? DirectoryLevel::Account : DirectoryLevel::Workspace;
    target.token = imported.token.toUtf8();
    target.readOnly = imported.connection.readOnly;
    if (invocation.timeoutSeconds > 0)
        target.retry.timeoutMs = invocation.timeoutSeconds * 1000;
    if (invocation.retries >= 0)
        target.retry.maxAttempts = invocation.retries + 1;
    // Connection::validate() checked the host already; checking the final URL too costs nothing and keeps the
    // promise "no token over plain http to another machine" independent of how the URL was put together.
    if (const QString refused = net::UrlPolicy::check(target.scimBaseUrl); !refused.isEmpty()) {
        *error = refused;
        return std::nullopt;
    }
    return target;
}

ImportedConnection ConnectionResolver::fromSavedConnection(const QString& name, Use use) const
{
    ImportedConnection result;
    result.origin = QStringLiteral("saved connection '%1'").arg(name);
    QSettings settings(kSettingsOrganization, kSettingsApplication);
    ConnectionStore store(settings);
    const std::optional<Connection> found = store.findByName(name);
    if (!found) {
        QStringList names;
        for (const Connection& connection : store.list())
            names.append(connection.name);
        result.error = names.isEmpty()
                           ? QStringLiteral("There is no saved connection named '%1'; Scimitar has none saved (in %2).")
                                 .arg(name, store.fileName())
                           : QStringLiteral("There is no saved connection named '%1'; saved connections: %2.")
                                 .arg(name, names.join(QStringLiteral(", ")));
        return result;
    }
    result.connection = *found;
    if (const QString invalid = found->validate(); !invalid.isEmpty()) {
        result.error = QStringLiteral("Saved connection '%1' is not usable: %2").arg(found->name, invalid);
        return result;
    }
    if (use == Use::Write && found->readOnly) {
        // Refused before the keychain is asked: a token that may not be used for changes is not even read.
        result.error = QStringLiteral("The connection '%1' is marked read-only in Scimitar; no changes are sent "
                                      "through it. Clear \"Read-only\" in the app's Connections dialog first.")
                           .arg(found->name);
        return result;
    }

    KeychainSecretStore keychain;
    const SecretResult secret = SyncSecretReader::read(keychain, found->secretKey());
    if (secret.status == SecretResult::Status::NotFound) {
        result.error = QStringLiteral("No token is stored for connection '%1' in the OS keychain; enter it again in "
                                      "Scimitar.")
                           .arg(found->name);
    } else if (secret.status == SecretResult::Status::NoBackend) {
        // The keychain's own advice (keep the token in memory) is for the GUI; a CLI run has better options.
        result.error = QStringLiteral("No OS keychain is available to read the token of connection '%1'; on a "
                                      "machine without one, use --profile or DATABRICKS_HOST and DATABRICKS_TOKEN.")
                           .arg(found->name);
    } else if (!secret.ok()) {
        result.error = QStringLiteral("Could not read the token of connection '%1' from the OS keychain: %2")
                           .arg(found->name, secret.message);
    } else if (secret.secret.trimmed().isEmpty()) {
        result.error = QStringLiteral("The token stored for connection '%1' is empty; enter it again in Scimitar.")
                           .arg(found->name);
    } else {
        result.token = secret.secret.trimmed();
    }
    return result;
}

ImportedConnection ConnectionResolver::fromProfile(const QString& name) const
{
    return DatabricksConfigFile::load(m_env).toConnection(name, m_env);
}

ImportedConnection ConnectionResolver::fromEnvironment() const
{
    ImportedConnection result = EnvironmentCredentials::read(m_env);
    if (!result.ok() && !EnvironmentCredentials::isPresent(m_env))
        result.error += QStringLiteral(" Or choose a connection with --profile NAME or --connection NAME.");
    return result;
}

} // namespace scimitar::cli
