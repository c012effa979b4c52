#include "Confirmation.h"

#include "Console.h"

#include <cstdio>
#include <string>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace scimitar::cli {

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
    return TypedConfirmation::accepts(QString::fromLocal8Bit(line.c_str()), expected);
}

} // namespace scimitar::cli
