#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <optional>

namespace scimitar::net {

// Decides whether an HTTP answer means "slow down and try again", and for how long the server asked us to wait.
class ThrottleClassifier
{
public:
    // 429 and 503 always; a 500 whose body says REQUEST_LIMIT_EXCEEDED / RESOURCE_EXHAUSTED or mentions the
    // "token bucket" is Databricks throttling in disguise.
    static bool isThrottled(int status, const QByteArray& body);

    // Parses Retry-After: integer or fractional seconds, or an HTTP date. Empty optional when absent/unreadable.
    static std::optional<int> retryAfterMs(const QByteArray& headerValue);

    // Okta sends no Retry-After; it says when its window resets (X-Rate-Limit-Reset, epoch seconds). The wait is
    // measured against the server's own Date header, so a skewed local clock does not matter; one second is added
    // as Okta's SDKs do. Empty optional when the reset header is absent or unreadable.
    static std::optional<int> rateLimitResetMs(const QByteArray& resetHeader, const QByteArray& dateHeader);

    // The wait a throttled answer asks for: Retry-After, else X-Rate-Limit-Reset, else nothing.
    static std::optional<int> requestedDelayMs(const QByteArray& retryAfter, const QByteArray& rateLimitReset,
                                               const QByteArray& date);
};

} // namespace scimitar::net
