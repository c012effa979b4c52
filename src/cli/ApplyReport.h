#pragma once

#include "remediation/ChangeRunner.h"
#include "remediation/FindingChanges.h"
#include "remediation/PlannedItems.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace scimitar::cli {

// How `apply` reports a batch: the JSON contract of `apply --output json` (docs/remediation.md), the line printed
// for each outcome, the summary and the exit code. One place, so the JSON, the lines and the exit code never
// disagree about what happened.
//
// JSON: one array (a contract, docs/remediation.md): the planned changes in order, then the findings that failed
// before anything was sent, then the skipped findings; each result word is counted by the summary line:
//   {change{op, objectKind, objectId, objectName, value, memberName, description}, request{method, path, body},
//    result, httpStatus, detail, requestId, verified, verification, journalId, finding, sideEffects,
//    stillHeldThrough, revoked, revocation, stillHeldAfter}
// sideEffects/stillHeldThrough: the blast radius shown before sending (null when not known); revoked: whether the
// re-read after the batch found the finding's target held by no path (null when not checked), stillHeldAfter the
// paths it is still held through.
// A skipped finding has result "skipped", its reason in detail, `finding` set and the rest null; one that failed
// before sending has result "failed", its reason in detail, and `change`/`request` when the change was built.
class ApplyReport
{
public:
    struct Counts
    {
        int done = 0;
        int alreadyAbsent = 0;
        int refused = 0;
        int failed = 0; // sent and failed, or failed before it could be sent
        int unknown = 0;
        int notSent = 0; // cancelled before sending
        int dryRun = 0;
        int skipped = 0;
    };
    static Counts count(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses);
    static QJsonArray json(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses,
                           const QList<PlannedItem>& planned);
    static QJsonObject failed(const FindingChanges::Plan::Failed& failed);
    static QJsonObject item(const Change& change, const ItemStatus& status, const Finding& source,
                            const PlannedItem* planned);
    static QJsonObject skipped(const FindingChanges::Skipped& skipped);
    static QJsonObject change(const Change& change);
    static QJsonObject request(const Change& change);

    // "[3/20] done  Remove role … from ana@acme.example (HTTP 200)"; `detail` on the next line when there is one.
    static QString line(int index, int total, const Change& change, const ItemStatus& status);
    // "PATCH Users/2 {…}": what goes over the wire, for the confirmation and dry runs.
    static QString requestText(const Change& change);
    // "3 done, 1 already absent, 0 refused, 1 failed, …, 2 skipped.": every count, zeros too, so a reader never
    // has to wonder whether a word was left out.
    static QString summary(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses);

    // Whether an outcome leaves nothing in doubt: done or already absent and (when re-read) in effect, refused by a
    // guard, or a dry run.
    static bool isCertain(const ItemStatus& status);
    // 0: every change sent is done or already absent and in effect on re-read (refused and skipped items are
    // reported, not failures); 3: some failed (also before sending), stayed unknown, were not in effect on re-read,
    // or were never sent because the batch was cancelled.
    static int exitCode(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses);
    // For exit 3, one sentence for stderr: how many changes are in doubt and why the first one is; empty otherwise.
    static QString problem(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses);
};

} // namespace scimitar::cli
