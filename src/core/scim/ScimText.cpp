#include "scim/ScimText.h"

namespace scimitar::ScimText {

QString collection(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return QStringLiteral("Users");
    case PrincipalKind::Group:
        return QStringLiteral("Groups");
    case PrincipalKind::ServicePrincipal:
        return QStringLiteral("ServicePrincipals");
    }
    return {};
}

QString quoted(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace scimitar::ScimText
