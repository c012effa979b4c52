#pragma once

#include <QByteArray>
#include <QHash>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

class QTcpSocket;

namespace scimitar::emulator {

// A request as the per-API classes (OktaApi, GraphApi, GraphTokenEndpoint) need it: decoded once,
// independent of Qt HttpServer, and carrying the origin the client addressed so that paging links
// can be absolute URLs on the same host:port.
struct EmulatorRequest
{
    using QueryItems = QList<QPair<QString, QString>>;

    QString method;                // "GET", "POST", ...
    QString path;                  // percent-decoded, for messages
    QStringList segments;          // path segments, each decoded on its own so an encoded '/' stays inside one
    QString encodedPath;           // as received (normalised by QUrl), for building links
    QueryItems queryItems;         // decoded, in request order
    QHash<QString, QString> query; // the same, last value wins
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString target;        // percent-decoded path and query, as the request log shows it
    QString encodedTarget; // the same as received
    QUrl origin;           // http://<Host header>, else the listening address

    QByteArray header(const QByteArray& name) const; // case-insensitive; empty when absent
    bool hasQuery(const QString& name) const { return query.contains(name); }
    // True when the failPath fault names this request (matched against either form of the target).
    bool matchesFailPath(const QString& failPath) const
    {
        return !failPath.isEmpty() && (target.contains(failPath) || encodedTarget.contains(failPath));
    }

    // origin + encodedPath + ?query built from `items` (values percent-encoded; characters in
    // `keepUnencoded` left readable, as services do for `$`, `,` and the like).
    QString link(const QString& encodedPath, const QueryItems& items, const QByteArray& keepUnencoded = {}) const;

    // "GET", "PATCH", …; "OTHER" for methods the emulator never serves.
    static QString methodName(QHttpServerRequest::Method method);
    static EmulatorRequest from(const QHttpServerRequest& request, const QTcpSocket* socket);
    // Decodes a query string or a form body. '+' means a space, as in HTML forms and Java servlet
    // containers, while %2B stays a literal plus.
    static QueryItems parseQuery(const QString& encoded);
};

} // namespace scimitar::emulator
