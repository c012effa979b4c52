#include "remediation/OsUser.h"

#include <QDir>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace scimitar {

QString OsUser::name()
{
#ifdef Q_OS_UNIX
    // The account the process really runs as, not what $USER claims (anyone can set it); $USER is kept alongside
    // only when it says something else, since that too is worth an auditor's eye.
    if (const passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_name && *entry->pw_name) {
        const QString account = QString::fromLocal8Bit(entry->pw_name);
        const QString claimed = qEnvironmentVariable("USER").trimmed();
        if (!claimed.isEmpty() && claimed != account)
            return QStringLiteral("%1 (USER=%2)").arg(account, claimed);
        return account;
    }
#endif
    for (const char* variable : {"USER", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable).trimmed();
        if (!value.isEmpty())
            return value;
    }
    // Services and cron jobs often run without USER; the home folder is still named after the account.
    const QString home = QDir::home().dirName();
    return home.isEmpty() ? QStringLiteral("unknown") : home;
}

} // namespace scimitar
