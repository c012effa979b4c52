#include "ProgressPrinter.h"

#include "Console.h"

#include <QStringList>

namespace scimitar::cli {

namespace {

QString part(const QString& label, const LoadProgress::Part& part)
{
    return part.total >= 0 ? QStringLiteral("%1 %2/%3").arg(label).arg(part.done).arg(part.total)
                           : QStringLiteral("%1 %2").arg(label).arg(part.done);
}

// Erase the whole line and return to its start (VT100; every terminal scimitar-cli runs in understands it).
const QString kEraseLine = QStringLiteral("\r\x1b[2K");

} // namespace

ProgressPrinter::ProgressPrinter(Console& console, bool enabled)
    : m_console(console)
    , m_enabled(enabled)
{
}

void ProgressPrinter::show(const LoadProgress& progress)
{
    if (!m_enabled)
        return;
    QStringList parts{part(QStringLiteral("users"), progress.users), part(QStringLiteral("groups"), progress.groups),
                      part(QStringLiteral("service principals"), progress.servicePrincipals)};
    if (progress.groupMembers.total > 0)
        parts.append(part(QStringLiteral("group members"), progress.groupMembers));
    QString line = QStringLiteral("Loading… ") + parts.join(QStringLiteral(", "));
    if (!progress.note.isEmpty())
        line += QStringLiteral(" — ") + Console::oneLine(progress.note);
    m_console.writeErr(kEraseLine + line);
    m_shown = true;
}

void ProgressPrinter::clear()
{
    if (m_shown)
        m_console.writeErr(kEraseLine);
    m_shown = false;
}

} // namespace scimitar::cli
