#include "scim/ScimPager.h"

#include "net/HttpClient.h"
#include "scim/ScimError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>
#include <climits>
#include <cmath>

namespace scimitar {

namespace {
constexpr int kMinimumStride = 10; // a tiny first page must not plan thousands of requests
constexpr int kOpenEnded = INT_MAX;
} // namespace

ScimPager::ScimPager(net::HttpClient* http, const QUrl& collectionUrl, const QString& label, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_collectionUrl(collectionUrl)
    , m_label(label)
{
}

void ScimPager::start()
{
    request(1, kOpenEnded);
}

QList<QJsonObject> ScimPager::takeResources()
{
    QList<QJsonObject> all;
    all.reserve(m_byPosition.size());
    for (auto it = m_byPosition.begin(); it != m_byPosition.end(); ++it)
        all.append(std::move(*it));
    m_byPosition.clear();
    return all;
}

void ScimPager::request(int startIndex, int segmentEnd)
{
    const int count = segmentEnd == kOpenEnded ? m_pageSize : std::min(m_pageSize, segmentEnd - startIndex);
    QUrl url = m_collectionUrl;
    QUrlQuery query;
    if (!m_filter.isEmpty())
        query.addQueryItem(QStringLiteral("filter"), m_filter);
    query.addQueryItem(QStringLiteral("startIndex"), QString::number(startIndex));
    query.addQueryItem(QStringLiteral("count"), QString::number(count));
    if (!m_attributes.isEmpty())
        query.addQueryItem(QStringLiteral("attributes"), m_attributes.join(QLatin1Char(',')));
    url.setQuery(query);

    net::HttpRequest httpRequest;
    httpRequest.url = url;
    httpRequest.description = QStringLiteral("Listing %1 from %2").arg(m_label).arg(startIndex);
    ++m_outstanding;
    const int generation = m_generation;
    m_http->send(httpRequest, [this, generation, startIndex, segmentEnd,
                               what = httpRequest.description](const net::HttpResponse& response) {
        if (m_done || generation != m_generation)
            return; // an answer to a read that was given up or started over
        --m_outstanding;
        if (!response.isSuccess()) {
            fail(ScimError::describe(what, response));
            return;
        }
        onPage(startIndex, segmentEnd, response.body);
    });
}

void ScimPager::onPage(int startIndex, int segmentEnd, const QByteArray& body)
{
    const QString where = QStringLiteral("Listing %1 from %2").arg(m_label).arg(startIndex);
    if (++m_pagesFetched > m_maxPages) {
        fail(QStringLiteral("Listing %1 stopped after %2 pages: the server kept sending pages, so the list cannot "
                            "be trusted.")
                 .arg(m_label)
                 .arg(m_maxPages));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        fail(ScimError::unreadableBody(where, body));
        return;
    }
    const QJsonObject page = document.object();
    const QJsonValue resourcesValue = page.value(QLatin1String("Resources"));
    if (!resourcesValue.isUndefined() && !resourcesValue.isNull() && !resourcesValue.isArray()) {
        fail(QStringLiteral("%1: the server sent a page whose Resources is not a list.").arg(where));
        return;
    }
    const bool firstPage = startIndex == 1 && segmentEnd == kOpenEnded && m_idAt.isEmpty() && m_total < 0;
    if (!acceptTotal(page.value(QLatin1String("totalResults")), where))
        return;

    const QJsonArray resources = resourcesValue.toArray();
    const int next = startIndex + int(resources.size());
    const bool segmentDone = segmentEnd != kOpenEnded && (resources.isEmpty() || next >= segmentEnd);
    if (segmentDone) {
        --m_segmentsInFlight;
        planMore();
    }
    if (resources.isEmpty()) {
        m_sawEmptyPage = true;
        finishIfIdle();
        return;
    }
    QString conflict;
    if (!store(startIndex, resources, &conflict)) {
        if (!m_done)
            inconsistent(conflict);
        return;
    }
    const int seen = int(m_idAt.size());
    if (seen > m_maxResources) {
        fail(QStringLiteral("Listing %1: the server sent more than %2, the most the collection can hold, so the "
                            "list cannot be trusted.")
                 .arg(m_label)
                 .arg(m_maxResources));
        return;
    }
    emit progress(seen, std::max(m_total, seen));

    if (firstPage) {
        planSegments(next);
    } else if (segmentEnd != kOpenEnded) {
        if (next < segmentEnd)
            request(next, segmentEnd); // a short page: the rest of this segment is still owed
    } else if (m_total < 0 || next <= m_total) {
        request(next, kOpenEnded);
    }
    finishIfIdle();
}

bool ScimPager::acceptTotal(const QJsonValue& totalValue, const QString& where)
{
    if (totalValue.isUndefined() || totalValue.isNull())
        return true; // optional: without it the listing reads on until an empty page
    const double number = totalValue.toDouble(-1);
    if (!totalValue.isDouble() || !(number >= 0) || number != std::trunc(number) || number > INT_MAX) {
        const QString shown = totalValue.isDouble() ? QString::number(number, 'g', 17) : QStringLiteral("not a number");
        fail(QStringLiteral("%1: the server's totalResults (%2) is not a count.").arg(where, shown));
        return false;
    }
    const int total = int(number);
    if (total > m_maxResources) {
        fail(QStringLiteral("Listing %1: the server reports %2, more than the %3 the collection can hold, so the "
                            "answer cannot be trusted (nothing more was asked).")
                 .arg(m_label)
                 .arg(total)
                 .arg(m_maxResources));
        return false;
    }
    if (m_total < 0) {
        m_total = total;
    } else if (total != m_total) {
        inconsistent(QStringLiteral("totalResults went from %1 to %2").arg(m_total).arg(total));
        return false;
    }
    return true;
}

bool ScimPager::store(int startIndex, const QJsonArray& resources, QString* conflict)
{
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const int position = startIndex + int(i);
        QJsonObject object = resources.at(i).toObject();
        const QString id = object.value(QLatin1String("id")).toString();
        if (id.isEmpty()) {
            fail(QStringLiteral("Listing %1 from %2: the server sent a resource without an id.")
                     .arg(m_label)
                     .arg(startIndex));
            return false;
        }
        const auto atPosition = m_idAt.constFind(position);
        if (atPosition != m_idAt.constEnd() && *atPosition != id) {
            *conflict = QStringLiteral("position %1 held %2, then %3").arg(position).arg(*atPosition, id);
            return false;
        }
        const auto seenAt = m_positionOf.constFind(id);
        if (seenAt != m_positionOf.constEnd() && *seenAt != position) {
            *conflict = QStringLiteral("id %1 came at position %2 and again at %3").arg(id).arg(*seenAt).arg(position);
            return false;
        }
        if (atPosition != m_idAt.constEnd())
            continue; // the same resource at the same place: an overlapping page, nothing new
        m_idAt.insert(position, id);
        m_positionOf.insert(id, position);
        m_byPosition.insert(position, std::move(object));
    }
    return true;
}

void ScimPager::planSegments(int next)
{
    if (m_total < 0) {
        request(next, kOpenEnded); // no totalResults: nothing to plan with, read on page by page
        return;
    }
    if (next > m_total)
        return;
    // The rest of the range as segments of the server's own page size, all but the last bounded.
    m_stride = std::max(next - 1, kMinimumStride);
    m_nextSegment = next;
    m_allPlanned = false;
    planMore();
}

void ScimPager::planMore()
{
    while (!m_done && !m_allPlanned && m_segmentsInFlight < kSegmentsAhead) {
        if (m_nextSegment + m_stride <= m_total) {
            ++m_segmentsInFlight;
            request(m_nextSegment, m_nextSegment + m_stride);
            m_nextSegment += m_stride;
        } else {
            // The last segment reads on past totalResults, so extra resources a server sends are noticed.
            m_allPlanned = true;
            request(m_nextSegment, kOpenEnded);
        }
    }
}

void ScimPager::inconsistent(const QString& what)
{
    if (m_reread) {
        fail(QStringLiteral("Listing %1: the server's pages contradicted each other twice (%2), so somebody may "
                            "have been skipped and the list cannot be trusted. Try again when the directory is not "
                            "changing.")
                 .arg(m_label, what));
        return;
    }
    // Offset paging over a collection that changed shifts everything after the change: start over, once.
    m_reread = true;
    m_notes.append(QStringLiteral("Listing %1 changed while it was read (%2); it was read again from the start.")
                       .arg(m_label, what));
    ++m_generation;
    m_total = -1;
    m_outstanding = 0;
    m_pagesFetched = 0;
    m_sawEmptyPage = false;
    m_stride = 0;
    m_nextSegment = 0;
    m_segmentsInFlight = 0;
    m_allPlanned = true;
    m_idAt.clear();
    m_positionOf.clear();
    m_byPosition.clear();
    start();
}

void ScimPager::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(message);
}

QString ScimPager::missingPositions() const
{
    QStringList ranges;
    int firstMissing = 0;
    for (int position = 1; position <= m_total + 1 && ranges.size() < 3; ++position) {
        const bool missing = position <= m_total && !m_idAt.contains(position);
        if (missing && firstMissing == 0)
            firstMissing = position;
        if (!missing && firstMissing != 0) {
            ranges.append(firstMissing == position - 1 ? QString::number(firstMissing)
                                                       : QStringLiteral("%1-%2").arg(firstMissing).arg(position - 1));
            firstMissing = 0;
        }
    }
    return ranges.join(QStringLiteral(", "));
}

void ScimPager::finishIfIdle()
{
    if (m_done || m_outstanding > 0)
        return;
    const int seen = int(m_idAt.size());
    if (m_total >= 0) {
        int inRange = 0;
        for (auto it = m_idAt.cbegin(); it != m_idAt.cend(); ++it)
            inRange += it.key() <= m_total ? 1 : 0;
        if (inRange < m_total) {
            inconsistent(QStringLiteral("it reported %1 but sent %2; positions %3 never arrived")
                             .arg(m_total)
                             .arg(inRange)
                             .arg(missingPositions()));
            return;
        }
    }
    m_done = true;
    emit progress(seen, std::max(m_total, seen));
    emit finished();
}

} // namespace scimitar
