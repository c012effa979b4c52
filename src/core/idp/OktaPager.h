#pragma once

#include "net/HttpClient.h"

#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <QUrl>
#include <functional>
#include <utility>

namespace scimitar {

// Reads every page of one Okta list (a JSON array per page) by following `Link: <…>; rel="next"`.
//
// The next URL is followed verbatim — Okta's `after` cursor is opaque — but only when it has the org's scheme, host
// and port, so the API token is never sent anywhere else. A next URL already fetched, or more pages than the cap,
// fails the listing: a list that may be incomplete is never handed on.
class OktaPager : public QObject
{
    Q_OBJECT

public:
    // Sends one request; OktaSource's sender also slows down when Okta says the rate limit is nearly used up.
    using Sender = std::function<void(const net::HttpRequest&, net::HttpClient::Callback)>;

    // `what` names the listing in messages ("Okta: reading members of 'dbx-pii'").
    OktaPager(Sender send, const QUrl& orgUrl, const QString& what, QObject* parent = nullptr);

    void setMaxPages(int maxPages) { m_maxPages = maxPages; }
    void start(const QUrl& firstUrl);

    QJsonArray takeItems() { return std::exchange(m_items, {}); }
    int pagesFetched() const { return m_pages; }

signals:
    void pageRead(int pages, int items);
    void finished();
    void failed(const QString& message);

private:
    void request(const QUrl& url);
    void onResponse(const QUrl& url, const net::HttpResponse& response);
    void fail(const QString& message);

    Sender m_send;
    QUrl m_orgUrl;
    QString m_what;
    int m_maxPages = 1000;
    int m_pages = 0;
    bool m_done = false;
    QSet<QString> m_fetched; // every URL requested, to notice a server sending us in circles
    QJsonArray m_items;
};

} // namespace scimitar
