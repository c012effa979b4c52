#include "IdpResolver.h"

#include "AppSettings.h"
#include "connections/IdpBinding.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"
#include "idp/EntraSettings.h"
#include "idp/IdpUrl.h"
#include "net/UrlPolicy.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SyncSecretReader.h"

#include <QSettings>
#include <functional>
#include <utility>

namespace scimitar::cli {

namespace {

// One host of environment mode: the policy's value is used only when it is the default one or the environment names
// the same origin (the operator's choice); a value from the environment alone is used as is.
bool hostFromEnvironment(const QUrl& fromPolicy, const QString& variable, const QString& envValue, const QString& field,
                         const std::function<bool(const QUrl&)>& isDefault, QUrl* out, QString* error)
{
    if (envValue.isEmpty()) {
        if (!fromPolicy.isEmpty() && !isDefault(fromPolicy)) {
            *error = QStringLiteral("The policy's %1 (%2) is not the default host, and the secret is only sent there "
                                    "when %3 names the same host; set %3=%2 or use a saved IdP connection.")
                         .arg(field, IdpUrl::origin(fromPolicy), variable);
            return false;
        }
        *out = fromPolicy;
        return true;
    }
    const QUrl fromEnv = net::UrlPolicy::normalizeHost(envValue);
    if (const QString refused = net::UrlPolicy::check(fromEnv); !refused.isEmpty()) {
        *error = QStringLiteral("%1 is not usable: %2").arg(variable, refused);
        return false;
    }
    if (!fromPolicy.isEmpty() && !IdpUrl::sameOrigin(fromPolicy, fromEnv)) {
        *error = QStringLiteral("%1 (%2) names another host than the policy's %3 (%4); unset one of them.")
                     .arg(variable, IdpUrl::origin(fromEnv), field, IdpUrl::origin(fromPolicy));
        return false;
    }
    *out = fromPolicy.isEmpty() ? fromEnv : fromPolicy;
    return true;
}

} // namespace

IdpResolver::IdpResolver(const QProcessEnvironment& env)
    : m_env(env)
{
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
    std::optional<IdpSettings> combined = IdpBinding::combine(policy, *found, error);
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
    // The keychain records where the secret was saved for; an edited settings file cannot redirect it.
    QString unbound;
    const std::optional<QString> plain = IdpStoredSecret::decode(secret.secret, *combined, &unbound);
    if (!plain) {
        *error = QStringLiteral("IdP connection '%1': %2").arg(found->name, unbound);
        return std::nullopt;
    }
    return ResolvedIdp{*combined, plain->trimmed().toUtf8()};
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
        } else if (!policy.url.isEmpty() && !IdpBinding::isOktaDomain(policy.url)) {
            // A policy is a file in git: on its word alone the token only goes to an org Okta runs.
            *error = QStringLiteral("The policy's idp.url (%1) is not an https Okta domain, and the token is only sent "
                                    "there when OKTA_ORG_URL names the same org; set OKTA_ORG_URL=%1 or use a saved "
                                    "IdP connection.")
                         .arg(IdpUrl::origin(policy.url));
            return std::nullopt;
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
        // The client secret goes to the login authority, the access token to Graph: on the policy's word alone only
        // to the global cloud; another cloud (or a test's loopback host) must be named by the environment as well.
        const EntraSettings globalCloud;
        if (!hostFromEnvironment(
                policy.authority, QStringLiteral("AZURE_AUTHORITY_HOST"),
                m_env.value(QStringLiteral("AZURE_AUTHORITY_HOST")).trimmed(), QStringLiteral("idp.authority"),
                [&](const QUrl& url) { return IdpUrl::sameOrigin(url, globalCloud.authority); },
                &resolved.settings.authority, error))
            return std::nullopt;
        const QUrl authority =
            resolved.settings.authority.isEmpty() ? globalCloud.authority : resolved.settings.authority;
        if (!hostFromEnvironment(
                policy.graph, QStringLiteral("SCIMITAR_GRAPH_HOST"),
                m_env.value(QStringLiteral("SCIMITAR_GRAPH_HOST")).trimmed(), QStringLiteral("idp.graph"),
                [&](const QUrl& url) { return IdpBinding::isKnownEntraCloud(authority, url); },
                &resolved.settings.graph, error))
            return std::nullopt;
        const QUrl graph = resolved.settings.graph.isEmpty() ? globalCloud.graph : resolved.settings.graph;
        const bool namedByEnvironment = !m_env.value(QStringLiteral("AZURE_AUTHORITY_HOST")).trimmed().isEmpty() &&
                                        !m_env.value(QStringLiteral("SCIMITAR_GRAPH_HOST")).trimmed().isEmpty();
        if (!namedByEnvironment && !IdpBinding::isKnownEntraCloud(authority, graph)) {
            *error = QStringLiteral("The login authority %1 and Graph host %2 are not one of Entra's clouds; name both "
                                    "in AZURE_AUTHORITY_HOST and SCIMITAR_GRAPH_HOST or use a saved IdP connection.")
                         .arg(IdpUrl::origin(authority), IdpUrl::origin(graph));
            return std::nullopt;
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
