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

} // namespace scimitar
