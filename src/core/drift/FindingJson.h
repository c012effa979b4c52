#pragma once

#include "drift/DriftReport.h"
#include "drift/Finding.h"

#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace scimitar {

// Findings as JSON: the contract of `scimitar-cli drift --output json` and the GUI's export (docs/drift.md).
// Fields may be added, never renamed, removed or retyped:
//   {kind, severity, principal{id, userName, kind}, target, via, idpGroups[], action{op, userId?, groupId?,
//    value?}, actions[], explanation, blockedBy}
// target, via, blockedBy and principal.id are null when they do not apply; action carries only the ids its op
// needs. actions holds every change of the fix (action first; [] for op none): a target held through several paths
// needs one change per path.
class FindingJson
{
public:
    static QJsonArray findings(const QList<Finding>& findings);
    static QJsonObject finding(const Finding& finding);
    static QJsonObject action(const FindingAction& action);
    static QJsonArray actions(const Finding& finding);
    // [{id, applicationId, displayName, kind, target, type, path[]}] for the report's service principals.
    static QJsonArray servicePrincipalAccess(const QList<ServicePrincipalAccess>& access);

    // Reads what findings() writes back into findings: a file from `drift --output json`, often filtered with jq,
    // that `scimitar-cli apply` turns into changes. Every key the writer always writes must be there with its type
    // (a lost `blockedBy` must not read as "not blocked"); keys it does not know are ignored, since later versions
    // may add some. On failure nullopt and one sentence naming the element and field:
    // "findings[3].action.groupId: missing", "findings[0].kind: \"roles\" is not one of …", or the line and
    // column of a syntax error.
    static std::optional<QList<Finding>> read(const QByteArray& data, QString* error);
    static std::optional<QList<Finding>> read(const QJsonArray& array, QString* error);
};

} // namespace scimitar
