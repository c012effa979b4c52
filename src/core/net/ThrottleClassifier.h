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
};

} // namespace scimitar::net
