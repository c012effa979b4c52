#include "CliApplication.h"

#include "Command.h"
#include "CommandLine.h"
#include "connections/DatabricksConfigFile.h"
#include "secrets/ProcessHardening.h"

#include <QCoreApplication>

namespace scimitar::cli {

CliApplication::CliApplication(const QProcessEnvironment& env)
    : m_env(env)
{
    // Known before anything is parsed or printed: a token typed as an argument, pasted into a profile's host or a
    // policy's URL is scrubbed from the first error on, not only once a connection is resolved.
    for (const QString& variable : ProcessHardening::secretVariables())
        m_console.addSecret(m_env.value(variable).toUtf8());
    const DatabricksConfigFile config = DatabricksConfigFile::load(m_env);
    for (const QString& profile : config.profileNames()) {
        for (const char* key : {"token", "password", "client_secret"})
            m_console.addSecret(config.value(profile, QLatin1String(key)).toUtf8());
    }
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
    const Command* command = m_commands.find(invocation.commandWords);
    Q_ASSERT(command); // CommandLine refuses unknown commands
    return command->execute(CommandContext{invocation, m_env, m_console});
}

} // namespace scimitar::cli
