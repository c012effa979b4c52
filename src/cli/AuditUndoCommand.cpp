#include "AuditUndoCommand.h"

#include "AuditListCommand.h"
#include "AuditVerifyCommand.h"
#include "ChangeSender.h"
#include "CliApplication.h"
#include "Confirmation.h"
#include "Console.h"
#include "Invocation.h"
#include "ResolvedTarget.h"
#include "remediation/AuditJournal.h"

#include <QFileInfo>
#include <QSet>

namespace scimitar::cli {

int AuditUndoCommand::execute(const CommandContext& context) const
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };

    // Everything that can be refused without the network is refused first, so a mistake costs no request.
    if (invocation.format == OutputFormat::Csv)
        return fail(QStringLiteral("audit undo prints a table or JSON (--output table|json), not CSV."));
    if (!invocation.yes && !invocation.dryRun && !Confirmation::isStdinTerminal())
        return fail(QStringLiteral("Standard input is not a terminal, so nobody can confirm the undos: use --yes "
                                   "to send them without asking (or --dry-run to see them)."));
    QList<qint64> ids;
    for (const QString& operand : invocation.operands) {
        bool ok = false;
        const qint64 id = operand.toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(
                QStringLiteral("'%1' is not a journal entry number (the # column of audit list).").arg(operand));
        if (!ids.contains(id))
            ids.append(id);
    }

    const QString path = AuditListCommand::journalPath(invocation.journalPath, context.env);
    if (!QFileInfo::exists(path))
        return fail(QStringLiteral("There is no audit journal at %1.").arg(QFileInfo(path).absoluteFilePath()));
    QList<JournalEntry> entries;
    {
        AuditJournal journal;
        QString error;
        if (!journal.openForReading(path, &error))
            return fail(error);
        for (qint64 id : ids) {
            std::optional<JournalEntry> entry = journal.entry(id, &error);
            if (!entry)
                return fail(error + QStringLiteral(" Nothing was sent."));
            entries.append(*entry);
        }
    }

    // All or nothing: a list with one entry that cannot be undone is a mistake to fix before anything is sent.
    QStringList refusals;
    for (const JournalEntry& entry : std::as_const(entries)) {
        if (entry.intent.undoOf > 0 && !entry.canUndo())
            refusals.append(QStringLiteral("#%1 is itself an undo that did not take effect").arg(entry.intent.id));
        else if (!entry.undoneBy.isEmpty())
            refusals.append(
                QStringLiteral("#%1 was undone already (by #%2)").arg(entry.intent.id).arg(entry.undoneBy.first()));
        else if (!entry.canUndo())
            refusals.append(QStringLiteral("#%1 did not take effect (%2), so there is nothing to undo")
                                .arg(entry.intent.id)
                                .arg(changeResultName(entry.effectiveResult()) +
                                     (entry.verification && !entry.verification->verified
                                          ? QStringLiteral(", not in effect on re-read")
                                          : QString())));
    }
    if (!refusals.isEmpty())
        return fail(refusals.join(QStringLiteral("; ")) + QStringLiteral(". Nothing was sent."));

    ChangeSender::Batch batch;
    batch.what = QStringLiteral("Undos");
    for (const JournalEntry& entry : std::as_const(entries)) {
        const Change undo = entry.intent.change.inverse();
        batch.plan.changes.append(undo);
        batch.plan.sources.append(Finding());
        batch.undoOf.insert(ChangeSender::changeKey(undo), entry.intent.id);
    }
    batch.checkTarget = [entries](const ResolvedTarget& target) {
        QStringList foreign;
        for (const JournalEntry& entry : entries)
            if (!AuditVerifyCommand::sentTo(entry, target.scimBaseUrl))
                foreign.append(QStringLiteral("#%1 was sent through %2 (%3)")
                                   .arg(entry.intent.id)
                                   .arg(entry.intent.connection, entry.intent.scimBase));
        if (foreign.isEmpty())
            return QString();
        return QStringLiteral("%1, not %2 (%3): undo it through that connection. Nothing was sent.")
            .arg(foreign.join(QStringLiteral("; ")), target.name, target.scimBaseUrl.toString());
    };
    return ChangeSender::send(context, std::move(batch));
}

} // namespace scimitar::cli
