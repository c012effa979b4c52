#include "idp/EntraTokenProvider.h"

#include "idp/EntraError.h"
#include "net/HttpClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace scimitar {

namespace {

QByteArray formField(const char* name, const QByteArray& value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
}

} // namespace

EntraTokenProvider::EntraTokenProvider(net::HttpClient* http, const EntraSettings& settings, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_settings(settings)
{
    // Never in an answer, but a reflecting proxy could put it there: the client scrubs it like the token.
    m_http->addSecret(m_settings.clientSecret);
}

bool EntraTokenProvider::hasUsableToken() const
{
    if (m_token.isEmpty() || m_expires.hasExpired())
        return false;
    const qint64 margin = std::min<qint64>(m_renewMarginMs, m_lifetimeMs / 2);
    return m_expires.remainingTime() > margin;
}

void EntraTokenProvider::token(Callback done)
{
    if (hasUsableToken()) {
        done(m_token, QString());
        return;
    }
    m_waiting.append(std::move(done));
    if (!m_fetching)
        fetch();
}

void EntraTokenProvider::invalidate()
{
    m_token.clear();
    m_lifetimeMs = 0;
}

void EntraTokenProvider::cancel()
{
    ++m_generation;
    m_fetching = false;
    m_waiting.clear();
}

void EntraTokenProvider::fetch()
{
    m_fetching = true;
    net::HttpRequest request;
    request.method = "POST";
    request.url = m_settings.tokenUrl();
    request.contentType = "application/x-www-form-urlencoded";
    request.body = formField("client_id", m_settings.clientId.trimmed().toUtf8()) + '&' +
                   formField("client_secret", m_settings.clientSecret) + '&' +
                   formField("scope", m_settings.scope().toUtf8()) + '&' +
                   formField("grant_type", "client_credentials");
    request.withAuthorization = false; // the credentials are in the body; no bearer token goes to the login host
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    // Asking again for a token has no side effect, so a dropped connection may be retried.
    request.idempotent = true;
    request.description = QStringLiteral("Entra ID: getting an access token for tenant '%1'").arg(m_settings.tenant);
    const quint64 generation = m_generation;
    const QString what = request.description;
    m_http->send(request, [this, generation, what](const net::HttpResponse& response) {
        if (generation != m_generation)
            return;
        m_fetching = false;
        if (!response.isSuccess()) {
            answer({}, redact(EntraError::describeToken(what, response)));
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        const QByteArray token = object.value(QLatin1String("access_token")).toString().toUtf8();
        if (token.isEmpty()) {
            answer({}, QStringLiteral("%1: the answer held no access_token.").arg(what));
            return;
        }
        // expires_in is a number on the v2.0 endpoint; some proxies and the v1.0 endpoint send a string.
        const QJsonValue expiresValue = object.value(QLatin1String("expires_in"));
        qint64 seconds = expiresValue.isString() ? expiresValue.toString().toLongLong() : expiresValue.toInteger();
        if (seconds <= 0)
            seconds = 600; // unknown lifetime: assume a short one rather than use an expired token
        ++m_fetched;
        m_token = token;
        m_lifetimeMs = seconds * 1000;
        m_expires = QDeadlineTimer(m_lifetimeMs, Qt::PreciseTimer);
        answer(m_token, QString());
    });
}

void EntraTokenProvider::answer(const QByteArray& token, const QString& error)
{
    const quint64 generation = m_generation;
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting) {
        if (generation != m_generation)
            return; // a callback cancelled everything
        done(token, error);
    }
}

QString EntraTokenProvider::redact(QString text) const
{
    // Entra does not echo the secret, but a proxy's error page might: belt and braces.
    if (m_settings.clientSecret.size() >= 4)
        text.replace(QString::fromUtf8(m_settings.clientSecret), QStringLiteral("[redacted]"));
    return text;
}

} // namespace scimitar
