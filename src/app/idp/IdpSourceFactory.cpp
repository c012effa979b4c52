#include "IdpSourceFactory.h"

#include "idp/EntraSettings.h"
#include "idp/EntraSource.h"
#include "idp/FileIdpSource.h"
#include "idp/OktaSource.h"

namespace scimitar::gui {

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

BackgroundDriftReview::SourceFactory IdpSourceFactory::factory(const Policy& policy, const QString& secret)
{
    const IdpSettings settings = policy.idp();
    const QString filePath = policy.idpFilePath();
    return [settings, filePath, secret](QString* error) -> IdpSource* {
        switch (settings.type) {
        case IdpType::File:
            return new FileIdpSource(filePath);
        case IdpType::Okta: {
            if (!settings.url.isValid() || settings.url.host().isEmpty()) {
                *error = QStringLiteral("The policy names no Okta org URL (idp.url).");
                return nullptr;
            }
            if (secret.isEmpty()) {
                *error = QStringLiteral("No Okta API token is stored for %1.").arg(settings.url.host());
                return nullptr;
            }
            // An OAuth access token comes with its scheme; a bare API token is Okta's SSWS kind.
            const bool hasScheme = secret.startsWith(QLatin1String("SSWS "), Qt::CaseInsensitive) ||
                                   secret.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive);
            const QByteArray header = hasScheme ? secret.toUtf8() : QByteArrayLiteral("SSWS ") + secret.toUtf8();
            return new OktaSource(settings.url, header);
        }
        case IdpType::Entra: {
            EntraSettings entra;
            entra.tenant = settings.tenant;
            entra.clientId = settings.clientId;
            entra.clientSecret = secret.toUtf8();
            if (settings.authority.isValid() && !settings.authority.isEmpty())
                entra.authority = settings.authority;
            if (settings.graph.isValid() && !settings.graph.isEmpty())
                entra.graph = settings.graph;
            if (const QString problem = entra.problem(); !problem.isEmpty()) {
                *error = problem;
                return nullptr;
            }
            return new EntraSource(entra);
        }
        }
        *error = QStringLiteral("Unknown identity provider type.");
        return nullptr;
    };
}

} // namespace scimitar::gui
