#include "policy/IdpSettings.h"

#include <QStringList>

namespace scimitar {

QString idpTypeName(IdpType type)
{
    switch (type) {
    case IdpType::Okta:
        return QStringLiteral("okta");
    case IdpType::Entra:
        return QStringLiteral("entra");
    case IdpType::File:
        return QStringLiteral("file");
    }
    return {};
}

QStringList idpTypeNames()
{
    return {idpTypeName(IdpType::Okta), idpTypeName(IdpType::Entra), idpTypeName(IdpType::File)};
}

bool idpTypeFromName(const QString& name, IdpType* type)
{
    for (IdpType candidate : {IdpType::Okta, IdpType::Entra, IdpType::File}) {
        if (name == idpTypeName(candidate)) {
            *type = candidate;
            return true;
        }
    }
    return false;
}

} // namespace scimitar
