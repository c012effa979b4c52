#pragma once

#include "CommandRegistry.h"
#include "Console.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace scimitar::cli {

struct Invocation;

// One run of scimitar-cli: parse, then hand over to the command (resolve the connection, load, print). Owns the
// exit-code policy, so main() stays a few lines and every error path ends in the same place: one line on stderr
// and exit code 2.
class CliApplication
{
public:
    static constexpr int kExitOk = 0;
    // `drift` only: the review ran and found drift (like diff(1): 0 same, 1 different, 2 trouble).
    static constexpr int kExitDrift = 1;
    // One code for every failure: scripts test "non-zero"; the stderr line says what went wrong.
    static constexpr int kExitError = 2;
    // `apply` and `audit verify`: the run worked, but some changes failed, stayed unknown or were cancelled.
    static constexpr int kExitIncomplete = 3;

    explicit CliApplication(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    // `arguments` includes the program name, like QCoreApplication::arguments(). Needs a QCoreApplication.
    int run(const QStringList& arguments);

private:
    int execute(const Invocation& invocation);
    int fail(const QString& message);

    QProcessEnvironment m_env;
    CommandRegistry m_commands;
    Console m_console;
};

} // namespace scimitar::cli
