#include "net/HttpClient.h"

#include "net/ThrottleClassifier.h"
#include "net/UrlPolicy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslError>
#include <QTimer>

namespace scimitar::net {

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // Credentials are sent explicitly per request; never let Qt cache or replay them.
    m_network->setCookieJar(nullptr);
    m_network->setCache(nullptr);
}

namespace {

// Whether a reply may still be aborted. One that has finished, or has already met an error whose finished() is still
// queued (a 502 while a sibling request's failure cancels the batch), must not be: Qt would report its error a
// second time and print "Internal problem, this method must only be called once" on stderr.
bool isRunning(const QNetworkReply* reply)
{
    return reply && !reply->isFinished() && reply->error() == QNetworkReply::NoError;
}

} // namespace

HttpClient::~HttpClient()
{
    // Callbacks may reference objects already being torn down; drop them silently.
    for (Pending& pending : m_pending) {
        pending.done = nullptr;
        if (pending.reply) {
            pending.reply->disconnect(this);
            if (isRunning(pending.reply))
                pending.reply->abort();
        }
    }
}

void HttpClient::setAuthorization(const QByteArray& headerValue)
{
    m_authorization = headerValue;
    m_scrubber.add(headerValue);
}

void HttpClient::send(const HttpRequest& request, Callback done)
{
    const quint64 id = m_nextId++;
    Pending pending;
    pending.id = id;
    pending.request = request;
    pending.done = std::move(done);
    m_pending.insert(id, std::move(pending));

    const QString refusal = UrlPolicy::check(request.url);
    if (!refusal.isEmpty()) {
        HttpResponse response;
        response.transportError = refusal;
        // Answer asynchronously so callers see the same ordering as for a real request.
        QMetaObject::invokeMethod(this, [this, id, response] { finish(id, response); }, Qt::QueuedConnection);
        return;
    }
    if (m_responder) {
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                const auto it = m_pending.constFind(id);
                if (it == m_pending.constEnd())
                    return; // cancelled meanwhile
                HttpResponse response = m_responder(it->request);
                response.attempts = 1;
                finish(id, std::move(response));
            },
            Qt::QueuedConnection);
        return;
    }
    m_ready.enqueue(id);
    pump();
}

void HttpClient::pump()
{
    while (m_inFlight < m_policy.maxConcurrent && !m_ready.isEmpty()) {
        const quint64 id = m_ready.dequeue();
        if (m_pending.contains(id))
            start(id);
    }
}

void HttpClient::start(quint64 id)
{
    Pending& pending = m_pending[id];
    ++pending.attempts;
    ++m_inFlight;

    QNetworkRequest request(pending.request.url);
    if (pending.request.withAuthorization && !m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    request.setRawHeader("Accept", "application/scim+json, application/json");
    for (const auto& [name, value] : std::as_const(pending.request.headers))
        request.setRawHeader(name, value);
    request.setRawHeader("User-Agent", "Scimitar/0.1");
    // A redirect could carry the bearer token to another host; treat it as an error instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    QNetworkReply* reply = nullptr;
    if (!pending.request.body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, pending.request.contentType);
        reply = m_network->sendCustomRequest(request, pending.request.method, pending.request.body);
    } else {
        reply = m_network->sendCustomRequest(request, pending.request.method);
    }
    pending.reply = reply;
    pending.timedOut = false;
    pending.tooLarge = false;
    pending.sslErrors.clear();
    pending.bodySends = 0;

    // The size cap is checked as bytes arrive (and against Content-Length before any body), so a huge answer is
    // abandoned early and memory stays bounded by the cap.
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, id, reply] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid())
            abandonIfTooLarge(id, length.toLongLong());
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, id](qint64 received, qint64) { abandonIfTooLarge(id, received); });

    connect(reply, &QNetworkReply::sslErrors, this, [this, id](const QList<QSslError>& errors) {
        // Never ignored: we only record them so the failure message can say what was wrong with the certificate.
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        QStringList texts;
        for (const QSslError& error : errors)
            texts.append(error.errorString());
        it->sslErrors = texts.join(QLatin1String("; "));
    });
    connect(reply, &QNetworkReply::finished, this, [this, id] { onFinished(id); });
    // Qt sends a request once more, by itself, when the connection closes before any byte of an answer (a
    // keep-alive connection the server had just closed, or a server that acted and then hung up). The only trace
    // of that is the body's upload completing twice; a write must know, because the answer it gets may be to the
    // second copy ("already absent", because the first copy did it).
    connect(reply, &QNetworkReply::uploadProgress, this, [this, id](qint64 sent, qint64 total) {
        auto it = m_pending.find(id);
        if (it != m_pending.end() && total > 0 && sent == total)
            ++it->bodySends;
    });

    pending.timeoutTimer = new QTimer(this);
    pending.timeoutTimer->setSingleShot(true);
    connect(pending.timeoutTimer, &QTimer::timeout, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end() || !it->reply)
            return;
        if (!isRunning(it->reply))
            return; // it failed already: its own error is the answer
        it->timedOut = true;
        it->reply->abort(); // emits finished() at once, handled in onFinished: `it` is gone after this
    });
    pending.timeoutTimer->start(m_policy.timeoutMs);
}

void HttpClient::abandonIfTooLarge(quint64 id, qint64 bytes)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end() || !it->reply || it->tooLarge || bytes <= m_policy.maxBodyBytes)
        return;
    // Too large even when it has just finished (its finished() still queued): the answer is not read either way.
    it->tooLarge = true;
    if (isRunning(it->reply))
        it->reply->abort(); // emits finished() at once, handled in onFinished: `it` is gone after this
}

void HttpClient::onFinished(quint64 id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending& pending = *it;
    QNetworkReply* reply = pending.reply;
    --m_inFlight;
    if (pending.timeoutTimer) {
        pending.timeoutTimer->deleteLater();
        pending.timeoutTimer = nullptr;
    }
    pending.reply = nullptr;
    if (!reply) {
        pump();
        return;
    }
    reply->deleteLater();

    HttpResponse response;
    response.attempts = pending.attempts;
    response.bodySends = pending.bodySends;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen() && !pending.tooLarge)
        response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    response.requestId = reply->rawHeader("X-Request-Id");
    if (response.requestId.isEmpty())
        response.requestId = reply->rawHeader("X-Databricks-Request-Id");

    const QString what = pending.request.description;
    const QNetworkReply::NetworkError error = reply->error();

    if (pending.timedOut) {
        response.timedOut = true;
        // A status line that arrived means the server answered but the body stalled: say which, it points to a
        // different culprit (a proxy buffering, a huge reply) than silence does.
        const bool stalledInBody = response.status != 0;
        response.status = 0;
        response.body.clear();
        response.transportError =
            (stalledInBody ? QStringLiteral("%1: the answer from %2 started but did not finish within %3 s.")
                           : QStringLiteral("%1: no answer from %2 within %3 s."))
                .arg(what, pending.request.url.host())
                .arg(m_policy.timeoutMs / 1000.0);
        finish(id, response);
        pump();
        return;
    }

    if (pending.tooLarge) {
        response.tooLarge = true;
        response.status = 0;
        response.transportError = QStringLiteral("%1: the answer from %2 was larger than %3 MB, the most Scimitar "
                                                 "reads in one reply; it was abandoned.")
                                      .arg(what, pending.request.url.host())
                                      .arg(m_policy.maxBodyBytes / (1024 * 1024));
        finish(id, response);
        pump();
        return;
    }

    // Network-layer errors (codes 1..99) after the status line arrived: the connection broke mid-body, so the
    // body is a fragment. Treat it as no answer rather than parse half a page.
    // Qt does not always say so when the connection closes early (under load it can finish "without error"), so a
    // body shorter than its Content-Length counts as broken too (unless compressed: Qt's decoded size differs).
    bool lengthKnown = false;
    const qint64 declaredLength = reply->rawHeader("Content-Length").trimmed().toLongLong(&lengthKnown);
    const bool shortBody = response.status != 0 && lengthKnown && reply->rawHeader("Content-Encoding").isEmpty() &&
                           response.body.size() < declaredLength;
    const bool brokeMidBody = (response.status != 0 && error > QNetworkReply::NoError &&
                               error < QNetworkReply::ProxyConnectionRefusedError) ||
                              shortBody;
    const QString breakReason =
        shortBody && error == QNetworkReply::NoError
            ? QStringLiteral("%1 of %2 bytes arrived").arg(response.body.size()).arg(declaredLength)
            : reply->errorString();
    if (brokeMidBody) {
        response.status = 0;
        response.body.clear();
    }

    if (response.status == 0) {
        // No HTTP answer at all: refused, dropped, DNS, TLS.
        QString reason = reply->errorString();
        if (!pending.sslErrors.isEmpty())
            reason = QStringLiteral("the server's TLS certificate was not accepted (%1)").arg(pending.sslErrors);
        const bool transient =
            error == QNetworkReply::RemoteHostClosedError || error == QNetworkReply::TemporaryNetworkFailureError ||
            error == QNetworkReply::NetworkSessionFailedError || error == QNetworkReply::UnknownNetworkError ||
            error == QNetworkReply::ProxyConnectionClosedError || brokeMidBody;
        if (transient && pending.request.idempotent && pending.attempts < m_policy.maxAttempts) {
            scheduleRetry(id, backoffMs(pending.attempts), QStringLiteral("connection dropped"));
            pump();
            return;
        }
        response.transportError =
            brokeMidBody ? QStringLiteral("%1: the connection to %2 broke before the answer was complete (%3).")
                               .arg(what, pending.request.url.host(), breakReason)
                         : QStringLiteral("%1: could not reach %2: %3.").arg(what, pending.request.url.host(), reason);
        if (transient && !pending.request.idempotent)
            response.transportError += QStringLiteral(" The change may or may not have been applied; re-read to verify.");
        finish(id, response);
        pump();
        return;
    }

    if (response.status >= 300 && response.status < 400) {
        response.transportError = QStringLiteral("%1: the server redirected to %2; check the host name "
                                                 "(Scimitar does not follow redirects with your token).")
                                      .arg(what, QString::fromUtf8(reply->rawHeader("Location")));
        finish(id, response);
        pump();
        return;
    }

    if (ThrottleClassifier::isThrottled(response.status, response.body)) {
        if (pending.attempts < m_policy.maxAttempts) {
            const auto retryAfter = ThrottleClassifier::requestedDelayMs(
                reply->rawHeader("Retry-After"), reply->rawHeader("X-Rate-Limit-Reset"), reply->rawHeader("Date"));
            int delay = 0;
            if (retryAfter && *retryAfter > m_policy.maxDelayMs) {
                // Waiting a day (or an hour) inside a command or a dialog is a hang, not a retry: say so now.
                response.transportError =
                    QStringLiteral("%1: the server is throttling (HTTP %2) and asked to wait %3 s before trying "
                                   "again, longer than the %4 s Scimitar waits. Try again later.")
                        .arg(what)
                        .arg(response.status)
                        .arg(*retryAfter / 1000)
                        .arg(m_policy.maxDelayMs / 1000);
                finish(id, response);
                pump();
                return;
            }
            if (retryAfter) {
                delay = *retryAfter;
            } else if (response.status == 500) {
                delay = backoffMs(pending.attempts);
            } else {
                delay = std::max(m_policy.defaultRetryAfterMs, backoffMs(pending.attempts));
            }
            delay = std::min(delay, m_policy.maxDelayMs);
            scheduleRetry(id, delay, QStringLiteral("throttled (HTTP %1)").arg(response.status));
            pump();
            return;
        }
        response.transportError = QStringLiteral("%1: the server is still throttling after %2 attempts (HTTP %3). "
                                                 "Try again later.")
                                      .arg(what)
                                      .arg(pending.attempts)
                                      .arg(response.status);
    }
    // A gateway's 502/504 is usually one bad hop, so a read tries again; a write never does (the gateway cannot
    // know whether Databricks made the change).
    const bool gatewayError = response.status == 502 || response.status == 504;
    if (gatewayError && pending.request.idempotent && pending.attempts < m_policy.maxAttempts) {
        scheduleRetry(id, backoffMs(pending.attempts), QStringLiteral("gateway error (HTTP %1)").arg(response.status));
        pump();
        return;
    }
    finish(id, response);
    pump();
}

void HttpClient::scheduleRetry(quint64 id, int delayMs, const QString& reason)
{
    Pending& pending = m_pending[id];
    emit retryScheduled(pending.request.description, pending.attempts + 1, delayMs, reason);
    pending.retryTimer = new QTimer(this);
    pending.retryTimer->setSingleShot(true);
    connect(pending.retryTimer, &QTimer::timeout, this, [this, id] {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        it->retryTimer->deleteLater();
        it->retryTimer = nullptr;
        m_ready.enqueue(id);
        pump();
    });
    pending.retryTimer->start(delayMs);
}

int HttpClient::backoffMs(int attempt) const
{
    // Exponential with "equal jitter": half fixed, half random, so a fleet of clients spreads out.
    const qint64 exponential = qint64(m_policy.baseDelayMs) << std::min(attempt - 1, 16);
    const qint64 capped = std::min<qint64>(exponential, m_policy.maxDelayMs);
    const qint64 half = capped / 2;
    return int(half + QRandomGenerator::global()->bounded(half + 1));
}

void HttpClient::finish(quint64 id, HttpResponse response)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Callback done = std::move(it->done);
    if (it->retryTimer)
        it->retryTimer->deleteLater();
    if (it->timeoutTimer)
        it->timeoutTimer->deleteLater();
    if (response.attempts == 0)
        response.attempts = it->attempts;
    m_pending.erase(it);
    if (!m_scrubber.isEmpty()) {
        response.body = m_scrubber.scrub(response.body);
        response.transportError = m_scrubber.scrub(response.transportError);
        for (auto& header : response.headers)
            header.second = m_scrubber.scrub(header.second);
    }
    if (done)
        done(response);
}

void HttpClient::cancelAll()
{
    m_ready.clear();
    const QList<quint64> ids = m_pending.keys();
    for (quint64 id : ids) {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            continue;
        if (it->reply) {
            QNetworkReply* reply = it->reply;
            it->reply = nullptr;
            reply->disconnect(this);
            if (isRunning(reply)) // one already finished or failed is simply dropped
                reply->abort();
            reply->deleteLater();
            --m_inFlight;
        }
        HttpResponse response;
        response.cancelled = true;
        response.transportError = QStringLiteral("%1: cancelled.").arg(it->request.description);
        finish(id, response);
    }
}

} // namespace scimitar::net
