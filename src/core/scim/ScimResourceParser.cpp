#include "scim/ScimResourceParser.h"

#include <QJsonArray>
#include <cmath>

namespace scimitar {

namespace {

QString str(const QJsonObject& object, const char* name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isString())
        return value.toString();
    if (value.isDouble()) { // some servers send numeric ids
        // Only whole numbers a double holds exactly; 1e308 or 1.5 is no id (and converting it would be undefined).
        const double number = value.toDouble();
        constexpr double kExact = 9007199254740992.0; // 2^53
        if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) <= kExact)
            return QString::number(qint64(number));
    }
    return {};
}

bool activeFlag(const QJsonObject& object)
{
    const QJsonValue value = object.value(QLatin1String("active"));
    if (value.isBool())
        return value.toBool();
    if (value.isString()) // seen as "false" / "true" strings in the wild
        return value.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
    return true; // absent means active in Databricks
}

} // namespace

QStringList ScimResourceParser::directValues(const QJsonObject& object, const QString& attribute)
{
    QStringList values;
    const QJsonArray array = object.value(attribute).toArray();
    for (const QJsonValue& item : array) {
        const QJsonObject entry = item.toObject();
        const QString type = entry.value(QLatin1String("type")).toString();
        if (!type.isEmpty() && type != QLatin1String("direct"))
            continue;
        const QString value = entry.value(QLatin1String("value")).toString();
        if (!value.isEmpty() && !values.contains(value))
            values.append(value);
    }
    return values;
}

QList<MemberRef> ScimResourceParser::members(const QJsonObject& object)
{
    QList<MemberRef> result;
    const QJsonArray array = object.value(QLatin1String("members")).toArray();
    for (const QJsonValue& item : array) {
        const QJsonObject entry = item.toObject();
        MemberRef member;
        member.id = str(entry, "value");
        if (member.id.isEmpty())
            continue;
        member.display = str(entry, "display");
        const QString ref = str(entry, "$ref");
        if (ref.startsWith(QLatin1String("Groups/")))
            member.kind = PrincipalKind::Group;
        else if (ref.startsWith(QLatin1String("ServicePrincipals/")))
            member.kind = PrincipalKind::ServicePrincipal;
        else
            member.kind = PrincipalKind::User;
        result.append(member);
    }
    return result;
}

User ScimResourceParser::user(const QJsonObject& object)
{
    User user;
    user.id = str(object, "id");
    user.userName = str(object, "userName");
    user.displayName = str(object, "displayName");
    user.active = activeFlag(object);
    user.externalId = str(object, "externalId");
    const QJsonObject name = object.value(QLatin1String("name")).toObject();
    user.givenName = str(name, "givenName");
    user.familyName = str(name, "familyName");
    const QJsonArray emails = object.value(QLatin1String("emails")).toArray();
    for (const QJsonValue& email : emails) {
        const QString value = email.toObject().value(QLatin1String("value")).toString();
        if (!value.isEmpty())
            user.emails.append(value);
    }
    user.roles = directValues(object, QStringLiteral("roles"));
    user.entitlements = directValues(object, QStringLiteral("entitlements"));
    return user;
}

Group ScimResourceParser::group(const QJsonObject& object)
{
    Group group;
    group.id = str(object, "id");
    group.displayName = str(object, "displayName");
    group.externalId = str(object, "externalId");
    group.resourceType = str(object.value(QLatin1String("meta")).toObject(), "resourceType");
    group.members = members(object);
    group.roles = directValues(object, QStringLiteral("roles"));
    group.entitlements = directValues(object, QStringLiteral("entitlements"));
    return group;
}

ServicePrincipal ScimResourceParser::servicePrincipal(const QJsonObject& object)
{
    ServicePrincipal sp;
    sp.id = str(object, "id");
    sp.applicationId = str(object, "applicationId");
    sp.displayName = str(object, "displayName");
    sp.active = activeFlag(object);
    sp.externalId = str(object, "externalId");
    sp.roles = directValues(object, QStringLiteral("roles"));
    sp.entitlements = directValues(object, QStringLiteral("entitlements"));
    return sp;
}

} // namespace scimitar
