#pragma once

#include <QString>

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
};

} // namespace scimitar
