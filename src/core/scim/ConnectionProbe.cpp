#include "scim/ConnectionProbe.h"

#include "net/HttpClient.h"
#include "scim/ScimClient.h"

#include <iterator>

namespace scimitar {

ConnectionProbe::ConnectionProbe(QObject* parent)
    : QObject(parent)
{
}

void ConnectionProbe::start(const QUrl& scimBaseUrl, const QByteArray& token)
{
    cancel();
    m_token = token;
    m_http = new net::HttpClient(this);
    net::RetryPolicy policy;
    policy.maxAttempts = 2; // a test should answer quickly, not wait out a long throttle
    policy.timeoutMs = 20000;
    m_http->setRetryPolicy(policy);
    m_http->setAuthorization(QByteArrayLiteral("Bearer ") + token);
    auto* scim = new ScimClient(m_http, scimBaseUrl, m_http);
    scim->getMe([this, scim](const ScimClient::ObjectResult& result) {
        if (!result.error.isEmpty()) {
            emit failed(redacted(result.error));
            return;
        }
        m_userName = result.object.value(QLatin1String("userName")).toString();
        m_displayName = result.object.value(QLatin1String("displayName")).toString();
        m_cannotRead.clear();
        probeNext(scim, 0);
    });
}

namespace {

struct Collection
{
    const char* resource;
    const char* words;
};

constexpr Collection kCollections[] = {
    {"Users", "users"},
    {"Groups", "groups"},
    {"ServicePrincipals", "service principals"},
};

} // namespace

void ConnectionProbe::probeNext(ScimClient* scim, qsizetype index)
{
    if (index >= qsizetype(std::size(kCollections))) {
        emit succeeded(m_userName, m_displayName, m_cannotRead);
        return;
    }
    const Collection& collection = kCollections[index];
    // One at a time: a test is a handful of tiny requests, and a 401 on the first says enough for all.
    scim->probeCollection(QLatin1String(collection.resource), [this, scim, index,
                                                               collection](const ScimClient::ObjectResult& result) {
        if (!result.error.isEmpty())
            m_cannotRead.append(QStringLiteral("%1: %2").arg(QLatin1String(collection.words), redacted(result.error)));
        probeNext(scim, index + 1);
    });
}

QString ConnectionProbe::redacted(QString message) const
{
    if (m_token.size() >= 4)
        message.replace(QString::fromUtf8(m_token), QStringLiteral("[redacted]"));
    return message;
}

void ConnectionProbe::cancel()
{
    if (m_http) {
        m_http->deleteLater(); // its destructor drops the pending callback
        m_http = nullptr;
    }
}

} // namespace scimitar
