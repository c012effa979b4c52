#pragma once

#include "remediation/ChangeRunner.h"
#include "remediation/FindingChanges.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace scimitar::cli {

// How `apply` reports a batch: the JSON contract of `apply --output json` (docs/remediation.md), the line printed
// for each outcome, the summary and the exit code. One place, so the JSON, the lines and the exit code never
// disagree about what happened.
//
// JSON: one array, the planned changes in order, then the skipped findings:
//   {change{op, objectKind, objectId, objectName, value, memberName, description}, request{method, path, body},
//    result, httpStatus, detail, requestId, verified, verification, journalId, finding}
// A skipped finding has result "skipped", its reason in detail, `finding` set and the rest null.
class ApplyReport
{
public:
    static QJsonArray json(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses);
    static QJsonObject item(const Change& change, const ItemStatus& status, const Finding& source);
    static QJsonObject skipped(const FindingChanges::Skipped& skipped);
    static QJsonObject change(const Change& change);
    static QJsonObject request(const Change& change);

    // "[3/20] done  Remove role … from ana@acme.example (HTTP 200)"; `detail` on the next line when there is one.
    static QString line(int index, int total, const Change& change, const ItemStatus& status);
    // "PATCH Users/2 {…}": what goes over the wire, for the confirmation and dry runs.
    static QString requestText(const Change& change);
    // "3 done, 1 already absent, 1 failed; 2 findings skipped."
    static QString summary(const QList<ItemStatus>& statuses, qsizetype skipped);

    // 0: every change sent is done or already absent (refused and skipped items are reported, not failures);
    // 3: some failed, stayed unknown, or were never sent because the batch was cancelled.
    static int exitCode(const QList<ItemStatus>& statuses);
};

} // namespace scimitar::cli
