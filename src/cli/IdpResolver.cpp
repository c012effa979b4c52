#include "IdpResolver.h"

#include "AppSettings.h"
#include "connections/IdpConnectionStore.h"
#include "idp/EntraSettings.h"
#include "idp/IdpUrl.h"
#include "net/UrlPolicy.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SyncSecretReader.h"

#include <QSettings>
#include <utility>

namespace scimitar::cli {

namespace {

QString typeWords(IdpType type)
{
    switch (type) {
    case IdpType::Okta:
        return QStringLiteral("an Okta connection");
    case IdpType::Entra:
        return QStringLiteral("an Entra ID connection");
    case IdpType::File:
        return QStringLiteral("a file");
    }
    return {};
}

// One Entra host (login authority or Graph) of the combined settings. The connection's value, or the global cloud's
// when it has none, is where its secret was meant to go; a policy naming another host is refused.
bool combineHost(const QUrl& policy, const QUrl& connection, const QUrl& globalCloud, const QString& field,
                 const QString& name, QUrl* out, QString* error)
{
    const QUrl meant = connection.isEmpty() ? globalCloud : connection;
    if (!policy.isEmpty() && !IdpUrl::sameOrigin(policy, meant)) {
        *error = QStringLiteral("IdP connection '%1' uses %2, but the policy's %3 is %4; its secret is never sent to "
                                "another host. Fix the policy or save a connection for that host in Scimitar.")
                     .arg(name, IdpUrl::origin(meant), field, IdpUrl::origin(policy));
        return false;
    }
    *out = policy.isEmpty() ? connection : policy;
    return true;
}

} // namespace

IdpResolver::IdpResolver(const QProcessEnvironment& env)
    : m_env(env)
{
}

std::optional<IdpSettings> IdpResolver::combine(const IdpSettings& policy, const IdpConnection& connection,
                                                QString* error)
{
    const QString& name = connection.name;
    const IdpSettings& saved = connection.settings;
    if (policy.type != saved.type) {
        *error = policy.type == IdpType::File
                     ? QStringLiteral("The policy's IdP is a file, which needs no --idp-connection (IdP connection "
                                      "'%1' is %2).")
                           .arg(name, typeWords(saved.type))
                     : QStringLiteral("IdP connection '%1' is %2, but the policy's idp.type is %3; its secret is only "
                                      "used for the IdP the policy names.")
                           .arg(name, typeWords(saved.type), idpTypeName(policy.type));
        return std::nullopt;
    }

    IdpSettings combined = policy;
    if (saved.type == IdpType::Okta) {
        if (!policy.url.isEmpty() && !IdpUrl::sameOrigin(policy.url, saved.url)) {
            *error = QStringLiteral("IdP connection '%1' is for %2, but the policy's idp.url names %3; its token is "
                                    "never sent to another org.")
                         .arg(name, IdpUrl::origin(saved.url), IdpUrl::origin(policy.url));
            return std::nullopt;
        }
        if (policy.url.isEmpty())
            combined.url = saved.url;
        return combined;
    }

    // Entra: the client secret belongs to one app registration in one tenant.
    auto agree = [&](const QString& fromPolicy, const QString& fromConnection, const QString& field,
                     const QString& what, QString* out) {
        if (!fromPolicy.isEmpty() && fromPolicy.compare(fromConnection, Qt::CaseInsensitive) != 0) {
            *error = QStringLiteral("IdP connection '%1' is for %2 %3, but the policy's %4 is %5; its client secret "
                                    "is never sent to another %2.")
                         .arg(name, what, fromConnection, field, fromPolicy);
            return false;
        }
        *out = fromPolicy.isEmpty() ? fromConnection : fromPolicy;
        return true;
    };
    if (!agree(policy.tenant, saved.tenant, QStringLiteral("idp.tenant"), QStringLiteral("tenant"), &combined.tenant) ||
        !agree(policy.clientId, saved.clientId, QStringLiteral("idp.clientId"), QStringLiteral("app"),
               &combined.clientId))
        return std::nullopt;
    const EntraSettings globalCloud;
    if (!combineHost(policy.authority, saved.authority, globalCloud.authority, QStringLiteral("idp.authority"), name,
                     &combined.authority, error) ||
        !combineHost(policy.graph, saved.graph, globalCloud.graph, QStringLiteral("idp.graph"), name, &combined.graph,
                     error))
        return std::nullopt;
    return combined;
}

std::optional<ResolvedIdp> IdpResolver::fromConnection(const IdpSettings& policy, const QString& name,
                                                       QString* error) const
{
    QSettings settings(kSettingsOrganization, kSettingsApplication);
    IdpConnectionStore store(settings);
    const std::optional<IdpConnection> found = store.findByName(name);
    if (!found) {
        const QStringList names = store.names();
        *error = names.isEmpty()
                     ? QStringLiteral("There is no saved IdP connection named '%1'; Scimitar has none saved (in %2).")
                           .arg(name, store.fileName())
                     : QStringLiteral("There is no saved IdP connection named '%1'; saved IdP connections: %2.")
                           .arg(name, names.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    if (const QString invalid = found->validate(); !invalid.isEmpty()) {
        *error = QStringLiteral("IdP connection '%1' is not usable: %2").arg(found->name, invalid);
        return std::nullopt;
    }
    std::optional<IdpSettings> combined = combine(policy, *found, error);
    if (!combined)
        return std::nullopt;

    // Only now, with the destination checked, is the secret read.
    KeychainSecretStore keychain;
    const SecretResult secret = SyncSecretReader::read(keychain, found->secretKey());
    const QString what =
        found->settings.type == IdpType::Okta ? QStringLiteral("API token") : QStringLiteral("client secret");
    const QString variable = found->settings.type == IdpType::Okta ? QStringLiteral("OKTA_API_TOKEN")
                                                                   : QStringLiteral("AZURE_CLIENT_SECRET");
    if (secret.status == SecretResult::Status::NotFound || (secret.ok() && secret.secret.trimmed().isEmpty())) {
        *error = QStringLiteral("No %1 is stored for IdP connection '%2' in the OS keychain; enter it in Scimitar "
                                "(File > Identity provider…).")
                     .arg(what, found->name);
        return std::nullopt;
    }
    if (secret.status == SecretResult::Status::NoBackend) {
        // The keychain's own advice (keep the secret in memory) is for the GUI; a CLI run has a better option.
        *error = QStringLiteral("No OS keychain is available to read the %1 of IdP connection '%2'; on a machine "
                                "without one, leave out --idp-connection and set %3.")
                     .arg(what, found->name, variable);
        return std::nullopt;
    }
    if (!secret.ok()) {
        *error = QStringLiteral("Could not read the %1 of IdP connection '%2' from the OS keychain: %3")
                     .arg(what, found->name, secret.message);
        return std::nullopt;
    }
    return ResolvedIdp{*combined, secret.secret.trimmed().toUtf8()};
}

std::optional<ResolvedIdp> IdpResolver::fromEnvironment(const IdpSettings& policy, QString* error) const
{
    ResolvedIdp resolved{policy, {}};
    switch (policy.type) {
    case IdpType::File:
        return resolved;

    case IdpType::Okta: {
        const QString envUrl = m_env.value(QStringLiteral("OKTA_ORG_URL")).trimmed();
        if (!envUrl.isEmpty()) {
            const QUrl fromEnv = net::UrlPolicy::normalizeHost(envUrl);
            // The token belongs to one org: two different orgs named is a mistake that must not send it to the
            // wrong one.
            if (!policy.url.isEmpty() && IdpUrl::origin(fromEnv) != IdpUrl::origin(policy.url)) {
                *error = QStringLiteral("OKTA_ORG_URL (%1) names another org than the policy's idp.url (%2); "
                                        "unset one of them.")
                             .arg(IdpUrl::origin(fromEnv), IdpUrl::origin(policy.url));
                return std::nullopt;
            }
            if (policy.url.isEmpty())
                resolved.settings.url = fromEnv;
        }
        if (resolved.settings.url.isEmpty() || resolved.settings.url.host().isEmpty()) {
            *error = QStringLiteral("idp.type okta needs the org URL: set idp.url in the policy or OKTA_ORG_URL.");
            return std::nullopt;
        }
        resolved.secret = m_env.value(QStringLiteral("OKTA_API_TOKEN")).trimmed().toUtf8();
        if (resolved.secret.isEmpty()) {
            *error = QStringLiteral("idp.type okta needs an Okta API token in OKTA_API_TOKEN (it is never read from "
                                    "the policy or the command line).");
            return std::nullopt;
        }
        return resolved;
    }

    case IdpType::Entra: {
        // The secret is sent to the tenant of the policy; environment variables naming another tenant or app
        // mean the secret probably belongs elsewhere.
        const QList<std::pair<QString, QString>> mustAgree{{QStringLiteral("AZURE_TENANT_ID"), policy.tenant},
                                                           {QStringLiteral("AZURE_CLIENT_ID"), policy.clientId}};
        for (const auto& [name, expected] : mustAgree) {
            const QString value = m_env.value(name).trimmed();
            if (!value.isEmpty() && value.compare(expected, Qt::CaseInsensitive) != 0) {
                *error = QStringLiteral("%1 (%2) differs from the policy's %3 (%4); the client secret would go to "
                                        "the wrong app. Unset %1 or fix the policy.")
                             .arg(name, value,
                                  name == QLatin1String("AZURE_TENANT_ID") ? QStringLiteral("idp.tenant")
                                                                           : QStringLiteral("idp.clientId"),
                                  expected);
                return std::nullopt;
            }
        }
        resolved.secret = m_env.value(QStringLiteral("AZURE_CLIENT_SECRET")).trimmed().toUtf8();
        if (resolved.secret.isEmpty()) {
            *error = QStringLiteral("idp.type entra needs the client secret of app %1 in AZURE_CLIENT_SECRET (it is "
                                    "never read from the policy or the command line).")
                         .arg(policy.clientId);
            return std::nullopt;
        }
        return resolved;
    }
    }
    *error = QStringLiteral("Unknown identity provider type.");
    return std::nullopt;
}

} // namespace scimitar::cli
