#pragma once

#include "policy/IdpSettings.h"

#include <QString>

namespace scimitar {

// A named identity-provider connection: where an Okta org or an Entra ID app registration is, saved so the GUI
// and `scimitar-cli drift --idp-connection NAME` can find it again. Metadata only, like Connection: the secret
// lives in a SecretStore under secretKey(), never here. A file IdP needs no connection (nothing to sign in to).
struct IdpConnection
{
    QString id; // QUuid without braces; the stable identity (names can change)
    QString name;
    IdpSettings settings; // type okta or entra; `path` is unused

    // A connection with a fresh id.
    static IdpConnection create(const QString& name = {}, const IdpSettings& settings = {});

    // What people call it when they do not say: the Okta host ("acme.okta.com") or the Entra tenant.
    static QString defaultName(const IdpSettings& settings);

    // Empty when usable; else one sentence naming the field to fix.
    QString validate() const;

    // The SecretStore key of its secret: SecretKeys::idp(IdpSourceFactory::secretId(settings)), the key the GUI
    // has always used, so one Okta org (or Entra app) has one secret whichever policy or connection names it.
    QString secretKey() const;

    friend bool operator==(const IdpConnection&, const IdpConnection&) = default;
};

} // namespace scimitar
