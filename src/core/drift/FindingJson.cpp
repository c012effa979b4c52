#include "drift/FindingJson.h"

namespace scimitar {

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject FindingJson::action(const FindingAction& action)
{
    QJsonObject object{{QStringLiteral("op"), actionOpName(action.op)}};
    switch (action.op) {
    case ActionOp::RemoveRole:
    case ActionOp::RemoveEntitlement:
        object.insert(QStringLiteral("userId"), action.userId);
        object.insert(QStringLiteral("value"), action.value);
        break;
    case ActionOp::RemoveMember:
    case ActionOp::AddMember:
        object.insert(QStringLiteral("userId"), action.userId);
        object.insert(QStringLiteral("groupId"), action.groupId);
        break;
    case ActionOp::Deactivate:
        object.insert(QStringLiteral("userId"), action.userId);
        break;
    case ActionOp::None:
        break;
    }
    return object;
}

QJsonObject FindingJson::finding(const Finding& finding)
{
    return {
        {QStringLiteral("kind"), findingKindName(finding.kind)},
        {QStringLiteral("severity"), severityName(finding.severity)},
        {QStringLiteral("principal"), QJsonObject{{QStringLiteral("id"), stringOrNull(finding.principal.id)},
                                                  {QStringLiteral("userName"), finding.principal.userName},
                                                  {QStringLiteral("kind"), principalKindName(finding.principal.kind)}}},
        {QStringLiteral("target"), stringOrNull(finding.target)},
        {QStringLiteral("via"), stringOrNull(finding.via)},
        {QStringLiteral("idpGroups"), QJsonArray::fromStringList(finding.idpGroups)},
        {QStringLiteral("action"), action(finding.action)},
        {QStringLiteral("explanation"), finding.explanation},
        {QStringLiteral("blockedBy"), stringOrNull(finding.blockedBy)},
    };
}

QJsonArray FindingJson::findings(const QList<Finding>& findings)
{
    QJsonArray array;
    for (const Finding& finding : findings)
        array.append(FindingJson::finding(finding));
    return array;
}

QJsonArray FindingJson::servicePrincipalAccess(const QList<ServicePrincipalAccess>& access)
{
    QJsonArray array;
    for (const ServicePrincipalAccess& entry : access)
        array.append(QJsonObject{
            {QStringLiteral("id"), entry.id},
            {QStringLiteral("applicationId"), entry.applicationId},
            {QStringLiteral("displayName"), entry.displayName},
            {QStringLiteral("kind"), ServicePrincipalAccess::kindName(entry.kind)},
            {QStringLiteral("target"), entry.target},
            {QStringLiteral("type"), entry.direct ? QStringLiteral("direct") : QStringLiteral("indirect")},
            {QStringLiteral("path"), QJsonArray::fromStringList(entry.path)},
        });
    return array;
}

} // namespace scimitar
