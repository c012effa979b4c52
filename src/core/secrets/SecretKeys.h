#pragma once

#include <QString>

namespace scimitar {

// Builds the names under which secrets are stored. All key names come from here so that
// a later clean-up ("remove every secret Scimitar owns") can enumerate the families, and so a
// connection id can never collide with an identity-provider id.
class SecretKeys
{
public:
    // The Databricks token (PAT or account SCIM token) of one connection: "databricks/<id>".
    static QString databricks(const QString& connectionId);
    // An identity-provider secret (Okta API token, Entra client secret): "idp/<id>", the id from
    // IdpSourceFactory::secretId() (where the IdP is, e.g. "okta/acme.okta.com").
    static QString idp(const QString& idpId);

    static QString databricksPrefix() { return QStringLiteral("databricks/"); }
    static QString idpPrefix() { return QStringLiteral("idp/"); }
};

} // namespace scimitar
