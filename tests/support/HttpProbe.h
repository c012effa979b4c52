#pragma once

// Plain HTTP calls from a test to a loopback server (the emulator) through QNetworkAccessManager, waited for in a
// local event loop: what the emulator tests need to check wire shapes without going through a client library.

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

class QNetworkAccessManager;

namespace scimitar::test {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// What the client saw of one reply.
struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names; QNetworkReply joins repeated ones with ", "
    qint64 elapsedMs = 0;                  // since the timer given to collectReply started

    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

// Sends `verb` to `url` with these headers (and a 10 s transfer timeout); the reply is the caller's to collect.
QNetworkReply* sendRequest(QNetworkAccessManager& nam, const QByteArray& verb, const QUrl& url,
                           const RawHeaders& headers, const QByteArray& body = {});

// Waits for `reply` to finish, reads it and schedules its deletion.
HttpResult collectReply(QNetworkReply* reply, const QElapsedTimer& timer);

// `url` with a query whose names and values are fully percent-encoded — a '+' too, which the emulator (like Java
// servers) would read as a space — except '$' in names, left readable as Graph's clients send it ($filter).
QUrl withQuery(QUrl url, const QList<QPair<QString, QString>>& items);

} // namespace scimitar::test
