#include "ListCommand.h"

#include "CliApplication.h"
#include "ConnectionResolver.h"
#include "Console.h"
#include "InterruptWatcher.h"
#include "Invocation.h"
#include "ProgressPrinter.h"
#include "SnapshotFetcher.h"

#include <QJsonDocument>
#include <cstdio>
#include <cstdlib>

namespace scimitar::cli {

QByteArray ListCommand::render(const DirectorySnapshot& snapshot, OutputFormat format) const
{
    switch (format) {
    case OutputFormat::Json:
        // Indented: people read it too, and jq does not care.
        return QJsonDocument(json(snapshot)).toJson(QJsonDocument::Indented);
    case OutputFormat::Csv:
        return csv(snapshot).toUtf8();
    case OutputFormat::Table:
        break;
    }
    return table(snapshot).render().toUtf8();
}

int ListCommand::execute(const CommandContext& context) const
{
    const Invocation& invocation = context.invocation;
    Console& console = context.console;
    auto fail = [&console](const QString& message) {
        console.error(message);
        return CliApplication::kExitError;
    };

    SnapshotFetcher fetcher;
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &fetcher, [&console, &fetcher] {
        if (fetcher.isRunning()) {
            fetcher.cancel();
            return;
        }
        // Interrupted while waiting for the keychain: nothing to clean up but the process itself.
        console.error(QStringLiteral("cancelled."));
        std::fflush(stdout);
        std::_Exit(CliApplication::kExitError);
    });

    QString error;
    const std::optional<ResolvedTarget> target = ConnectionResolver(context.env).resolve(invocation, &error);
    if (!target)
        return fail(error);
    console.setSecret(target->token);

    ProgressPrinter progress(console, !invocation.quiet && Console::isStderrTerminal());
    QObject::connect(&fetcher, &SnapshotFetcher::progress, &fetcher,
                     [&progress](const LoadProgress& p) { progress.show(p); });

    const LoadRequest request = target->loadRequest();
    const SnapshotFetcher::Result result = fetcher.fetch(request);
    progress.clear();
    if (result.cancelled)
        return fail(QStringLiteral("cancelled."));
    if (!result.snapshot)
        return fail(result.error.isEmpty()
                        ? QStringLiteral("Loading from %1 failed for an unknown reason.").arg(target->name)
                        : result.error);

    const SnapshotPtr& snapshot = result.snapshot;
    for (const QString& warning : snapshot->info().warnings)
        console.warning(warning);
    // Warnings alone do not fail a run: a harmless one (no /Me on an account) would break every script.
    // --strict is for scripts that must never act on a partial picture, so they get no picture at all.
    if (invocation.strict && !snapshot->isComplete())
        return fail(QStringLiteral("The listing from %1 is incomplete (%2 warning(s) above); --strict prints "
                                   "nothing.")
                        .arg(target->name)
                        .arg(snapshot->info().warnings.size()));

    const QByteArray rendered = render(*snapshot, invocation.format);
    if (!(invocation.format == OutputFormat::Table ? console.writeText(QString::fromUtf8(rendered))
                                                   : console.writeResult(rendered)))
        return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(console.writeError()));
    return CliApplication::kExitOk;
}

} // namespace scimitar::cli
