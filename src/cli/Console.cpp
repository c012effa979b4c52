#include "Console.h"

#include <QRegularExpression>
#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace scimitar::cli {

bool Console::writeResult(const QByteArray& data)
{
    errno = 0;
    const size_t written = std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    const bool ok = std::fflush(stdout) == 0 && written == size_t(data.size());
    m_writeError = ok ? QString() : QString::fromLocal8Bit(std::strerror(errno));
    return ok;
}

void Console::writeOut(const QString& text)
{
    writeResult(text.toUtf8());
}

void Console::writeErr(const QString& text)
{
    const QByteArray data = redact(text).toUtf8();
    std::fwrite(data.constData(), 1, size_t(data.size()), stderr);
    std::fflush(stderr);
}

void Console::error(const QString& message)
{
    writeErr(QStringLiteral("%1: %2\n").arg(programName(), oneLine(message)));
}

void Console::warning(const QString& message)
{
    writeErr(QStringLiteral("%1: warning: %2\n").arg(programName(), oneLine(message)));
}

bool Console::isStderrTerminal()
{
#ifdef Q_OS_UNIX
    return ::isatty(STDERR_FILENO) == 1;
#else
    return false;
#endif
}

QString Console::redact(QString text) const
{
    for (const QString& secret : m_secrets)
        if (secret.size() >= 4)
            text.replace(secret, QStringLiteral("[redacted]"));
    return text;
}

QString Console::oneLine(const QString& text)
{
    // Scripts read stderr line by line: a server message with line breaks must not become several "errors".
    static const QRegularExpression breaks(QStringLiteral("\\s*[\\r\\n]+\\s*"));
    QString line = text.trimmed();
    line.replace(breaks, QStringLiteral(" "));
    return line;
}

} // namespace scimitar::cli
