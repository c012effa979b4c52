#include "idp/EntraPager.h"

#include "idp/EntraError.h"
#include "idp/IdpUrl.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QPointer>

namespace scimitar {

EntraPager::EntraPager(Sender send, const QUrl& graphRoot, const QString& what, const QString& permissions,
                       QObject* parent)
    : QObject(parent)
    , m_send(std::move(send))
    , m_graphRoot(graphRoot)
    , m_what(what)
    , m_permissions(permissions)
{
}

void EntraPager::start(const QUrl& firstUrl)
{
    request(firstUrl);
}

void EntraPager::request(const QUrl& url)
{
    m_fetched.insert(url.toString(QUrl::FullyEncoded));
    net::HttpRequest httpRequest;
    httpRequest.url = url;
    httpRequest.headers = m_headers;
    httpRequest.description = m_pages == 0 ? m_what : QStringLiteral("%1 (page %2)").arg(m_what).arg(m_pages + 1);
    QPointer<EntraPager> self(this);
    m_send(httpRequest, [self, what = httpRequest.description](const net::HttpResponse& response) {
        if (!self || self->m_done || response.cancelled)
            return; // abandoned or cancelled: silent by design
        if (!response.isSuccess()) {
            self->fail(EntraError::describeGraph(what, response, self->m_permissions), response.status,
                       response.transportError.isEmpty() ? EntraError::graphCode(response.body) : QString());
            return;
        }
        self->onResponse(response.body);
    });
}

void EntraPager::onResponse(const QByteArray& body)
{
    ++m_pages;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonValue value = document.object().value(QLatin1String("value"));
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || !value.isArray()) {
        fail(QStringLiteral("%1 (page %2): Microsoft Graph sent %3 instead of a collection.")
                 .arg(m_what)
                 .arg(m_pages)
                 .arg(parseError.error != QJsonParseError::NoError
                          ? QStringLiteral("malformed JSON (%1 at byte %2)")
                                .arg(parseError.errorString())
                                .arg(parseError.offset)
                          : QStringLiteral("an object without a 'value' list")));
        return;
    }
    for (const QJsonValue& item : value.toArray())
        m_items.append(item);
    emit pageRead(m_pages, int(m_items.size()));

    const QString link = document.object().value(QLatin1String("@odata.nextLink")).toString();
    if (link.isEmpty()) {
        m_done = true;
        emit finished();
        return;
    }
    const QUrl next = QUrl::fromEncoded(link.toUtf8());
    if (!IdpUrl::sameOrigin(next, m_graphRoot)) {
        fail(QStringLiteral("%1: Graph's @odata.nextLink points to %2, not to the configured Graph host %3; it was "
                            "not followed, so the token is never sent elsewhere, and the list is incomplete.")
                 .arg(m_what, next.isValid() ? IdpUrl::origin(next) : QStringLiteral("an unreadable URL"),
                      IdpUrl::origin(m_graphRoot)));
        return;
    }
    if (m_fetched.contains(next.toString(QUrl::FullyEncoded))) {
        fail(QStringLiteral("%1: Graph's @odata.nextLink after page %2 repeats a page already read, so the list "
                            "cannot be trusted.")
                 .arg(m_what)
                 .arg(m_pages));
        return;
    }
    if (m_pages >= m_maxPages) {
        fail(QStringLiteral("%1 stopped after %2 pages: Graph kept sending @odata.nextLink, so the list cannot be "
                            "trusted.")
                 .arg(m_what)
                 .arg(m_maxPages));
        return;
    }
    request(next);
}

void EntraPager::fail(const QString& message, int status, const QString& code)
{
    if (m_done)
        return;
    m_done = true;
    emit failed(message, status, code);
}

} // namespace scimitar
