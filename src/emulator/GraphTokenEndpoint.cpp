#include "GraphTokenEndpoint.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUuid>

namespace scimitar::emulator {

namespace {

QString guid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool validScope(const QString& scope, const EmulatorRequest& request)
{
    if (scope.contains(QLatin1Char(' ')) || !scope.endsWith(QLatin1String("/.default")))
        return false;
    QString resource = scope.chopped(int(qstrlen("/.default")));
    while (resource.endsWith(QLatin1Char('/')))
        resource.chop(1);
    static const char* const kResources[] = {
        "https://graph.microsoft.com",          "https://graph.microsoft.us",
        "https://dod-graph.microsoft.us",       "https://microsoftgraph.chinacloudapi.cn",
        "00000003-0000-0000-c000-000000000000", // Microsoft Graph's application id
    };
    for (const char* known : kResources) {
        if (resource.compare(QLatin1String(known), Qt::CaseInsensitive) == 0)
            return true;
    }
    const QUrl url(resource);
    return url.isValid() && url.path().isEmpty() &&
           url.host().compare(request.origin.host(), Qt::CaseInsensitive) == 0 &&
           url.port(80) == request.origin.port(80);
}

} // namespace

bool GraphTokenEndpoint::handles(const EmulatorRequest& request)
{
    return request.segments.size() == 4 && request.segments.at(1) == QLatin1String("oauth2") &&
           request.segments.at(2) == QLatin1String("v2.0") && request.segments.at(3) == QLatin1String("token");
}

GraphTokenEndpoint::TokenState GraphTokenEndpoint::check(const QByteArray& accessToken) const
{
    const auto it = m_expiresAtMs.constFind(accessToken);
    if (it == m_expiresAtMs.constEnd())
        return TokenState::Unknown;
    return QDateTime::currentMSecsSinceEpoch() >= *it ? TokenState::Expired : TokenState::Valid;
}

EmulatorReply GraphTokenEndpoint::serve(const EmulatorRequest& request, const EmulatorOptions& options)
{
    const QString tenant = request.segments.at(0);
    EmulatorReply reply = [&]() -> EmulatorReply {
        if (request.method != QLatin1String("POST"))
            return error(400, "invalid_request", 900561, QStringLiteral("The endpoint only accepts POST requests."));

        QHash<QString, QString> form;
        for (const auto& item : EmulatorRequest::parseQuery(QString::fromUtf8(request.body)))
            form.insert(item.first, item.second);
        // HTTP Basic client authentication is the other way to present the secret.
        const QByteArray authorization = request.header("authorization");
        if (authorization.startsWith("Basic ")) {
            const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
            const qsizetype colon = decoded.indexOf(':');
            if (colon > 0) {
                form.insert(QStringLiteral("client_id"), QUrl::fromPercentEncoding(decoded.left(colon)));
                form.insert(QStringLiteral("client_secret"), QUrl::fromPercentEncoding(decoded.mid(colon + 1)));
            }
        }
        auto missing = [](const char* name) {
            return error(400, "invalid_request", 900144,
                         QStringLiteral("The request body must contain the following parameter: '%1'.")
                             .arg(QLatin1String(name)));
        };

        const QString grantType = form.value(QStringLiteral("grant_type"));
        if (grantType.isEmpty())
            return missing("grant_type");
        if (grantType != QLatin1String("client_credentials"))
            return error(400, "unsupported_grant_type", 70003,
                         QStringLiteral("The app requested an unsupported grant type '%1'.").arg(grantType));
        if (!options.entraTenant.isEmpty() && tenant.compare(options.entraTenant, Qt::CaseInsensitive) != 0)
            return error(400, "invalid_request", 90002,
                         QStringLiteral("Tenant '%1' not found. Check to make sure you have the correct tenant ID and "
                                        "are signing into the correct cloud.")
                             .arg(tenant));
        const QString clientId = form.value(QStringLiteral("client_id"));
        if (clientId.isEmpty())
            return missing("client_id");
        if (clientId != options.entraClientId)
            return error(400, "unauthorized_client", 700016,
                         QStringLiteral("Application with identifier '%1' was not found in the directory '%2'. This "
                                        "can happen if the application has not been installed by the administrator "
                                        "of the tenant or consented to by any user in the tenant.")
                             .arg(clientId, tenant));
        const QString scope = form.value(QStringLiteral("scope"));
        if (scope.isEmpty())
            return missing("scope");
        if (!validScope(scope, request))
            return error(400, "invalid_scope", 70011,
                         QStringLiteral("The provided value for the input parameter 'scope' isn't valid. The scope %1 "
                                        "isn't valid. Client credential flows must have a scope value with /.default "
                                        "suffixed to the resource identifier (application ID URI).")
                             .arg(scope));
        const QString secret = form.value(QStringLiteral("client_secret"));
        if (secret.isEmpty())
            return error(401, "invalid_client", 7000218,
                         QStringLiteral("The request body must contain the following parameter: 'client_assertion' "
                                        "or 'client_secret'."));
        if (options.entraClientSecret.isEmpty() || secret != options.entraClientSecret)
            return error(401, "invalid_client", 7000215,
                         QStringLiteral("Invalid client secret provided. Ensure the secret being sent in the request "
                                        "is the client secret value, not the client secret ID, for a secret added to "
                                        "app '%1'.")
                             .arg(clientId));

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Long-expired tokens are forgotten; recently expired ones are kept so that a client using
        // one hears "expired" rather than "invalid".
        for (auto it = m_expiresAtMs.begin(); it != m_expiresAtMs.end();)
            it = *it + 3600 * 1000 < now ? m_expiresAtMs.erase(it) : std::next(it);
        const int lifetime = std::max(0, options.entraTokenLifetimeSeconds);
        // Shaped like a JWT so that clients treat it as the opaque string it is; unsigned, and the
        // random part makes every token unique.
        QByteArray random(32, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(random.data()), random.size() / 4);
        const QJsonObject claims{{QStringLiteral("aud"), QStringLiteral("https://graph.microsoft.com")},
                                 {QStringLiteral("tid"), tenant},
                                 {QStringLiteral("appid"), clientId},
                                 {QStringLiteral("exp"), (now / 1000) + lifetime}};
        const QByteArray token = base64Url(R"({"typ":"JWT","alg":"none"})") + '.' +
                                 base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' +
                                 base64Url(random);
        m_expiresAtMs.insert(token, now + qint64(lifetime) * 1000);
        const QJsonObject body{{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                               {QStringLiteral("expires_in"), lifetime},
                               {QStringLiteral("ext_expires_in"), lifetime},
                               {QStringLiteral("access_token"), QString::fromLatin1(token)}};
        return EmulatorReply::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }();

    reply.contentType = "application/json; charset=utf-8";
    reply.addHeader("Cache-Control", "no-store, no-cache");
    reply.addHeader("Pragma", "no-cache");
    reply.addHeader("x-ms-request-id", guid().toLatin1());
    reply.addHeader("Date", EmulatorReply::httpDate(QDateTime::currentSecsSinceEpoch()));
    return reply;
}

EmulatorReply GraphTokenEndpoint::error(int status, const char* error, int code, const QString& description)
{
    const QString traceId = guid();
    const QString correlationId = guid();
    const QString timestamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ssZ"));
    const QJsonObject body{
        {QStringLiteral("error"), QLatin1String(error)},
        {QStringLiteral("error_description"),
         QStringLiteral("AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5")
             .arg(code)
             .arg(description, traceId, correlationId, timestamp)},
        {QStringLiteral("error_codes"), QJsonArray{code}},
        {QStringLiteral("timestamp"), timestamp},
        {QStringLiteral("trace_id"), traceId},
        {QStringLiteral("correlation_id"), correlationId},
        {QStringLiteral("error_uri"), QStringLiteral("https://login.microsoftonline.com/error?code=%1").arg(code)},
    };
    return EmulatorReply::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace scimitar::emulator
