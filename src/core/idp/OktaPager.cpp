#include "idp/OktaPager.h"

#include "idp/IdpUrl.h"
#include "idp/LinkHeader.h"
#include "idp/OktaError.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>

namespace scimitar {

OktaPager::OktaPager(Sender send, const QUrl& orgUrl, const QString& what, QObject* parent)
    : QObject(parent)
    , m_send(std::move(send))
    , m_orgUrl(orgUrl)
    , m_what(what)
{
}

void OktaPager::start(const QUrl& firstUrl)
{
    request(firstUrl);
}

void OktaPager::request(const QUrl& url)
{
    m_fetched.insert(url.toString(QUrl::FullyEncoded));
    net::HttpRequest httpRequest;
    httpRequest.url = url;
    httpRequest.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    httpRequest.description = m_pages == 0 ? m_what : QStringLiteral("%1 (page %2)").arg(m_what).arg(m_pages + 1);
    // The pager may be gone (its load abandoned) before a request it sent is answered.
    QPointer<OktaPager> self(this);
    m_send(httpRequest, [self, url, what = httpRequest.description](const net::HttpResponse& response) {
        if (!self || self->m_done)
            return;
        if (response.cancelled)
            return; // only a cancel() of the whole source does this, and that is silent by design
        if (!response.isSuccess()) {
            self->fail(OktaError::describe(what, response));
            return;
        }
        self->onResponse(url, response);
    });
}

void OktaPager::onResponse(const QUrl& url, const net::HttpResponse& response)
{
    ++m_pages;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        fail(QStringLiteral("%1 (page %2): Okta sent %3 instead of a JSON list.")
                 .arg(m_what)
                 .arg(m_pages)
                 .arg(parseError.error != QJsonParseError::NoError ? QStringLiteral("malformed JSON (%1 at byte %2)")
                                                                         .arg(parseError.errorString())
                                                                         .arg(parseError.offset)
                                                                   : QStringLiteral("something else")));
        return;
    }
    for (const QJsonValue& value : document.array())
        m_items.append(value);
    emit pageRead(m_pages, int(m_items.size()));

    const QUrl target = LinkHeader::find(LinkHeader::parseAll(response.headers), QStringLiteral("next"));
    if (target.isEmpty()) {
        m_done = true;
        emit finished();
        return;
    }
    const QUrl next = url.resolved(target);
    if (!IdpUrl::sameOrigin(next, m_orgUrl)) {
        fail(QStringLiteral("%1: Okta's next-page link points to %2, not to the org %3; it was not followed, so the "
                            "API token is never sent elsewhere, and the list is incomplete.")
                 .arg(m_what, IdpUrl::origin(next), IdpUrl::origin(m_orgUrl)));
        return;
    }
    if (m_fetched.contains(next.toString(QUrl::FullyEncoded))) {
        fail(QStringLiteral("%1: Okta's next-page link after page %2 repeats a page already read, so the list cannot "
                            "be trusted.")
                 .arg(m_what)
                 .arg(m_pages));
        return;
    }
    if (m_pages >= m_maxPages) {
        fail(QStringLiteral("%1 stopped after %2 pages: Okta kept sending next-page links, so the list cannot be "
                            "trusted.")
                 .arg(m_what)
                 .arg(m_maxPages));
        return;
    }
    request(next);
}

void OktaPager::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(message);
}

} // namespace scimitar
