#pragma once

// A tiny HTTP/1.1 server for the IdP client tests: each request is answered by a test-supplied function, so a
// test can send exactly the headers a real IdP sends (repeated Link lines, a Date and X-Rate-Limit-Reset, a
// next link to another host) and record what the client asked for. Runs in the test's own thread: the client and
// this server share the event loop that QSignalSpy::wait / QTRY_* spin.
//
// For whole-API behaviour the emulator's Okta and Graph faces are used instead; this is for wire shapes the
// emulator cannot be asked to produce.

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

namespace scimitar::test {

struct ScriptedRequest
{
    QByteArray method;
    QByteArray target;                     // path and query, as sent
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 receivedMs = 0; // since the server started

    QString path() const { return QUrl::fromEncoded(target).path(); }
    QUrlQuery query() const { return QUrlQuery(QUrl::fromEncoded(target)); }
    QString queryValue(const QString& key) const { return query().queryItemValue(key, QUrl::FullyDecoded); }
};

struct ScriptedReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // sent in this order; repeated names stay separate lines
    QByteArray body;
    int delayMs = 0;

    static ScriptedReply json(int status, const QByteArray& body)
    {
        ScriptedReply reply;
        reply.status = status;
        reply.body = body;
        reply.headers.emplaceBack("Content-Type", "application/json");
        return reply;
    }
};

// The Date header value an HTTP server would send now, e.g. "Fri, 01 Jan 2021 00:00:00 GMT".
inline QByteArray httpDate(const QDateTime& when = QDateTime::currentDateTimeUtc())
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

class ScriptedServer : public QObject
{
public:
    using Handler = std::function<ScriptedReply(const ScriptedRequest&)>;

    explicit ScriptedServer(Handler handler = {})
        : m_handler(std::move(handler))
    {
        m_clock.start();
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    bool isListening() const { return m_server.isListening(); }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    const QList<ScriptedRequest>& requests() const { return m_requests; }
    // The requests whose path contains `pathPart`, in arrival order.
    QList<ScriptedRequest> requestsTo(const QString& pathPart) const
    {
        QList<ScriptedRequest> found;
        for (const ScriptedRequest& request : m_requests)
            if (request.path().contains(pathPart))
                found.append(request);
        return found;
    }
    void clearRequests() { m_requests.clear(); }

private:
    void serve(QTcpSocket* socket)
    {
        auto* buffer = new QByteArray;
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
            delete buffer;
            socket->deleteLater();
        });
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            // Several requests may arrive on one kept-alive connection; answer each complete one.
            for (;;) {
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                ScriptedRequest request;
                const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                request.method = first.value(0);
                request.target = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                               lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = request.headers.value("content-length").toLongLong();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                request.body = buffer->mid(headerEnd + 4, length);
                buffer->remove(0, headerEnd + 4 + length);
                request.receivedMs = m_clock.elapsed();
                m_requests.append(request);
                const ScriptedReply reply = m_handler ? m_handler(request) : ScriptedReply::json(404, "{}");
                QByteArray raw = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
                bool hasDate = false;
                for (const auto& [name, value] : reply.headers) {
                    raw += name + ": " + value + "\r\n";
                    hasDate = hasDate || name.compare("Date", Qt::CaseInsensitive) == 0;
                }
                if (!hasDate)
                    raw += "Date: " + httpDate() + "\r\n";
                raw += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
                QPointer<QTcpSocket> guarded(socket);
                QTimer::singleShot(reply.delayMs, this, [guarded, raw] {
                    if (guarded)
                        guarded->write(raw);
                });
            }
        });
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<ScriptedRequest> m_requests;
    QElapsedTimer m_clock;
};

} // namespace scimitar::test
