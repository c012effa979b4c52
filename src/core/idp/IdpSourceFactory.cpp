#include "idp/IdpSourceFactory.h"

#include "idp/EntraSettings.h"
#include "idp/EntraSource.h"
#include "idp/FileIdpSource.h"
#include "idp/IdpUrl.h"
#include "idp/OktaSource.h"
#include "net/UrlPolicy.h"
#include "policy/Policy.h"

namespace scimitar {

QString IdpSourceFactory::secretId(const IdpSettings& settings)
{
    switch (settings.type) {
    case IdpType::Okta:
        return QStringLiteral("okta/%1").arg(settings.url.host().toLower());
    case IdpType::Entra:
        return QStringLiteral("entra/%1/%2").arg(settings.tenant.toLower(), settings.clientId.toLower());
    case IdpType::File:
        return {};
    }
    return {};
}

QString IdpSourceFactory::where(const IdpSettings& settings)
{
    switch (settings.type) {
    case IdpType::Okta:
        return IdpUrl::origin(settings.url);
    case IdpType::Entra:
        return QStringLiteral("Entra ID app %1 in tenant %2").arg(settings.clientId, settings.tenant);
    case IdpType::File:
        return QStringLiteral("file %1").arg(settings.path);
    }
    return {};
}

QByteArray IdpSourceFactory::oktaAuthorization(const QByteArray& secret)
{
    const QByteArray lower = secret.left(7).toLower();
    const bool hasScheme = lower.startsWith("ssws ") || lower.startsWith("bearer ");
    return hasScheme ? secret : QByteArrayLiteral("SSWS ") + secret;
}

IdpSourceFactory::Deferred IdpSourceFactory::factory(const Policy& policy, const QString& secret)
{
    return [policy, secret = secret.toUtf8()](QString* error) { return create(policy, secret, error).release(); };
}

std::unique_ptr<IdpSource> IdpSourceFactory::create(const Policy& policy, const QByteArray& secret, QString* error)
{
    return create(policy.idp(), policy.idpFilePath(), secret, error);
}

std::unique_ptr<IdpSource> IdpSourceFactory::create(const IdpSettings& settings, const QString& filePath,
                                                    const QByteArray& secret, QString* error)
{
    switch (settings.type) {
    case IdpType::File:
        return std::make_unique<FileIdpSource>(filePath);

    case IdpType::Okta: {
        if (!settings.url.isValid() || settings.url.host().isEmpty()) {
            *error = QStringLiteral("No Okta org URL is set (idp.url).");
            return nullptr;
        }
        // Checked here as well as by the transport: refusing before the source exists gives one clear sentence.
        if (const QString refused = net::UrlPolicy::check(settings.url); !refused.isEmpty()) {
            *error = QStringLiteral("Okta org URL: %1").arg(refused);
            return nullptr;
        }
        if (secret.isEmpty()) {
            *error = QStringLiteral("No Okta API token is stored for %1.").arg(settings.url.host());
            return nullptr;
        }
        return std::make_unique<OktaSource>(settings.url, oktaAuthorization(secret));
    }

    case IdpType::Entra: {
        EntraSettings entra;
        entra.tenant = settings.tenant;
        entra.clientId = settings.clientId;
        entra.clientSecret = secret;
        if (settings.authority.isValid() && !settings.authority.isEmpty())
            entra.authority = settings.authority;
        if (settings.graph.isValid() && !settings.graph.isEmpty())
            entra.graph = settings.graph;
        if (const QString problem = entra.problem(); !problem.isEmpty()) {
            *error = problem;
            return nullptr;
        }
        return std::make_unique<EntraSource>(entra);
    }
    }
    *error = QStringLiteral("Unknown identity provider type.");
    return nullptr;
}

} // namespace scimitar
