#pragma once

#include "connections/IdpConnection.h"
#include "policy/IdpSettings.h"

#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace scimitar {

// Where an IdP secret may be sent: the one rule the app and `scimitar-cli` apply before any IdP secret is read.
//
// A policy lives in git and says *where* the IdP is; it can be changed by anyone who can change that file, so it
// never decides alone where an Okta token or an Entra client secret goes. What the operator chose decides: a saved
// IdP connection (type, Okta origin, Entra tenant, client id, login and Graph hosts), and the stored secret itself
// records the hosts it was saved for (IdpStoredSecret), so an edited settings file cannot redirect it either. In the
// CLI's environment mode the operator's choice is the environment: a host other than the default cloud's must be
// named there too.
class IdpBinding
{
public:
    // Where a secret for these settings travels, as origins ("https://acme.okta.com"): Okta the org; Entra the login
    // authority (the client secret) and Graph (the access token), the global cloud's hosts when not set.
    static QStringList destinations(const IdpSettings& settings);

    // The policy's settings completed from a saved connection, or nullopt with *error set (one sentence naming both
    // hosts) when the two name different IdPs: type, Okta origin (scheme, host and port), Entra tenant or client id,
    // login or Graph origin. What the policy leaves out comes from the connection.
    static std::optional<IdpSettings> combine(const IdpSettings& policy, const IdpConnection& connection,
                                              QString* error);

    // Entra's national clouds: the login authority and Graph host that belong together (global, US Gov L4 and L5,
    // China). Only origins are compared.
    static bool isKnownEntraCloud(const QUrl& authority, const QUrl& graph);
    // https on an Okta-run domain (okta.com, oktapreview.com, okta-emea.com, okta-gov.com, okta.mil).
    static bool isOktaDomain(const QUrl& url);
};

} // namespace scimitar
