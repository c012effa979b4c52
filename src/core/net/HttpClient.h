#pragma once

#include "net/HttpTypes.h"
#include "secrets/SecretScrubber.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace scimitar::net {

// The one place Scimitar talks HTTP. It knows retries (429/503 and Databricks' throttling 500s), exponential
// backoff with jitter, per-attempt timeouts, a bound on requests in flight, cancellation, and that the bearer
// token must never appear in any message. API clients on top of it only know their API's shape and paging.
//
// Lives in one thread (usually a worker thread); call it from that thread only.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const HttpResponse&)>;

    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    // The Authorization header value, e.g. "Bearer dapi…". Kept only in memory, and scrubbed (with its bare token)
    // out of every answer before a callback sees it: body, header values and transport error alike, so a server or
    // proxy that reflects the request cannot put the token into an error message, a log or the audit journal.
    void setAuthorization(const QByteArray& headerValue);
    // Another secret this client sends (an OAuth client secret in a request body), scrubbed the same way.
    void addSecret(const QByteArray& secret) { m_scrubber.add(secret); }
    void setRetryPolicy(const RetryPolicy& policy) { m_policy = policy; }

    // Answers every request in this process instead of over the network, so the readers above can be fed
    // arbitrary bytes at memory speed (the fuzz targets) or wire shapes no server can be made to send. The answer
    // is delivered asynchronously and scrubbed like a real one; it is not retried. Never set in the products.
    using Responder = std::function<HttpResponse(const HttpRequest&)>;
    void setResponder(Responder responder) { m_responder = std::move(responder); }
    const RetryPolicy& retryPolicy() const { return m_policy; }

    // Queues the request; `done` is called exactly once (also when cancelled) in this object's thread.
    void send(const HttpRequest& request, Callback done);

    // Stops everything queued, waiting or in flight; each callback gets `cancelled = true`.
    void cancelAll();
    int inFlight() const { return m_inFlight; }

signals:
    // A throttled or dropped request will be tried again; lets the UI say "throttled, waiting 2 s".
    void retryScheduled(const QString& description, int attempt, int delayMs, const QString& reason);

private:
    struct Pending
    {
        quint64 id = 0;
        HttpRequest request;
        Callback done;
        int attempts = 0;
        QPointer<QNetworkReply> reply;
        QTimer* retryTimer = nullptr;
        QTimer* timeoutTimer = nullptr;
        bool timedOut = false;
        bool tooLarge = false;
        QString sslErrors;
        int bodySends = 0; // of the current attempt's reply
    };

    void pump();
    void start(quint64 id);
    void onFinished(quint64 id);
    void scheduleRetry(quint64 id, int delayMs, const QString& reason);
    void abandonIfTooLarge(quint64 id, qint64 bytes);
    void finish(quint64 id, HttpResponse response);
    int backoffMs(int attempt) const;

    QNetworkAccessManager* m_network = nullptr;
    RetryPolicy m_policy;
    QByteArray m_authorization;
    SecretScrubber m_scrubber;
    Responder m_responder;
    quint64 m_nextId = 1;
    int m_inFlight = 0;
    QQueue<quint64> m_ready;
    QHash<quint64, Pending> m_pending;
};

} // namespace scimitar::net
