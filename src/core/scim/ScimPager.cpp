#include "scim/ScimPager.h"

#include "net/HttpClient.h"
#include "scim/ScimError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

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
    all.reserve(m_seenIds.size());
    QSet<QString> added;
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        for (QJsonObject& object : *it) {
            const QString id = object.value(QLatin1String("id")).toString();
            if (added.contains(id))
                continue;
            added.insert(id);
            all.append(std::move(object));
        }
    }
    m_pages.clear();
    return all;
}

void ScimPager::request(int startIndex, int segmentEnd)
{
    const int count = segmentEnd == kOpenEnded ? m_pageSize : std::min(m_pageSize, segmentEnd - startIndex);
    QUrl url = m_collectionUrl;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("startIndex"), QString::number(startIndex));
    query.addQueryItem(QStringLiteral("count"), QString::number(count));
    if (!m_attributes.isEmpty())
        query.addQueryItem(QStringLiteral("attributes"), m_attributes.join(QLatin1Char(',')));
    url.setQuery(query);

    net::HttpRequest httpRequest;
    httpRequest.url = url;
    httpRequest.description = QStringLiteral("Listing %1 from %2").arg(m_label).arg(startIndex);
    ++m_outstanding;
    m_http->send(httpRequest, [this, startIndex, segmentEnd, what = httpRequest.description](
                                  const net::HttpResponse& response) {
        --m_outstanding;
        if (m_done)
            return;
        if (!response.isSuccess()) {
            fail(ScimError::describe(what, response));
            return;
        }
        onPage(startIndex, segmentEnd, response.body);
    });
}

void ScimPager::onPage(int startIndex, int segmentEnd, const QByteArray& body)
{
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
        fail(QStringLiteral("Listing %1 from %2: the server sent malformed JSON (%3 at byte %4).")
                 .arg(m_label)
                 .arg(startIndex)
                 .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                    : QStringLiteral("not an object"))
                 .arg(parseError.offset));
        return;
    }
    const QJsonObject page = document.object();
    const QJsonValue totalValue = page.value(QLatin1String("totalResults"));
    if (totalValue.isDouble())
        m_total = totalValue.toInt();

    const QJsonArray resources = page.value(QLatin1String("Resources")).toArray();
    const bool firstPage = startIndex == 1 && segmentEnd == kOpenEnded && m_pagesFetched == 1;

    if (resources.isEmpty()) {
        m_stopAt = std::min(m_stopAt, startIndex);
        finishIfIdle();
        return;
    }

    QList<QJsonObject> fresh;
    for (const QJsonValue& value : resources) {
        QJsonObject object = value.toObject();
        const QString id = object.value(QLatin1String("id")).toString();
        if (id.isEmpty()) {
            fail(QStringLiteral("Listing %1 from %2: the server sent a resource without an id.")
                     .arg(m_label)
                     .arg(startIndex));
            return;
        }
        if (m_seenIds.contains(id))
            continue;
        m_seenIds.insert(id);
        fresh.append(std::move(object));
    }
    if (fresh.isEmpty()) {
        // Every id on this page was seen before: the server is repeating itself. Going on could loop forever.
        m_stopAt = std::min(m_stopAt, startIndex);
        m_warnings.append(QStringLiteral("The server repeated a page of %1 at startIndex %2; the listing was "
                                         "stopped there.")
                              .arg(m_label)
                              .arg(startIndex));
        finishIfIdle();
        return;
    }
    m_pages[startIndex] = std::move(fresh);
    emit progress(int(m_seenIds.size()), std::max(m_total, int(m_seenIds.size())));

    const int returned = int(resources.size());
    const int next = startIndex + returned;
    const bool allSeen = m_total >= 0 && int(m_seenIds.size()) >= m_total;

    if (firstPage) {
        // Plan the rest of the range as segments of the server's page size, all but the last bounded.
        const int stride = std::max(returned, kMinimumStride);
        if (m_total < 0) {
            request(next, kOpenEnded); // no totalResults: nothing to plan with, read on page by page
        } else if (!allSeen && m_total >= next) {
            int segmentStart = next;
            while (segmentStart + stride <= m_total) {
                request(segmentStart, segmentStart + stride);
                segmentStart += stride;
            }
            request(segmentStart, kOpenEnded);
        }
    } else if (next < m_stopAt && !allSeen) {
        const bool segmentUnfinished = segmentEnd == kOpenEnded ? (m_total < 0 || next <= m_total) : next < segmentEnd;
        if (segmentUnfinished)
            request(next, segmentEnd);
    }
    finishIfIdle();
}

void ScimPager::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(message);
}

void ScimPager::finishIfIdle()
{
    if (m_done || m_outstanding > 0)
        return;
    m_done = true;
    const int seen = int(m_seenIds.size());
    if (m_total > seen)
        m_warnings.append(QStringLiteral("The server reported %1 %2 but returned %3; the listing may be incomplete.")
                              .arg(m_total)
                              .arg(m_label)
                              .arg(seen));
    emit progress(seen, std::max(m_total, seen));
    emit finished();
}

} // namespace scimitar
