#pragma once

#include "connections/IdpConnection.h"
#include "policy/IdpSettings.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace scimitar::cli {

// Where the IdP of a drift run is and the secret to read it with. Secrets never come from the policy or argv.
struct ResolvedIdp
{
    IdpSettings settings; // the policy's idp block, completed (e.g. the org URL from OKTA_ORG_URL or a connection)
    QByteArray secret;    // Okta API token or Entra client secret; empty for a file IdP
};

// Decides the IdP settings and secret of `drift`:
//   --idp-connection NAME: a connection saved in the app (QSettings "Scimitar"/"Scimitar", group idpConnections),
//     secret from the OS keychain; the IdP environment variables are not read;
//   otherwise the environment: okta $OKTA_API_TOKEN (org URL from the policy or $OKTA_ORG_URL), entra
//     $AZURE_CLIENT_SECRET ($AZURE_TENANT_ID and $AZURE_CLIENT_ID must agree with the policy when set). A host the
//     policy names is used on its word alone only when it is Okta's own domain or Entra's global cloud; any other
//     must be named by the environment too ($OKTA_ORG_URL, $AZURE_AUTHORITY_HOST, $SCIMITAR_GRAPH_HOST).
// Either way a secret is only ever paired with the org, tenant and app the policy names, and a saved connection's
// only with the hosts it was saved for (IdpBinding, IdpStoredSecret): anything that would send it somewhere else is
// an error (one sentence, never containing the secret).
class IdpResolver
{
public:
    explicit IdpResolver(const QProcessEnvironment& env);

    std::optional<ResolvedIdp> fromEnvironment(const IdpSettings& policy, QString* error) const;
    std::optional<ResolvedIdp> fromConnection(const IdpSettings& policy, const QString& name, QString* error) const;

private:
    QProcessEnvironment m_env;
};

} // namespace scimitar::cli
