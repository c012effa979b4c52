#pragma once

#include "net/HttpTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>

namespace scimitar {

namespace net {
class HttpClient;
}
class ScimPager;

// Knows the shape of the Databricks SCIM API (workspace or account base URL, resource paths, list and get);
// transport concerns (retries, throttling, concurrency) are HttpClient's.
class ScimClient : public QObject
{
    Q_OBJECT

public:
    struct ObjectResult
    {
        QJsonObject object;
        QString error; // one sentence; empty on success
        net::HttpResponse response;
    };
    using ObjectCallback = std::function<void(const ObjectResult&)>;

    ScimClient(net::HttpClient* http, const QUrl& baseUrl, QObject* parent = nullptr);

    const QUrl& baseUrl() const { return m_baseUrl; }
    QUrl collectionUrl(const QString& resource) const;
    QUrl resourceUrl(const QString& resource, const QString& id) const;

    // The most resources of one collection Databricks holds ("Groups": 5,000; users, service principals: 10,000).
    static int maxResources(const QString& resource);
    // A pager for one collection ("Users", "Groups", "ServicePrincipals"); the caller connects and starts it.
    ScimPager* createPager(const QString& resource, const QString& label, const QStringList& attributes,
                           QObject* parent);

    void getResource(const QString& resource, const QString& id, const QStringList& attributes,
                     const QString& description, ObjectCallback done);
    void getMe(ObjectCallback done);
    // The first resource of a collection, ids only: whether the token may list it at all.
    void probeCollection(const QString& resource, ObjectCallback done);

private:
    void getJson(const QUrl& url, const QString& description, ObjectCallback done);

    net::HttpClient* m_http;
    QUrl m_baseUrl;
};

} // namespace scimitar
