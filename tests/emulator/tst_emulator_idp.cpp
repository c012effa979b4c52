// Tests of the emulator's identity-provider faces over real loopback HTTP: Okta (/api/v1/) and
// Microsoft Graph with its token endpoint, both served from a dataset's IdP side, plus that side's
// file format, the generator's IdP drift and the demo dataset's drift cases.

#include "HttpProbe.h"

#include <Dataset.h>
#include <EmulatorOptions.h>
#include <EmulatorThread.h>
#include <IdpDataset.h>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>
#include <memory>
#include <optional>

using namespace scimitar::emulator;

namespace {

using Items = QList<QPair<QString, QString>>; // query or form items, in order

const QByteArray kOktaAuth = QByteArray("SSWS ") + EmulatorOptions::kDemoOktaToken;
const QString kGraphScope = QStringLiteral("https://graph.microsoft.com/.default");
const QString kPiiRead = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");

// A hand-made IdP whose answers the tests can state exactly. Quotes and apostrophes inside the raw
// string are written \u0022 and \u0027: moc loses track of the file otherwise. dbx-pii-analysts holds five people
// directly and nests dbx-pii-readers, which holds finn and ana again and nests dbx-pii-auditors (gus).
// dbx-pii-analysts-emea comes first so that q= must put the exact match before it. Two groups are both named Finance.
const char* const kIdpDataset = R"({
 "me": "ana@acme.example",
 "users": [{"id": "1001", "userName": "ana@acme.example", "displayName": "Ana Lee", "active": true}],
 "idp": {
  "users": [
   {"id": "00u000000000000000a1", "login": "ana@acme.example", "firstName": "Ana", "lastName": "Lee",
    "displayName": "Ana Lee", "status": "ACTIVE"},
   {"id": "00u000000000000000b2", "login": "ben@acme.example", "firstName": "Ben", "lastName": "Ode",
    "status": "DEPROVISIONED"},
   {"id": "00u000000000000000c3", "login": "carla@acme.example", "email": "carla.mail@acme.example",
    "firstName": "Carla", "lastName": "Diaz", "status": "SUSPENDED"},
   {"id": "00u000000000000000d4", "login": "dev.o\u0027brien@acme.example", "firstName": "Dev", "lastName": "O\u0027Brien",
    "status": "ACTIVE"},
   {"id": "00u000000000000000e5", "login": "eve@acme.example", "firstName": "Eve", "lastName": "Ng",
    "status": "LOCKED_OUT"},
   {"id": "00u000000000000000f6", "login": "finn@acme.example", "firstName": "Finn", "lastName": "Berg"},
   {"id": "00u000000000000000g7", "login": "gus+ops@acme.example", "firstName": "Gus", "lastName": "Holm",
    "status": "STAGED"}
  ],
  "groups": [
   {"id": "00g0000000000000emea", "name": "dbx-pii-analysts-emea", "members": ["00u000000000000000f6"]},
   {"id": "00g00000000000000pii", "name": "dbx-pii-analysts", "description": "PII analysts",
    "members": ["00u000000000000000a1", "00u000000000000000b2", "00u000000000000000c3", "00u000000000000000d4",
                "00u000000000000000e5"],
    "groups": ["00g000000000000reads"]},
   {"id": "00g000000000000reads", "name": "dbx-pii-readers",
    "members": ["00u000000000000000f6", "00u000000000000000a1"], "groups": ["00g000000000000audit"]},
   {"id": "00g000000000000audit", "name": "dbx-pii-auditors", "members": ["00u000000000000000g7"]},
   {"id": "00g000000000000obrie", "name": "O\u0027Brien Team", "members": ["00u000000000000000d4"]},
   {"id": "00g00000000000fin001", "name": "Finance", "members": []},
   {"id": "00g00000000000fin002", "name": "Finance", "members": ["00u000000000000000a1"]},
   {"id": "00g00000000000alpha1", "name": "Team \u0022Alpha\u0022", "members": []}
  ]
 }
})";

Dataset idpDataset()
{
    QString error;
    std::optional<Dataset> dataset = Dataset::fromJson(kIdpDataset, &error);
    if (!dataset)
        qFatal("IdP dataset does not load: %s", qPrintable(error));
    return *dataset;
}

// A reply, with its body read as JSON (Okta lists are arrays, everything else objects).
struct Response : scimitar::test::HttpResult
{
    QJsonDocument json;

    explicit Response(const scimitar::test::HttpResult& result)
        : HttpResult(result)
        , json(QJsonDocument::fromJson(body))
    {
    }

    QJsonObject object() const { return json.object(); }
    QJsonArray array() const { return json.array(); }
    QJsonArray value() const { return json.object().value(QStringLiteral("value")).toArray(); }
};

// What a raw socket sees: the status and every header line as sent, repeated names included.
struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QList<QByteArray> values(const QByteArray& name) const
    {
        QList<QByteArray> result;
        for (const auto& header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                result.append(header.second);
        }
        return result;
    }
};

// The URLs in an Okta Link header value, by relation. Scans `<…>` pairs and their parameters so it
// works for the merged form QNetworkReply produces as well as for single lines.
QHash<QString, QString> parseLinks(const QList<QByteArray>& values)
{
    QHash<QString, QString> links;
    static const QRegularExpression kLink(QStringLiteral(R"(<([^>]*)>\s*;([^<]*))"));
    static const QRegularExpression kRel(QStringLiteral("rel\\s*=\\s*\"?([A-Za-z]+)"));
    for (const QByteArray& value : values) {
        auto it = kLink.globalMatch(QString::fromUtf8(value));
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const QRegularExpressionMatch rel = kRel.match(match.captured(2));
            if (rel.hasMatch())
                links.insert(rel.captured(1), match.captured(1));
        }
    }
    return links;
}

QStringList jsonStrings(const QJsonArray& array, const QString& key, const QString& nested = QString())
{
    QStringList result;
    for (const QJsonValue& item : array) {
        QJsonObject object = item.toObject();
        if (!nested.isEmpty())
            object = object.value(nested).toObject();
        result.append(object.value(key).toString());
    }
    return result;
}

using scimitar::test::withQuery;

QSet<QString> keySet(const QJsonObject& object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

bool isGuid(const QString& text)
{
    return !QUuid::fromString(text).isNull() && text.size() == 36;
}

} // namespace

class TstEmulatorIdp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;

    Response send(const QByteArray& verb, const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers,
                  const QByteArray& body = {})
    {
        QElapsedTimer timer;
        timer.start();
        return Response(
            scimitar::test::collectReply(scimitar::test::sendRequest(*m_nam, verb, url, headers, body), timer));
    }

    Response okta(const QUrl& url, const QByteArray& authorization = kOktaAuth)
    {
        return send("GET", url, {{"Authorization", authorization}, {"Accept", "application/json"}});
    }

    Response tokenRequest(const QUrl& url, const QList<QPair<QString, QString>>& form,
                          const QByteArray& authorization = {})
    {
        QUrlQuery query;
        for (const auto& item : form)
            query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(item.first)),
                               QString::fromLatin1(QUrl::toPercentEncoding(item.second)));
        QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/x-www-form-urlencoded"}};
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        return send("POST", url, headers, query.query(QUrl::FullyEncoded).toLatin1());
    }

    QByteArray graphToken(EmulatorThread& emulator)
    {
        const Response response =
            tokenRequest(emulator.entraTokenUrl(), {{"client_id", EmulatorOptions::kDemoEntraClientId},
                                                    {"client_secret", EmulatorOptions::kDemoEntraClientSecret},
                                                    {"scope", kGraphScope},
                                                    {"grant_type", "client_credentials"}});
        return response.object().value(QStringLiteral("access_token")).toString().toLatin1();
    }

    Response graph(const QUrl& url, const QByteArray& token, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        headers.append({"Authorization", "Bearer " + token});
        return send("GET", url, headers);
    }

    // One GET over a plain socket, so repeated header lines stay visible (QNetworkReply merges them).
    static RawResponse rawGet(quint16 port, const QByteArray& target, const QByteArray& host,
                              const QByteArray& authorization)
    {
        RawResponse response;
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5000))
            return response;
        socket.write("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization +
                     "\r\nAccept: application/json\r\n\r\n");
        QByteArray data;
        qsizetype headerEnd = -1;
        qsizetype contentLength = -1;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000) {
            if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0) {
                const QList<QByteArray> lines = data.left(headerEnd).split('\n');
                response.status = lines.first().split(' ').value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines.at(i).trimmed();
                    const qsizetype colon = line.indexOf(':');
                    response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
                }
                contentLength = response.values("Content-Length").value(0).toLongLong();
            }
            if (headerEnd >= 0 && data.size() >= headerEnd + 4 + contentLength)
                break;
            if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
                break;
            data += socket.readAll();
        }
        response.body = data.mid(headerEnd + 4, contentLength);
        return response;
    }

private slots:
    void init() { m_nam = std::make_unique<QNetworkAccessManager>(); }
    void cleanup() { m_nam.reset(); }

    void oktaAuthentication_data();
    void oktaAuthentication();
    void oktaGroupSearch_data();
    void oktaGroupSearch();
    void oktaGroupPaging();
    void oktaMemberPaging_data();
    void oktaMemberPaging();
    void oktaThrottle();
    void oktaRateLimitWindow();
    void oktaUserSearch_data();
    void oktaUserSearch();
    void oktaUserSearchPaging();
    void oktaUserLookup_data();
    void oktaUserLookup();
    void oktaSharedFaults();

    void graphToken_data();
    void graphToken();
    void graphTokenExpiry();
    void graphGroupFilter_data();
    void graphGroupFilter();
    void graphUserFilter_data();
    void graphUserFilter();
    void graphTransitiveMembers_data();
    void graphTransitiveMembers();
    void graphDirectMembersAndCasts();
    void graphConsistencyLevel();
    void graphThrottle();
    void graphUserLookupAndErrors_data();
    void graphUserLookupAndErrors();

    void datasetIdpErrors_data();
    void datasetIdpErrors();
    void datasetIdpRoundTrip();
    void generatorIdpSide();
    void demoDriftCases_data();
    void demoDriftCases();
    void demoDriftHasNoSurprises();
    void executableIdpFlags();
    void executableRejectsBadIdpFlags_data();
    void executableRejectsBadIdpFlags();
};

// ---- Okta ------------------------------------------------------------------------------------

void TstEmulatorIdp::oktaAuthentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("missing") << QByteArray() << 401;
    QTest::newRow("wrong token") << QByteArray("SSWS nope") << 401;
    QTest::newRow("databricks token") << QByteArray("Bearer ") + EmulatorOptions::kDemoToken << 401;
    QTest::newRow("token without scheme") << QByteArray(EmulatorOptions::kDemoOktaToken) << 401;
    QTest::newRow("SSWS") << kOktaAuth << 200;
    QTest::newRow("Bearer") << QByteArray("Bearer ") + EmulatorOptions::kDemoOktaToken << 200;
}

void TstEmulatorIdp::oktaAuthentication()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    EmulatorThread emulator(idpDataset());
    QVERIFY2(!emulator.start().isEmpty(), qPrintable(emulator.errorString()));
    const Response response = okta(emulator.oktaUrl(QStringLiteral("groups")), authorization);
    QCOMPARE(response.status, status);
    // Rate-limit headers and Date come with every reply, refusals included.
    for (const char* header : {"X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset", "Date"})
        QVERIFY2(!response.header(header).isEmpty(), header);
    if (status == 401) {
        QCOMPARE(response.object().value(QStringLiteral("errorCode")).toString(), QStringLiteral("E0000011"));
        QCOMPARE(response.object().value(QStringLiteral("errorSummary")).toString(),
                 QStringLiteral("Invalid token provided"));
        QVERIFY(response.object().value(QStringLiteral("errorCauses")).isArray());
    } else {
        QVERIFY(response.json.isArray());
    }
}

void TstEmulatorIdp::oktaGroupSearch_data()
{
    QTest::addColumn<Items>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("names");
    using Q = QList<QPair<QString, QString>>;
    QTest::newRow("search eq is exact") << Q{{"search", R"(profile.name eq "dbx-pii-analysts")"}} << 200
                                        << QStringList{"dbx-pii-analysts"};
    QTest::newRow("search eq ignores case")
        << Q{{"search", R"(profile.name eq "DBX-PII-Analysts")"}} << 200 << QStringList{"dbx-pii-analysts"};
    QTest::newRow("search sw") << Q{{"search", R"(profile.name sw "dbx-pii")"}} << 200
                               << QStringList{"dbx-pii-analysts-emea", "dbx-pii-analysts", "dbx-pii-readers",
                                              "dbx-pii-auditors"};
    QTest::newRow("search co on description")
        << Q{{"search", R"(profile.description co "analysts")"}} << 200 << QStringList{"dbx-pii-analysts"};
    QTest::newRow("search escaped quote")
        << Q{{"search", "profile.name eq \"Team \\\"Alpha\\\"\""}} << 200 << QStringList{R"(Team "Alpha")"};
    QTest::newRow("search several") << Q{{"search", R"(profile.name eq "finance")"}} << 200
                                    << QStringList{"Finance", "Finance"};
    QTest::newRow("search none") << Q{{"search", R"(profile.name eq "dbx-pii")"}} << 200 << QStringList{};
    QTest::newRow("search and") << Q{{"search", R"(profile.name sw "dbx" and type eq "OKTA_GROUP")"}} << 200
                                << QStringList{"dbx-pii-analysts-emea", "dbx-pii-analysts", "dbx-pii-readers",
                                               "dbx-pii-auditors"};
    QTest::newRow("q puts the exact match first")
        << Q{{"q", "dbx-pii-analysts"}} << 200 << QStringList{"dbx-pii-analysts", "dbx-pii-analysts-emea"};
    QTest::newRow("q is a prefix match") << Q{{"q", "dbx-pii-a"}} << 200
                                         << QStringList{"dbx-pii-analysts-emea", "dbx-pii-analysts",
                                                        "dbx-pii-auditors"};
    QTest::newRow("q honours limit") << Q{{"q", "dbx"}, {"limit", "2"}} << 200
                                     << QStringList{"dbx-pii-analysts-emea", "dbx-pii-analysts"};
    QTest::newRow("filter by id") << Q{{"filter", R"(id eq "00g000000000000obrie")"}} << 200
                                  << QStringList{"O'Brien Team"};
    QTest::newRow("unsupported operator") << Q{{"search", R"(profile.name lt "x")"}} << 400 << QStringList{};
    QTest::newRow("unquoted value") << Q{{"search", "profile.name eq dbx"}} << 400 << QStringList{};
    QTest::newRow("filter on name") << Q{{"filter", R"(profile.name eq "x")"}} << 400 << QStringList{};
    QTest::newRow("bad limit") << Q{{"limit", "zero"}} << 400 << QStringList{};
}

void TstEmulatorIdp::oktaGroupSearch()
{
    QFETCH(Items, query);
    QFETCH(int, status);
    QFETCH(QStringList, names);
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    const Response response = okta(withQuery(emulator.oktaUrl(QStringLiteral("groups")), query));
    QCOMPARE(response.status, status);
    if (status != 200) {
        const QString code = response.object().value(QStringLiteral("errorCode")).toString();
        QVERIFY2(code == QLatin1String("E0000031") || code == QLatin1String("E0000001"), qPrintable(code));
        QVERIFY(!response.object().value(QStringLiteral("errorCauses")).toArray().isEmpty());
        return;
    }
    QCOMPARE(jsonStrings(response.array(), QStringLiteral("name"), QStringLiteral("profile")), names);
    for (const QJsonValue& group : response.array()) {
        QCOMPARE(group.toObject().value(QStringLiteral("type")).toString(), QStringLiteral("OKTA_GROUP"));
        QVERIFY(group.toObject().value(QStringLiteral("id")).toString().startsWith(QLatin1String("00g")));
    }
}

void TstEmulatorIdp::oktaGroupPaging()
{
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    QStringList seen;
    QUrl next = withQuery(emulator.oktaUrl(QStringLiteral("groups")), {{"limit", "3"}, {"expand", "stats"}});
    int pages = 0;
    while (!next.isEmpty() && pages < 10) {
        const Response page = okta(next);
        QCOMPARE(page.status, 200);
        QVERIFY(page.array().size() <= 3);
        seen += jsonStrings(page.array(), QStringLiteral("id"));
        for (const QJsonValue& group : page.array())
            QVERIFY(group.toObject()
                        .value(QStringLiteral("_embedded"))
                        .toObject()
                        .value(QStringLiteral("stats"))
                        .toObject()
                        .contains(QStringLiteral("usersCount")));
        next = QUrl(parseLinks({page.header("Link")}).value(QStringLiteral("next")));
        ++pages;
    }
    QCOMPARE(pages, 3); // 8 groups, 3 per page
    QStringList all;
    const Dataset dataset = idpDataset();
    for (const IdpDataset::Group& group : dataset.idp().groups())
        all.append(group.id);
    QCOMPARE(seen, all);
}

void TstEmulatorIdp::oktaMemberPaging_data()
{
    QTest::addColumn<bool>("merged");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("one line per relation") << false << QByteArray("127.0.0.1");
    QTest::newRow("merged header") << true << QByteArray("127.0.0.1");
    QTest::newRow("links follow the Host header") << false << QByteArray("localhost");
}

void TstEmulatorIdp::oktaMemberPaging()
{
    QFETCH(bool, merged);
    QFETCH(QByteArray, host);
    EmulatorOptions options;
    options.oktaMergedLinkHeaders = merged;
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray hostPort = host + ':' + QByteArray::number(emulator.port());
    const QString origin = QStringLiteral("http://") + QString::fromLatin1(hostPort);

    // Page by page over a raw socket: the exact header lines, and the users in order.
    QStringList logins;
    QList<int> sizes;
    QByteArray target = "/api/v1/groups/00g00000000000000pii/users?limit=2";
    for (int page = 0; page < 10 && !target.isEmpty(); ++page) {
        const RawResponse response = rawGet(emulator.port(), target, hostPort, kOktaAuth);
        QCOMPARE(response.status, 200);
        const QJsonArray users = QJsonDocument::fromJson(response.body).array();
        sizes.append(int(users.size()));
        logins += jsonStrings(users, QStringLiteral("login"), QStringLiteral("profile"));
        const QList<QByteArray> linkLines = response.values("Link");
        const bool last = users.size() < 2 || logins.size() == 5;
        if (merged) {
            QCOMPARE(linkLines.size(), 1);
            QCOMPARE(linkLines.first().count("rel="), last ? 1 : 2);
            if (!last)
                QVERIFY(linkLines.first().contains(R"(; rel="self", <)"));
        } else {
            // Okta sends each relation on its own line; the last page carries only "self".
            QCOMPARE(linkLines.size(), last ? 1 : 2);
            QVERIFY2(linkLines.first().endsWith(R"(; rel="self")"), linkLines.first().constData());
            if (!last)
                QVERIFY2(linkLines.at(1).endsWith(R"(; rel="next")"), linkLines.at(1).constData());
        }
        const QHash<QString, QString> links = parseLinks(linkLines);
        QVERIFY2(links.value(QStringLiteral("self")).startsWith(origin + QStringLiteral("/api/v1/groups/")),
                 qPrintable(links.value(QStringLiteral("self"))));
        QCOMPARE(links.contains(QStringLiteral("next")), !last);
        if (last) {
            target.clear();
        } else {
            const QUrl next(links.value(QStringLiteral("next")));
            QCOMPARE(next.scheme() + QStringLiteral("://") + next.authority(), origin);
            QVERIFY(QUrlQuery(next).hasQueryItem(QStringLiteral("after")));
            QCOMPARE(QUrlQuery(next).queryItemValue(QStringLiteral("limit")), QStringLiteral("2"));
            target = next.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toLatin1();
        }
    }
    QCOMPARE(sizes, (QList<int>{2, 2, 1}));
    // Direct members only: finn and gus (nested groups) are not Okta members of dbx-pii-analysts.
    QCOMPARE(logins, (QStringList{"ana@acme.example", "ben@acme.example", "carla@acme.example",
                                  "dev.o'brien@acme.example", "eve@acme.example"}));

    // The same walk through QNetworkReply, which joins the lines with ", ": still parseable.
    const Response first =
        okta(withQuery(emulator.oktaUrl(QStringLiteral("groups/00g00000000000000pii/users")), {{"limit", "2"}}));
    QVERIFY(parseLinks({first.header("Link")}).contains(QStringLiteral("next")));
    const QJsonObject user = first.array().first().toObject();
    QCOMPARE(user.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    QVERIFY(user.value(QStringLiteral("_links")).toObject().contains(QStringLiteral("self")));
    QCOMPARE(user.value(QStringLiteral("profile")).toObject().value(QStringLiteral("email")).toString(),
             QStringLiteral("ana@acme.example"));

    // Without a limit the whole group fits the default page (1000): no next link.
    const Response whole = okta(emulator.oktaUrl(QStringLiteral("groups/00g00000000000000pii/users")));
    QCOMPARE(whole.array().size(), 5);
    QVERIFY(!parseLinks({whole.header("Link")}).contains(QStringLiteral("next")));

    const Response unknown = okta(emulator.oktaUrl(QStringLiteral("groups/00gnope/users")));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.object().value(QStringLiteral("errorSummary")).toString(),
             QStringLiteral("Not found: Resource not found: 00gnope (UserGroup)"));
}

void TstEmulatorIdp::oktaThrottle()
{
    EmulatorOptions options;
    options.oktaThrottleEvery = 2;
    options.oktaThrottleResetSeconds = 2;
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QUrl url = emulator.oktaUrl(QStringLiteral("groups/00g00000000000000pii/users"));
    QCOMPARE(okta(url).status, 200);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const Response throttled = okta(url);
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.object().value(QStringLiteral("errorCode")).toString(), QStringLiteral("E0000047"));
    QCOMPARE(throttled.object().value(QStringLiteral("errorSummary")).toString(),
             QStringLiteral("API call exceeded rate limit due to too many requests."));
    QCOMPARE(throttled.object().value(QStringLiteral("errorLink")).toString(), QStringLiteral("E0000047"));
    QVERIFY(throttled.object().value(QStringLiteral("errorId")).toString().startsWith(QLatin1String("oae")));
    QVERIFY(throttled.object().value(QStringLiteral("errorCauses")).toArray().isEmpty());
    QVERIFY2(!throttled.headers.contains("retry-after"), "Okta sends no Retry-After");
    QCOMPARE(throttled.header("X-Rate-Limit-Remaining"), QByteArray("0"));
    const qint64 reset = throttled.header("X-Rate-Limit-Reset").toLongLong();
    QVERIFY2(reset >= before + 2 && reset <= after + 2, throttled.header("X-Rate-Limit-Reset").constData());
    // The Go SDK waits Reset − Date + 1; Date must be a parseable HTTP date close to now.
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(throttled.header("Date")),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    date.setTimeSpec(Qt::UTC);
    QVERIFY2(date.isValid(), throttled.header("Date").constData());
    QVERIFY(qAbs(date.toSecsSinceEpoch() - before) <= 2);
    QCOMPARE(okta(url).status, 200);
}

void TstEmulatorIdp::oktaRateLimitWindow()
{
    EmulatorOptions options;
    options.oktaRateLimit = 3;
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QUrl url = emulator.oktaUrl(QStringLiteral("groups"));
    QList<QByteArray> remaining;
    QList<int> statuses;
    qint64 reset = 0;
    // A window boundary may pass between requests; retry the short sequence once if it does.
    for (int attempt = 0; attempt < 2; ++attempt) {
        remaining.clear();
        statuses.clear();
        for (int i = 0; i < 4; ++i) {
            const Response response = okta(url);
            statuses.append(response.status);
            remaining.append(response.header("X-Rate-Limit-Remaining"));
            QCOMPARE(response.header("X-Rate-Limit-Limit"), QByteArray("3"));
            reset = response.header("X-Rate-Limit-Reset").toLongLong();
        }
        if (statuses == QList<int>{200, 200, 200, 429})
            break;
        QThread::sleep(1);
        emulator.setOptions(options);
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 429}));
    QCOMPARE(remaining, (QList<QByteArray>{"2", "1", "0", "0"}));
    QVERIFY(reset > QDateTime::currentSecsSinceEpoch() - 1 && reset <= QDateTime::currentSecsSinceEpoch() + 60);
}

void TstEmulatorIdp::oktaUserSearch_data()
{
    QTest::addColumn<Items>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("logins");
    using Q = QList<QPair<QString, QString>>;
    QTest::newRow("email that differs from the login")
        << Q{{"search", R"(profile.email eq "carla.mail@acme.example")"}} << 200 << QStringList{"carla@acme.example"};
    QTest::newRow("email ignores case") << Q{{"search", R"(profile.email eq "CARLA.Mail@acme.example")"}} << 200
                                        << QStringList{"carla@acme.example"};
    QTest::newRow("a login is not an email")
        << Q{{"search", R"(profile.email eq "carla@acme.example")"}} << 200 << QStringList{};
    QTest::newRow("email defaults to the login")
        << Q{{"search", R"(profile.email eq "ben@acme.example")"}} << 200 << QStringList{"ben@acme.example"};
    QTest::newRow("apostrophe") << Q{{"search", R"(profile.email eq "dev.o'brien@acme.example")"}} << 200
                                << QStringList{"dev.o'brien@acme.example"};
    QTest::newRow("escaped quote matches nobody")
        << Q{{"search", "profile.email eq \"a\\\"b@acme.example\""}} << 200 << QStringList{};
    QTest::newRow("login sw with a plus")
        << Q{{"search", R"(profile.login sw "gus+")"}} << 200 << QStringList{"gus+ops@acme.example"};
    QTest::newRow("email or email") << Q{{"search", R"(profile.email eq "ben@acme.example" or )"
                                                    R"(profile.email eq "eve@acme.example")"}}
                                    << 200 << QStringList{"ben@acme.example", "eve@acme.example"};
    QTest::newRow("filter by status") << Q{{"filter", R"(status eq "DEPROVISIONED")"}} << 200
                                      << QStringList{"ben@acme.example"};
    QTest::newRow("group attribute") << Q{{"search", R"(profile.name eq "x")"}} << 400 << QStringList{};
    QTest::newRow("unterminated") << Q{{"search", R"(profile.email eq "ben@acme.example)"}} << 400 << QStringList{};
    QTest::newRow("filter on email") << Q{{"filter", R"(profile.email eq "x")"}} << 400 << QStringList{};
    QTest::newRow("bad limit") << Q{{"limit", "-1"}} << 400 << QStringList{};
}

void TstEmulatorIdp::oktaUserSearch()
{
    QFETCH(Items, query);
    QFETCH(int, status);
    QFETCH(QStringList, logins);
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    const Response response = okta(withQuery(emulator.oktaUrl(QStringLiteral("users")), query));
    QCOMPARE(response.status, status);
    QVERIFY(!response.header("X-Rate-Limit-Remaining").isEmpty());
    if (status != 200) {
        const QString code = response.object().value(QStringLiteral("errorCode")).toString();
        QVERIFY2(code == QLatin1String("E0000031") || code == QLatin1String("E0000001"), qPrintable(code));
        QVERIFY(!response.object().value(QStringLiteral("errorCauses")).toArray().isEmpty());
        return;
    }
    QVERIFY(response.json.isArray());
    QCOMPARE(jsonStrings(response.array(), QStringLiteral("login"), QStringLiteral("profile")), logins);
    QVERIFY(parseLinks({response.header("Link")}).contains(QStringLiteral("self")));
}

void TstEmulatorIdp::oktaUserSearchPaging()
{
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    QStringList seen;
    QUrl next =
        withQuery(emulator.oktaUrl(QStringLiteral("users")), {{"search", R"(profile.email sw "")"}, {"limit", "3"}});
    int pages = 0;
    while (!next.isEmpty() && pages < 10) {
        const Response page = okta(next);
        QCOMPARE(page.status, 200);
        QVERIFY(page.array().size() <= 3);
        seen += jsonStrings(page.array(), QStringLiteral("id"));
        ++pages;
        next = QUrl(parseLinks({page.header("Link")}).value(QStringLiteral("next")));
    }
    QCOMPARE(pages, 3); // 3 + 3 + 1
    QCOMPARE(seen.size(), 7);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 7);
}

void TstEmulatorIdp::oktaUserLookup_data()
{
    QTest::addColumn<QString>("key"); // percent-encoded path segment
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("id");
    QTest::newRow("by id") << "00u000000000000000c3" << 200 << "00u000000000000000c3";
    QTest::newRow("by login") << "carla%40acme.example" << 200 << "00u000000000000000c3";
    QTest::newRow("login, other case") << "CARLA@acme.example" << 200 << "00u000000000000000c3";
    QTest::newRow("apostrophe") << "dev.o%27brien%40acme.example" << 200 << "00u000000000000000d4";
    QTest::newRow("plus in login") << "gus%2Bops%40acme.example" << 200 << "00u000000000000000g7";
    QTest::newRow("short name") << "finn" << 200 << "00u000000000000000f6";
    QTest::newRow("unknown") << "nobody%40acme.example" << 404 << "";
}

void TstEmulatorIdp::oktaUserLookup()
{
    QFETCH(QString, key);
    QFETCH(int, status);
    QFETCH(QString, id);
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    QUrl url = emulator.baseUrl();
    url.setPath(QStringLiteral("/api/v1/users/") + key, QUrl::StrictMode);
    const Response response = okta(url);
    QCOMPARE(response.status, status);
    if (status == 200) {
        QCOMPARE(response.object().value(QStringLiteral("id")).toString(), id);
        return;
    }
    const QJsonObject error = response.object();
    QCOMPARE(error.value(QStringLiteral("errorCode")).toString(), QStringLiteral("E0000007"));
    QCOMPARE(error.value(QStringLiteral("errorSummary")).toString(),
             QStringLiteral("Not found: Resource not found: nobody@acme.example (User)"));
    QCOMPARE(error.value(QStringLiteral("errorLink")).toString(), QStringLiteral("E0000007"));
    QVERIFY(QRegularExpression(QStringLiteral("^oae[0-9A-Za-z]{19}$"))
                .match(error.value(QStringLiteral("errorId")).toString())
                .hasMatch());
    QVERIFY(error.value(QStringLiteral("errorCauses")).isArray());
    QVERIFY(error.value(QStringLiteral("errorCauses")).toArray().isEmpty());
}

void TstEmulatorIdp::oktaSharedFaults()
{
    // Latency and dropped connections apply to the IdP faces too; the request log records them.
    EmulatorOptions options;
    options.latencyMs = 150;
    options.throttleEvery = 1; // a Databricks-only fault: must not touch Okta
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QUrl url = emulator.oktaUrl(QStringLiteral("groups"));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(okta(url).status, 200);
    QVERIFY(timer.elapsed() >= 140);

    options.latencyMs = 0;
    options.dropConnectionEvery = 1;
    emulator.setOptions(options);
    m_nam = std::make_unique<QNetworkAccessManager>(); // a fresh connection: QNAM resends on reused ones
    QCOMPARE(okta(url).status, 0);                     // connection closed without a reply
    const EmulatorStats stats = emulator.stats();
    QCOMPARE(stats.requests.first().pathAndQuery, QStringLiteral("/api/v1/groups"));
    QCOMPARE(stats.requests.first().status, 200);
    QCOMPARE(stats.requests.last().status, 0);
}

// ---- Entra token endpoint and Graph ----------------------------------------------------------

void TstEmulatorIdp::graphToken_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<Items>("form");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("code");
    using F = QList<QPair<QString, QString>>;
    const QString id = QString::fromLatin1(EmulatorOptions::kDemoEntraClientId);
    const QString secret = QString::fromLatin1(EmulatorOptions::kDemoEntraClientSecret);
    const QString grant = QStringLiteral("client_credentials");
    QTest::newRow("success")
        << "contoso" << F{{"client_id", id}, {"client_secret", secret}, {"scope", kGraphScope}, {"grant_type", grant}}
        << QByteArray() << 200 << "" << 0;
    QTest::newRow("US government scope") << "contoso"
                                         << F{{"client_id", id},
                                              {"client_secret", secret},
                                              {"scope", "https://graph.microsoft.us/.default"},
                                              {"grant_type", grant}}
                                         << QByteArray() << 200 << "" << 0;
    QTest::newRow("emulator origin scope")
        << "contoso"
        << F{{"client_id", id}, {"client_secret", secret}, {"scope", "<origin>/.default"}, {"grant_type", grant}}
        << QByteArray() << 200 << "" << 0;
    QTest::newRow("HTTP Basic client authentication")
        << "contoso" << F{{"scope", kGraphScope}, {"grant_type", grant}}
        << "Basic " + (id + QLatin1Char(':') + secret).toUtf8().toBase64() << 200 << "" << 0;
    QTest::newRow("wrong tenant")
        << "fabrikam" << F{{"client_id", id}, {"client_secret", secret}, {"scope", kGraphScope}, {"grant_type", grant}}
        << QByteArray() << 400 << "invalid_request" << 90002;
    QTest::newRow("wrong secret")
        << "contoso" << F{{"client_id", id}, {"client_secret", "guess"}, {"scope", kGraphScope}, {"grant_type", grant}}
        << QByteArray() << 401 << "invalid_client" << 7000215;
    QTest::newRow("no secret") << "contoso" << F{{"client_id", id}, {"scope", kGraphScope}, {"grant_type", grant}}
                               << QByteArray() << 401 << "invalid_client" << 7000218;
    QTest::newRow("delegated scope")
        << "contoso" << F{{"client_id", id}, {"client_secret", secret}, {"scope", "User.Read"}, {"grant_type", grant}}
        << QByteArray() << 400 << "invalid_scope" << 70011;
    QTest::newRow("other resource") << "contoso"
                                    << F{{"client_id", id},
                                         {"client_secret", secret},
                                         {"scope", "https://management.azure.com/.default"},
                                         {"grant_type", grant}}
                                    << QByteArray() << 400 << "invalid_scope" << 70011;
    QTest::newRow("unknown client") << "contoso"
                                    << F{{"client_id", "someone-else"},
                                         {"client_secret", secret},
                                         {"scope", kGraphScope},
                                         {"grant_type", grant}}
                                    << QByteArray() << 400 << "unauthorized_client" << 700016;
    QTest::newRow("password grant") << "contoso"
                                    << F{{"client_id", id},
                                         {"client_secret", secret},
                                         {"scope", kGraphScope},
                                         {"grant_type", "password"}}
                                    << QByteArray() << 400 << "unsupported_grant_type" << 70003;
    QTest::newRow("no grant type") << "contoso" << F{{"client_id", id}} << QByteArray() << 400 << "invalid_request"
                                   << 900144;
}

void TstEmulatorIdp::graphToken()
{
    QFETCH(QString, tenant);
    QFETCH(Items, form);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(int, code);
    EmulatorOptions options;
    options.entraTenant = QStringLiteral("contoso");
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    for (auto& item : form)
        item.second.replace(QLatin1String("<origin>"), emulator.baseUrl().toString());
    const Response response = tokenRequest(emulator.entraTokenUrl(tenant), form, authorization);
    QCOMPARE(response.status, status);
    const QJsonObject body = response.object();
    if (status == 200) {
        QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 3599);
        QVERIFY(body.value(QStringLiteral("access_token")).toString().size() > 40);
        QVERIFY(!body.contains(QStringLiteral("refresh_token")));
        return;
    }
    QCOMPARE(body.value(QStringLiteral("error")).toString(), error);
    const QString description = body.value(QStringLiteral("error_description")).toString();
    QVERIFY2(description.startsWith(QStringLiteral("AADSTS%1: ").arg(code)), qPrintable(description));
    QCOMPARE(body.value(QStringLiteral("error_codes")).toArray(), QJsonArray{code});
    QVERIFY(isGuid(body.value(QStringLiteral("trace_id")).toString()));
    QVERIFY(isGuid(body.value(QStringLiteral("correlation_id")).toString()));
    // The secret never comes back in an error.
    QVERIFY(!response.body.contains(EmulatorOptions::kDemoEntraClientSecret));
}

void TstEmulatorIdp::graphTokenExpiry()
{
    EmulatorOptions options;
    options.entraTokenLifetimeSeconds = 1;
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator);
    QVERIFY(!token.isEmpty());
    const QUrl url = emulator.graphUrl(QStringLiteral("groups"));
    QCOMPARE(graph(url, token).status, 200);
    QThread::msleep(1100);
    const Response expired = graph(url, token);
    QCOMPARE(expired.status, 401);
    const QJsonObject error = expired.object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("InvalidAuthenticationToken"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(),
             QStringLiteral("Access token has expired or is not yet valid."));
    QVERIFY(!expired.header("WWW-Authenticate").isEmpty());

    const Response forged = graph(url, "eyJ0eXAiOiJKV1QifQ.e30.forged");
    QCOMPARE(forged.status, 401);
    QCOMPARE(forged.object().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("InvalidAuthenticationToken"));
    const Response okta = send("GET", url, {{"Authorization", kOktaAuth}});
    QCOMPARE(okta.status, 401);

    // A fresh token works again: expiry is per token.
    QCOMPARE(graph(url, graphToken(emulator)).status, 200);
}

void TstEmulatorIdp::graphGroupFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("eq") << "displayName eq 'dbx-pii-analysts'" << 200 << "" << QStringList{"dbx-pii-analysts"};
    QTest::newRow("doubled quote") << "displayName eq 'O''Brien Team'" << 200 << "" << QStringList{"O'Brien Team"};
    QTest::newRow("double quotes inside")
        << "displayName eq 'Team \"Alpha\"'" << 200 << "" << QStringList{R"(Team "Alpha")"};
    QTest::newRow("several") << "displayName eq 'Finance'" << 200 << "" << QStringList{"Finance", "Finance"};
    QTest::newRow("none") << "displayName eq 'Nope'" << 200 << "" << QStringList{};
    QTest::newRow("case-insensitive") << "DisplayName eq 'FINANCE'" << 200 << "" << QStringList{"Finance", "Finance"};
    QTest::newRow("startswith") << "startswith(displayName,'dbx-pii-a')" << 200 << ""
                                << QStringList{"dbx-pii-analysts-emea", "dbx-pii-analysts", "dbx-pii-auditors"};
    QTest::newRow("or") << "displayName eq 'dbx-pii-readers' or displayName eq 'O''Brien Team'" << 200 << ""
                        << QStringList{"dbx-pii-readers", "O'Brien Team"};
    QTest::newRow("unescaped quote") << "displayName eq 'O'Brien Team'" << 400 << "BadRequest" << QStringList{};
    QTest::newRow("double-quoted literal") << "displayName eq \"Finance\"" << 400 << "BadRequest" << QStringList{};
    QTest::newRow("unsupported property")
        << "description eq 'PII analysts'" << 400 << "Request_UnsupportedQuery" << QStringList{};
}

void TstEmulatorIdp::graphGroupFilter()
{
    QFETCH(QString, filter);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, names);
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator);
    const Response response = graph(withQuery(emulator.graphUrl(QStringLiteral("groups")),
                                              {{"$filter", filter}, {"$select", "id,displayName,securityEnabled"}}),
                                    token);
    QCOMPARE(response.status, status);
    if (status != 200) {
        const QJsonObject error = response.object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        return;
    }
    QCOMPARE(jsonStrings(response.value(), QStringLiteral("displayName")), names);
    for (const QJsonValue& group : response.value()) {
        QCOMPARE(keySet(group.toObject()), (QSet<QString>{"id", "displayName", "securityEnabled"}));
        QVERIFY(isGuid(group.toObject().value(QStringLiteral("id")).toString()));
    }
    QVERIFY(response.object()
                .value(QStringLiteral("@odata.context"))
                .toString()
                .endsWith(QLatin1String("$metadata#groups(id,displayName,securityEnabled)")));
}

void TstEmulatorIdp::graphUserFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("upns");
    QTest::newRow("mail that differs from the login")
        << "mail eq 'carla.mail@acme.example'" << 200 << "" << QStringList{"carla@acme.example"};
    QTest::newRow("mail ignores case") << "mail eq 'Carla.Mail@ACME.example'" << 200 << ""
                                       << QStringList{"carla@acme.example"};
    QTest::newRow("a login is not a mail") << "mail eq 'carla@acme.example'" << 200 << "" << QStringList{};
    QTest::newRow("doubled quote") << "mail eq 'dev.o''brien@acme.example'" << 200 << ""
                                   << QStringList{"dev.o'brien@acme.example"};
    QTest::newRow("userPrincipalName") << "userPrincipalName eq 'carla@acme.example'" << 200 << ""
                                       << QStringList{"carla@acme.example"};
    QTest::newRow("startswith mail") << "startswith(mail,'carla')" << 200 << "" << QStringList{"carla@acme.example"};
    QTest::newRow("unescaped quote") << "mail eq 'dev.o'brien@acme.example'" << 400 << "BadRequest" << QStringList{};
    QTest::newRow("unsupported property") << "jobTitle eq 'x'" << 400 << "Request_UnsupportedQuery" << QStringList{};
}

void TstEmulatorIdp::graphUserFilter()
{
    QFETCH(QString, filter);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, upns);
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator);
    const QString select = QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled");
    const Response response =
        graph(withQuery(emulator.graphUrl(QStringLiteral("users")), {{"$filter", filter}, {"$select", select}}), token);
    QCOMPARE(response.status, status);
    if (status != 200) {
        const QJsonObject error = response.object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        return;
    }
    QCOMPARE(jsonStrings(response.value(), QStringLiteral("userPrincipalName")), upns);
    for (const QJsonValue& user : response.value())
        QCOMPARE(keySet(user.toObject()),
                 (QSet<QString>{"id", "displayName", "userPrincipalName", "mail", "accountEnabled"}));
    QVERIFY(response.object()
                .value(QStringLiteral("@odata.context"))
                .toString()
                .endsWith(QStringLiteral("$metadata#users(%1)").arg(select)));
}

void TstEmulatorIdp::graphTransitiveMembers_data()
{
    QTest::addColumn<int>("top");
    QTest::addColumn<int>("pages");
    QTest::newRow("one page") << 999 << 1;
    QTest::newRow("pages of 3") << 3 << 3;
    QTest::newRow("pages of 1") << 1 << 7;
}

void TstEmulatorIdp::graphTransitiveMembers()
{
    QFETCH(int, top);
    QFETCH(int, pages);
    EmulatorThread emulator(idpDataset());
    const QUrl base = emulator.start();
    QVERIFY(!base.isEmpty());
    const QByteArray token = graphToken(emulator);
    const QString groupId = IdpDataset::entraObjectId(QStringLiteral("00g00000000000000pii"), true);
    const QString select = QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled");
    QUrl next =
        withQuery(emulator.graphUrl(QStringLiteral("groups/%1/transitiveMembers/microsoft.graph.user").arg(groupId)),
                  {{"$select", select}, {"$top", QString::number(top)}});
    QStringList upns;
    QHash<QString, bool> enabled;
    int fetched = 0;
    while (!next.isEmpty() && fetched < 20) {
        const Response page = graph(next, token);
        QCOMPARE(page.status, 200);
        ++fetched;
        QVERIFY(page.value().size() <= top);
        for (const QJsonValue& item : page.value()) {
            const QJsonObject user = item.toObject();
            QCOMPARE(keySet(user), (QSet<QString>{"id", "displayName", "userPrincipalName", "mail", "accountEnabled"}));
            QVERIFY(isGuid(user.value(QStringLiteral("id")).toString()));
            upns.append(user.value(QStringLiteral("userPrincipalName")).toString());
            enabled.insert(upns.last(), user.value(QStringLiteral("accountEnabled")).toBool());
        }
        const QString link = page.object().value(QStringLiteral("@odata.nextLink")).toString();
        if (!link.isEmpty()) {
            // Absolute, on the same host:port, carrying $skiptoken and the original $select.
            QVERIFY2(link.startsWith(base.toString() + QStringLiteral("/v1.0/groups/")), qPrintable(link));
            const QUrlQuery query(QUrl(link).query());
            QVERIFY(query.hasQueryItem(QStringLiteral("$skiptoken")));
            QCOMPARE(query.queryItemValue(QStringLiteral("$select"), QUrl::FullyDecoded), select);
        }
        next = QUrl(link);
    }
    QCOMPARE(fetched, pages);
    // Nested groups expanded (finn via dbx-pii-readers, gus via dbx-pii-auditors), ana only once.
    QCOMPARE(upns,
             (QStringList{"ana@acme.example", "ben@acme.example", "carla@acme.example", "dev.o'brien@acme.example",
                          "eve@acme.example", "finn@acme.example", "gus+ops@acme.example"}));
    QCOMPARE(enabled.value(QStringLiteral("ben@acme.example")), false);    // DEPROVISIONED
    QCOMPARE(enabled.value(QStringLiteral("carla@acme.example")), false);  // SUSPENDED
    QCOMPARE(enabled.value(QStringLiteral("eve@acme.example")), true);     // LOCKED_OUT: still employed
    QCOMPARE(enabled.value(QStringLiteral("gus+ops@acme.example")), true); // STAGED
}

void TstEmulatorIdp::graphDirectMembersAndCasts()
{
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator);
    const QString groupId = IdpDataset::entraObjectId(QStringLiteral("00g00000000000000pii"), true);
    auto get = [&](const QString& path, const QList<QPair<QString, QString>>& query = {}) {
        return graph(withQuery(emulator.graphUrl(QStringLiteral("groups/%1/%2").arg(groupId, path)), query), token);
    };

    // Without $select: Graph's default properties, and no accountEnabled.
    const Response direct = get(QStringLiteral("members/microsoft.graph.user"));
    QCOMPARE(direct.status, 200);
    QCOMPARE(direct.value().size(), 5);
    const QJsonObject carla = direct.value().at(2).toObject();
    QVERIFY(!carla.contains(QStringLiteral("accountEnabled")));
    QCOMPARE(carla.value(QStringLiteral("mail")).toString(), QStringLiteral("carla.mail@acme.example"));
    QCOMPARE(carla.value(QStringLiteral("userPrincipalName")).toString(), QStringLiteral("carla@acme.example"));
    QCOMPARE(carla.value(QStringLiteral("givenName")).toString(), QStringLiteral("Carla"));
    QVERIFY(!carla.contains(QStringLiteral("@odata.type")));

    // Uncast: users and nested groups, each saying what it is.
    const Response mixed = get(QStringLiteral("transitiveMembers"), {{"$select", "id,displayName"}});
    QCOMPARE(mixed.status, 200);
    QStringList types = jsonStrings(mixed.value(), QStringLiteral("@odata.type"));
    QCOMPARE(types.count(QStringLiteral("#microsoft.graph.user")), 7);
    QCOMPARE(types.count(QStringLiteral("#microsoft.graph.group")), 2);
    const Response groups = get(QStringLiteral("transitiveMembers/microsoft.graph.group"));
    QCOMPARE(jsonStrings(groups.value(), QStringLiteral("displayName")),
             (QStringList{"dbx-pii-readers", "dbx-pii-auditors"}));
    QCOMPARE(get(QStringLiteral("transitiveMembers/microsoft.graph.device")).value().size(), 0);

    const Response badCast = get(QStringLiteral("transitiveMembers/microsoft.graph.unicorn"));
    QCOMPARE(badCast.status, 400);
    QCOMPARE(badCast.object().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("Request_UnsupportedQuery"));
    const Response badSelect = get(QStringLiteral("members/microsoft.graph.user"), {{"$select", "id,shoeSize"}});
    QCOMPARE(badSelect.status, 400);
    QVERIFY(badSelect.object()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("shoeSize")));
    const Response bigTop = get(QStringLiteral("members/microsoft.graph.user"), {{"$top", "1000"}});
    QCOMPARE(bigTop.status, 400);
    const Response badToken = get(QStringLiteral("members/microsoft.graph.user"), {{"$skiptoken", "made-up"}});
    QCOMPARE(badToken.status, 400);
    const Response unknownGroup = graph(
        emulator.graphUrl(QStringLiteral("groups/%1/members").arg(QUuid::createUuid().toString(QUuid::WithoutBraces))),
        token);
    QCOMPARE(unknownGroup.status, 404);
}

void TstEmulatorIdp::graphConsistencyLevel()
{
    EmulatorOptions options;
    options.graphRequireConsistencyLevel = true;
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator);
    const QString groupId = IdpDataset::entraObjectId(QStringLiteral("00g00000000000000pii"), true);
    const QUrl cast =
        emulator.graphUrl(QStringLiteral("groups/%1/transitiveMembers/microsoft.graph.user").arg(groupId));
    const QList<QPair<QString, QString>> query{{"$select", "id,userPrincipalName"}, {"$top", "4"}};
    const QList<QPair<QString, QString>> counted{
        {"$select", "id,userPrincipalName"}, {"$top", "4"}, {"$count", "true"}};
    const QPair<QByteArray, QByteArray> eventual{"ConsistencyLevel", "eventual"};

    for (const auto& attempt :
         {std::make_pair(query, false), std::make_pair(query, true), std::make_pair(counted, false)}) {
        const Response refused = graph(withQuery(cast, attempt.first), token,
                                       attempt.second ? QList<QPair<QByteArray, QByteArray>>{eventual}
                                                      : QList<QPair<QByteArray, QByteArray>>{});
        QCOMPARE(refused.status, 400);
        const QJsonObject error = refused.object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("Request_UnsupportedQuery"));
        const QJsonObject inner = error.value(QStringLiteral("innerError")).toObject();
        for (const char* key : {"date", "request-id", "client-request-id"})
            QVERIFY2(!inner.value(QLatin1String(key)).toString().isEmpty(), key);
    }

    const Response first = graph(withQuery(cast, counted), token, {eventual});
    QCOMPARE(first.status, 200);
    QCOMPARE(first.object().value(QStringLiteral("@odata.count")).toInt(), 7);
    const QString next = first.object().value(QStringLiteral("@odata.nextLink")).toString();
    QVERIFY(!next.isEmpty());
    // The header is not part of the link: it must be sent again on every page.
    QCOMPARE(graph(QUrl(next), token).status, 400);
    const Response second = graph(QUrl(next), token, {eventual});
    QCOMPARE(second.status, 200);
    QCOMPARE(second.value().size(), 3);
    QVERIFY(!second.object().contains(QStringLiteral("@odata.count"))); // first page only

    // Without the option the plain cast works, and $count without the header is ignored.
    emulator.setOptions(EmulatorOptions{});
    const Response plain = graph(withQuery(cast, counted), token);
    QCOMPARE(plain.status, 200);
    QVERIFY(!plain.object().contains(QStringLiteral("@odata.count")));
}

void TstEmulatorIdp::graphThrottle()
{
    EmulatorOptions options;
    options.graphThrottleEvery = 2;
    options.graphRetryAfter = QStringLiteral("0.3");
    options.oktaThrottleEvery = 1; // an Okta-only fault: must not touch Graph
    EmulatorThread emulator(idpDataset(), options);
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator); // the token endpoint does not count
    const QUrl url = emulator.graphUrl(QStringLiteral("groups"));
    QCOMPARE(graph(url, token).status, 200);
    const QByteArray clientRequestId = "6e0ddc53-1c1d-4a86-9a8b-8f4de7d3a001";
    const Response throttled = graph(url, token, {{"client-request-id", clientRequestId}});
    QCOMPARE(throttled.status, 429);
    bool ok = false;
    const double seconds = throttled.header("Retry-After").toDouble(&ok);
    QVERIFY2(ok && qFuzzyCompare(seconds, 0.3), throttled.header("Retry-After").constData());
    const QJsonObject error = throttled.object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("TooManyRequests"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Please retry again later."));
    const QJsonObject inner = error.value(QStringLiteral("innerError")).toObject();
    QCOMPARE(inner.value(QStringLiteral("client-request-id")).toString(), QString::fromLatin1(clientRequestId));
    QVERIFY(isGuid(inner.value(QStringLiteral("request-id")).toString()));
    QVERIFY(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$)"))
                .match(inner.value(QStringLiteral("date")).toString())
                .hasMatch());
    QCOMPARE(throttled.header("client-request-id"), clientRequestId);
    QCOMPARE(graph(url, token).status, 200);

    // An empty value means no header at all.
    options.graphRetryAfter.clear();
    emulator.setOptions(options);
    graph(url, token);
    QVERIFY(!graph(url, token).headers.contains("retry-after"));
}

void TstEmulatorIdp::graphUserLookupAndErrors_data()
{
    QTest::addColumn<QString>("key"); // percent-encoded path segment; <carla> is her Entra id
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("upn");
    QTest::newRow("by userPrincipalName") << "carla%40acme.example" << 200 << "carla@acme.example";
    QTest::newRow("other case") << "Carla@ACME.example" << 200 << "carla@acme.example";
    QTest::newRow("apostrophe") << "dev.o'brien%40acme.example" << 200 << "dev.o'brien@acme.example";
    QTest::newRow("by object id") << "<carla>" << 200 << "carla@acme.example";
    QTest::newRow("unknown") << "nobody%40acme.example" << 404 << "";
}

void TstEmulatorIdp::graphUserLookupAndErrors()
{
    QFETCH(QString, key);
    QFETCH(int, status);
    QFETCH(QString, upn);
    EmulatorThread emulator(idpDataset());
    QVERIFY(!emulator.start().isEmpty());
    const QByteArray token = graphToken(emulator);
    key.replace(QLatin1String("<carla>"), IdpDataset::entraObjectId(QStringLiteral("00u000000000000000c3"), false));
    QUrl url = emulator.baseUrl();
    url.setPath(QStringLiteral("/v1.0/users/") + key, QUrl::StrictMode);
    url.setQuery(QStringLiteral("$select=id,userPrincipalName,accountEnabled"));
    const Response response = graph(url, token, {{"client-request-id", "req-1"}});
    QCOMPARE(response.status, status);
    if (status == 200) {
        QCOMPARE(response.object().value(QStringLiteral("userPrincipalName")).toString(), upn);
        QVERIFY(response.object().contains(QStringLiteral("accountEnabled")));
        return;
    }
    const QJsonObject error = response.object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("Request_ResourceNotFound"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QLatin1String("nobody@acme.example")));
    QCOMPARE(error.value(QStringLiteral("innerError")).toObject().value(QStringLiteral("client-request-id")).toString(),
             QStringLiteral("req-1"));
}

// ---- Dataset, generator, demo ------------------------------------------------------------------

void TstEmulatorIdp::datasetIdpErrors_data()
{
    QTest::addColumn<QString>("idp");
    QTest::addColumn<QString>("expected");
    const QString u1 = QStringLiteral(R"({"id": "00u1", "login": "a@x.example"})");
    const QString u2 = QStringLiteral(R"({"id": "00u2", "login": "b@x.example"})");
    QTest::newRow("not an object") << "[]"
                                   << "\"idp\" must be an object";
    QTest::newRow("users not an array") << R"({"users": {}})"
                                        << "idp.users must be an array";
    QTest::newRow("user without id") << R"({"users": [{"login": "a@x.example"}]})"
                                     << "idp.users[0] (login \"a@x.example\") has no id";
    QTest::newRow("user without login") << R"({"users": [{"id": "00u1"}]})"
                                        << "idp.users[0] has no login";
    QTest::newRow("login not a string") << R"({"users": [{"id": "00u1", "login": 7}]})"
                                        << "has \"login\" that is not a string";
    QTest::newRow("unknown status") << R"({"users": [{"id": "00u1", "login": "a@x.example", "status": "GONE"}]})"
                                    << "has status \"GONE\"; expected one of STAGED, PROVISIONED, ACTIVE";
    QTest::newRow("lower-case status") << R"({"users": [{"id": "00u1", "login": "a@x.example", "status": "active"}]})"
                                       << "has status \"active\"";
    QTest::newRow("duplicate id")
        << QStringLiteral(R"({"users": [%1, {"id": "00u1", "login": "c@x.example"}]})").arg(u1)
        << "idp.users[1] (login \"c@x.example\") reuses id 00u1";
    QTest::newRow("duplicate login")
        << QStringLiteral(R"({"users": [%1, {"id": "00u9", "login": "A@X.example"}]})").arg(u1)
        << "idp.users[1] (login \"A@X.example\") has the same login as idp.users[0]";
    QTest::newRow("group without name") << R"({"groups": [{"id": "00g1"}]})"
                                        << "idp.groups[0] has no name";
    QTest::newRow("group reuses a user id")
        << QStringLiteral(R"({"users": [%1], "groups": [{"id": "00u1", "name": "g"}]})").arg(u1)
        << "idp.groups[0] (name \"g\") reuses id 00u1";
    QTest::newRow("members not ids") << R"({"groups": [{"id": "00g1", "name": "g", "members": [{"value": "00u1"}]}]})"
                                     << "idp.groups[0] (name \"g\") has members[0] that is not an id string";
    QTest::newRow("unknown member")
        << QStringLiteral(R"({"users": [%1], "groups": [{"id": "00g1", "name": "g", "members": ["00u1", "00u7"]}]})")
               .arg(u1)
        << "idp.groups[0] (name \"g\") has members[1] referencing unknown IdP user id 00u7";
    QTest::newRow("group listed as member")
        << R"({"groups": [{"id": "00g1", "name": "g", "members": ["00g2"]}, {"id": "00g2", "name": "h"}]})"
        << "referencing unknown IdP user id 00g2 (that is a group: list nested groups in \"groups\")";
    QTest::newRow("unknown nested group")
        << R"({"groups": [{"id": "00g1", "name": "g", "groups": ["00g9"]}]})"
        << "idp.groups[0] (name \"g\") has groups[0] referencing unknown IdP group id 00g9";
    QTest::newRow("self nesting") << R"({"groups": [{"id": "00g1", "name": "g", "groups": ["00g1"]}]})"
                                  << "idp.groups[0] (name \"g\") contains itself through nested groups";
    QTest::newRow("cycle") << QStringLiteral(R"({"users": [%1, %2], "groups": [
        {"id": "00g1", "name": "g", "groups": ["00g2"]}, {"id": "00g2", "name": "h", "groups": ["00g3"]},
        {"id": "00g3", "name": "i", "groups": ["00g1"]}]})")
                                  .arg(u1, u2)
                           << "contains itself through nested groups";
}

void TstEmulatorIdp::datasetIdpErrors()
{
    QFETCH(QString, idp);
    QFETCH(QString, expected);
    const QByteArray json = R"({"users": [], "idp": )" + idp.toUtf8() + "}";
    QString error;
    QVERIFY(!Dataset::fromJson(json, &error, QStringLiteral("idp-test.json")));
    QVERIFY2(error.startsWith(QLatin1String("idp-test.json: ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TstEmulatorIdp::datasetIdpRoundTrip()
{
    const Dataset original = idpDataset();
    QString error;
    const std::optional<Dataset> reloaded =
        Dataset::fromJson(QJsonDocument(original.toJson()).toJson(), &error, QStringLiteral("round trip"));
    QVERIFY2(reloaded, qPrintable(error));
    QCOMPARE(reloaded->toJson(), original.toJson());
    QCOMPARE(reloaded->idp().users().size(), 7);

    // Defaults: email = login, status ACTIVE.
    const IdpDataset::User* finn = reloaded->idp().findUserByLogin(QStringLiteral("FINN@acme.example"));
    QVERIFY(finn);
    QCOMPARE(finn->email, QStringLiteral("finn@acme.example"));
    QCOMPARE(finn->status, QStringLiteral("ACTIVE"));

    // Entra ids: GUIDs, stable across loads, distinct for users and groups of the same Okta id.
    QCOMPARE(finn->entraId, IdpDataset::entraObjectId(finn->id, false));
    QCOMPARE(original.idp().findUserByLogin(QStringLiteral("finn@acme.example"))->entraId, finn->entraId);
    QVERIFY(isGuid(finn->entraId));
    QVERIFY(IdpDataset::entraObjectId(QStringLiteral("00x1"), false) !=
            IdpDataset::entraObjectId(QStringLiteral("00x1"), true));
    QCOMPARE(reloaded->idp().findUserByEntraId(finn->entraId.toUpper()), finn);

    QVERIFY(IdpDataset::accountEnabled(QStringLiteral("LOCKED_OUT")));
    QVERIFY(!IdpDataset::accountEnabled(QStringLiteral("SUSPENDED")));
    QVERIFY(!IdpDataset::accountEnabled(QStringLiteral("DEPROVISIONED")));

    // A dataset without an IdP side writes none, so older files round-trip unchanged.
    const std::optional<Dataset> plain = Dataset::fromJson(R"({"users": []})", &error);
    QVERIFY(plain);
    QVERIFY(!plain->toJson().contains(QStringLiteral("idp")));
}

void TstEmulatorIdp::generatorIdpSide()
{
    const Dataset a = Dataset::generate(2000, 300, 5);
    const Dataset b = Dataset::generate(2000, 300, 5);
    const Dataset other = Dataset::generate(2000, 300, 6);
    QCOMPARE(a.idp().toJson(), b.idp().toJson());
    QVERIFY(a.idp().toJson() != other.idp().toJson());
    QVERIFY(a.idp().validate().isEmpty());

    const IdpDataset& idp = a.idp();
    static const QRegularExpression kOktaUser(QStringLiteral("^00u[0-9A-Za-z]{17}$"));
    static const QRegularExpression kOktaGroup(QStringLiteral("^00g[0-9A-Za-z]{17}$"));
    int unknown = 0;
    int goneButActive = 0;
    int active = 0;
    for (const QString& id : a.ids(ResourceKind::User)) {
        const QJsonObject user = a.resource(ResourceKind::User, id);
        if (!user.value(QStringLiteral("active")).toBool())
            continue;
        ++active;
        const IdpDataset::User* idpUser = idp.findUserByLogin(user.value(QStringLiteral("userName")).toString());
        if (!idpUser)
            ++unknown;
        else if (!IdpDataset::accountEnabled(idpUser->status))
            ++goneButActive;
    }
    // "A few %": Databricks users the IdP does not know, and people gone in the IdP still active.
    QVERIFY2(unknown > active / 100 && unknown < active * 6 / 100, qPrintable(QString::number(unknown)));
    QVERIFY2(goneButActive > active / 100 && goneButActive < active * 6 / 100,
             qPrintable(QString::number(goneButActive)));
    int idpOnly = 0;
    QSet<QString> statuses;
    for (const IdpDataset::User& user : idp.users()) {
        QVERIFY2(kOktaUser.match(user.id).hasMatch(), qPrintable(user.id));
        statuses.insert(user.status);
        if (a.findUserByName(user.login).isEmpty())
            ++idpOnly;
    }
    QVERIFY(idpOnly >= 20);
    QVERIFY(statuses.contains(QStringLiteral("DEPROVISIONED")) && statuses.contains(QStringLiteral("SUSPENDED")) &&
            statuses.contains(QStringLiteral("LOCKED_OUT")) && statuses.contains(QStringLiteral("STAGED")));

    // Groups mirror most account groups as dbx-<name>; memberships mostly match, with drift both ways.
    int accountGroups = 0;
    for (const QString& id : a.ids(ResourceKind::Group)) {
        if (a.resource(ResourceKind::Group, id)
                .value(QStringLiteral("meta"))
                .toObject()
                .value(QStringLiteral("resourceType")) == QLatin1String("Group"))
            ++accountGroups;
    }
    QVERIFY(idp.groups().size() >= accountGroups * 7 / 10 && idp.groups().size() < accountGroups);
    int dbxMembers = 0;
    int alsoInIdp = 0;
    int idpExtras = 0;
    int nested = 0;
    for (const IdpDataset::Group& group : idp.groups()) {
        QVERIFY2(kOktaGroup.match(group.id).hasMatch(), qPrintable(group.id));
        QVERIFY(group.name.startsWith(QLatin1String("dbx-")));
        nested += int(group.groups.size());
        QString dbxGroup;
        for (const QString& id : a.ids(ResourceKind::Group)) {
            if (a.resource(ResourceKind::Group, id).value(QStringLiteral("displayName")).toString() ==
                group.name.mid(4))
                dbxGroup = id;
        }
        QVERIFY2(!dbxGroup.isEmpty(), qPrintable(group.name));
        QSet<QString> idpLogins;
        for (const QString& member : group.members)
            idpLogins.insert(idp.user(member)->login.toLower());
        QSet<QString> dbxLogins;
        for (const QJsonValue& member :
             a.resource(ResourceKind::Group, dbxGroup).value(QStringLiteral("members")).toArray()) {
            const QJsonObject user =
                a.resource(ResourceKind::User, member.toObject().value(QStringLiteral("value")).toString());
            if (!user.isEmpty() && idp.findUserByLogin(user.value(QStringLiteral("userName")).toString())) {
                dbxLogins.insert(user.value(QStringLiteral("userName")).toString().toLower());
                ++dbxMembers;
            }
        }
        alsoInIdp += int((dbxLogins & idpLogins).size());
        idpExtras += int((idpLogins - dbxLogins).size());
    }
    QVERIFY2(alsoInIdp > dbxMembers * 90 / 100 && alsoInIdp < dbxMembers * 995 / 1000,
             qPrintable(QStringLiteral("%1 of %2").arg(alsoInIdp).arg(dbxMembers)));
    QVERIFY(idpExtras > 0 && idpExtras < dbxMembers / 10);
    QVERIFY(nested > 0);
}

namespace {

// The demo's drift as a small, independent oracle over the dataset and the policy (the rules of
// docs/drift.md, kept deliberately naive), so that an edit to either that loses or adds a case fails
// here rather than in a demo. Kinds: role-without-grant/direct|inherited, member-without-grant,
// missing-member, not-provisioned, deprovisioned-active, unknown-in-idp, entitlement-without-grant.
// Only active IdP members grant anything; nested Databricks membership counts; Okta semantics (IdP
// groups' direct members only).
class DemoOracle
{
public:
    DemoOracle(const Dataset& dataset, const QJsonObject& policy)
        : m_dataset(dataset)
        , m_policy(policy)
    {
    }

    QStringList kindsOf(const QString& login) const
    {
        QStringList kinds;
        const IdpDataset::User* idpUser = m_dataset.idp().findUserByLogin(login);
        const QString userId = m_dataset.findUserByName(login);
        const bool dbxActive = !userId.isEmpty() &&
                               m_dataset.resource(ResourceKind::User, userId).value(QStringLiteral("active")).toBool();

        for (const QJsonValue& value : rules()) {
            const QJsonObject rule = value.toObject();
            const QString dbxGroup = rule.value(QStringLiteral("databricksGroup")).toString();
            if (dbxGroup.isEmpty() || !idpUser || !inIdpGroup(login, rule) ||
                !IdpDataset::accountEnabled(idpUser->status))
                continue;
            if (userId.isEmpty())
                kinds.append(QStringLiteral("not-provisioned"));
            else if (dbxActive && !transitivelyIn(userId, groupId(dbxGroup)))
                kinds.append(QStringLiteral("missing-member"));
        }
        // Deactivated Databricks users hold nothing that matters; unmanaged access is not drift.
        if (!dbxActive || !holdsManagedAccess(userId)) {
            kinds.removeDuplicates();
            return kinds;
        }
        // Protected people are reported like anyone else; only the fix is blocked.
        if (!idpUser)
            kinds.append(QStringLiteral("unknown-in-idp"));
        else if (!IdpDataset::accountEnabled(idpUser->status))
            kinds.append(QStringLiteral("deprovisioned-active"));

        for (const QJsonValue& value : rules()) {
            const QJsonObject rule = value.toObject();
            const QString dbxGroup = rule.value(QStringLiteral("databricksGroup")).toString();
            if (!dbxGroup.isEmpty() && directlyIn(userId, groupId(dbxGroup)) &&
                !(inIdpGroup(login, rule) && idpUser && IdpDataset::accountEnabled(idpUser->status)))
                kinds.append(QStringLiteral("member-without-grant"));
        }
        for (const QString& role : managed(QStringLiteral("role"))) {
            if (granted(login, QStringLiteral("role"), role))
                continue;
            if (holdsDirectly(userId, QStringLiteral("roles"), role))
                kinds.append(QStringLiteral("role-without-grant/direct"));
            else if (holdsThroughGroups(userId, QStringLiteral("roles"), role))
                kinds.append(QStringLiteral("role-without-grant/inherited"));
        }
        for (const QString& entitlement : managed(QStringLiteral("entitlements"))) {
            if (!granted(login, QStringLiteral("entitlements"), entitlement) &&
                (holdsDirectly(userId, QStringLiteral("entitlements"), entitlement) ||
                 holdsThroughGroups(userId, QStringLiteral("entitlements"), entitlement)))
                kinds.append(QStringLiteral("entitlement-without-grant"));
        }
        kinds.removeDuplicates();
        return kinds;
    }

    // Everyone either side knows about.
    QStringList everyone() const
    {
        QStringList logins;
        for (const QString& id : m_dataset.ids(ResourceKind::User))
            logins.append(m_dataset.resource(ResourceKind::User, id).value(QStringLiteral("userName")).toString());
        for (const IdpDataset::User& user : m_dataset.idp().users()) {
            if (m_dataset.findUserByName(user.login).isEmpty())
                logins.append(user.login);
        }
        return logins;
    }

private:
    QJsonArray rules() const { return m_policy.value(QStringLiteral("rules")).toArray(); }
    QString groupId(const QString& displayName) const
    {
        for (const QString& id : m_dataset.ids(ResourceKind::Group)) {
            if (m_dataset.resource(ResourceKind::Group, id).value(QStringLiteral("displayName")).toString() ==
                displayName)
                return id;
        }
        return {};
    }
    bool inIdpGroup(const QString& login, const QJsonObject& rule) const
    {
        const QString name = rule.value(QStringLiteral("idpGroup")).toString();
        for (const IdpDataset::Group& group : m_dataset.idp().groups()) {
            if (group.name != name)
                continue;
            for (const QString& member : group.members) {
                if (m_dataset.idp().user(member)->login.compare(login, Qt::CaseInsensitive) == 0)
                    return true;
            }
        }
        return false;
    }
    // Values a rule of this key manages: "role" (one string) or "entitlements" (an array).
    QStringList managed(const QString& key) const
    {
        QStringList values;
        for (const QJsonValue& value : rules()) {
            const QJsonValue item = value.toObject().value(key);
            if (item.isString())
                values.append(item.toString());
            for (const QJsonValue& each : item.toArray())
                values.append(each.toString());
        }
        values.removeDuplicates();
        return values;
    }
    bool granted(const QString& login, const QString& key, const QString& value) const
    {
        const IdpDataset::User* user = m_dataset.idp().findUserByLogin(login);
        if (!user || !IdpDataset::accountEnabled(user->status))
            return false;
        for (const QJsonValue& item : rules()) {
            const QJsonObject rule = item.toObject();
            const QJsonValue granting = rule.value(key);
            const bool grants =
                granting.isString() ? granting.toString() == value : granting.toArray().contains(QJsonValue(value));
            if (grants && inIdpGroup(login, rule))
                return true;
        }
        return false;
    }
    bool directlyIn(const QString& userId, const QString& group) const
    {
        return m_dataset.directParents(userId).contains(group);
    }
    bool transitivelyIn(const QString& userId, const QString& group) const
    {
        for (const Dataset::Membership& membership : m_dataset.ancestors(userId)) {
            if (membership.groupId == group)
                return true;
        }
        return false;
    }
    static bool listHas(const QJsonObject& resource, const QString& key, const QString& value)
    {
        for (const QJsonValue& item : resource.value(key).toArray()) {
            if (item.toObject().value(QStringLiteral("value")).toString() == value)
                return true;
        }
        return false;
    }
    bool holdsDirectly(const QString& userId, const QString& key, const QString& value) const
    {
        return listHas(m_dataset.resource(ResourceKind::User, userId), key, value);
    }
    bool holdsThroughGroups(const QString& userId, const QString& key, const QString& value) const
    {
        for (const Dataset::Membership& membership : m_dataset.ancestors(userId)) {
            if (listHas(m_dataset.resource(ResourceKind::Group, membership.groupId), key, value))
                return true;
        }
        return false;
    }
    bool holdsManagedAccess(const QString& userId) const
    {
        if (userId.isEmpty())
            return false;
        for (const QJsonValue& value : rules()) {
            const QString dbxGroup = value.toObject().value(QStringLiteral("databricksGroup")).toString();
            if (!dbxGroup.isEmpty() && transitivelyIn(userId, groupId(dbxGroup)))
                return true;
        }
        for (const QString& role : managed(QStringLiteral("role"))) {
            if (holdsDirectly(userId, QStringLiteral("roles"), role) ||
                holdsThroughGroups(userId, QStringLiteral("roles"), role))
                return true;
        }
        for (const QString& entitlement : managed(QStringLiteral("entitlements"))) {
            if (holdsDirectly(userId, QStringLiteral("entitlements"), entitlement) ||
                holdsThroughGroups(userId, QStringLiteral("entitlements"), entitlement))
                return true;
        }
        return false;
    }

    const Dataset& m_dataset;
    QJsonObject m_policy;
};

// The documented cases (docs/emulator.md, "Demo drift"): login -> finding kinds.
QMap<QString, QStringList> expectedDemoDrift()
{
    return {
        {"sam.whitfield@acme.example", {"member-without-grant", "role-without-grant/direct"}},
        {"tom.baker@acme.example", {"role-without-grant/direct"}},
        {"nora.kelly@acme.example", {"role-without-grant/inherited"}},
        {"jonas.berg@acme.example", {"role-without-grant/inherited"}},
        {"sara.lindqvist@acme.example", {"role-without-grant/inherited"}},
        {"victor.nguyen@acme.example", {"role-without-grant/inherited"}},
        {"lena.fischer@acme.example", {"member-without-grant"}},
        {"elena.rossi@acme.example", {"missing-member"}},
        {"noor.rahman@acme.example", {"not-provisioned"}},
        {"omar.haddad@acme.example", {"deprovisioned-active", "member-without-grant", "role-without-grant/inherited"}},
        {"kenji.watanabe@acme.example", {"deprovisioned-active", "entitlement-without-grant", "member-without-grant"}},
        {"alex.rivera@contractor.example", {"entitlement-without-grant", "unknown-in-idp"}},
        {"sofia.garcia@acme.example", {"entitlement-without-grant"}},
        {"scim-admin@acme.example", {"entitlement-without-grant", "unknown-in-idp"}}, // protected: fix blocked
    };
}

std::optional<QJsonObject> loadDemoPolicy(QString* error)
{
    QFile file(QStringLiteral(SCIMITAR_SOURCE_DIR "/resources/demo/demo-policy.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = parseError.errorString();
        return std::nullopt;
    }
    return document.object();
}

} // namespace

void TstEmulatorIdp::demoDriftCases_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QStringList>("kinds");
    const QMap<QString, QStringList> expected = expectedDemoDrift();
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key() << it.value();
    // People the policy covers who are in order, including a case-differing login and a
    // LOCKED_OUT engineer, and inactive people (never reported).
    for (const char* clean :
         {"grace.okafor@acme.example", "mei.chen@acme.example", "julia.novak@acme.example", "priya.raman@acme.example",
          "dmitri.volkov@acme.example", "lucas.moreau@acme.example", "yuki.tanaka@acme.example",
          "chloe.dubois@acme.example", "ben.carter@acme.example", "robin.park@contractor.example"})
        QTest::newRow(clean) << QString::fromLatin1(clean) << QStringList{};
}

void TstEmulatorIdp::demoDriftCases()
{
    QFETCH(QString, login);
    QFETCH(QStringList, kinds);
    QString error;
    const std::optional<Dataset> demo =
        Dataset::load(QStringLiteral(SCIMITAR_SOURCE_DIR "/resources/demo/demo-dataset.json"), &error);
    QVERIFY2(demo, qPrintable(error));
    const std::optional<QJsonObject> policy = loadDemoPolicy(&error);
    QVERIFY2(policy, qPrintable(error));
    QStringList actual = DemoOracle(*demo, *policy).kindsOf(login);
    actual.sort();
    kinds.sort();
    QCOMPARE(actual, kinds);
}

void TstEmulatorIdp::demoDriftHasNoSurprises()
{
    QString error;
    const std::optional<Dataset> demo =
        Dataset::load(QStringLiteral(SCIMITAR_SOURCE_DIR "/resources/demo/demo-dataset.json"), &error);
    QVERIFY2(demo, qPrintable(error));
    const std::optional<QJsonObject> policy = loadDemoPolicy(&error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(policy->value(QStringLiteral("idp")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("okta"));

    // Every policy group exists on its side; for the IdP groups the policy names, Okta (direct) and
    // Graph (transitive) agree, so the demo drifts the same whichever face a client reads.
    for (const QJsonValue& value : policy->value(QStringLiteral("rules")).toArray()) {
        const QJsonObject rule = value.toObject();
        const QString name = rule.value(QStringLiteral("idpGroup")).toString();
        const IdpDataset::Group* group = nullptr;
        for (const IdpDataset::Group& each : demo->idp().groups()) {
            if (each.name == name)
                group = &each;
        }
        QVERIFY2(group, qPrintable(name));
        QStringList direct = group->members;
        QStringList transitive = demo->idp().transitiveUsers(group->id);
        direct.sort();
        transitive.sort();
        QCOMPARE(transitive, direct);
    }

    const DemoOracle oracle(*demo, *policy);
    QMap<QString, QStringList> actual;
    for (const QString& login : oracle.everyone()) {
        QStringList kinds = oracle.kindsOf(login);
        kinds.sort();
        if (!kinds.isEmpty())
            actual.insert(login, kinds);
    }
    QMap<QString, QStringList> expected = expectedDemoDrift();
    for (QStringList& kinds : expected)
        kinds.sort();
    QCOMPARE(actual, expected);

    // Every kind the design names appears at least once.
    QSet<QString> kinds;
    for (const QStringList& list : std::as_const(actual))
        kinds.unite(QSet<QString>(list.begin(), list.end()));
    QCOMPARE(kinds, (QSet<QString>{"role-without-grant/direct", "role-without-grant/inherited", "member-without-grant",
                                   "missing-member", "not-provisioned", "deprovisioned-active", "unknown-in-idp",
                                   "entitlement-without-grant"}));
    // The token owner is protected, so its findings come with a blocked fix.
    QVERIFY(policy->value(QStringLiteral("protected"))
                .toObject()
                .value(QStringLiteral("users"))
                .toArray()
                .contains(QJsonValue(demo->me())));
    // One DEPROVISIONED and one SUSPENDED among the deprovisioned-active.
    QCOMPARE(demo->idp().findUserByLogin(QStringLiteral("omar.haddad@acme.example"))->status,
             QStringLiteral("DEPROVISIONED"));
    QCOMPARE(demo->idp().findUserByLogin(QStringLiteral("kenji.watanabe@acme.example"))->status,
             QStringLiteral("SUSPENDED"));
}

// ---- Executable --------------------------------------------------------------------------------

void TstEmulatorIdp::executableIdpFlags()
{
    const QString binDir = qEnvironmentVariable("SCIMITAR_BIN_DIR");
    if (binDir.isEmpty())
        QSKIP("SCIMITAR_BIN_DIR is not set (run through ctest)");
    QProcess process;
    process.start(binDir + QStringLiteral("/scimitar-emulator"),
                  {QStringLiteral("--dataset"), QStringLiteral(SCIMITAR_SOURCE_DIR "/resources/demo/demo-dataset.json"),
                   QStringLiteral("--okta-token"), QStringLiteral("okta-secret-123"),
                   QStringLiteral("--entra-client-secret"), QStringLiteral("entra-secret-456"),
                   QStringLiteral("--okta-throttle-every"), QStringLiteral("2"), QStringLiteral("--graph-retry-after"),
                   QStringLiteral("1.5")});
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    auto stop = qScopeGuard([&] {
        process.kill();
        process.waitForFinished(5000);
    });
    QElapsedTimer timer;
    timer.start();
    while (!process.canReadLine() && timer.elapsed() < 10000)
        process.waitForReadyRead(200);
    bool ok = false;
    const int port = process.readLine().trimmed().toInt(&ok);
    QVERIFY(ok && port > 0);
    QByteArray standardError;
    while (!standardError.contains("IdP:") && timer.elapsed() < 10000) {
        process.waitForReadyRead(200);
        standardError += process.readAllStandardError();
    }
    const QByteArray base = "http://127.0.0.1:" + QByteArray::number(port);
    QVERIFY2(standardError.contains("Okta:           " + base + "/api/v1/"), standardError.constData());
    QVERIFY2(standardError.contains("Graph:          " + base + "/v1.0/"), standardError.constData());
    QVERIFY2(standardError.contains(base + "/<any-tenant>/oauth2/v2.0/token"), standardError.constData());
    QVERIFY(standardError.contains("client_id emulator-client-id"));
    QVERIFY(!standardError.contains("okta-secret-123"));
    QVERIFY(!standardError.contains("entra-secret-456"));

    QUrl groups(QString::fromLatin1(base + "/api/v1/groups"));
    QCOMPARE(okta(groups, "SSWS okta-secret-123").status, 200);
    QCOMPARE(okta(groups, kOktaAuth).status, 401);
    QCOMPARE(okta(groups, "SSWS okta-secret-123").status, 429);
}

void TstEmulatorIdp::executableRejectsBadIdpFlags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("okta throttle") << QStringList{"--okta-throttle-every", "often"} << "--okta-throttle-every";
    QTest::newRow("graph retry-after") << QStringList{"--graph-retry-after", "soon"} << "--graph-retry-after";
    QTest::newRow("negative retry-after") << QStringList{"--graph-retry-after", "-1"} << "--graph-retry-after";
    QTest::newRow("empty okta token") << QStringList{"--okta-token", ""} << "--okta-token";
    QTest::newRow("empty secret") << QStringList{"--entra-client-secret", ""} << "--entra-client-secret";
    QTest::newRow("token lifetime") << QStringList{"--entra-token-lifetime", "-5"} << "--entra-token-lifetime";
}

void TstEmulatorIdp::executableRejectsBadIdpFlags()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const QString binDir = qEnvironmentVariable("SCIMITAR_BIN_DIR");
    if (binDir.isEmpty())
        QSKIP("SCIMITAR_BIN_DIR is not set (run through ctest)");
    QProcess process;
    process.start(binDir + QStringLiteral("/scimitar-emulator"), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QString standardError = QString::fromUtf8(process.readAllStandardError()).trimmed();
    QVERIFY2(standardError.contains(expected), qPrintable(standardError));
    QCOMPARE(standardError.count(QLatin1Char('\n')), 0);
}

QTEST_GUILESS_MAIN(TstEmulatorIdp)
#include "tst_emulator_idp.moc"
