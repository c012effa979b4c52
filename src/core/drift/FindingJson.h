#pragma once

#include "drift/DriftReport.h"
#include "drift/Finding.h"

#include <QJsonArray>
#include <QJsonObject>

namespace scimitar {

// Findings as JSON: the contract of `scimitar-cli drift --output json` and the GUI's export (docs/drift.md).
// Fields may be added, never renamed, removed or retyped:
//   {kind, severity, principal{id, userName, kind}, target, via, idpGroups[], action{op, userId?, groupId?,
//    value?}, explanation, blockedBy}
// target, via, blockedBy and principal.id are null when they do not apply; action carries only the ids its op
// needs.
class FindingJson
{
public:
    static QJsonArray findings(const QList<Finding>& findings);
    static QJsonObject finding(const Finding& finding);
    static QJsonObject action(const FindingAction& action);
    // [{id, applicationId, displayName, kind, target, type, path[]}] for the report's service principals.
    static QJsonArray servicePrincipalAccess(const QList<ServicePrincipalAccess>& access);
};

} // namespace scimitar
