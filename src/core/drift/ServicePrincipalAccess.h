#pragma once

#include <QString>
#include <QStringList>

namespace scimitar {

// Managed access a service principal holds. Service principals are not people: the IdP does not provision them
// (field notes, Entra tutorial), so a review shows them for the record and never matches them against the IdP.
struct ServicePrincipalAccess
{
    enum class Kind
    {
        Role,
        Entitlement,
        Group,
    };

    QString id;
    QString applicationId;
    QString displayName;
    Kind kind = Kind::Role;
    QString target; // role value, entitlement or group displayName
    bool direct = true;
    QStringList path; // group names from the SP's direct group up to the one granting it; empty when direct

    static QString kindName(Kind kind); // "role", "entitlement", "group"
    bool operator==(const ServicePrincipalAccess& other) const = default;
};

} // namespace scimitar
