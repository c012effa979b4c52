// EntraSource and EntraTokenProvider over real loopback HTTP: a scripted tenant (token endpoint + Graph) for exact
// wire shapes, and the emulator's Graph face for whole-API behaviour.
#include "EmulatorIdp.h"
#include "ScriptedServer.h"
#include "SourceRun.h"
#include "idp/EntraError.h"
#include "idp/EntraSource.h"
#include "idp/EntraTokenProvider.h"
#include "net/HttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace scimitar;
using test::ScriptedReply;
using test::ScriptedRequest;
using test::ScriptedServer;

namespace {

constexpr char kSecret[] = "s3cr3t~Value.Never-In-Messages";
constexpr char kClientId[] = "11111111-2222-3333-4444-555555555555";
constexpr char kTenant[] = "contoso.onmicrosoft.com";

QByteArray graphError(const QString& code, const QString& message)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("error"),
                            QJsonObject{{QStringLiteral("code"), code},
                                        {QStringLiteral("message"), message},
                                        {QStringLiteral("innerError"),
                                         QJsonObject{{QStringLiteral("date"), QStringLiteral("2024-05-01T10:00:00")},
                                                     {QStringLiteral("request-id"), QStringLiteral("req-123")}}}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray tokenError(int aadsts, const char* error, const char* text)
{
    const QString description = QStringLiteral("AADSTS%1: %2\r\nTrace ID: 0000-trace\r\nCorrelation ID: "
                                               "1111-corr\r\nTimestamp: 2024-05-01 10:00:00Z")
                                    .arg(aadsts)
                                    .arg(QLatin1String(text));
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), QLatin1String(error)},
                                     {QStringLiteral("error_description"), description},
                                     {QStringLiteral("error_codes"), QJsonArray{aadsts}},
                                     {QStringLiteral("trace_id"), QStringLiteral("0000-trace")},
                                     {QStringLiteral("correlation_id"), QStringLiteral("1111-corr")}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject graphUser(const QString& id, const QString& upn, bool enabled = true)
{
    return QJsonObject{
        {QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.user")},
        {QStringLiteral("id"), id},
        {QStringLiteral("displayName"), QStringLiteral("User ") + id},
        {QStringLiteral("userPrincipalName"), upn},
        {QStringLiteral("mail"), upn.contains(QLatin1String("#EXT#")) ? QJsonValue(QJsonValue::Null) : QJsonValue(upn)},
        {QStringLiteral("accountEnabled"), enabled}};
}

// A tenant with a token endpoint and a slice of Graph, served by a ScriptedServer on one origin (authority and
// Graph root are both its base URL).
struct FakeTenant
{
    QUrl base;
    int tokenLifetime = 3599;
    int tokensIssued = 0;
    QByteArray validToken;
    QList<QJsonObject> groups; // {id, displayName}
    QHash<QString, QList<QJsonObject>> members;
    QList<QJsonObject> users;
    int pageSize = 2;
    bool emptyFirstPage = false;
    bool requireConsistency = false;
    bool alwaysUnsupported = false;
    QString nextOverride;
    std::function<std::optional<ScriptedReply>(const ScriptedRequest&)> intercept;

    static ScriptedReply graph(int status, const QJsonObject& object)
    {
        return ScriptedReply::json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    ScriptedReply operator()(const ScriptedRequest& request)
    {
        if (intercept)
            if (auto reply = intercept(request))
                return *reply;
        const QString path = request.path();
        if (path.endsWith(QLatin1String("/oauth2/v2.0/token")))
            return token(request);
        if (validToken.isEmpty() || request.headers.value("authorization") != "Bearer " + validToken)
            return ScriptedReply::json(401,
                                       graphError(QStringLiteral("InvalidAuthenticationToken"),
                                                  QStringLiteral("Access token has expired or is not yet valid.")));
        if (path == QLatin1String("/v1.0/groups")) {
            QString filter = request.queryValue(QStringLiteral("$filter"));
            const QString prefix = QStringLiteral("displayName eq '");
            if (!filter.startsWith(prefix) || !filter.endsWith(QLatin1Char('\'')))
                return ScriptedReply::json(
                    400, graphError(QStringLiteral("Request_BadRequest"), QStringLiteral("Invalid filter clause")));
            const QString name = filter.mid(prefix.size(), filter.size() - prefix.size() - 1)
                                     .replace(QLatin1String("''"), QLatin1String("'"));
            QJsonArray value;
            for (const QJsonObject& group : std::as_const(groups))
                if (group[QStringLiteral("displayName")].toString().compare(name, Qt::CaseInsensitive) == 0)
                    value.append(group);
            return graph(200, {{QStringLiteral("value"), value}});
        }
        static const QRegularExpression membersPath(
            QStringLiteral("^/v1.0/groups/([^/]+)/transitiveMembers/microsoft.graph.user$"));
        if (const auto match = membersPath.match(path); match.hasMatch()) {
            const bool eventual = request.headers.value("consistencylevel") == "eventual" &&
                                  request.queryValue(QStringLiteral("$count")) == QLatin1String("true");
            if (alwaysUnsupported || (requireConsistency && request.queryValue("$skiptoken").isEmpty() && !eventual))
                return ScriptedReply::json(
                    400, graphError(QStringLiteral("Request_UnsupportedQuery"), QStringLiteral("Unsupported Query.")));
            if (requireConsistency && request.headers.value("consistencylevel") != "eventual")
                return ScriptedReply::json(400, graphError(QStringLiteral("Request_UnsupportedQuery"),
                                                           QStringLiteral("Unsupported Query on a later page.")));
            const QList<QJsonObject> all = members.value(match.captured(1));
            const QString skip = request.queryValue(QStringLiteral("$skiptoken"));
            int start = 0;
            QJsonArray value;
            QString next;
            if (skip.isEmpty() && emptyFirstPage) {
                next = QStringLiteral("X'0+start'"); // an empty page that still has a next link
            } else {
                // Our own tokens look like X'0+<offset>'; anything else (a test's made-up token) starts at 0.
                const QString offset = skip.section(QLatin1Char('+'), 1);
                start = offset.endsWith(QLatin1Char('\'')) ? offset.chopped(1).toInt() : 0;
                for (int i = start; i < std::min<int>(start + pageSize, int(all.size())); ++i)
                    value.append(all[i]);
                if (start + pageSize < all.size())
                    next = QStringLiteral("X'0+%1'").arg(start + pageSize);
            }
            QJsonObject page{{QStringLiteral("value"), value}};
            if (!nextOverride.isEmpty()) {
                page.insert(QStringLiteral("@odata.nextLink"), nextOverride);
            } else if (!next.isEmpty()) {
                QUrlQuery query(QUrl::fromEncoded(request.target));
                query.removeAllQueryItems(QStringLiteral("$skiptoken"));
                const QString link = base.toString() + path + QLatin1Char('?') + query.query(QUrl::FullyEncoded) +
                                     QStringLiteral("&$skiptoken=") +
                                     QString::fromLatin1(QUrl::toPercentEncoding(next));
                page.insert(QStringLiteral("@odata.nextLink"), link);
            }
            return graph(200, page);
        }
        if (path == QLatin1String("/v1.0/users")) {
            // $filter=mail eq '<value>' with ' doubled; mail compared case-insensitively, as Graph does.
            QString filter = request.queryValue(QStringLiteral("$filter"));
            const QString prefix = QStringLiteral("mail eq '");
            if (!filter.startsWith(prefix) || !filter.endsWith(QLatin1Char('\'')))
                return ScriptedReply::json(
                    400, graphError(QStringLiteral("Request_BadRequest"), QStringLiteral("Invalid filter clause")));
            const QString mail = filter.mid(prefix.size(), filter.size() - prefix.size() - 1)
                                     .replace(QLatin1String("''"), QLatin1String("'"));
            QJsonArray value;
            for (const QJsonObject& user : std::as_const(users))
                if (user[QStringLiteral("mail")].toString().compare(mail, Qt::CaseInsensitive) == 0)
                    value.append(user);
            return graph(200, {{QStringLiteral("value"), value}});
        }
        if (path.startsWith(QLatin1String("/v1.0/users/"))) {
            const QString key = path.mid(12);
            for (const QJsonObject& user : std::as_const(users))
                if (user[QStringLiteral("userPrincipalName")].toString().compare(key, Qt::CaseInsensitive) == 0)
                    return graph(200, user);
            return ScriptedReply::json(404, graphError(QStringLiteral("Request_ResourceNotFound"),
                                                       QStringLiteral("Resource '%1' does not exist or one of its "
                                                                      "queried reference-property objects are not "
                                                                      "present.")
                                                           .arg(key)));
        }
        return ScriptedReply::json(404, graphError(QStringLiteral("Request_ResourceNotFound"), QStringLiteral("?")));
    }

    ScriptedReply token(const ScriptedRequest& request)
    {
        const QUrlQuery form(QString::fromUtf8(request.body));
        const auto field = [&](const char* name) {
            return form.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
        };
        if (field("client_id") != QLatin1String(kClientId))
            return ScriptedReply::json(400, tokenError(700016, "unauthorized_client",
                                                       "Application with identifier 'x' was not found in the "
                                                       "directory."));
        if (field("client_secret") != QLatin1String(kSecret))
            return ScriptedReply::json(401, tokenError(7000215, "invalid_client",
                                                       "Invalid client secret provided. Ensure the secret being sent "
                                                       "in the request is the client secret value, not the client "
                                                       "secret ID."));
        if (field("scope") != base.toString() + QStringLiteral("/.default") ||
            field("grant_type") != QLatin1String("client_credentials"))
            return ScriptedReply::json(400, tokenError(70011, "invalid_scope",
                                                       "The provided value for the input parameter 'scope' is not "
                                                       "valid."));
        validToken = "tok-" + QByteArray::number(++tokensIssued);
        return graph(200, {{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                           {QStringLiteral("expires_in"), tokenLifetime},
                           {QStringLiteral("access_token"), QString::fromLatin1(validToken)}});
    }
};

struct Fixture
{
    FakeTenant tenant;
    ScriptedServer server;
    std::unique_ptr<EntraSource> source;

    explicit Fixture(const QByteArray& secret = kSecret)
    {
        tenant.base = server.baseUrl();
        server.setHandler([this](const ScriptedRequest& request) { return tenant(request); });
        source = std::make_unique<EntraSource>(settings(secret));
        source->setRetryPolicy(test::fastRetryPolicy());
    }

    EntraSettings settings(const QByteArray& secret = kSecret) const
    {
        EntraSettings settings;
        settings.tenant = QLatin1String(kTenant);
        settings.clientId = QLatin1String(kClientId);
        settings.clientSecret = secret;
        settings.authority = server.baseUrl();
        settings.graph = server.baseUrl();
        return settings;
    }

    void addGroup(const QString& id, const QString& name, int memberCount)
    {
        tenant.groups.append({{QStringLiteral("id"), id}, {QStringLiteral("displayName"), name}});
        for (int i = 0; i < memberCount; ++i)
            tenant.members[id].append(graphUser(QStringLiteral("%1-u%2").arg(id).arg(i),
                                                QStringLiteral("%1.user%2@contoso.example").arg(id).arg(i),
                                                i % 3 != 1));
    }
};

} // namespace

class TestEntra final : public QObject
{
    Q_OBJECT

private slots:
    void nationalClouds_data();
    void nationalClouds();
    void mapsUsers_data();
    void mapsUsers();
    void tokenErrorSentences_data();
    void tokenErrorSentences();

    void tokenRequest();
    void tokenFailures_data();
    void tokenFailures();
    void tokenRenewal_data();
    void tokenRenewal();
    void renewsARefusedToken();
    void groupFilterQuoting_data();
    void groupFilterQuoting();
    void groupMatching_data();
    void groupMatching();
    void transitiveMemberPaging_data();
    void transitiveMemberPaging();
    void consistencyLevelRetry();
    void consistencyLevelRetriedOnlyOnce();
    void fractionalRetryAfter();
    void refusesForeignNextLink();
    void stopsOnRepeatedNextLink();
    void stopsAtPageCap();
    void graphFailures_data();
    void graphFailures();
    void lookups();
    void emailLookups();
    void emailLookupFailures_data();
    void emailLookupFailures();
    void misconfigured_data();
    void misconfigured();
    void cancelIsSilent();

    void emulatorTransitiveGroups();
    void emulatorConsistencyLevel();
    void emulatorThrottled();
    void emulatorTokenRenewal();
    void emulatorFailures_data();
    void emulatorFailures();
    void emulatorLookups();
    void emulatorEmailLookups_data();
    void emulatorEmailLookups();
};

void TestEntra::nationalClouds_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("graph");
    QTest::addColumn<QString>("tokenUrl");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("groupsUrlPrefix");
    QTest::newRow("global") << "https://login.microsoftonline.com"
                            << "https://graph.microsoft.com"
                            << "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
                            << "https://graph.microsoft.com/.default"
                            << "https://graph.microsoft.com/v1.0/groups?";
    QTest::newRow("US Gov L4, trailing slashes")
        << "https://login.microsoftonline.us/"
        << "https://graph.microsoft.us/"
        << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
        << "https://graph.microsoft.us/.default"
        << "https://graph.microsoft.us/v1.0/groups?";
    QTest::newRow("US Gov L5") << "https://login.microsoftonline.us"
                               << "https://dod-graph.microsoft.us"
                               << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
                               << "https://dod-graph.microsoft.us/.default"
                               << "https://dod-graph.microsoft.us/v1.0/groups?";
    QTest::newRow("China") << "https://login.chinacloudapi.cn"
                           << "https://microsoftgraph.chinacloudapi.cn"
                           << "https://login.chinacloudapi.cn/contoso.onmicrosoft.com/oauth2/v2.0/token"
                           << "https://microsoftgraph.chinacloudapi.cn/.default"
                           << "https://microsoftgraph.chinacloudapi.cn/v1.0/groups?";
}

void TestEntra::nationalClouds()
{
    QFETCH(QString, authority);
    QFETCH(QString, graph);
    QFETCH(QString, tokenUrl);
    QFETCH(QString, scope);
    QFETCH(QString, groupsUrlPrefix);
    EntraSettings settings;
    settings.tenant = QLatin1String(kTenant);
    settings.authority = QUrl(authority);
    settings.graph = QUrl(graph);
    QCOMPARE(settings.tokenUrl().toString(), tokenUrl);
    QCOMPARE(settings.scope(), scope);
    EntraSource source(settings);
    QVERIFY(EntraSource::groupSearchUrl(settings.graph.adjusted(QUrl::StripTrailingSlash), QStringLiteral("x"))
                .toString()
                .startsWith(groupsUrlPrefix));
    QVERIFY(source.label().contains(QLatin1String(kTenant)));
}

void TestEntra::mapsUsers_data()
{
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("rawStatus");
    QTest::addColumn<QString>("email");
    QTest::newRow("enabled") << QByteArray(R"({"id":"1","userPrincipalName":"a@c.example","mail":"a@c.example",)"
                                           R"("displayName":"A","accountEnabled":true})")
                             << int(IdpUserStatus::Active) << "accountEnabled=true"
                             << "a@c.example";
    QTest::newRow("disabled") << QByteArray(R"({"id":"1","userPrincipalName":"a@c.example","mail":"a@c.example",)"
                                            R"("displayName":"A","accountEnabled":false})")
                              << int(IdpUserStatus::Disabled) << "accountEnabled=false"
                              << "a@c.example";
    QTest::newRow("guest without mail") << QByteArray(R"({"id":"1","userPrincipalName":"a_x.example#EXT#@c.example",)"
                                                      R"("mail":null,"displayName":"A","accountEnabled":true})")
                                        << int(IdpUserStatus::Active) << "accountEnabled=true"
                                        << "";
    QTest::newRow("accountEnabled not sent")
        << QByteArray(R"({"id":"1","userPrincipalName":"a@c.example"})") << int(IdpUserStatus::Active) << ""
        << "";
}

void TestEntra::mapsUsers()
{
    QFETCH(QByteArray, user);
    QFETCH(int, status);
    QFETCH(QString, rawStatus);
    QFETCH(QString, email);
    const IdpUser mapped = EntraSource::userFromJson(QJsonDocument::fromJson(user).object());
    QCOMPARE(mapped.id, QStringLiteral("1"));
    QVERIFY(mapped.login.endsWith(QLatin1String("@c.example")));
    QCOMPARE(int(mapped.status), status);
    QCOMPARE(mapped.rawStatus, rawStatus);
    QCOMPARE(mapped.email, email);
}

void TestEntra::tokenErrorSentences_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("wrong secret") << 401 << tokenError(7000215, "invalid_client", "Invalid client secret provided.")
                                  << QStringList{"HTTP 401",
                                                 "invalid_client",
                                                 "AADSTS7000215",
                                                 "Invalid client secret provided",
                                                 "trace id 0000-trace",
                                                 "correlation id 1111-corr",
                                                 "secret's value"};
    QTest::newRow("expired secret") << 401
                                    << tokenError(7000222, "invalid_client",
                                                  "The provided client secret keys "
                                                  "are expired.")
                                    << QStringList{"AADSTS7000222", "expired"};
    QTest::newRow("unknown tenant") << 400 << tokenError(90002, "invalid_request", "Tenant 'x' not found.")
                                    << QStringList{"invalid_request", "AADSTS90002", "tenant was not found"};
    QTest::newRow("bad scope") << 400 << tokenError(70011, "invalid_scope", "The provided value for 'scope' is bad.")
                               << QStringList{"invalid_scope", "AADSTS70011", "same cloud"};
    QTest::newRow("not JSON") << 404 << QByteArray("<html><title>Not here</title></html>")
                              << QStringList{"HTTP 404", "login authority"};
}

void TestEntra::tokenErrorSentences()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    net::HttpResponse response;
    response.status = status;
    response.body = body;
    const QString message = EntraError::describeToken(QStringLiteral("Entra ID: getting an access token"), response);
    for (const QString& part : mustContain)
        QVERIFY2(message.contains(part), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')) && !message.contains(QLatin1String("Timestamp")),
             qPrintable(message));
}

void TestEntra::tokenRequest()
{
    Fixture f;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 1);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const QList<ScriptedRequest> tokens = f.server.requestsTo(QStringLiteral("/oauth2/v2.0/token"));
    QCOMPARE(tokens.size(), 1);
    const ScriptedRequest& token = tokens.first();
    QCOMPARE(token.method, QByteArray("POST"));
    QCOMPARE(token.target, QByteArray("/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    QCOMPARE(token.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY2(!token.headers.contains("authorization"), "the token request must carry no bearer token");
    const QUrlQuery form(QString::fromUtf8(token.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id")), QLatin1String(kClientId));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded), QLatin1String(kSecret));
    QCOMPARE(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             f.server.baseUrl().toString() + QStringLiteral("/.default"));
    // Graph calls carry the token, never the secret; each has its own client-request-id.
    QSet<QByteArray> requestIds;
    for (const ScriptedRequest& request : f.server.requestsTo(QStringLiteral("/v1.0/"))) {
        QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer tok-1"));
        QCOMPARE(request.headers.value("accept"), QByteArray("application/json"));
        QVERIFY(!request.target.contains(kSecret) && !request.body.contains(kSecret));
        requestIds.insert(request.headers.value("client-request-id"));
    }
    QCOMPARE(requestIds.size(), 2);
    QVERIFY(!requestIds.contains(QByteArray()));
}

void TestEntra::tokenFailures_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("invalid secret") << QByteArray("wrong-secret-value-123") << QString::fromLatin1(kClientId)
                                    << QStringList{"Entra ID: getting an access token for tenant "
                                                   "'contoso.onmicrosoft.com' failed",
                                                   "invalid_client", "AADSTS7000215"};
    QTest::newRow("unknown app") << QByteArray(kSecret) << QStringLiteral("99999999-0000-0000-0000-000000000000")
                                 << QStringList{"unauthorized_client", "AADSTS700016", "no app with this client id"};
}

void TestEntra::tokenFailures()
{
    QFETCH(QByteArray, secret);
    QFETCH(QString, clientId);
    QFETCH(QStringList, mustContain);
    Fixture f;
    EntraSettings settings = f.settings(secret);
    settings.clientId = clientId;
    f.source = std::make_unique<EntraSource>(settings);
    f.source->setRetryPolicy(test::fastRetryPolicy());
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 1);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.groups.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY2(!run.error.contains(QString::fromLatin1(secret)), qPrintable(run.error));
    QVERIFY2(!run.error.contains(QLatin1String("client_secret")), qPrintable(run.error));
    QCOMPARE(f.server.requestsTo(QStringLiteral("/v1.0/")).size(), 0); // no Graph call without a token
}

void TestEntra::tokenRenewal_data()
{
    QTest::addColumn<int>("lifetimeSeconds");
    QTest::addColumn<int>("pauseMs");
    QTest::addColumn<int>("expectedTokens");
    // With a 2 s token the margin is half its life (1 s): after 1.2 s it must be renewed before the next call.
    QTest::newRow("short-lived, renewed") << 2 << 1200 << 2;
    QTest::newRow("a minute, still fresh") << 60 << 200 << 1;
    QTest::newRow("an hour") << 3599 << 200 << 1;
}

void TestEntra::tokenRenewal()
{
    QFETCH(int, lifetimeSeconds);
    QFETCH(int, pauseMs);
    QFETCH(int, expectedTokens);
    Fixture f;
    f.tenant.tokenLifetime = lifetimeSeconds;
    f.tenant.users = {graphUser(QStringLiteral("1"), QStringLiteral("ana@contoso.example"))};
    const auto first = test::lookupUsers(*f.source, {QStringLiteral("ana@contoso.example")});
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QTest::qWait(pauseMs);
    const auto second = test::lookupUsers(*f.source, {QStringLiteral("ana@contoso.example")});
    QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
    QCOMPARE(second.found.size(), 1);
    QCOMPARE(f.source->tokenProvider()->tokensFetched(), expectedTokens);
    QCOMPARE(f.tenant.tokensIssued, expectedTokens);
    // Renewal happens before the call, so Graph never saw a stale token (it would have answered 401).
    QCOMPARE(f.server.requestsTo(QStringLiteral("/v1.0/")).size(), 2);
    QCOMPARE(f.server.requestsTo(QStringLiteral("/v1.0/")).last().headers.value("authorization"),
             "Bearer " + f.tenant.validToken);
}

void TestEntra::renewsARefusedToken()
{
    Fixture f;
    f.tenant.users = {graphUser(QStringLiteral("1"), QStringLiteral("ana@contoso.example"))};
    const auto first = test::lookupUsers(*f.source, {QStringLiteral("ana@contoso.example")});
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    f.tenant.validToken = "revoked-by-the-tenant"; // the cached token is no longer accepted
    const auto second = test::lookupUsers(*f.source, {QStringLiteral("ana@contoso.example")});
    QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
    QCOMPARE(second.found.size(), 1);
    QCOMPARE(f.tenant.tokensIssued, 2);
}

void TestEntra::groupFilterQuoting_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("filter");
    QTest::newRow("plain") << "PII Readers"
                           << "displayName eq 'PII Readers'";
    QTest::newRow("single quote") << "O'Brien Team"
                                  << "displayName eq 'O''Brien Team'";
    QTest::newRow("two quotes") << "'quoted'"
                                << "displayName eq '''quoted'''";
    QTest::newRow("&, #, +") << "R&D #1 + Ops"
                             << "displayName eq 'R&D #1 + Ops'";
    QTest::newRow("percent, slash, =") << "100% a/b=c"
                                       << "displayName eq '100% a/b=c'";
    QTest::newRow("non-ASCII") << "Ärzte 医生"
                               << "displayName eq 'Ärzte 医生'";
}

void TestEntra::groupFilterQuoting()
{
    QFETCH(QString, name);
    QFETCH(QString, filter);
    Fixture f;
    f.addGroup(QStringLiteral("g1"), name, 2);
    const auto run = test::loadGroups(*f.source, {name});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.size(), 1);
    QCOMPARE(run.groups.first().id, QStringLiteral("g1"));
    const QList<ScriptedRequest> searches = f.server.requestsTo(QStringLiteral("/v1.0/groups"));
    const ScriptedRequest& search = searches.first();
    QCOMPARE(search.path(), QStringLiteral("/v1.0/groups"));
    QCOMPARE(search.queryValue(QStringLiteral("$filter")), filter);
    QCOMPARE(search.queryValue(QStringLiteral("$select")), QStringLiteral("id,displayName"));
    QVERIFY(!search.target.contains('#') && !search.target.contains('+') && !search.target.contains(' '));
}

void TestEntra::groupMatching_data()
{
    QTest::addColumn<QStringList>("groups"); // "id|name"
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("expectedId");
    QTest::addColumn<QStringList>("errorParts");
    QTest::newRow("one") << QStringList{"g1|PII Readers"} << "pii readers"
                         << "g1" << QStringList();
    QTest::newRow("none") << QStringList{"g1|PII Readers 2"} << "PII Readers"
                          << "" << QStringList{"Entra ID has no group named 'PII Readers'"};
    QTest::newRow("several, one exact") << QStringList{"g1|PII READERS", "g2|PII Readers"} << "PII Readers"
                                        << "g2" << QStringList();
    QTest::newRow("several, same name") << QStringList{"g1|PII Readers", "g2|PII Readers", "g3|PII Readers"}
                                        << "PII Readers"
                                        << "" << QStringList{"3 groups named 'PII Readers'", "g1", "g2", "g3"};
    QTest::newRow("several, none exact") << QStringList{"g1|PII READERS", "g2|pii readers"} << "Pii Readers"
                                         << "" << QStringList{"2 groups named", "g1, g2"};
}

void TestEntra::groupMatching()
{
    QFETCH(QStringList, groups);
    QFETCH(QString, asked);
    QFETCH(QString, expectedId);
    QFETCH(QStringList, errorParts);
    Fixture f;
    for (const QString& entry : groups)
        f.addGroup(entry.section(QLatin1Char('|'), 0, 0), entry.section(QLatin1Char('|'), 1), 1);
    const auto run = test::loadGroups(*f.source, {asked});
    QCOMPARE(run.answers, 1);
    if (expectedId.isEmpty()) {
        QVERIFY(run.groups.isEmpty());
        for (const QString& part : errorParts)
            QVERIFY2(run.error.contains(part), qPrintable(run.error));
        QCOMPARE(f.server.requestsTo(QStringLiteral("transitiveMembers")).size(), 0);
        return;
    }
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.first().id, expectedId);
    QCOMPARE(run.groups.first().members.size(), 1);
}

void TestEntra::transitiveMemberPaging_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("emptyFirstPage");
    QTest::addColumn<int>("expectedPages");
    QTest::newRow("three pages") << 5 << 2 << false << 3;
    QTest::newRow("empty page with a next link first") << 5 << 2 << true << 4;
    QTest::newRow("one page") << 3 << 999 << false << 1;
    QTest::newRow("empty group") << 0 << 2 << false << 1;
    QTest::newRow("only an empty page, then nothing") << 0 << 2 << true << 2;
}

void TestEntra::transitiveMemberPaging()
{
    QFETCH(int, members);
    QFETCH(int, pageSize);
    QFETCH(bool, emptyFirstPage);
    QFETCH(int, expectedPages);
    Fixture f;
    f.tenant.pageSize = pageSize;
    f.tenant.emptyFirstPage = emptyFirstPage;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), members);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QStringList expected;
    for (int i = 0; i < members; ++i)
        expected.append(QStringLiteral("g1.user%1@contoso.example").arg(i));
    QCOMPARE(run.memberLogins(QStringLiteral("PII Readers")), expected);
    if (members > 1) {
        QCOMPARE(run.groups.first().members[1].status, IdpUserStatus::Disabled);
        QCOMPARE(run.groups.first().members[1].rawStatus, QStringLiteral("accountEnabled=false"));
    }
    const QList<ScriptedRequest> pages = f.server.requestsTo(QStringLiteral("transitiveMembers"));
    QCOMPARE(pages.size(), expectedPages);
    QCOMPARE(pages.first().path(), QStringLiteral("/v1.0/groups/g1/transitiveMembers/microsoft.graph.user"));
    QCOMPARE(pages.first().queryValue(QStringLiteral("$select")),
             QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled"));
    QCOMPARE(pages.first().queryValue(QStringLiteral("$top")), QStringLiteral("999"));
    for (int i = 1; i < pages.size(); ++i)
        QVERIFY2(!pages[i].queryValue(QStringLiteral("$skiptoken")).isEmpty(), pages[i].target.constData());
    QVERIFY(!pages.first().headers.contains("consistencylevel"));
}

void TestEntra::consistencyLevelRetry()
{
    Fixture f;
    f.tenant.requireConsistency = true;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 5);
    f.addGroup(QStringLiteral("g2"), QStringLiteral("Finance"), 1);
    QVERIFY(!f.source->usesEventualConsistency());
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.memberLogins(QStringLiteral("PII Readers")).size(), 5);
    QVERIFY(f.source->usesEventualConsistency());
    const QList<ScriptedRequest> pages = f.server.requestsTo(QStringLiteral("transitiveMembers"));
    QCOMPARE(pages.size(), 4); // refused plain request, then three pages as an advanced query
    QVERIFY(!pages[0].headers.contains("consistencylevel"));
    for (int i = 1; i < pages.size(); ++i)
        QCOMPARE(pages[i].headers.value("consistencylevel"), QByteArray("eventual"));
    QCOMPARE(pages[1].queryValue(QStringLiteral("$count")), QStringLiteral("true"));
    QVERIFY2(!run.notes.filter(QStringLiteral("ConsistencyLevel")).isEmpty(), qPrintable(run.notes.join('\n')));

    // Remembered: the next load asks as an advanced query straight away.
    f.server.clearRequests();
    const auto again = test::loadGroups(*f.source, {QStringLiteral("Finance")});
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    const QList<ScriptedRequest> later = f.server.requestsTo(QStringLiteral("transitiveMembers"));
    QCOMPARE(later.size(), 1);
    QCOMPARE(later.first().headers.value("consistencylevel"), QByteArray("eventual"));
}

void TestEntra::consistencyLevelRetriedOnlyOnce()
{
    Fixture f;
    f.tenant.alwaysUnsupported = true;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 2);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(QLatin1String("HTTP 400, Request_UnsupportedQuery: Unsupported Query")),
             qPrintable(run.error));
    QVERIFY2(run.error.contains(QLatin1String("reading members of 'PII Readers'")), qPrintable(run.error));
    QCOMPARE(f.server.requestsTo(QStringLiteral("transitiveMembers")).size(), 2);
}

void TestEntra::fractionalRetryAfter()
{
    Fixture f;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 1);
    int calls = 0;
    f.tenant.intercept = [&](const ScriptedRequest& request) -> std::optional<ScriptedReply> {
        if (!request.path().contains(QLatin1String("transitiveMembers")) || ++calls > 1)
            return std::nullopt;
        ScriptedReply reply = ScriptedReply::json(
            429, graphError(QStringLiteral("TooManyRequests"), QStringLiteral("Please retry again later.")));
        reply.headers.emplaceBack("Retry-After", "0.4");
        return reply;
    };
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const QList<ScriptedRequest> pages = f.server.requestsTo(QStringLiteral("transitiveMembers"));
    QCOMPARE(pages.size(), 2);
    const qint64 gap = pages[1].receivedMs - pages[0].receivedMs;
    // 0.4 s as asked, not rounded to whole seconds nor replaced by the 1 s default (the note tells the planned wait;
    // the clock only gives a lower bound, as a loaded machine may be slow but never early).
    QVERIFY2(gap >= 380, qPrintable(QString::number(gap)));
    QVERIFY2(!run.notes.filter(QStringLiteral("retrying in 0.4 s")).isEmpty(), qPrintable(run.notes.join('\n')));
}

void TestEntra::refusesForeignNextLink()
{
    ScriptedServer elsewhere([](const ScriptedRequest&) { return ScriptedReply::json(200, R"({"value":[]})"); });
    Fixture f;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 1);
    f.tenant.nextOverride = elsewhere.baseUrl().toString() + QStringLiteral("/v1.0/groups/g1/transitiveMembers?x=1");
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(elsewhere.baseUrl().toString()) && run.error.contains(QLatin1String("not followed")),
             qPrintable(run.error));
    QCOMPARE(elsewhere.requests().size(), 0);
}

void TestEntra::stopsOnRepeatedNextLink()
{
    Fixture f;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 1);
    f.tenant.nextOverride = f.server.baseUrl().toString() +
                            QStringLiteral("/v1.0/groups/g1/transitiveMembers/microsoft.graph.user?$skiptoken=same");
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(QLatin1String("repeats a page")), qPrintable(run.error));
    QCOMPARE(f.server.requestsTo(QStringLiteral("transitiveMembers")).size(), 2);
}

void TestEntra::stopsAtPageCap()
{
    Fixture f;
    f.tenant.pageSize = 1;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 10);
    f.source->setMaxPages(4);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(QLatin1String("stopped after 4 pages")), qPrintable(run.error));
    QCOMPARE(f.server.requestsTo(QStringLiteral("transitiveMembers")).size(), 4);
}

void TestEntra::graphFailures_data()
{
    QTest::addColumn<QString>("failOn");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("403 on members")
        << "transitiveMembers" << 403
        << graphError(QStringLiteral("Authorization_RequestDenied"),
                      QStringLiteral("Insufficient privileges to complete the operation."))
        << QStringList{"Entra ID: reading members of 'PII Readers' was refused",
                       "HTTP 403, Authorization_RequestDenied: Insufficient privileges to complete the operation",
                       "request-id req-123", "GroupMember.Read.All and User.Read.All", "admin consent"};
    QTest::newRow("403 on the search") << "/v1.0/groups" << 403
                                       << graphError(QStringLiteral("Authorization_RequestDenied"),
                                                     QStringLiteral("Insufficient privileges."))
                                       << QStringList{"finding group 'PII Readers' was refused",
                                                      "permission GroupMember.Read.All,"};
    QTest::newRow("400 bad request") << "/v1.0/groups" << 400
                                     << graphError(QStringLiteral("Request_BadRequest"),
                                                   QStringLiteral("Invalid filter clause"))
                                     << QStringList{"failed (HTTP 400, Request_BadRequest: Invalid filter clause"};
    QTest::newRow("members without User.Read.All")
        << "transitiveMembers" << 200 << QByteArray(R"({"value":[{"@odata.type":"#microsoft.graph.user","id":"u1"}]})")
        << QStringList{"without userPrincipalName", "User.Read.All"};
    QTest::newRow("no value list") << "transitiveMembers" << 200 << QByteArray(R"({"items":[]})")
                                   << QStringList{"without a 'value' list"};
}

void TestEntra::graphFailures()
{
    QFETCH(QString, failOn);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    Fixture f;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 1);
    f.tenant.intercept = [&](const ScriptedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path().contains(failOn))
            return ScriptedReply::json(status, body);
        return std::nullopt;
    };
    const auto run = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.groups.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY(!run.error.contains(QLatin1String(kSecret)) && !run.error.contains(QLatin1String("tok-1")));
}

void TestEntra::lookups()
{
    Fixture f;
    f.tenant.users = {graphUser(QStringLiteral("1"), QStringLiteral("ana@contoso.example")),
                      graphUser(QStringLiteral("2"), QStringLiteral("bo@contoso.example"), false),
                      graphUser(QStringLiteral("3"), QStringLiteral("guest_x.example#EXT#@contoso.example"))};
    const auto run = test::lookupUsers(
        *f.source, {QStringLiteral("Ana@contoso.example"), QStringLiteral("bo@contoso.example"),
                    QStringLiteral("nobody@contoso.example"), QStringLiteral("guest_x.example#EXT#@contoso.example")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.found.size(), 3);
    QCOMPARE(run.found[0].login, QStringLiteral("ana@contoso.example"));
    QCOMPARE(run.found[1].status, IdpUserStatus::Disabled);
    QCOMPARE(run.found[2].id, QStringLiteral("3"));
    QCOMPARE(run.notFound, QStringList{QStringLiteral("nobody@contoso.example")});
    bool sawGuest = false;
    for (const ScriptedRequest& request : f.server.requestsTo(QStringLiteral("/v1.0/users/"))) {
        QCOMPARE(request.queryValue(QStringLiteral("$select")),
                 QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled"));
        sawGuest = sawGuest || request.target.startsWith("/v1.0/users/guest_x.example%23EXT%23@contoso.example?");
    }
    QVERIFY(sawGuest);
}

void TestEntra::emailLookups()
{
    Fixture f;
    const auto withMail = [](const QString& id, const QString& upn, const QString& mail, bool enabled) {
        QJsonObject user = graphUser(id, upn, enabled);
        user[QStringLiteral("mail")] = mail;
        return user;
    };
    f.tenant.users = {withMail("1", "a.lee@contoso.example", "ana@contoso.example", false),
                      withMail("2", "dup1@contoso.example", "shared@contoso.example", true),
                      withMail("3", "dup2@contoso.example", "shared@contoso.example", false),
                      withMail("4", "dev@contoso.example", "o'brien@contoso.example", true)};
    const auto run = test::lookupEmails(
        *f.source, {QStringLiteral("ANA@contoso.example"), QStringLiteral("shared@contoso.example"),
                    QStringLiteral("o'brien@contoso.example"), QStringLiteral("nobody@contoso.example"),
                    QStringLiteral("a.lee@contoso.example")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.answers, 1);
    QStringList logins;
    for (const IdpUser& user : run.found)
        logins.append(user.login);
    QCOMPARE(logins, (QStringList{"a.lee@contoso.example", "dup1@contoso.example", "dup2@contoso.example",
                                  "dev@contoso.example"}));
    QCOMPARE(run.found[0].status, IdpUserStatus::Disabled);
    // A userPrincipalName is not a mail.
    QCOMPARE(run.notFound, (QStringList{"nobody@contoso.example", "a.lee@contoso.example"}));
    bool sawQuote = false;
    for (const ScriptedRequest& request : f.server.requestsTo(QStringLiteral("/v1.0/users"))) {
        QCOMPARE(request.queryValue(QStringLiteral("$select")),
                 QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled"));
        sawQuote = sawQuote ||
                   request.queryValue(QStringLiteral("$filter")) == QLatin1String("mail eq 'o''brien@contoso.example'");
    }
    QVERIFY(sawQuote);
}

void TestEntra::emailLookupFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("403") << 403
                         << graphError(QStringLiteral("Authorization_RequestDenied"),
                                       QStringLiteral("Insufficient privileges to complete the operation."))
                         << QStringList{"Entra ID: looking up the email 'ana@contoso.example'", "User.Read.All"};
    QTest::newRow("400") << 400
                         << graphError(QStringLiteral("Request_UnsupportedQuery"), QStringLiteral("Unsupported."))
                         << QStringList{"Request_UnsupportedQuery"};
    QTest::newRow("no userPrincipalName") << 200 << QByteArray(R"({"value":[{"id":"1","mail":"ana@contoso.example"}]})")
                                          << QStringList{"without a userPrincipalName", "User.Read.All"};
}

void TestEntra::emailLookupFailures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    Fixture f;
    f.tenant.intercept = [&](const ScriptedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path() == QLatin1String("/v1.0/users"))
            return ScriptedReply::json(status, body);
        return std::nullopt;
    };
    const auto run = test::lookupEmails(*f.source, {QStringLiteral("ana@contoso.example")});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.found.isEmpty() && run.notFound.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY(!run.error.contains(QLatin1String(kSecret)));
}

void TestEntra::misconfigured_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("no tenant") << "" << kClientId << QByteArray(kSecret) << "no tenant";
    QTest::newRow("no client id") << kTenant << "" << QByteArray(kSecret) << "no client id";
    QTest::newRow("no secret") << kTenant << kClientId << QByteArray() << "no client secret";
}

void TestEntra::misconfigured()
{
    QFETCH(QString, tenant);
    QFETCH(QString, clientId);
    QFETCH(QByteArray, secret);
    QFETCH(QString, errorPart);
    Fixture f;
    EntraSettings settings = f.settings(secret);
    settings.tenant = tenant;
    settings.clientId = clientId;
    EntraSource source(settings);
    bool synchronous = false;
    QObject::connect(&source, &IdpSource::failed, &source, [&] { synchronous = true; });
    const auto run = test::runSource(source, [&] {
        source.loadGroups({QStringLiteral("PII Readers")});
        QVERIFY(!synchronous); // answers come from the event loop, never from inside the call
    });
    QCOMPARE(run.answers, 1);
    QVERIFY2(run.error.contains(errorPart), qPrintable(run.error));
    QCOMPARE(f.server.requests().size(), 0);
}

void TestEntra::cancelIsSilent()
{
    Fixture f;
    f.addGroup(QStringLiteral("g1"), QStringLiteral("PII Readers"), 3);
    f.tenant.users = {graphUser(QStringLiteral("1"), QStringLiteral("ana@contoso.example"))};
    FakeTenant& tenant = f.tenant;
    f.server.setHandler([&](const ScriptedRequest& request) {
        ScriptedReply reply = tenant(request);
        reply.delayMs = 300;
        return reply;
    });
    const auto cancelled = test::runSource(
        *f.source,
        [&] {
            f.source->loadGroups({QStringLiteral("PII Readers")});
            f.source->lookupUsers({QStringLiteral("ana@contoso.example")}, IdpLookupKey::Login);
            QTimer::singleShot(50, f.source.get(), [&] { f.source->cancel(); });
        },
        1500);
    QCOMPARE(cancelled.answers, 0);
    f.server.setHandler([&](const ScriptedRequest& request) { return tenant(request); });
    const auto again = test::loadGroups(*f.source, {QStringLiteral("PII Readers")});
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QCOMPARE(again.memberLogins(QStringLiteral("PII Readers")).size(), 3);
}

// --- against the emulator's Graph face ----------------------------------------------------------------------------

namespace {

struct EmulatedTenant
{
    emulator::EmulatorThread emulator{test::idpDataset()};
    QUrl base;
    std::unique_ptr<EntraSource> source;

    EmulatedTenant() { base = emulator.start(); }

    EntraSettings settings(const QByteArray& secret = emulator::EmulatorOptions::kDemoEntraClientSecret) const
    {
        EntraSettings settings;
        settings.tenant = QLatin1String(kTenant);
        settings.clientId = QLatin1String(emulator::EmulatorOptions::kDemoEntraClientId);
        settings.clientSecret = secret;
        settings.authority = base;
        settings.graph = base;
        return settings;
    }

    EntraSource& make(const QByteArray& secret = emulator::EmulatorOptions::kDemoEntraClientSecret)
    {
        source = std::make_unique<EntraSource>(settings(secret));
        source->setRetryPolicy(test::fastRetryPolicy());
        return *source;
    }
};

} // namespace

void TestEntra::emulatorTransitiveGroups()
{
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    EntraSource& source = tenant.make();
    source.setMemberPageSize(100); // 450 members: five pages
    const auto run = test::loadGroups(
        source, {QStringLiteral("dbx-pii"), QStringLiteral("dbx-all"), QStringLiteral("O'Brien \"Ops\" Team")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.size(), 3);
    const QList<IdpUser>& pii = run.groups[0].members;
    QCOMPARE(pii.size(), 450);
    QCOMPARE(pii[0].login, QStringLiteral("pii0@acme.example"));
    QCOMPARE(pii[0].status, IdpUserStatus::Active);
    QCOMPARE(pii[1].status, IdpUserStatus::Disabled); // DEPROVISIONED in Okta terms: accountEnabled=false
    QCOMPARE(pii[1].rawStatus, QStringLiteral("accountEnabled=false"));
    QCOMPARE(pii[3].status, IdpUserStatus::Active);
    QVERIFY(!run.notes.filter(QStringLiteral("page 5")).isEmpty());
    // dbx-all holds ana directly and the three admins through the nested dbx-admins.
    QStringList all = run.memberLogins(QStringLiteral("dbx-all"));
    all.sort();
    QCOMPARE(all,
             (QStringList{"admin0@acme.example", "admin1@acme.example", "admin2@acme.example", "ana@acme.example"}));
    QCOMPARE(run.memberLogins(QStringLiteral("O'Brien \"Ops\" Team")), QStringList{"ana@acme.example"});
    QVERIFY(!source.usesEventualConsistency());
}

void TestEntra::emulatorConsistencyLevel()
{
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    tenant.emulator.updateOptions(
        [](emulator::EmulatorOptions& options) { options.graphRequireConsistencyLevel = true; });
    EntraSource& source = tenant.make();
    source.setMemberPageSize(200);
    const auto run = test::loadGroups(source, {QStringLiteral("dbx-pii")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.first().members.size(), 450);
    QVERIFY(source.usesEventualConsistency());
    const auto again = test::loadGroups(source, {QStringLiteral("dbx-admins")});
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QCOMPARE(again.groups.first().members.size(), 3);
    QVERIFY(again.notes.filter(QStringLiteral("ConsistencyLevel")).isEmpty()); // no second refusal
}

void TestEntra::emulatorThrottled()
{
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    tenant.emulator.updateOptions([](emulator::EmulatorOptions& options) {
        options.graphThrottleEvery = 2;
        options.graphRetryAfter = QStringLiteral("0.3");
    });
    EntraSource& source = tenant.make();
    source.setMemberPageSize(100);
    const auto run = test::loadGroups(source, {QStringLiteral("dbx-pii")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.first().members.size(), 450);
    QVERIFY2(!run.notes.filter(QStringLiteral("retrying in 0.3 s")).isEmpty(), qPrintable(run.notes.join('\n')));
}

void TestEntra::emulatorTokenRenewal()
{
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    tenant.emulator.updateOptions([](emulator::EmulatorOptions& options) { options.entraTokenLifetimeSeconds = 2; });
    EntraSource& source = tenant.make();
    const auto first = test::lookupUsers(source, {QStringLiteral("ana@acme.example")});
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QTest::qWait(1200);
    const auto second = test::loadGroups(source, {QStringLiteral("dbx-admins")});
    QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
    QCOMPARE(source.tokenProvider()->tokensFetched(), 2);
}

void TestEntra::emulatorFailures_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QStringList>("mustContain");
    const QByteArray good(emulator::EmulatorOptions::kDemoEntraClientSecret);
    QTest::newRow("invalid secret") << QByteArray("not-the-secret-at-all") << "dbx-pii"
                                    << QStringList{"getting an access token", "invalid_client", "AADSTS7000215"};
    QTest::newRow("missing group") << good << "dbx-nope" << QStringList{"Entra ID has no group named 'dbx-nope'"};
    QTest::newRow("same name twice") << good << "Twins" << QStringList{"2 groups named 'Twins'"};
}

void TestEntra::emulatorFailures()
{
    QFETCH(QByteArray, secret);
    QFETCH(QString, group);
    QFETCH(QStringList, mustContain);
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    const auto run = test::loadGroups(tenant.make(secret), {group});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.groups.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY(!run.error.contains(QString::fromLatin1(secret)));
}

void TestEntra::emulatorLookups()
{
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    const auto run =
        test::lookupUsers(tenant.make(), {QStringLiteral("ana@acme.example"), QStringLiteral("gone@acme.example"),
                                          QStringLiteral("nobody@acme.example")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.found.size(), 2);
    QCOMPARE(run.found[0].login, QStringLiteral("ana@acme.example"));
    QCOMPARE(run.found[1].status, IdpUserStatus::Disabled);
    QCOMPARE(run.notFound, QStringList{QStringLiteral("nobody@acme.example")});
}

void TestEntra::emulatorEmailLookups_data()
{
    test::emailLookupRows();
}

void TestEntra::emulatorEmailLookups()
{
    QFETCH(QStringList, emails);
    QFETCH(QStringList, foundLogins);
    QFETCH(QStringList, notFound);
    EmulatedTenant tenant;
    QVERIFY2(!tenant.base.isEmpty(), qPrintable(tenant.emulator.errorString()));
    const auto run = test::lookupEmails(tenant.make(), emails);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.answers, 1);
    QStringList logins;
    for (const IdpUser& user : run.found)
        logins.append(user.login);
    QCOMPARE(logins, foundLogins);
    QCOMPARE(run.notFound, notFound);
    for (const IdpUser& user : run.found) {
        if (user.login == QLatin1String("carla@acme.example") || user.login == QLatin1String("dup2@acme.example"))
            QCOMPARE(user.status, IdpUserStatus::Disabled);
    }
}

QTEST_GUILESS_MAIN(TestEntra)
#include "tst_entra.moc"
