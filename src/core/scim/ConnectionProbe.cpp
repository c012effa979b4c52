#include "scim/ConnectionProbe.h"

#include "net/HttpClient.h"
#include "scim/ScimClient.h"

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
    scim->getMe([this](const ScimClient::ObjectResult& result) {
        if (!result.error.isEmpty()) {
            QString message = result.error;
            if (m_token.size() >= 4)
                message.replace(QString::fromUtf8(m_token), QStringLiteral("[redacted]"));
            emit failed(message);
            return;
        }
        emit succeeded(result.object.value(QLatin1String("userName")).toString(),
                       result.object.value(QLatin1String("displayName")).toString());
    });
}

void ConnectionProbe::cancel()
{
    if (m_http) {
        m_http->deleteLater(); // its destructor drops the pending callback
        m_http = nullptr;
    }
}

} // namespace scimitar
