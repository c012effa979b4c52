#include "remediation/OsUser.h"

#include <QDir>

namespace scimitar {

QString OsUser::name()
{
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
