#include "AuditVerifyCommand.h"

#include "AuditListCommand.h"
#include "CliApplication.h"
#include "ConnectionResolver.h"
#include "Console.h"
#include "Invocation.h"
#include "RunWaiter.h"
#include "remediation/ChangeRunner.h"

#include <QFileInfo>

namespace scimitar::cli {

namespace {

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

} // namespace

QList<JournalEntry> AuditVerifyCommand::unsettled(const QList<JournalEntry>& entries)
{
    QList<JournalEntry> result;
    for (const JournalEntry& entry : entries)
        if (entry.effectiveResult() == ChangeResult::Unknown && !entry.verification)
            result.append(entry);
    return result;
}

bool AuditVerifyCommand::sentTo(const JournalEntry& entry, const QUrl& scimBase)
{
    return withoutTrailingSlash(entry.intent.scimBase) == withoutTrailingSlash(scimBase.toString());
}

int AuditVerifyCommand::execute(const CommandContext& context) const
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };

    const QString path = AuditListCommand::journalPath(invocation.journalPath, context.env);
    if (!QFileInfo::exists(path))
        return fail(QStringLiteral("There is no audit journal at %1.").arg(QFileInfo(path).absoluteFilePath()));
    QString error;
    QList<JournalEntry> entries;
    {
        AuditJournal journal;
        if (!journal.open(path, &error))
            return fail(error);
        entries = journal.entries({}, &error);
        if (!error.isEmpty())
            return fail(error);
    }
    std::reverse(entries.begin(), entries.end()); // oldest first: the order they were sent in
    const QList<JournalEntry> candidates = unsettled(entries);

    // Re-reading only reads: a read-only connection may do it.
    const std::optional<ResolvedTarget> target = ConnectionResolver(context.env).resolve(invocation, &error);
    if (!target)
        return fail(error);
    console.addSecret(target->token);

    QList<RunItem> items;
    QList<qint64> ids;
    QString text;
    for (const JournalEntry& entry : candidates) {
        if (sentTo(entry, target->scimBaseUrl)) {
            items.append({entry.intent.change, entry.intent.undoOf});
            ids.append(entry.intent.id);
        } else {
            text += QStringLiteral("#%1 skipped: %2 was sent to %3 (%4), not through this connection\n")
                        .arg(entry.intent.id)
                        .arg(entry.intent.change.describe(), entry.intent.connection, entry.intent.scimBase);
        }
    }
    if (items.isEmpty()) {
        text += QStringLiteral("Nothing to verify for %1: no entry of %2 is left unknown.\n").arg(target->name, path);
        console.writeOut(console.redact(text));
        return CliApplication::kExitOk;
    }

    RunSettings settings;
    settings.scimBase = target->scimBaseUrl;
    settings.authorization = "Bearer " + target->token;
    settings.connectionName = target->name;
    settings.journalPath = path;
    settings.retry = target->retry;
    ChangeRunner runner;
    runner.verify(items, ids, settings);
    const RunWaiter::Result result = RunWaiter(runner, console).wait();
    if (!result.failure.isEmpty())
        return fail(result.failure);

    int unverified = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const ItemStatus status = result.statuses.value(i);
        const bool inEffect = status.verified.value_or(false);
        unverified += inEffect ? 0 : 1;
        text += QStringLiteral("#%1 %2: %3 (%4)\n")
                    .arg(ids.at(i))
                    .arg(items.at(i).change.describe(),
                         !status.verified ? QStringLiteral("not re-read")
                         : inEffect       ? QStringLiteral("in effect")
                                          : QStringLiteral("NOT in effect"),
                         status.verification.isEmpty() ? QStringLiteral("cancelled") : status.verification);
    }
    text += QStringLiteral("\n%1 of %2 re-read in effect; the journal records each re-read.\n")
                .arg(items.size() - unverified)
                .arg(items.size());
    if (!console.writeText(text))
        return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(console.writeError()));
    return unverified > 0 || result.cancelled ? CliApplication::kExitIncomplete : CliApplication::kExitOk;
}

} // namespace scimitar::cli
