#pragma once

#include <QList>
#include <QString>

namespace scimitar::emulator {

// A snapshot of what the emulator saw, so tests can assert on the client's traffic (how many
// requests, how much parallelism, which URLs) rather than only on its results.
struct EmulatorStats
{
    struct Request
    {
        QString method;
        QString pathAndQuery; // percent-decoded, e.g. /api/2.0/preview/scim/v2/Users?startIndex=1
        int status = 0;       // 0: the connection was dropped without a reply
    };

    // The log keeps the most recent entries only, so a long benchmark cannot exhaust memory.
    static constexpr qsizetype kMaxLoggedRequests = 100000;

    qint64 totalRequests = 0;
    int inFlight = 0;
    int peakInFlight = 0;
    QList<Request> requests; // oldest first
};

} // namespace scimitar::emulator
