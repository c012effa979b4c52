#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace scimitar::net {

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;       // sent with `contentType` when non-empty
    QByteArray contentType = "application/json";
    // Extra headers (e.g. ConsistencyLevel). An "Authorization" or "Accept" here replaces the client's own.
    QList<QPair<QByteArray, QByteArray>> headers;
    // False for requests that carry their own credentials in the body (an OAuth token request).
    bool withAuthorization = true;
    QString description;   // what the request is for, in words ("list Users from 101"); used in every message
    // Only idempotent requests are retried after a dropped connection: a PATCH whose answer was lost may
    // have been applied, so the caller must re-read instead of sending it again.
    bool idempotent = true;
};

struct HttpResponse
{
    int status = 0;        // 0 when no HTTP answer arrived
    QByteArray body;
    QByteArray requestId;  // X-Request-Id / X-Databricks-Request-Id, for support tickets and the journal
    QList<QPair<QByteArray, QByteArray>> headers; // as Qt delivers them: repeated headers arrive merged
    QString transportError; // non-empty when no usable HTTP answer arrived (refused, dropped, TLS, timeout, ...)
    bool cancelled = false;
    bool timedOut = false;
    bool tooLarge = false; // the answer exceeded RetryPolicy::maxBodyBytes and was abandoned
    int attempts = 0;
    // How often the last attempt's body went out in full: 2 when Qt resent it by itself after the connection
    // closed before any answer, so the answer is to the second copy. 0 for a request without a body.
    int bodySends = 0;

    bool resentByQt() const { return bodySends > 1; }
    bool isSuccess() const { return transportError.isEmpty() && !cancelled && status >= 200 && status < 300; }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& pair : headers)
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        return {};
    }
};

struct RetryPolicy
{
    int maxAttempts = 6;         // first try included
    int baseDelayMs = 500;       // exponential backoff starts here when the server gives no Retry-After
    int maxDelayMs = 30000;      // one wait never exceeds this, whatever Retry-After says
    int defaultRetryAfterMs = 1000; // Databricks' 429 without Retry-After means "about a second"
    int timeoutMs = 60000;       // per attempt; a hung server must not hang the app
    int maxConcurrent = 4;       // Databricks rejects more than 4 concurrent requests per workspace
    // No single answer may be larger: a page of 100 groups with thousands of members each is a few MB, so
    // anything near this is a broken server or proxy, and reading on would only exhaust memory.
    qint64 maxBodyBytes = 32 * 1024 * 1024;
};

} // namespace scimitar::net
