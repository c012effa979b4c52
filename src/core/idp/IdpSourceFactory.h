#pragma once

#include "policy/IdpSettings.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>

namespace scimitar {

class IdpSource;
class Policy;

// Turns a policy's `idp` settings plus a secret into the IdpSource a review runs against; the GUI (secret from the
// keychain) and the CLI (secret from the keychain or the environment) both build their sources here, so an Okta
// token is sent with the same scheme and an Entra secret with the same hosts whoever asks.
//
// The policy file names where the IdP is, never how to sign in, so a stored secret is found by a key derived from
// where: SecretKeys::idp(secretId(settings)). The same Okta org or Entra app shares one secret across policy files
// and saved IdP connections; the key names are stable (secrets stored by earlier versions keep working).
class IdpSourceFactory
{
public:
    // "okta/acme.okta.com", "entra/<tenant>/<client id>" (lower case); empty for file sources (they need no secret).
    static QString secretId(const IdpSettings& settings);
    static bool needsSecret(const IdpSettings& settings) { return !secretId(settings).isEmpty(); }
    // For messages: "https://acme.okta.com", "app <client id> in tenant <tenant>", "file <path>".
    static QString where(const IdpSettings& settings);

    // The Authorization header value for an Okta secret: an OAuth access token comes with its scheme
    // ("Bearer …", also "SSWS …"), a bare API token is Okta's SSWS kind.
    static QByteArray oktaAuthorization(const QByteArray& secret);

    // The source for `settings`: `secret` is the Okta API token or the Entra client secret (ignored for files),
    // `filePath` the file of a file source, resolved against the policy's folder (Policy::idpFilePath()).
    // nullptr with *error set (one sentence, never containing the secret) when the settings are not usable.
    static std::unique_ptr<IdpSource> create(const IdpSettings& settings, const QString& filePath,
                                             const QByteArray& secret, QString* error);
    static std::unique_ptr<IdpSource> create(const Policy& policy, const QByteArray& secret, QString* error);

    // create(), deferred: the GUI's background review calls it in its worker thread, because a source works in
    // the thread it was built in. The caller owns what it returns.
    using Deferred = std::function<IdpSource*(QString* error)>;
    static Deferred factory(const Policy& policy, const QString& secret);
};

} // namespace scimitar
