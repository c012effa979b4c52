#include "DisplayFormat.h"

#include "scim/DirectoryLoader.h"

#include <QLocale>

namespace scimitar::gui {

namespace {

QLocale displayLocale()
{
    // Under LANG=C the system locale would print 10000 without grouping, which is hard to read in a status bar.
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

} // namespace

QString DisplayFormat::number(qint64 value)
{
    return displayLocale().toString(value);
}

QString DisplayFormat::count(qint64 value, const QString& singular, const QString& plural)
{
    return QStringLiteral("%1 %2").arg(number(value), value == 1 ? singular : plural);
}

QString DisplayFormat::duration(qint64 millis)
{
    if (millis < 1000)
        return QStringLiteral("%1 ms").arg(millis);
    if (millis < 60000)
        return QStringLiteral("%1 s").arg(displayLocale().toString(millis / 1000.0, 'f', 1));
    const qint64 seconds = (millis + 500) / 1000;
    return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString DisplayFormat::path(const QStringList& names)
{
    return names.join(QStringLiteral(" → "));
}

QString DisplayFormat::progress(const LoadProgress& progress)
{
    struct Part
    {
        const char* label;
        const LoadProgress::Part& part;
    };
    const Part parts[] = {
        {"Users", progress.users},
        {"Groups", progress.groups},
        {"Service principals", progress.servicePrincipals},
        {"Group members", progress.groupMembers},
    };
    QStringList pieces;
    for (const Part& part : parts) {
        if (part.part.done <= 0 && part.part.total <= 0)
            continue;
        QString piece = QString::fromLatin1(part.label) + QLatin1Char(' ') + number(part.part.done);
        if (part.part.total >= 0)
            piece += QLatin1Char('/') + number(std::max(part.part.total, part.part.done));
        pieces.append(piece);
    }
    if (pieces.isEmpty())
        return QStringLiteral("Connecting…");
    return pieces.join(QStringLiteral(" · "));
}

} // namespace scimitar::gui
