#include "EmulatorRequest.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace scimitar::emulator {

QByteArray EmulatorRequest::header(const QByteArray& name) const
{
    for (const auto& item : headers) {
        if (item.first.compare(name, Qt::CaseInsensitive) == 0)
            return item.second;
    }
    return {};
}

QString EmulatorRequest::link(const QString& encodedPathValue, const QueryItems& items,
                              const QByteArray& keepUnencoded) const
{
    QStringList parts;
    for (const auto& item : items)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(item.first, "$") + '=' +
                                         QUrl::toPercentEncoding(item.second, keepUnencoded)));
    QString url = origin.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash) + encodedPathValue;
    if (!parts.isEmpty())
        url += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    return url;
}

EmulatorRequest::QueryItems EmulatorRequest::parseQuery(const QString& encoded)
{
    QueryItems items;
    for (const QString& pair : encoded.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        auto decode = [](QString text) {
            text.replace(QLatin1Char('+'), QLatin1Char(' '));
            return QUrl::fromPercentEncoding(text.toUtf8());
        };
        items.append(
            {decode(equals < 0 ? pair : pair.left(equals)), equals < 0 ? QString() : decode(pair.mid(equals + 1))});
    }
    return items;
}

QString EmulatorRequest::methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

EmulatorRequest EmulatorRequest::from(const QHttpServerRequest& request, const QTcpSocket* socket)
{
    EmulatorRequest result;
    const QUrl url = request.url();
    result.method = methodName(request.method());
    result.path = url.path(QUrl::FullyDecoded);
    result.encodedPath = url.path(QUrl::FullyEncoded);
    for (const QString& segment : result.encodedPath.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        result.segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    const QString encodedQuery = url.query(QUrl::FullyEncoded);
    result.queryItems = parseQuery(encodedQuery);
    result.target =
        result.path +
        (encodedQuery.isEmpty() ? QString() : QLatin1Char('?') + QUrl::fromPercentEncoding(encodedQuery.toUtf8()));
    result.encodedTarget = result.encodedPath + (encodedQuery.isEmpty() ? QString() : QLatin1Char('?') + encodedQuery);
    for (const auto& item : std::as_const(result.queryItems))
        result.query.insert(item.first, item.second);
    result.headers = request.headers();
    result.body = request.body();

    // The Host header says which name the client used (127.0.0.1 or localhost); links must use the
    // same one or a client that checks "same host as configured" refuses to follow them.
    const QByteArray host = result.header("host").trimmed();
    QUrl origin(QStringLiteral("http://") + QString::fromLatin1(host), QUrl::StrictMode);
    if (host.isEmpty() || !origin.isValid() || origin.host().isEmpty() || !origin.path().isEmpty() ||
        !origin.userInfo().isEmpty()) {
        origin = QUrl();
        origin.setScheme(QStringLiteral("http"));
        origin.setHost(socket ? socket->localAddress().toString() : QStringLiteral("127.0.0.1"));
        if (socket)
            origin.setPort(socket->localPort());
    }
    result.origin = origin;
    return result;
}

} // namespace scimitar::emulator
