#include "secrets/ProcessHardening.h"

#include <QStringList>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstring>
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace scimitar {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

} // namespace

QString ProcessHardening::forbidCoreDumps()
{
#ifdef Q_OS_LINUX
    QStringList problems;
    const rlimit none{0, 0};
    if (::setrlimit(RLIMIT_CORE, &none) != 0)
        problems.append(QStringLiteral("core file limit: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    // LeakSanitizer stops the process's threads through ptrace, which a non-dumpable process refuses: sanitizer
    // builds (tests only) keep the core limit and stay dumpable.
    if (!kSanitized && ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        problems.append(QStringLiteral("PR_SET_DUMPABLE: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    return problems.isEmpty()
               ? QString()
               : QStringLiteral("Could not forbid core dumps (%1).").arg(problems.join(QStringLiteral("; ")));
#else
    return {};
#endif
}

bool ProcessHardening::coreDumpsForbidden()
{
#ifdef Q_OS_LINUX
    rlimit limit{};
    return ::getrlimit(RLIMIT_CORE, &limit) == 0 && limit.rlim_cur == 0 &&
           (kSanitized || ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
#else
    return true;
#endif
}

} // namespace scimitar
