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
// tells totalResults; the rest of the range is split into segments fetched concurrently (HttpClient bounds how
// many are in flight), and a segment that comes back short is continued from where it stopped.
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

    void start();

    // Valid after finished(): in server order, each id once.
    QList<QJsonObject> takeResources();
    // What the listing had to do to be complete (a re-read from the start, say); never a sign of missing data.
    const QStringList& notes() const { return m_notes; }
    int pagesFetched() const { return m_pagesFetched; }

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

    // One read of the listing; a re-read from the start begins a new generation and forgets the old one's answers.
    int m_generation = 0;
    bool m_reread = false;
    int m_total = -1; // totalResults of this read; -1 until a page carried one
    int m_outstanding = 0;
    int m_pagesFetched = 0;
    bool m_done = false;
    bool m_sawEmptyPage = false;
    QHash<int, QString> m_idAt;       // position (1-based) -> id
    QHash<QString, int> m_positionOf; // id -> position
    QMap<int, QJsonObject> m_byPosition;
    QStringList m_notes;
};

} // namespace scimitar
