#include "Confirmation.h"

#include "Console.h"

#include <cstdio>
#include <string>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace scimitar::cli {

QString Confirmation::expectedWord(int count, const QString& connectionName)
{
    return count > kNameThreshold ? connectionName : QStringLiteral("yes");
}

bool Confirmation::isStdinTerminal()
{
#ifdef Q_OS_UNIX
    return ::isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

bool Confirmation::ask(Console& console, const QString& prompt, const QString& expected)
{
    console.writeErr(prompt);
    std::string line;
    int c = 0;
    while ((c = std::getchar()) != EOF && c != '\n')
        line.push_back(char(c));
    const QString answer = QString::fromLocal8Bit(line.c_str()).trimmed();
    return !answer.isEmpty() && answer.compare(expected.trimmed(), Qt::CaseInsensitive) == 0;
}

} // namespace scimitar::cli
