#pragma once

#include "policy/IdpSettings.h"

#include <QString>
#include <optional>

namespace scimitar {

// The value an IdP secret is kept under in a SecretStore: the secret and the hosts it was saved for
// (IdpBinding::destinations), as a small JSON object. The keychain is the one place a policy or settings file
// cannot reach, so what it records is the last word on where the secret may go: a connection whose hosts were
// edited behind the app's back gets a refusal, not the secret.
//
// Values stored before hosts were recorded (the bare secret) still read, for the one destination they could only
// have been meant for: the https Okta org named by their key, or Entra's global cloud.
class IdpStoredSecret
{
public:
    // What to store for `secret` used with `settings`.
    static QString encode(const QString& secret, const IdpSettings& settings);
    // The secret, when it was saved for exactly where `settings` sends it; else nullopt and one sentence in *error
    // naming both hosts (never the secret).
    static std::optional<QString> decode(const QString& stored, const IdpSettings& settings, QString* error);
};

} // namespace scimitar
