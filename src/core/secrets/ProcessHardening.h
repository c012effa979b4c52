#pragma once

#include <QString>
#include <QStringList>

namespace scimitar {

// What keeps tokens that live in this process's memory from ending up on disk or in another process: no core
// dumps (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0, which also keeps other processes of the same user
// from ptrace-attaching and reading /proc/<pid>/mem). Called first thing by scimitar-cli and the app; the app
// skips it when SCIMITAR_ALLOW_CORE_DUMPS=1, for debugging a crash.
class ProcessHardening
{
public:
    // Empty on success, else what could not be done (the caller warns; nothing is worse than before).
    static QString forbidCoreDumps();
    // Whether the process is currently neither dumpable nor allowed a core file.
    static bool coreDumpsForbidden();

    // The environment variables that carry secrets Scimitar reads (DATABRICKS_TOKEN, OKTA_API_TOKEN,
    // AZURE_CLIENT_SECRET, …).
    static QStringList secretVariables();
    // Takes them out of this process's environment (the caller has its copy): a child started later — a D-Bus
    // daemon autolaunched by a keychain read, say, which outlives the CLI — must not inherit them.
    static void removeSecretsFromEnvironment();
    // With no session bus named, a keychain read would autolaunch one (dbus-launch with X11), and that daemon
    // would outlive the CLI; naming the bus "disabled:" makes the keychain answer "no keychain" instead.
    // Returns whether it did so.
    static bool preventBusAutolaunch();
};

} // namespace scimitar
