#pragma once

#include "drift/BackgroundDriftReview.h"
#include "policy/IdpSettings.h"
#include "policy/Policy.h"

#include <QString>

namespace scimitar::gui {

// Turns a policy's `idp` settings plus the secret from the vault into the IdpSource a review runs against. The
// policy file names where the IdP is, never how to sign in, so the secret is found by a key derived from where
// (SecretKeys::idp(secretId(...))): the same Okta org or Entra app shares one secret across policy files.
class IdpSourceFactory
{
public:
    // "okta/acme.okta.com", "entra/<tenant>/<client id>"; empty for file sources (they need no secret).
    static QString secretId(const IdpSettings& settings);
    static bool needsSecret(const IdpSettings& settings) { return !secretId(settings).isEmpty(); }

    // A factory for BackgroundDriftReview: builds the source in the worker thread. `secret` is the Okta API
    // token (sent as "SSWS <token>", or as is when it already names its scheme) or the Entra client secret.
    static BackgroundDriftReview::SourceFactory factory(const Policy& policy, const QString& secret);
};

} // namespace scimitar::gui
