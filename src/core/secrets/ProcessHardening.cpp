#include "secrets/ProcessHardening.h"

#include <QFile>
#include <QFileInfo>
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

QStringList ProcessHardening::secretVariables()
{
    return {QStringLiteral("DATABRICKS_TOKEN"), QStringLiteral("DATABRICKS_PASSWORD"),
            QStringLiteral("DATABRICKS_CLIENT_SECRET"), QStringLiteral("OKTA_API_TOKEN"),
            QStringLiteral("AZURE_CLIENT_SECRET")};
}

void ProcessHardening::removeSecretsFromEnvironment()
{
    for (const QString& variable : secretVariables())
        qunsetenv(variable.toLatin1().constData());
}

bool ProcessHardening::preventBusAutolaunch()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return false;
    // A systemd user session's bus is found without the variable; name it, so that case keeps its keychain.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QString userBus = runtime.isEmpty() ? QString() : runtime + QStringLiteral("/bus");
    if (!userBus.isEmpty() && QFileInfo(userBus).exists() && !QFileInfo(userBus).isFile()) {
        qputenv("DBUS_SESSION_BUS_ADDRESS", QByteArray("unix:path=") + QFile::encodeName(userBus));
        return false;
    }
    // Any address libdbus cannot use ends the attempt there; "disabled:" says why to whoever reads it.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "disabled:");
    return true;
}

} // namespace scimitar
