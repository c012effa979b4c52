#include "idp/IdpDirectory.h"

namespace scimitar {

QString idpUserStatusName(IdpUserStatus status)
{
    switch (status) {
    case IdpUserStatus::Active:
        return QStringLiteral("active");
    case IdpUserStatus::Deprovisioned:
        return QStringLiteral("deprovisioned");
    case IdpUserStatus::Suspended:
        return QStringLiteral("suspended");
    case IdpUserStatus::Disabled:
        return QStringLiteral("disabled");
    }
    return {};
}

bool idpUserStatusFromName(const QString& name, IdpUserStatus* status)
{
    const QString lower = name.trimmed().toLower();
    for (IdpUserStatus candidate :
         {IdpUserStatus::Active, IdpUserStatus::Deprovisioned, IdpUserStatus::Suspended, IdpUserStatus::Disabled}) {
        if (lower == idpUserStatusName(candidate)) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

QString idpLookupKeyName(IdpLookupKey key)
{
    return key == IdpLookupKey::Email ? QStringLiteral("email") : QStringLiteral("login");
}

const IdpGroup* IdpDirectory::findGroup(const QString& name) const
{
    for (const IdpGroup& group : groups)
        if (group.name.compare(name, Qt::CaseInsensitive) == 0)
            return &group;
    return nullptr;
}

} // namespace scimitar
