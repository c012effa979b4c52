#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <climits>

namespace scimitar {

namespace net {
class HttpClient;
}

// Lists every resource of one SCIM collection, however the server pages.
//
// The first page tells the server's page size and totalResults; the rest of the range is then split into segments
// fetched concurrently (HttpClient bounds how many are in flight). A segment that comes back short is continued
// from where it stopped, so uneven pages never leave a hole, and the last segment is open-ended so a collection
// that grows mid-listing is read to its end. A listing stops on an empty page, a missing `Resources`, a page whose
// ids were all seen before (a server repeating itself), or when totalResults are all seen; a hard cap on pages
// turns a runaway server into an error. Whatever ends a listing early is recorded in warnings(), never dropped.
class ScimPager : public QObject
{
    Q_OBJECT

public:
    ScimPager(net::HttpClient* http, const QUrl& collectionUrl, const QString& label, QObject* parent = nullptr);

    void setAttributes(const QStringList& attributes) { m_attributes = attributes; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void setMaxPages(int maxPages) { m_maxPages = maxPages; }

    void start();

    // Valid after finished(): in server order (by startIndex), each id once.
    QList<QJsonObject> takeResources();
    const QStringList& warnings() const { return m_warnings; }
    int pagesFetched() const { return m_pagesFetched; }

signals:
    void progress(int seen, int total);
    void finished();
    void failed(const QString& message);

private:
    void request(int startIndex, int segmentEnd);
    void onPage(int startIndex, int segmentEnd, const QByteArray& body);
    void fail(const QString& message);
    void finishIfIdle();

    net::HttpClient* m_http;
    QUrl m_collectionUrl;
    QString m_label;
    QStringList m_attributes;
    int m_pageSize = 100;
    int m_maxPages = 2000;

    int m_total = -1;
    int m_stopAt = INT_MAX; // no resource is expected at or after this startIndex
    int m_outstanding = 0;
    int m_pagesFetched = 0;
    bool m_done = false;
    QSet<QString> m_seenIds;
    QMap<int, QList<QJsonObject>> m_pages; // by startIndex, to assemble in server order
    QStringList m_warnings;
};

} // namespace scimitar
