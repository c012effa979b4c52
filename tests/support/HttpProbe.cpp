#include "HttpProbe.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QStringList>

namespace scimitar::test {

QNetworkReply* sendRequest(QNetworkAccessManager& nam, const QByteArray& verb, const QUrl& url,
                           const RawHeaders& headers, const QByteArray& body)
{
    QNetworkRequest request(url);
    for (const auto& header : headers)
        request.setRawHeader(header.first, header.second);
    request.setTransferTimeout(10000);
    return nam.sendCustomRequest(request, verb, body);
}

HttpResult collectReply(QNetworkReply* reply, const QElapsedTimer& timer)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    HttpResult result;
    result.elapsedMs = timer.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    for (const auto& header : reply->rawHeaderPairs())
        result.headers.insert(header.first.toLower(), header.second);
    reply->deleteLater();
    return result;
}

QUrl withQuery(QUrl url, const QList<QPair<QString, QString>>& items)
{
    QStringList parts;
    for (const auto& item : items)
        parts.append(
            QString::fromLatin1(QUrl::toPercentEncoding(item.first, "$") + '=' + QUrl::toPercentEncoding(item.second)));
    url.setQuery(parts.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

} // namespace scimitar::test
