#include "connections/IdpBinding.h"

#include "idp/EntraSettings.h"
#include "idp/IdpUrl.h"

namespace scimitar {

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

struct EntraCloud
{
    const char* authority;
    const char* graph;
};

constexpr EntraCloud kEntraClouds[] = {
    {"https://login.microsoftonline.com", "https://graph.microsoft.com"},
    {"https://login.microsoftonline.us", "https://graph.microsoft.us"},
    {"https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
    {"https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
};

} // namespace

QStringList IdpBinding::destinations(const IdpSettings& settings)
{
    switch (settings.type) {
    case IdpType::File:
        return {};
    case IdpType::Okta:
        return {IdpUrl::origin(settings.url)};
    case IdpType::Entra: {
        const EntraSettings globalCloud;
        return {IdpUrl::origin(settings.authority.isEmpty() ? globalCloud.authority : settings.authority),
                IdpUrl::origin(settings.graph.isEmpty() ? globalCloud.graph : settings.graph)};
    }
    }
    return {};
}

std::optional<IdpSettings> IdpBinding::combine(const IdpSettings& policy, const IdpConnection& connection,
                                               QString* error)
{
    const QString& name = connection.name;
    const IdpSettings& saved = connection.settings;
    if (policy.type != saved.type) {
        *error = policy.type == IdpType::File
                     ? QStringLiteral("The policy's IdP is a file, which needs no IdP connection (IdP connection '%1' "
                                      "is %2).")
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
                                    "never sent to another org, port or scheme.")
                         .arg(name, IdpUrl::origin(saved.url), IdpUrl::origin(policy.url));
            return std::nullopt;
        }
        combined.url = saved.url; // the connection's spelling: the origin is the same, the path is not the policy's
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

bool IdpBinding::isKnownEntraCloud(const QUrl& authority, const QUrl& graph)
{
    for (const EntraCloud& cloud : kEntraClouds) {
        if (IdpUrl::sameOrigin(authority, QUrl(QLatin1String(cloud.authority))) &&
            IdpUrl::sameOrigin(graph, QUrl(QLatin1String(cloud.graph))))
            return true;
    }
    return false;
}

bool IdpBinding::isOktaDomain(const QUrl& url)
{
    if (url.scheme() != QLatin1String("https") || (url.port() != -1 && url.port() != 443))
        return false;
    const QString host = url.host().toLower();
    for (const char* domain : {"okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil"}) {
        if (host.endsWith(QLatin1Char('.') + QLatin1String(domain)))
            return true;
    }
    return false;
}

} // namespace scimitar
