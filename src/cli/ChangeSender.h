#pragma once

#include "Command.h"
#include "remediation/FindingChanges.h"
#include "remediation/PlannedItems.h"

#include <QHash>
#include <QString>
#include <functional>

namespace scimitar {
struct GuardContext;
}

namespace scimitar::cli {

struct ResolvedTarget;

// What `apply` and `audit undo` share once they know the changes: the policy's protected principals, the connection
// (for writing), the token owner (/Me), the names from Databricks the guards compare, the preview and the typed
// confirmation (unless --yes or --dry-run), the run through ChangeRunner with its journal and re-read, the report
// (ApplyReport) and the exit code. One path, so an undo is previewed, guarded, journaled and verified exactly like
// the change it undoes.
class ChangeSender
{
public:
    struct Batch
    {
        FindingChanges::Plan plan;
        // Undo only: the journal entry each change undoes, by changeKey(); the report then says "undoOf" instead of
        // naming a finding.
        QHash<QString, qint64> undoOf;
        // Called with the connection before anything is read from it; a non-empty answer stops the run (exit 2).
        std::function<QString(const ResolvedTarget&)> checkTarget;
        QString what = QStringLiteral("Changes"); // the preview's first word: "Changes", "Undos"
        // apply: each finding's blast radius as the drift file carries it, by PlannedItems::findingKey(). Undo
        // items are measured without it (their radius is shown as unknown).
        QHash<QString, BlastRadius> radii;
    };

    static int send(const CommandContext& context, Batch batch);

    // What identifies a change whatever names it carries: op, object and value.
    static QString changeKey(const Change& change);

private:
    // Replaces the names the plan gave with the server's (the guards compare names), and moves changes whose
    // objects cannot be read to the failed list. False with *error when cancelled.
    static bool checkNames(const ResolvedTarget& target, FindingChanges::Plan* plan, QString* error);
    // Shows every change with its request and blast radius on stderr and asks for the word; false when not
    // confirmed. A change that takes away something guarded is then asked about on its own, and marked confirmed
    // in `planned` when it is.
    static bool confirm(const CommandContext& context, const Batch& batch, const GuardContext& guard,
                        const ResolvedTarget& target, QList<PlannedItem>* planned);
};

} // namespace scimitar::cli
