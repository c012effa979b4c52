#include "drift/ServicePrincipalAccess.h"

namespace scimitar {

QString ServicePrincipalAccess::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Role:
        return QStringLiteral("role");
    case Kind::Entitlement:
        return QStringLiteral("entitlement");
    case Kind::Group:
        return QStringLiteral("group");
    }
    return {};
}

} // namespace scimitar
