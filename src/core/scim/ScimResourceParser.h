#pragma once

#include "model/Principals.h"

#include <QJsonObject>

namespace scimitar {

// Reads Databricks SCIM resources into our value types. Lenient about what is optional, strict about ids:
// a resource without an id cannot be acted on, so it is reported instead of silently kept.
class ScimResourceParser
{
public:
    static User user(const QJsonObject& object);
    static Group group(const QJsonObject& object);
    static ServicePrincipal servicePrincipal(const QJsonObject& object);

    // Values of a multi-valued attribute (roles, entitlements) that the object holds itself. Databricks also lists
    // inherited ones with "type":"indirect"; we derive those from group membership instead, with their path.
    static QStringList directValues(const QJsonObject& object, const QString& attribute);
    static QList<MemberRef> members(const QJsonObject& object);
};

} // namespace scimitar
