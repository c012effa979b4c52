#include "secrets/SecretResult.h"

namespace scimitar {

QString SecretResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return QStringLiteral("Ok");
    case Status::NotFound:
        return QStringLiteral("NotFound");
    case Status::NoBackend:
        return QStringLiteral("NoBackend");
    case Status::AccessDenied:
        return QStringLiteral("AccessDenied");
    case Status::Failed:
        return QStringLiteral("Failed");
    }
    return QStringLiteral("Unknown");
}

} // namespace scimitar
