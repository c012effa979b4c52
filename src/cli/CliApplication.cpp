#include "CliApplication.h"

#include "CommandLine.h"
#include "ConnectionResolver.h"
#include "InterruptWatcher.h"
#include "ListCommand.h"
#include "ProgressPrinter.h"
#include "SnapshotFetcher.h"

#include <QCoreApplication>
#include <cstdlib>

namespace scimitar::cli {

CliApplication::CliApplication(const QProcessEnvironment& env)
    : m_env(env)
{
}

int CliApplication::fail(const QString& message)
{
    m_console.error(message);
    return kExitError;
}

int CliApplication::run(const QStringList& arguments)
{
    CommandLine commandLine(m_commands);
    if (!commandLine.parse(arguments))
        return fail(commandLine.error());
    const Invocation& invocation = commandLine.invocation();
    if (invocation.showHelp) {
        m_console.writeOut(commandLine.helpText());
        return kExitOk;
    }
    if (invocation.showVersion) {
        m_console.writeOut(
            QStringLiteral("%1 %2\n").arg(Console::programName(), QCoreApplication::applicationVersion()));
        return kExitOk;
    }
    return execute(invocation);
}

int CliApplication::execute(const Invocation& invocation)
{
    const ListCommand* command = m_commands.find(invocation.commandWords);
    Q_ASSERT(command); // CommandLine refuses unknown commands

    SnapshotFetcher fetcher;
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &fetcher, [this, &fetcher] {
        if (fetcher.isRunning()) {
            fetcher.cancel();
            return;
        }
        // Interrupted while waiting for the keychain: nothing to clean up but the process itself.
        m_console.error(QStringLiteral("cancelled."));
        std::fflush(stdout);
        std::_Exit(kExitError);
    });

    QString error;
    const std::optional<ResolvedTarget> target = ConnectionResolver(m_env).resolve(invocation, &error);
    if (!target)
        return fail(error);
    m_console.setSecret(target->token);

    ProgressPrinter progress(m_console, !invocation.quiet && Console::isStderrTerminal());
    QObject::connect(&fetcher, &SnapshotFetcher::progress, &fetcher,
                     [&progress](const LoadProgress& p) { progress.show(p); });

    LoadRequest request;
    request.connectionName = target->name;
    request.scimBaseUrl = target->scimBaseUrl;
    request.level = target->level;
    request.token = target->token;
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
        m_console.warning(warning);
    // Warnings alone do not fail a run: a harmless one (no /Me on an account) would break every script.
    // --strict is for scripts that must never act on a partial picture, so they get no picture at all.
    if (invocation.strict && !snapshot->isComplete())
        return fail(QStringLiteral("The listing from %1 is incomplete (%2 warning(s) above); --strict prints "
                                   "nothing.")
                        .arg(target->name)
                        .arg(snapshot->info().warnings.size()));

    if (!m_console.writeResult(command->render(*snapshot, invocation.format)))
        return fail(QStringLiteral("Could not write the result to standard output: %1.").arg(m_console.writeError()));
    return kExitOk;
}

} // namespace scimitar::cli
