#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QUrl>

namespace scimitar {

namespace net {
class HttpClient;
}

// Reads every resource of one SCIM listing — a whole collection, or the matches of a filter — however the server
// pages. It is the only way Scimitar reads a list: the directory load, apply's look-ups by id and every later
// "read these people" go through it, so a paging rule holds everywhere or nowhere.
//
// Paging (RFC 7644 §3.4.2.4): 1-based startIndex, and the next request starts after the Resources actually
// returned, never after the `count` asked for — servers may cap pages below `count`, or ignore it. The first page
// tells totalResults; the rest of the range is split into segments fetched concurrently, and a segment that comes
// back short is continued from where it stopped. Segments are planned lazily, a few ahead of the answers: a first
// page that claims two million results must not queue 200,000 requests. A totalResults beyond what the collection
// can hold (Databricks: 10,000 users and service principals, 5,000 groups) is refused before anything is planned.
//
// Every resource is kept at its position. The listing is complete only when every position up to totalResults
// arrived (or, without totalResults, when a page came back empty). Anything else is an error, never a shorter
// list: a missing `Resources` mid-range, an id seen at two positions or two ids at one (offset paging shifted
// under us: somebody may have been skipped), a totalResults that changes. Because a listing that shifted once is
// usually fine the second time, such a listing is read again from the start once before it fails. A hard cap on
// pages turns a runaway server into an error.
class ScimPager : public QObject
{
    Q_OBJECT

public:
    ScimPager(net::HttpClient* http, const QUrl& collectionUrl, const QString& label, QObject* parent = nullptr);

    void setAttributes(const QStringList& attributes) { m_attributes = attributes; }
    // A SCIM filter expression (e.g. `id eq "a" or id eq "b"`); empty lists the whole collection.
    void setFilter(const QString& filter) { m_filter = filter; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void setMaxPages(int maxPages) { m_maxPages = maxPages; }
    // The most resources the collection can hold; a server that claims (or sends) more is not believed.
    void setMaxResources(int maxResources) { m_maxResources = maxResources; }
    // Segments requested ahead of the answers (HttpClient bounds further how many are on the wire).
    static constexpr int kSegmentsAhead = 8;

    void start();

    // Valid after finished(): in server order, each id once.
    QList<QJsonObject> takeResources();
    // What the listing had to do to be complete (a re-read from the start, say); never a sign of missing data.
    const QStringList& notes() const { return m_notes; }
    int pagesFetched() const { return m_pagesFetched; }
    // Requests asked and not yet answered, in this read of the listing.
    int outstanding() const { return m_outstanding; }

signals:
    void progress(int seen, int total);
    void finished();
    void failed(const QString& message);

private:
    void request(int startIndex, int segmentEnd);
    void onPage(int startIndex, int segmentEnd, const QByteArray& body);
    // Stores one page at its positions; false (with *conflict set) when it contradicts what was read before.
    bool store(int startIndex, const QJsonArray& resources, QString* conflict);
    void planSegments(int next);
    void planMore();
    bool acceptTotal(const QJsonValue& totalValue, const QString& where);
    void inconsistent(const QString& what);
    void fail(const QString& message);
    void finishIfIdle();
    QString missingPositions() const;

    net::HttpClient* m_http;
    QUrl m_collectionUrl;
    QString m_label;
    QStringList m_attributes;
    QString m_filter;
    int m_pageSize = 100;
    int m_maxPages = 2000;
    int m_maxResources = 100000;

    // One read of the listing; a re-read from the start begins a new generation and forgets the old one's answers.
    int m_generation = 0;
    bool m_reread = false;
    int m_total = -1; // totalResults of this read; -1 until a page carried one
    int m_outstanding = 0;
    int m_pagesFetched = 0;
    bool m_done = false;
    bool m_sawEmptyPage = false;
    // The lazy plan: bounded segments of m_stride positions from m_nextSegment, then one open-ended last segment.
    int m_stride = 0;
    int m_nextSegment = 0;
    int m_segmentsInFlight = 0;
    bool m_allPlanned = true;
    QHash<int, QString> m_idAt;       // position (1-based) -> id
    QHash<QString, int> m_positionOf; // id -> position
    QMap<int, QJsonObject> m_byPosition;
    QStringList m_notes;
};

} // namespace scimitar
