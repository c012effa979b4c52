#pragma once

#include "remediation/AuditJournal.h"

#include <QJsonArray>
#include <QJsonObject>

namespace scimitar {

// Journal entries as JSON: the contract of `scimitar-cli audit list --output json` and the Audit view's export
// (docs/audit.md). Keys may be added, never renamed, removed or retyped:
//   {id, at, osUser, tokenOwner, connection, op, target, principal{id, name, kind}, request{method, path, body},
//    result, httpStatus, detail, requestId, verified, verificationDetail, undoOf, undoneBy[]}
// plus the extras description, object{kind, id, name}, value, scimBase, batch, outcomeAt, verifiedAt.
class AuditJson
{
public:
    static QJsonArray entries(const QList<JournalEntry>& entries);
    static QJsonObject entry(const JournalEntry& entry);
};

} // namespace scimitar
