#include "idp/EntraSettings.h"

#include "idp/IdpUrl.h"

namespace scimitar {

QUrl EntraSettings::tokenUrl() const
{
    return IdpUrl::build(authority, QLatin1Char('/') + IdpUrl::pathSegment(tenant.trimmed()) +
                                        QStringLiteral("/oauth2/v2.0/token"));
}

QString EntraSettings::scope() const
{
    QString root = graph.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    while (root.endsWith(QLatin1Char('/')))
        root.chop(1);
    return root + QStringLiteral("/.default");
}

QString EntraSettings::problem() const
{
    if (tenant.trimmed().isEmpty())
        return QStringLiteral("Entra ID: no tenant is set; give the directory (tenant) id or a verified domain.");
    if (clientId.trimmed().isEmpty())
        return QStringLiteral("Entra ID: no client id is set; give the application (client) id of the app "
                              "registration.");
    if (clientSecret.isEmpty())
        return QStringLiteral("Entra ID: no client secret is available for app %1.").arg(clientId);
    if (!authority.isValid() || authority.host().isEmpty())
        return QStringLiteral("Entra ID: the login authority '%1' is not a URL with a host name.")
            .arg(authority.toDisplayString());
    if (!graph.isValid() || graph.host().isEmpty())
        return QStringLiteral("Entra ID: the Graph address '%1' is not a URL with a host name.")
            .arg(graph.toDisplayString());
    return {};
}

} // namespace scimitar
