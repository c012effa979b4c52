#pragma once

#include <QString>

namespace scimitar::emulator {

// Every knob of the emulator. The defaults describe a well-behaved Databricks workspace; each fault
// option is off (0 / false / empty) until a test or a command-line flag turns it on. "Every Nth"
// counters count authenticated requests only, so a client's 401 probing does not shift them.
struct EmulatorOptions
{
    // The token the demo and the executable accept when nothing else is configured.
    static constexpr const char* kDemoToken = "dapi-emulator-demo-token";

    QString token = QString::fromLatin1(kDemoToken);
    QString accountId;                                  // empty: any account id in the URL is accepted
    QString orgId = QStringLiteral("1234567890123456"); // sent as X-Databricks-Org-Id on workspace calls

    int maxPageSize = 100;           // cap on `count`
    bool unevenPages = false;        // pages hold a deterministic 1..count items
    int growTotalPerListRequest = 0; // after each Users list, append this many new users
    bool repeatFirstPage = false;    // ignore startIndex, always serve page one (buggy server)
    int omitResourcesAfter = 0;      // > 0: pages with startIndex > N carry no "Resources"
    bool omitMembersInLists = false; // workspace group lists drop `members` like account lists do
    bool patchNoContent = false;     // successful PATCH answers 204 without a body

    int throttleEvery = 0;                    // every Nth request: 429
    QString retryAfter = QStringLiteral("1"); // Retry-After value for 429; empty: header absent
    int limitExceededEvery = 0;               // every Nth request: 500 REQUEST_LIMIT_EXCEEDED
    int unavailableEvery = 0;                 // every Nth request: 503
    int malformedEvery = 0;                   // every Nth request: 200 with a truncated JSON body
    int dropConnectionEvery = 0;              // every Nth request: socket closed without a reply

    QString failPath; // any request whose path+query contains this gets `failStatus`
    int failStatus = 500;

    int latencyMs = 0;     // every reply is delayed this long (asynchronously, requests overlap)
    int maxConcurrent = 4; // more requests in flight than this: 500 REQUEST_LIMIT_EXCEEDED; 0 = no limit
};

} // namespace scimitar::emulator
