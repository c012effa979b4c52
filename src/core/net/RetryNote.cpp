#include "net/RetryNote.h"

#include <QRegularExpression>
#include <cmath>

namespace scimitar::net::RetryNote {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1);
}

} // namespace

QString retrying(const QString& what, const QString& reason, int delayMs, int attempt)
{
    return QStringLiteral("%1: %2, retrying in %3 s (attempt %4)").arg(what, reason, seconds(delayMs)).arg(attempt);
}

QString waiting(const QString& before, int delayMs, const QString& after)
{
    return QStringLiteral("%1waiting %2 s%3").arg(before, seconds(delayMs), after);
}

std::optional<Wait> find(const QString& note)
{
    // The last match: a reason quoted from a server may itself say "retrying in 5 s"; ours comes after it.
    static const QRegularExpression pattern(QStringLiteral("(retrying in |waiting )(\\d+(?:\\.\\d+)?) s"));
    QRegularExpressionMatch last;
    for (QRegularExpressionMatchIterator it = pattern.globalMatch(note); it.hasNext();)
        last = it.next();
    if (!last.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = last.captured(2).toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > 86400.0 * 7)
        return std::nullopt;
    Wait wait;
    wait.before = note.left(last.capturedEnd(1));
    wait.delayMs = int(std::lround(value * 1000));
    wait.after = note.mid(last.capturedEnd(2));
    return wait;
}

QString render(const Wait& wait, qint64 msLeft)
{
    if (msLeft <= 0 && wait.before.endsWith(QLatin1String("retrying in ")))
        return wait.before.chopped(int(qstrlen("in "))) + QStringLiteral("now") + wait.after.mid(2);
    const qint64 left = std::max<qint64>(0, (msLeft + 999) / 1000);
    return wait.before + QString::number(left) + wait.after;
}

} // namespace scimitar::net::RetryNote
