#include "RawReplyWriter.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>
#include <memory>

namespace scimitar::emulator {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

constexpr qint64 kChunkBytes = 64 * 1024;
constexpr qint64 kMaxQueuedBytes = 1024 * 1024;

} // namespace

QByteArray RawReplyWriter::head(const EmulatorReply& reply, qint64 contentLength)
{
    QByteArray text = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto& header : reply.headers)
        text += header.first + ": " + header.second + "\r\n";
    text += "Content-Type: " + reply.contentType + "\r\n";
    if (contentLength < 0)
        text += "Transfer-Encoding: chunked\r\n";
    else
        text += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    text += "Connection: keep-alive\r\n\r\n";
    return text;
}

void RawReplyWriter::resetMidBody(QTcpSocket* socket, const EmulatorReply& reply)
{
    socket->write(head(reply, reply.body.size()) + reply.body.left(reply.body.size() / 2));
    // abort() drops what is still queued, so reset only once the half body has gone out.
    QPointer<QTcpSocket> guard(socket);
    auto resetWhenSent = [guard] {
        if (guard && guard->bytesToWrite() == 0)
            guard->abort();
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, resetWhenSent);
    if (socket->bytesToWrite() == 0)
        resetWhenSent();
}

void RawReplyWriter::slowBody(QTcpSocket* socket, const EmulatorReply& reply, int delayMs)
{
    constexpr qsizetype kFirstBytes = 8;
    socket->write(head(reply, reply.body.size()) + reply.body.left(kFirstBytes));
    QPointer<QTcpSocket> guard(socket);
    const QByteArray rest = reply.body.mid(kFirstBytes);
    QTimer::singleShot(delayMs, socket, [guard, rest] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            guard->write(rest);
    });
}

void RawReplyWriter::stream(QTcpSocket* socket, const EmulatorReply& reply, qint64 bytes)
{
    socket->write(head(reply, -1));
    const QByteArray opening = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
                               "\"totalResults\":1,\"Resources\":[{\"id\":\"1\",\"userName\":\"";
    const QByteArray closing = "\"}]}";
    const QByteArray padding(kChunkBytes, 'a');
    auto sent = std::make_shared<qint64>(0);
    QPointer<QTcpSocket> guard(socket);
    auto writeMore = [guard, sent, bytes, opening, closing, padding] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        while (*sent < bytes && guard->bytesToWrite() < kMaxQueuedBytes) {
            QByteArray chunk = *sent == 0 ? opening : QByteArray();
            chunk += padding.left(std::clamp<qint64>(bytes - *sent - chunk.size() - closing.size(), 0, kChunkBytes));
            if (*sent + chunk.size() + closing.size() >= bytes)
                chunk += closing;
            *sent += chunk.size();
            guard->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            if (*sent >= bytes)
                guard->write("0\r\n\r\n");
        }
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, writeMore);
    writeMore();
}

} // namespace scimitar::emulator
