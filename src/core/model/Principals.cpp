#include "model/Principals.h"

namespace scimitar {

QString principalKindName(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return QStringLiteral("user");
    case PrincipalKind::Group:
        return QStringLiteral("group");
    case PrincipalKind::ServicePrincipal:
        return QStringLiteral("servicePrincipal");
    }
    return {};
}

QString principalKindLabel(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return QStringLiteral("User");
    case PrincipalKind::Group:
        return QStringLiteral("Group");
    case PrincipalKind::ServicePrincipal:
        return QStringLiteral("Service principal");
    }
    return {};
}

QString groupSourceLabel(GroupSource source)
{
    switch (source) {
    case GroupSource::Account:
        return QStringLiteral("Account");
    case GroupSource::Workspace:
        return QStringLiteral("Workspace");
    case GroupSource::System:
        return QStringLiteral("System");
    case GroupSource::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

QString shortRoleName(const QString& value)
{
    if (!value.startsWith(QLatin1String("arn:"), Qt::CaseInsensitive))
        return value;
    const qsizetype slash = value.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? value.mid(slash + 1) : value;
}

} // namespace scimitar
