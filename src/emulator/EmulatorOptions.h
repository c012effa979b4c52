#pragma once

#include "EmulatorFault.h"

#include <QList>
#include <QString>

namespace scimitar::emulator {

// Every knob of the emulator. The defaults describe a well-behaved Databricks workspace; each fault
// option is off (0 / false / empty) until a test or a command-line flag turns it on. "Every Nth"
// counters count authenticated requests only, so a client's 401 probing does not shift them.
struct EmulatorOptions
{
    // The token the demo and the executable accept when nothing else is configured.
    static constexpr const char* kDemoToken = "dapi-emulator-demo-token";
    // The Okta API token and Entra app credentials the demo uses; public, like kDemoToken.
    static constexpr const char* kDemoOktaToken = "okta-emulator-demo-token";
    static constexpr const char* kDemoEntraClientId = "emulator-client-id";
    static constexpr const char* kDemoEntraClientSecret = "emulator-client-secret";

    QString token = QString::fromLatin1(kDemoToken);
    QString accountId;                                  // empty: any account id in the URL is accepted
    QString orgId = QStringLiteral("1234567890123456"); // sent as X-Databricks-Org-Id on workspace calls

    int maxPageSize = 100;           // --page-cap: cap on `count`, for every list response (filtered ones too)
    bool ignoreCount = false;        // pages hold maxPageSize items whatever `count` asked for
    bool unevenPages = false;        // pages hold a deterministic 1..count items
    int growTotalPerListRequest = 0; // after each Users list, append this many new users
    int growTotalTimes = 0;          // grow after only the first N Users lists; 0 = after every one
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
    // every Nth request is carried out, then its connection is closed without a reply: a write that happened
    // although the client never heard so (what a crashed proxy or a lost network does to a PATCH)
    int dropAfterApplyEvery = 0;
    // how many times dropAfterApplyEvery strikes (0: every time); 1 lets a resend of the same request through
    int dropAfterApplyTimes = 0;

    // The reliability matrix (EmulatorFault.h): the faults switched on strike authenticated SCIM requests from the
    // faultFrom-th on (1-based; the default lets the first pages of users, groups and service principals through), all
    // of them after it too.
    QList<Fault> faults;
    int faultFrom = 4;
    FaultTarget faultTarget = FaultTarget::Any;
    int slowBodyMs = 120000;                  // slow-body: how long the rest of the body waits
    qint64 hugeReplyBytes = 64 * 1024 * 1024; // huge-reply: the body's size
    bool hasFault(Fault fault) const { return faults.contains(fault); }

    QString failPath; // any request whose path+query contains this gets `failStatus`
    int failStatus = 500;
    // --fail-echoes-headers: that failure's error detail reflects the request's headers (the token included), as
    // some WAFs and misconfigured proxies do.
    bool failEchoesHeaders = false;

    int latencyMs = 0;     // every reply is delayed this long (asynchronously, requests overlap)
    int maxConcurrent = 4; // more SCIM requests in flight than this: 500 REQUEST_LIMIT_EXCEEDED; 0 = no limit

    // Okta face (/api/v1/). dropConnectionEvery, failPath and latencyMs apply here too, counted per face.
    QString oktaToken = QString::fromLatin1(kDemoOktaToken); // accepted as "SSWS <t>" or "Bearer <t>"
    int oktaRateLimit = 600;                   // X-Rate-Limit-Limit per 60 s window; beyond it: 429 (0 = unlimited)
    bool oktaMergedLinkHeaders = false;        // one `Link` header "<self>; rel=\"self\", <next>; rel=\"next\""
    int oktaThrottleEvery = 0;                 // every Nth Okta request: 429 E0000047 (no Retry-After)
    int oktaThrottleResetSeconds = 1;          // X-Rate-Limit-Reset of that 429 is now + this
    bool oktaOmitDeprovisionedMembers = false; // group member lists leave DEPROVISIONED users out

    // Entra token endpoint (/{tenant}/oauth2/v2.0/token) and Microsoft Graph face (/v1.0/).
    QString entraTenant; // empty: any tenant in the token URL is accepted
    QString entraClientId = QString::fromLatin1(kDemoEntraClientId);
    QString entraClientSecret = QString::fromLatin1(kDemoEntraClientSecret);
    int entraTokenLifetimeSeconds = 3599; // expires_in; 0 issues tokens that are already expired
    int graphThrottleEvery = 0;           // every Nth Graph request: 429 TooManyRequests
    QString graphRetryAfter =
        QStringLiteral("0.3");                 // Retry-After of that 429 (fractional, as Graph sends); empty: none
    bool graphRequireConsistencyLevel = false; // OData casts need `ConsistencyLevel: eventual` and $count=true
};

} // namespace scimitar::emulator
