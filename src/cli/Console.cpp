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
    writeText(text);
}

bool Console::writeText(const QString& text)
{
    return writeResult(printable(redact(text)).toUtf8());
}

QString Console::printable(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool c0 = u < 0x20 && u != u'\n' && u != u'\t';
        const bool c1 = u == 0x7f || (u >= 0x80 && u <= 0x9f);
        const bool bidi =
            u == 0x061c || u == 0x200e || u == 0x200f || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
        if (c0 || c1)
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else if (bidi)
            out += QStringLiteral("<U+%1>").arg(QString::number(uint(u), 16).toUpper());
        else
            out += c;
    }
    return out;
}

void Console::writeErr(const QString& text)
{
    const QByteArray data = printable(redact(text)).toUtf8();
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
    return m_scrubber.scrub(text);
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
