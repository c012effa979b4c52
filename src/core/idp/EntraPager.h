#pragma once

#include "net/HttpClient.h"

#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <QUrl>
#include <functional>
#include <utility>

namespace scimitar {

// Reads every page of one Microsoft Graph collection by following `@odata.nextLink` verbatim (never building a
// $skiptoken). A page may be empty and still carry a nextLink, so only a missing nextLink ends the listing.
// Extra request headers (ConsistencyLevel) are not part of the link and are sent again with every page.
//
// A nextLink to another host than the configured Graph root is refused (the token goes nowhere else); a nextLink
// already fetched, or more pages than the cap, fails the listing: an incomplete list is never handed on.
class EntraPager : public QObject
{
    Q_OBJECT

public:
    using Sender = std::function<void(const net::HttpRequest&, net::HttpClient::Callback)>;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // `what` names the listing ("Entra ID: reading members of 'PII Readers'"); `permissions` the application
    // permissions the call needs, named in a 403's message.
    EntraPager(Sender send, const QUrl& graphRoot, const QString& what, const QString& permissions,
               QObject* parent = nullptr);

    void setMaxPages(int maxPages) { m_maxPages = maxPages; }
    void setHeaders(const Headers& headers) { m_headers = headers; }
    void start(const QUrl& firstUrl);

    QJsonArray takeItems() { return std::exchange(m_items, {}); }
    int pagesFetched() const { return m_pages; }

signals:
    void pageRead(int pages, int items);
    void finished();
    // `status` and `code` (Graph's error.code) let the caller decide on a different request (ConsistencyLevel).
    void failed(const QString& message, int status, const QString& code);

private:
    void request(const QUrl& url);
    void onResponse(const QByteArray& body);
    void fail(const QString& message, int status = 0, const QString& code = QString());

    Sender m_send;
    QUrl m_graphRoot;
    QString m_what;
    QString m_permissions;
    Headers m_headers;
    int m_maxPages = 2000;
    int m_pages = 0;
    bool m_done = false;
    QSet<QString> m_fetched;
    QJsonArray m_items;
};

} // namespace scimitar
