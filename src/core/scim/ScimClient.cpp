#include "scim/ScimClient.h"

#include "net/HttpClient.h"
#include "scim/ScimError.h"
#include "scim/ScimPager.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

namespace scimitar {

ScimClient::ScimClient(net::HttpClient* http, const QUrl& baseUrl, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_baseUrl(baseUrl)
{
}

QUrl ScimClient::collectionUrl(const QString& resource) const
{
    QUrl url = m_baseUrl;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path.append(QLatin1Char('/'));
    url.setPath(path + resource);
    return url;
}

QUrl ScimClient::resourceUrl(const QString& resource, const QString& id) const
{
    QUrl url = collectionUrl(resource);
    url.setPath(url.path() + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(id)), QUrl::TolerantMode);
    return url;
}

int ScimClient::maxResources(const QString& resource)
{
    // Databricks' documented limits, the same for a workspace and an account: 10,000 users and service principals
    // together, 5,000 groups. A server claiming more is broken or hostile; believing it would plan without bound.
    return resource == QLatin1String("Groups") ? 5000 : 10000;
}

ScimPager* ScimClient::createPager(const QString& resource, const QString& label, const QStringList& attributes,
                                   QObject* parent)
{
    auto* pager = new ScimPager(m_http, collectionUrl(resource), label, parent);
    pager->setAttributes(attributes);
    pager->setMaxResources(maxResources(resource));
    return pager;
}

void ScimClient::getResource(const QString& resource, const QString& id, const QStringList& attributes,
                             const QString& description, ObjectCallback done)
{
    QUrl url = resourceUrl(resource, id);
    if (!attributes.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("attributes"), attributes.join(QLatin1Char(',')));
        url.setQuery(query);
    }
    getJson(url, description, std::move(done));
}

void ScimClient::getMe(ObjectCallback done)
{
    QUrl url = collectionUrl(QStringLiteral("Me"));
    // Entitlements on /Me cost the backend an expensive scan and we do not need them here; groups and roles we do:
    // they are what makes the token owner an admin (the lock-out guard).
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("excludedAttributes"), QStringLiteral("entitlements"));
    url.setQuery(query);
    getJson(url, QStringLiteral("Reading the token owner (/Me)"), std::move(done));
}

void ScimClient::probeCollection(const QString& resource, ObjectCallback done)
{
    QUrl url = collectionUrl(resource);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("startIndex"), QStringLiteral("1"));
    query.addQueryItem(QStringLiteral("count"), QStringLiteral("1"));
    query.addQueryItem(QStringLiteral("attributes"), QStringLiteral("id"));
    url.setQuery(query);
    getJson(url, QStringLiteral("Listing %1").arg(resource), std::move(done));
}

void ScimClient::getJson(const QUrl& url, const QString& description, ObjectCallback done)
{
    net::HttpRequest request;
    request.url = url;
    request.description = description;
    m_http->send(request, [description, done = std::move(done)](const net::HttpResponse& response) {
        ObjectResult result;
        result.response = response;
        if (!response.isSuccess()) {
            result.error = ScimError::describe(description, response);
        } else {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject())
                result.error = ScimError::unreadableBody(description, response.body);
            else
                result.object = document.object();
        }
        done(result);
    });
}

} // namespace scimitar
