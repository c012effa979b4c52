#pragma once

// Running the real scimitar-cli binary from a test: where it is, an environment that keeps it away from the
// developer's own settings, journal and keychain, and one run's exit code and output.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

namespace scimitar::test {

// What one run of the CLI left behind. exitCode is -1 when it crashed, did not start or did not finish in time
// (then `err` says so).
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QStringList errLines() const;
    // For failure messages: the exit code, stderr and the start of stdout.
    QString describe() const;
    // stdout as a JSON array when the run exited with `expectedExit`; otherwise, or when stdout is not a JSON array,
    // an empty array and a warning that says why.
    QJsonArray jsonArray(int expectedExit = 0) const;
};

// The scimitar-cli binary: in $SCIMITAR_BIN_DIR (set by ctest), else next to the test. Check that it is executable.
QString cliBinary();

enum class CliBus
{
    Dead, // a D-Bus address that does not exist: as if there were no keychain
    Real, // the session's own bus (inside tests/support/with-keyring.sh: the throwaway keyring)
};

// The system environment without DATABRICKS_*, OKTA_*, AZURE_*, SCIMITAR_AUDIT_JOURNAL and SCIMITAR_GRAPH_HOST, with
// HOME at `home` and the XDG config, data and cache folders at home/config, home/data and home/cache, in the C.UTF-8
// locale.
QProcessEnvironment cliEnvironment(const QString& home, CliBus bus = CliBus::Dead);

// Runs `binary` with `arguments` in `env`, writes `input` to its stdin and closes it, and waits up to `timeoutMs`
// (killing it after). `inChild` runs in the child before exec (Unix only), e.g. to give it a terminal on stdin.
CliRun runCli(const QString& binary, const QStringList& arguments, const QProcessEnvironment& env,
              int timeoutMs = 60000, const QByteArray& input = {}, const std::function<void()>& inChild = {});

// A JSON object's keys, sorted: for contract checks.
QStringList sortedKeys(const QJsonObject& object);

} // namespace scimitar::test
