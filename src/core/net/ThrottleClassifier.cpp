#include "net/ThrottleClassifier.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace scimitar::net {

namespace {

constexpr qint64 kMaxWaitSeconds = 24 * 3600; // no server-requested wait is taken as longer than a day

} // namespace

bool ThrottleClassifier::isThrottled(int status, const QByteArray& body)
{
    if (status == 429 || status == 503)
        return true;
    if (status != 500)
        return false;
    const QByteArray lower = body.toLower();
    return lower.contains("request_limit_exceeded") || lower.contains("resource_exhausted")
        || lower.contains("token bucket");
}

std::optional<int> ThrottleClassifier::retryAfterMs(const QByteArray& headerValue)
{
    const QByteArray trimmed = headerValue.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    // Clamped before converting: "4.4e27" must become the longest wait we ever consider, not undefined behaviour
    // (the capped-wait rule then turns it into a clear failure).
    if (ok && std::isfinite(seconds) && seconds >= 0)
        return static_cast<int>(std::ceil(std::min(seconds, double(kMaxWaitSeconds)) * 1000.0));
    // RFC 9110 also allows an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT").
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(when);
    return static_cast<int>(std::max<qint64>(0, std::min<qint64>(ms, kMaxWaitSeconds * 1000)));
}

std::optional<int> ThrottleClassifier::rateLimitResetMs(const QByteArray& resetHeader, const QByteArray& dateHeader)
{
    bool ok = false;
    const qint64 resetEpoch = resetHeader.trimmed().toLongLong(&ok);
    if (!ok || resetEpoch <= 0)
        return std::nullopt;
    QDateTime now = QLocale::c().toDateTime(QString::fromLatin1(dateHeader.trimmed()),
                                            QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (now.isValid())
        now.setTimeSpec(Qt::UTC);
    else
        now = QDateTime::currentDateTimeUtc();
    // Both ends clamped to plausible epochs first, so a reset of 9223372036854775807 (or a Date from year 1) cannot
    // overflow the subtraction.
    constexpr qint64 kEpochBound = 100000LL * 365 * 24 * 3600; // seconds: beyond any clock, far from overflow
    const qint64 reset = std::min(resetEpoch, kEpochBound);
    const qint64 serverNow = std::clamp<qint64>(now.toSecsSinceEpoch(), -kEpochBound, kEpochBound);
    const qint64 seconds = reset - serverNow + 1;
    return static_cast<int>(std::clamp<qint64>(seconds, 0, kMaxWaitSeconds) * 1000);
}

std::optional<int> ThrottleClassifier::requestedDelayMs(const QByteArray& retryAfter, const QByteArray& rateLimitReset,
                                                        const QByteArray& date)
{
    if (const auto fromRetryAfter = retryAfterMs(retryAfter))
        return fromRetryAfter;
    return rateLimitResetMs(rateLimitReset, date);
}

} // namespace scimitar::net
