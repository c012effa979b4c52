// Tests of scimitar-emulator over real loopback HTTP: the wire shapes, Databricks' quirks and
// every fault option, as seen by a QNetworkAccessManager client.

#include "EmulatorHost.h"
#include "HttpProbe.h"

#include <Dataset.h>
#include <EmulatorServer.h>
#include <EmulatorThread.h>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <memory>
#include <optional>

using namespace scimitar::emulator;
using scimitar::test::EmulatorHost;

namespace {

const QByteArray kPatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const QString kArn = QStringLiteral("arn:aws:iam::123456789012:instance-profile/");

// A tiny hand-made workspace whose answers the tests can state exactly (\u0022 because moc
// mis-parses \" inside raw strings). Ana Leeds is in
// pii-readers, which is nested in pii-analysts (role pii-read); loop-a and loop-b contain each other.
const char* const kSmallDataset = R"({
 "me": "ana@example.com",
 "users": [
  {"id": "1001", "userName": "ana@example.com", "displayName": "Ana Lee", "active": true, "externalId": "ext-1",
   "emails": [{"value": "ana@example.com", "primary": true, "type": "work"}],
   "roles": [{"value": "arn:aws:iam::123456789012:instance-profile/direct"}],
   "entitlements": [{"value": "allow-cluster-create"}]},
  {"id": "1002", "userName": "ana.leeds@example.com", "displayName": "Ana Leeds", "active": true},
  {"id": "1003", "userName": "bob@example.org", "displayName": "Bob \u0022Q\u0022 Brown", "active": false},
  {"id": "1004", "userName": "carol@example.com", "displayName": "Carol", "active": true}
 ],
 "groups": [
  {"id": "2001", "displayName": "admins", "meta": {"resourceType": "WorkspaceGroup"},
   "members": [{"value": "1001"}], "entitlements": [{"value": "allow-cluster-create"}]},
  {"id": "2002", "displayName": "pii-analysts", "meta": {"resourceType": "Group"},
   "members": [{"value": "2003"}, {"value": "1004"}],
   "roles": [{"value": "arn:aws:iam::123456789012:instance-profile/pii-read"}],
   "entitlements": [{"value": "databricks-sql-access"}]},
  {"id": "2003", "displayName": "pii-readers", "meta": {"resourceType": "Group"},
   "members": [{"value": "1002"}, {"value": "3001"}]},
  {"id": "2004", "displayName": "loop-a", "members": [{"value": "2005"}]},
  {"id": "2005", "displayName": "loop-b", "members": [{"value": "2004"}, {"value": "1003"}]}
 ],
 "servicePrincipals": [
  {"id": "3001", "applicationId": "6f1c2a4e-1111-4222-8333-944455556666", "displayName": "etl-job", "active": true}
 ]
})";

Dataset smallDataset()
{
    QString error;
    std::optional<Dataset> dataset = Dataset::fromJson(kSmallDataset, &error);
    if (!dataset)
        qFatal("small dataset does not load: %s", qPrintable(error));
    return *dataset;
}

// A reply, with the SCIM body read as a JSON object.
struct Response : scimitar::test::HttpResult
{
    QJsonObject json;
    bool isJson = false;

    Response() = default;
    explicit Response(const scimitar::test::HttpResult& result)
        : HttpResult(result)
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        isJson = parseError.error == QJsonParseError::NoError && document.isObject();
        json = document.object();
    }

    QJsonArray resources() const { return json.value(QStringLiteral("Resources")).toArray(); }
    QStringList resourceIds() const
    {
        QStringList ids;
        for (const QJsonValue& resource : resources())
            ids.append(resource.toObject().value(QStringLiteral("id")).toString());
        return ids;
    }
};

using scimitar::test::withQuery;

QByteArray patchBody(const QJsonArray& operations)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schemas"), QJsonArray{QString::fromLatin1(kPatchSchema)}},
                                     {QStringLiteral("Operations"), operations}})
        .toJson(QJsonDocument::Compact);
}

QStringList values(const QJsonArray& array)
{
    QStringList result;
    for (const QJsonValue& item : array)
        result.append(item.toObject().value(QStringLiteral("value")).toString());
    return result;
}

} // namespace

class TstEmulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QString m_token = QString::fromLatin1(EmulatorOptions::kDemoToken);

    QNetworkReply* send(const QByteArray& verb, const QUrl& url, const QByteArray& body = {},
                        std::optional<QByteArray> authorization = std::nullopt)
    {
        return scimitar::test::sendRequest(*m_nam, verb, url,
                                           {{"Authorization", authorization.value_or("Bearer " + m_token.toUtf8())},
                                            {"Content-Type", "application/scim+json"}},
                                           body);
    }

    static Response collect(QNetworkReply* reply, const QElapsedTimer& timer)
    {
        return Response(scimitar::test::collectReply(reply, timer));
    }

    Response call(const QByteArray& verb, const QUrl& url, const QByteArray& body = {},
                  std::optional<QByteArray> authorization = std::nullopt)
    {
        QElapsedTimer timer;
        timer.start();
        return collect(send(verb, url, body, authorization), timer);
    }
    Response get(const QUrl& url) { return call("GET", url); }
    Response patch(const QUrl& url, const QJsonArray& operations) { return call("PATCH", url, patchBody(operations)); }

    // Sends all requests at once (QNAM opens up to six connections per host) and waits for all.
    QList<Response> parallel(const QList<QUrl>& urls)
    {
        QElapsedTimer timer;
        timer.start();
        QList<QNetworkReply*> replies;
        for (const QUrl& url : urls)
            replies.append(send("GET", url));
        QList<Response> responses;
        for (QNetworkReply* reply : replies)
            responses.append(collect(reply, timer));
        return responses;
    }

private slots:
    void init() { m_nam = std::make_unique<QNetworkAccessManager>(); }
    void cleanup() { m_nam.reset(); }

    void authentication_data();
    void authentication();
    void responseHeaders();
    void paging_data();
    void paging();
    void pageSizeCap();
    void fullWalk_data();
    void fullWalk();
    void filter_data();
    void filter();
    void attributes_data();
    void attributes();
    void derivedFields();
    void meEndpoint();
    void accountFace();
    void unknownRoutes();
    void patchChangesState_data();
    void patchChangesState();
    void patchErrors_data();
    void patchErrors();
    void patchIsAtomic();
    void throttle_data();
    void throttle();
    void requestLimitExceeded();
    void unavailable();
    void malformed();
    void failPath();
    void latencyOverlaps();
    void maxConcurrent();
    void dropConnection();
    void everyNthCountsAuthenticatedOnly();
    void growTotal();
    void repeatFirstPage();
    void omitResourcesAfter();
    void unevenPagesAreDeterministic();
    void statsAndLog();
    void datasetChangesBetweenCalls();
    void generatorDeterminism();
    void generatorShape();
    void generatorBuildsLargeWorkspaces();
    void datasetLoadErrors_data();
    void datasetLoadErrors();
    void datasetRoundTrip();
    void demoDataset();
    void executablePrintsPort();
    void executableRejectsBadFlags_data();
    void executableRejectsBadFlags();
};

void TstEmulator::authentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("missing") << QByteArray() << 401;
    QTest::newRow("wrong token") << QByteArray("Bearer dapi-wrong") << 401;
    QTest::newRow("basic scheme") << QByteArray("Basic ZGFwaTp4") << 401;
    QTest::newRow("token without scheme") << QByteArray(EmulatorOptions::kDemoToken) << 401;
    QTest::newRow("right token") << QByteArray("Bearer ") + EmulatorOptions::kDemoToken << 200;
}

void TstEmulator::authentication()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    EmulatorHost host({}, smallDataset());
    QVERIFY2(host.isRunning(), qPrintable(host.errorString()));
    const Response response = call("GET", host.workspaceScimUrl(QStringLiteral("Users")), {}, authorization);
    QCOMPARE(response.status, status);
    QVERIFY(response.isJson);
    if (status == 401) {
        QCOMPARE(response.json.value(QStringLiteral("status")), QJsonValue(QStringLiteral("401"))); // a string
        QCOMPARE(response.json.value(QStringLiteral("schemas")).toArray().first().toString(),
                 QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error"));
    }
}

void TstEmulator::responseHeaders()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    const Response first = get(host.workspaceScimUrl(QStringLiteral("Users")));
    const Response second = get(host.workspaceScimUrl(QStringLiteral("Users")));
    QCOMPARE(first.status, 200);
    QVERIFY(first.header("Content-Type").startsWith("application/json"));
    QVERIFY2(!QUuid::fromString(QString::fromLatin1(first.header("X-Request-Id"))).isNull(),
             first.header("X-Request-Id"));
    QVERIFY(first.header("X-Request-Id") != second.header("X-Request-Id"));
    QCOMPARE(first.header("X-Databricks-Org-Id"), QByteArray("1234567890123456"));

    const Response account = get(host.accountScimUrl(QStringLiteral("Users")));
    QCOMPARE(account.status, 200);
    QVERIFY(!account.header("X-Request-Id").isEmpty());
    QVERIFY(account.header("X-Databricks-Org-Id").isEmpty());
}

void TstEmulator::paging_data()
{
    QTest::addColumn<QString>("startIndex"); // empty: parameter absent
    QTest::addColumn<QString>("count");
    QTest::addColumn<int>("expectedStart");
    QTest::addColumn<int>("expectedItems");
    // 120 users in the default dataset.
    QTest::newRow("first page") << "1"
                                << "10" << 1 << 10;
    QTest::newRow("defaults") << ""
                              << "" << 1 << 100;
    QTest::newRow("second default page") << "101"
                                         << "" << 101 << 20;
    QTest::newRow("zero start means 1") << "0"
                                        << "5" << 1 << 5;
    QTest::newRow("negative start means 1") << "-7"
                                            << "5" << 1 << 5;
    QTest::newRow("partial last page") << "115"
                                       << "10" << 115 << 6;
    QTest::newRow("last item") << "120"
                               << "10" << 120 << 1;
    QTest::newRow("just past the end") << "121"
                                       << "10" << 121 << 0;
    QTest::newRow("far past the end") << "5000"
                                      << "10" << 5000 << 0;
    QTest::newRow("count zero") << "1"
                                << "0" << 1 << 0;
}

void TstEmulator::paging()
{
    QFETCH(QString, startIndex);
    QFETCH(QString, count);
    QFETCH(int, expectedStart);
    QFETCH(int, expectedItems);
    EmulatorHost host;
    QVERIFY(host.isRunning());
    QList<QPair<QString, QString>> query;
    if (!startIndex.isEmpty())
        query.append({QStringLiteral("startIndex"), startIndex});
    if (!count.isEmpty())
        query.append({QStringLiteral("count"), count});
    const Response response = get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), query));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(QStringLiteral("schemas")).toArray().first().toString(),
             QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
    QCOMPARE(response.json.value(QStringLiteral("totalResults")).toInt(), 120);
    QCOMPARE(response.json.value(QStringLiteral("startIndex")).toInt(), expectedStart);
    QCOMPARE(response.json.value(QStringLiteral("itemsPerPage")).toInt(), expectedItems);
    // Databricks omits the key entirely on an empty page (and spells it with a capital R).
    QCOMPARE(response.json.contains(QStringLiteral("Resources")), expectedItems > 0);
    QVERIFY(!response.json.contains(QStringLiteral("resources")));
    const QStringList expectedIds = host.dataset().ids(ResourceKind::User).mid(expectedStart - 1, expectedItems);
    QCOMPARE(response.resourceIds(), expectedIds);
}

void TstEmulator::pageSizeCap()
{
    EmulatorOptions options;
    options.maxPageSize = 37;
    EmulatorHost host(options);
    QVERIFY(host.isRunning());
    Response response = get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"count", "100"}}));
    QCOMPARE(response.json.value(QStringLiteral("itemsPerPage")).toInt(), 37);
    QCOMPARE(response.resources().size(), 37);

    host.updateOptions([](EmulatorOptions& o) { o.maxPageSize = 100; });
    response = get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"count", "10000"}}));
    QCOMPARE(response.resources().size(), 100);
    QCOMPARE(response.json.value(QStringLiteral("totalResults")).toInt(), 120);

    response = get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"count", "ten"}}));
    QCOMPARE(response.status, 400);
}

void TstEmulator::fullWalk_data()
{
    QTest::addColumn<bool>("uneven");
    QTest::addColumn<QString>("resource");
    QTest::newRow("users") << false << "Users";
    QTest::newRow("users, uneven pages") << true << "Users";
    QTest::newRow("groups, uneven pages") << true << "Groups";
}

void TstEmulator::fullWalk()
{
    QFETCH(bool, uneven);
    QFETCH(QString, resource);
    EmulatorOptions options;
    options.unevenPages = uneven;
    EmulatorHost host(options);
    QVERIFY(host.isRunning());
    const ResourceKind kind = resource == QLatin1String("Users") ? ResourceKind::User : ResourceKind::Group;

    QStringList seen;
    QSet<int> pageSizes;
    int startIndex = 1;
    for (int page = 0; page < 200; ++page) {
        const Response response = get(
            withQuery(host.workspaceScimUrl(resource), {{"startIndex", QString::number(startIndex)}, {"count", "10"}}));
        QCOMPARE(response.status, 200);
        const QStringList ids = response.resourceIds();
        if (ids.isEmpty())
            break;
        QVERIFY(ids.size() <= 10);
        pageSizes.insert(int(ids.size()));
        seen += ids;
        startIndex += int(ids.size());
    }
    QCOMPARE(seen, host.dataset().ids(kind));
    if (uneven)
        QVERIFY2(pageSizes.size() > 2, "uneven pages should vary in size");
}

void TstEmulator::filter_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expectedIds"); // empty with valid=false: invalidFilter
    QTest::addColumn<bool>("valid");

    QTest::newRow("eq") << "Users"
                        << R"(userName eq "ana@example.com")" << QStringList{"1001"} << true;
    QTest::newRow("case-insensitive everything") << "Users"
                                                 << R"(USERNAME EQ "ANA@EXAMPLE.COM")" << QStringList{"1001"} << true;
    QTest::newRow("sw") << "Users"
                        << R"(userName sw "ana")" << QStringList{"1001", "1002"} << true;
    QTest::newRow("co") << "Users"
                        << R"(userName co "example.org")" << QStringList{"1003"} << true;
    QTest::newRow("ne") << "Users"
                        << R"(userName ne "ana@example.com")" << QStringList{"1002", "1003", "1004"} << true;
    QTest::newRow("escaped quote") << "Users"
                                   << R"(displayName co "\"Q\"")" << QStringList{"1003"} << true;
    QTest::newRow("and") << "Users"
                         << R"(userName sw "ana" and displayName eq "ana leeds")" << QStringList{"1002"} << true;
    QTest::newRow("or") << "Users"
                        << R"(userName eq "ana@example.com" or userName eq "carol@example.com")"
                        << QStringList{"1001", "1004"} << true;
    QTest::newRow("left to right") << "Users"
                                   << R"(userName sw "ana" and active eq true or userName eq "bob@example.org")"
                                   << QStringList{"1001", "1002", "1003"} << true;
    QTest::newRow("active false") << "Users"
                                  << "active eq false" << QStringList{"1003"} << true;
    QTest::newRow("id eq") << "Users"
                           << R"(id eq "1003")" << QStringList{"1003"} << true;
    QTest::newRow("externalId eq") << "Users"
                                   << R"(externalId eq "ext-1")" << QStringList{"1001"} << true;
    QTest::newRow("externalId is case-sensitive") << "Users"
                                                  << R"(externalId eq "EXT-1")" << QStringList{} << true;
    QTest::newRow("no match") << "Users"
                              << R"(userName eq "nobody@example.com")" << QStringList{} << true;
    QTest::newRow("group displayName") << "Groups"
                                       << R"(displayName eq "PII-Readers")" << QStringList{"2003"} << true;
    QTest::newRow("group sw") << "Groups"
                              << R"(displayName sw "pii")" << QStringList{"2002", "2003"} << true;
    QTest::newRow("applicationId") << "ServicePrincipals"
                                   << R"(applicationId eq "6F1C2A4E-1111-4222-8333-944455556666")"
                                   << QStringList{"3001"} << true;

    QTest::newRow("unsupported attribute") << "Users"
                                           << R"(emails.value eq "x")" << QStringList{} << false;
    QTest::newRow("unsupported operator") << "Users"
                                          << R"(userName gt "a")" << QStringList{} << false;
    QTest::newRow("parentheses") << "Users"
                                 << R"((userName eq "a"))" << QStringList{} << false;
    QTest::newRow("unterminated string") << "Users"
                                         << R"(userName eq "abc)" << QStringList{} << false;
    QTest::newRow("bad join") << "Users"
                              << R"(userName eq "a" xor userName eq "b")" << QStringList{} << false;
    QTest::newRow("dangling and") << "Users"
                                  << R"(userName eq "a" and)" << QStringList{} << false;
    QTest::newRow("attribute only") << "Users"
                                    << "userName" << QStringList{} << false;
}

void TstEmulator::filter()
{
    QFETCH(QString, resource);
    QFETCH(QString, filter);
    QFETCH(QStringList, expectedIds);
    QFETCH(bool, valid);
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    const Response response = get(withQuery(host.workspaceScimUrl(resource), {{"filter", filter}}));
    if (!valid) {
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json.value(QStringLiteral("scimType")).toString(), QStringLiteral("invalidFilter"));
        QCOMPARE(response.json.value(QStringLiteral("status")).toString(), QStringLiteral("400"));
        return;
    }
    QCOMPARE(response.status, 200);
    QCOMPARE(response.resourceIds(), expectedIds);
    QCOMPARE(response.json.value(QStringLiteral("totalResults")).toInt(), expectedIds.size());
}

void TstEmulator::attributes_data()
{
    QTest::addColumn<QString>("path"); // Users or Users/1001
    QTest::addColumn<QString>("attributes");
    QTest::addColumn<QString>("excluded");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("list attributes") << "Users"
                                     << "userName"
                                     << "" << QStringList{"id", "schemas", "userName"}
                                     << QStringList{"displayName", "groups", "roles", "emails", "active", "meta"};
    QTest::newRow("sub-attribute selects parent")
        << "Users"
        << "userName,emails.value"
        << "" << QStringList{"id", "schemas", "userName", "emails"} << QStringList{"groups", "displayName"};
    QTest::newRow("list excludedAttributes")
        << "Users"
        << ""
        << "groups,roles,entitlements,emails" << QStringList{"id", "schemas", "userName", "displayName", "active"}
        << QStringList{"groups", "roles", "entitlements", "emails"};
    QTest::newRow("id and schemas always")
        << "Users"
        << ""
        << "id,schemas,userName" << QStringList{"id", "schemas", "displayName"} << QStringList{"userName"};
    QTest::newRow("get attributes") << "Users/1001"
                                    << "displayName,active"
                                    << "" << QStringList{"id", "schemas", "displayName", "active"}
                                    << QStringList{"userName", "groups", "roles"};
    QTest::newRow("get excludedAttributes")
        << "Groups/2002"
        << ""
        << "members" << QStringList{"id", "displayName", "roles", "groups"} << QStringList{"members"};
    QTest::newRow("case-insensitive names") << "Users/1001"
                                            << "USERNAME"
                                            << "" << QStringList{"id", "userName"} << QStringList{"displayName"};
}

void TstEmulator::attributes()
{
    QFETCH(QString, path);
    QFETCH(QString, attributes);
    QFETCH(QString, excluded);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    QList<QPair<QString, QString>> query;
    if (!attributes.isEmpty())
        query.append({QStringLiteral("attributes"), attributes});
    if (!excluded.isEmpty())
        query.append({QStringLiteral("excludedAttributes"), excluded});
    const Response response = get(withQuery(host.workspaceScimUrl(path), query));
    QCOMPARE(response.status, 200);
    const QJsonObject resource =
        path.contains(QLatin1Char('/')) ? response.json : response.resources().first().toObject();
    for (const QString& key : present)
        QVERIFY2(resource.contains(key), qPrintable(key + QStringLiteral(" missing")));
    for (const QString& key : absent)
        QVERIFY2(!resource.contains(key), qPrintable(key + QStringLiteral(" present")));
}

void TstEmulator::derivedFields()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());

    // Ana Leeds: direct member of pii-readers, indirect of pii-analysts, inherits its role.
    Response response = get(host.workspaceScimUrl(QStringLiteral("Users/1002")));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(QStringLiteral("schemas")).toArray().first().toString(),
             QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"));
    QCOMPARE(response.json.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("User"));
    const QJsonArray groups = response.json.value(QStringLiteral("groups")).toArray();
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(0).toObject(),
             (QJsonObject{{"value", "2003"}, {"display", "pii-readers"}, {"$ref", "Groups/2003"}, {"type", "direct"}}));
    QCOMPARE(groups.at(1).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("2002"));
    QCOMPARE(groups.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("indirect"));
    QCOMPARE(response.json.value(QStringLiteral("roles")).toArray(),
             (QJsonArray{QJsonObject{{"value", kArn + "pii-read"}, {"type", "indirect"}}}));

    // Ana Lee: own role is direct.
    response = get(host.workspaceScimUrl(QStringLiteral("Users/1001")));
    QCOMPARE(response.json.value(QStringLiteral("roles")).toArray(),
             (QJsonArray{QJsonObject{{"value", kArn + "direct"}, {"type", "direct"}}}));

    // Group members carry display and $ref of the right kind.
    response = get(host.workspaceScimUrl(QStringLiteral("Groups/2003")));
    QCOMPARE(response.json.value(QStringLiteral("members")).toArray(),
             (QJsonArray{QJsonObject{{"value", "1002"}, {"display", "Ana Leeds"}, {"$ref", "Users/1002"}},
                         QJsonObject{{"value", "3001"}, {"display", "etl-job"}, {"$ref", "ServicePrincipals/3001"}}}));
    QCOMPARE(response.json.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("Group"));
    response = get(host.workspaceScimUrl(QStringLiteral("Groups/2001")));
    QCOMPARE(response.json.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("WorkspaceGroup"));

    // Service principal: groups and inherited role through nesting.
    response = get(host.workspaceScimUrl(QStringLiteral("ServicePrincipals/3001")));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString(),
             QStringLiteral("ServicePrincipal"));
    QCOMPARE(values(response.json.value(QStringLiteral("groups")).toArray()), (QStringList{"2003", "2002"}));
    QCOMPARE(values(response.json.value(QStringLiteral("roles")).toArray()), QStringList{kArn + "pii-read"});

    // Cycles terminate: bob is in loop-b, which contains loop-a, which contains loop-b.
    response = get(host.workspaceScimUrl(QStringLiteral("Users/1003")));
    QCOMPARE(response.status, 200);
    QCOMPARE(values(response.json.value(QStringLiteral("groups")).toArray()), (QStringList{"2005", "2004"}));
    response = get(host.workspaceScimUrl(QStringLiteral("Groups/2004")));
    QCOMPARE(values(response.json.value(QStringLiteral("groups")).toArray()), QStringList{"2005"});

    response = get(host.workspaceScimUrl(QStringLiteral("Users/9999")));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.json.value(QStringLiteral("status")).toString(), QStringLiteral("404"));
}

void TstEmulator::meEndpoint()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    Response response = get(host.workspaceScimUrl(QStringLiteral("Me")));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(QStringLiteral("id")).toString(), QStringLiteral("1001"));
    QCOMPARE(response.json.value(QStringLiteral("userName")).toString(), QStringLiteral("ana@example.com"));
    response = get(withQuery(host.workspaceScimUrl(QStringLiteral("Me")), {{"excludedAttributes", "entitlements"}}));
    QCOMPARE(response.status, 200);
    QVERIFY(!response.json.contains(QStringLiteral("entitlements")));
    QVERIFY(response.json.contains(QStringLiteral("userName")));
}

void TstEmulator::accountFace()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());

    for (const QString& version : {QStringLiteral("2.0"), QStringLiteral("2.1")}) {
        Response list = get(host.accountScimUrl(QStringLiteral("Groups"), QStringLiteral("any-account"), version));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.resources().size(), 5);
        for (const QJsonValue& group : list.resources()) {
            QVERIFY(!group.toObject().contains(QStringLiteral("members")));
            QVERIFY(!group.toObject().contains(QStringLiteral("entitlements")));
            QCOMPARE(group.toObject()
                         .value(QStringLiteral("meta"))
                         .toObject()
                         .value(QStringLiteral("resourceType"))
                         .toString(),
                     QStringLiteral("Group"));
        }
    }
    // Asking for members explicitly in a list does not bring them back.
    Response list = get(withQuery(host.accountScimUrl(QStringLiteral("Groups")), {{"attributes", "members"}}));
    QVERIFY(!list.resources().first().toObject().contains(QStringLiteral("members")));

    Response group = get(host.accountScimUrl(QStringLiteral("Groups/2002")));
    QCOMPARE(group.status, 200);
    QCOMPARE(values(group.json.value(QStringLiteral("members")).toArray()), (QStringList{"2003", "1004"}));
    QVERIFY(!group.json.contains(QStringLiteral("entitlements")));

    Response user = get(host.accountScimUrl(QStringLiteral("Users/1001")));
    QCOMPARE(user.status, 200);
    QVERIFY(!user.json.contains(QStringLiteral("entitlements")));

    // Workspace lists do carry members, unless the fault says otherwise.
    list = get(host.workspaceScimUrl(QStringLiteral("Groups")));
    QVERIFY(list.resources().first().toObject().contains(QStringLiteral("members")));
    QVERIFY(list.resources().first().toObject().contains(QStringLiteral("entitlements")));
    host.updateOptions([](EmulatorOptions& o) { o.omitMembersInLists = true; });
    list = get(host.workspaceScimUrl(QStringLiteral("Groups")));
    QVERIFY(!list.resources().first().toObject().contains(QStringLiteral("members")));
    group = get(host.workspaceScimUrl(QStringLiteral("Groups/2002")));
    QVERIFY(group.json.contains(QStringLiteral("members")));

    // Entitlements cannot be patched at account level.
    Response patched = patch(host.accountScimUrl(QStringLiteral("Users/1002")),
                             {QJsonObject{{"op", "add"},
                                          {"path", "entitlements"},
                                          {"value", QJsonArray{QJsonObject{{"value", "workspace-access"}}}}}});
    QCOMPARE(patched.status, 400);

    // A configured account id is enforced.
    host.updateOptions([](EmulatorOptions& o) { o.accountId = QStringLiteral("acct-1"); });
    QCOMPARE(get(host.accountScimUrl(QStringLiteral("Users"), QStringLiteral("acct-1"))).status, 200);
    QCOMPARE(get(host.accountScimUrl(QStringLiteral("Users"), QStringLiteral("acct-2"))).status, 404);
}

void TstEmulator::unknownRoutes()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Widgets"))).status, 404);
    QUrl other = host.baseUrl();
    other.setPath(QStringLiteral("/api/2.0/clusters/list"));
    QCOMPARE(get(other).status, 404);
    QCOMPARE(call("DELETE", host.workspaceScimUrl(QStringLiteral("Users/1001"))).status, 405);
    QCOMPARE(call("POST", host.workspaceScimUrl(QStringLiteral("Users")), "{}").status, 405);
    QCOMPARE(patch(host.workspaceScimUrl(QStringLiteral("Users/9999")), {}).status, 404);
}

void TstEmulator::patchChangesState_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("operation");
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QJsonValue>("expected"); // stored value of `attribute` afterwards

    const auto list = [](const QStringList& items) {
        QJsonArray array;
        for (const QString& item : items)
            array.append(QJsonObject{{"value", item}});
        return array;
    };
    QTest::newRow("add role") << "Users/1002"
                              << QJsonObject{{"op", "add"}, {"path", "roles"}, {"value", list({kArn + "x"})}} << "roles"
                              << QJsonValue(list({kArn + "x"}));
    QTest::newRow("remove role") << "Users/1001"
                                 << QJsonObject{{"op", "remove"}, {"path", "roles[value eq \"" + kArn + "direct\"]"}}
                                 << "roles" << QJsonValue(QJsonArray());
    QTest::newRow("add entitlement, op in capitals")
        << "Users/1001" << QJsonObject{{"op", "Add"}, {"path", "entitlements"}, {"value", list({"workspace-access"})}}
        << "entitlements" << QJsonValue(list({"allow-cluster-create", "workspace-access"}));
    QTest::newRow("add existing entitlement is idempotent")
        << "Users/1001"
        << QJsonObject{{"op", "add"}, {"path", "entitlements"}, {"value", list({"allow-cluster-create"})}}
        << "entitlements" << QJsonValue(list({"allow-cluster-create"}));
    QTest::newRow("remove entitlement") << "Groups/2001"
                                        << QJsonObject{{"op", "remove"},
                                                       {"path", R"(entitlements[value eq "allow-cluster-create"])"}}
                                        << "entitlements" << QJsonValue(QJsonArray());
    QTest::newRow("add member") << "Groups/2003"
                                << QJsonObject{{"op", "add"}, {"path", "members"}, {"value", list({"1004"})}}
                                << "members" << QJsonValue(list({"1002", "3001", "1004"}));
    QTest::newRow("remove member") << "Groups/2003"
                                   << QJsonObject{{"op", "remove"}, {"path", R"(members[value eq "1002"])"}}
                                   << "members" << QJsonValue(list({"3001"}));
    QTest::newRow("remove absent member is fine")
        << "Groups/2003" << QJsonObject{{"op", "remove"}, {"path", R"(members[value eq "1004"])"}} << "members"
        << QJsonValue(list({"1002", "3001"}));
    QTest::newRow("deactivate, Terraform form")
        << "Users/1001" << QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", list({"false"})}} << "active"
        << QJsonValue(false);
    QTest::newRow("deactivate, string") << "Users/1001"
                                        << QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", "false"}}
                                        << "active" << QJsonValue(false);
    QTest::newRow("deactivate, bool") << "ServicePrincipals/3001"
                                      << QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", false}}
                                      << "active" << QJsonValue(false);
    QTest::newRow("reactivate") << "Users/1003"
                                << QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", list({"true"})}}
                                << "active" << QJsonValue(true);
}

void TstEmulator::patchChangesState()
{
    QFETCH(QString, path);
    QFETCH(QJsonObject, operation);
    QFETCH(QString, attribute);
    QFETCH(QJsonValue, expected);
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    const Response response = patch(host.workspaceScimUrl(path), {operation});
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json.value(QStringLiteral("id")).toString(), path.section(QLatin1Char('/'), 1));

    const QString id = path.section(QLatin1Char('/'), 1);
    const Dataset dataset = host.dataset();
    const QJsonObject stored = dataset.resource(*dataset.kindOf(id), id);
    QCOMPARE(stored.value(attribute), expected);
    // And the next GET shows it too.
    const Response after = get(host.workspaceScimUrl(path));
    if (attribute == QLatin1String("active"))
        QCOMPARE(after.json.value(attribute), expected);
    else if (attribute == QLatin1String("roles")) {
        QJsonArray direct; // the GET also lists roles inherited from groups, as "indirect"
        for (const QJsonValue& role : after.json.value(attribute).toArray()) {
            if (role.toObject().value(QStringLiteral("type")).toString() == QLatin1String("direct"))
                direct.append(role);
        }
        QCOMPARE(values(direct), values(expected.toArray()));
    } else
        QCOMPARE(values(after.json.value(attribute).toArray()), values(expected.toArray()));
}

void TstEmulator::patchErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType"); // empty: not checked
    QTest::addColumn<QString>("detail");   // substring

    QTest::newRow("remove with value") << "Groups/2001"
                                       << patchBody({QJsonObject{
                                              {"op", "remove"},
                                              {"path", R"(entitlements[value eq "allow-cluster-create"])"},
                                              {"value", QJsonArray{QJsonObject{{"value", "allow-cluster-create"}}}}}})
                                       << 400 << ""
                                       << R"(Unrecognized field "value")";
    QTest::newRow("remove without filter")
        << "Groups/2003" << patchBody({QJsonObject{{"op", "remove"}, {"path", "members"}}}) << 400 << ""
        << "members";
    QTest::newRow("remove absent entitlement")
        << "Users/1002"
        << patchBody({QJsonObject{{"op", "remove"}, {"path", R"(entitlements[value eq "allow-cluster-create"])"}}})
        << 400 << "invalidPath"
        << "No such attribute with the name : ";
    QTest::newRow("remove absent role") << "Users/1002"
                                        << patchBody(
                                               {QJsonObject{{"op", "remove"}, {"path", R"(roles[value eq "arn:x"])"}}})
                                        << 400 << "invalidPath"
                                        << "No such attribute with the name : ";
    QTest::newRow("remove inherited role is absent on the user")
        << "Users/1002"
        << patchBody({QJsonObject{{"op", "remove"}, {"path", "roles[value eq \"" + kArn + "pii-read\"]"}}}) << 400
        << "invalidPath"
        << "No such attribute";
    QTest::newRow("add unknown member") << "Groups/2003"
                                        << patchBody(
                                               {QJsonObject{{"op", "add"},
                                                            {"path", "members"},
                                                            {"value", QJsonArray{QJsonObject{{"value", "404404"}}}}}})
                                        << 404 << ""
                                        << "404404";
    QTest::newRow("unknown op") << "Users/1001" << patchBody({QJsonObject{{"op", "move"}, {"path", "roles"}}}) << 400
                                << "invalidValue"
                                << "move";
    QTest::newRow("unknown path") << "Users/1001"
                                  << patchBody({QJsonObject{{"op", "replace"}, {"path", "userName"}, {"value", "x"}}})
                                  << 400 << "invalidPath"
                                  << "userName";
    QTest::newRow("members on a user")
        << "Users/1001"
        << patchBody(
               {QJsonObject{{"op", "add"}, {"path", "members"}, {"value", QJsonArray{QJsonObject{{"value", "1002"}}}}}})
        << 400 << "invalidPath"
        << "";
    QTest::newRow("bad active value") << "Users/1001"
                                      << patchBody(
                                             {QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", "maybe"}}})
                                      << 400 << "invalidValue"
                                      << "";
    QTest::newRow("missing schemas") << "Users/1001"
                                     << QByteArray(
                                            R"({"Operations":[{"op":"add","path":"roles","value":[{"value":"r"}]}]})")
                                     << 400 << ""
                                     << "";
    QTest::newRow("not JSON") << "Users/1001" << QByteArray("{nope") << 400 << ""
                              << "";
    QTest::newRow("escaped filter value")
        << "Users/1001" << patchBody({QJsonObject{{"op", "remove"}, {"path", R"(roles[value eq "a\"b\\c"])"}}}) << 400
        << "invalidPath"
        << R"(a\"b\\c)";
}

void TstEmulator::patchErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    QFETCH(QString, detail);
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    const Dataset before = host.dataset();
    const Response response = call("PATCH", host.workspaceScimUrl(path), body);
    QCOMPARE(response.status, status);
    QVERIFY(response.isJson);
    QCOMPARE(response.json.value(QStringLiteral("status")).toString(), QString::number(status));
    if (!scimType.isEmpty())
        QCOMPARE(response.json.value(QStringLiteral("scimType")).toString(), scimType);
    QVERIFY2(response.json.value(QStringLiteral("detail")).toString().contains(detail), response.body.constData());
    QCOMPARE(host.dataset().toJson(), before.toJson());
}

void TstEmulator::patchIsAtomic()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    // The first operation is fine, the second fails: nothing may change.
    Response response = patch(host.workspaceScimUrl(QStringLiteral("Groups/2003")),
                              {QJsonObject{{"op", "remove"}, {"path", R"(members[value eq "1002"])"}},
                               QJsonObject{{"op", "remove"}, {"path", R"(roles[value eq "absent"])"}}});
    QCOMPARE(response.status, 400);
    QCOMPARE(values(host.dataset()
                        .resource(ResourceKind::Group, QStringLiteral("2003"))
                        .value(QStringLiteral("members"))
                        .toArray()),
             (QStringList{"1002", "3001"}));

    // Removing a member changes what the member's GET shows (derived fields are recomputed).
    response = patch(host.workspaceScimUrl(QStringLiteral("Groups/2003")),
                     {QJsonObject{{"op", "remove"}, {"path", R"(members[value eq "1002"])"}}});
    QCOMPARE(response.status, 200);
    response = get(host.workspaceScimUrl(QStringLiteral("Users/1002")));
    QCOMPARE(response.json.value(QStringLiteral("groups")).toArray(), QJsonArray());
    QVERIFY(!response.json.contains(QStringLiteral("roles")));

    host.updateOptions([](EmulatorOptions& o) { o.patchNoContent = true; });
    response = patch(host.workspaceScimUrl(QStringLiteral("Users/1001")),
                     {QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", false}}});
    QCOMPARE(response.status, 204);
    QVERIFY(response.body.isEmpty());
}

void TstEmulator::throttle_data()
{
    QTest::addColumn<QString>("retryAfter");
    QTest::newRow("integer seconds") << "1";
    QTest::newRow("fractional seconds") << "0.2";
    QTest::newRow("no header") << "";
}

void TstEmulator::throttle()
{
    QFETCH(QString, retryAfter);
    EmulatorOptions options;
    options.throttleEvery = 2;
    options.retryAfter = retryAfter;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    const QUrl url = host.workspaceScimUrl(QStringLiteral("Users"));
    QList<int> statuses;
    Response throttled;
    for (int i = 0; i < 4; ++i) {
        const Response response = get(url);
        statuses.append(response.status);
        if (response.status == 429)
            throttled = response;
    }
    QCOMPARE(statuses, (QList<int>{200, 429, 200, 429}));
    QCOMPARE(throttled.json.value(QStringLiteral("status")).toString(), QStringLiteral("429"));
    QCOMPARE(throttled.headers.contains("retry-after"), !retryAfter.isEmpty());
    QCOMPARE(QString::fromLatin1(throttled.header("Retry-After")), retryAfter);
}

void TstEmulator::requestLimitExceeded()
{
    EmulatorOptions options;
    options.limitExceededEvery = 3;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Users"))).status, 200);
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Groups"))).status, 200);
    const Response response = get(host.workspaceScimUrl(QStringLiteral("Users")));
    QCOMPARE(response.status, 500);
    QCOMPARE(response.json.value(QStringLiteral("detail")).toString(),
             QStringLiteral("REQUEST_LIMIT_EXCEEDED: Workspace 1234 exceeded the concurrent limit of 4 requests."));
    QCOMPARE(response.json.value(QStringLiteral("status")).toString(), QStringLiteral("500"));
    QVERIFY(response.json.value(QStringLiteral("schemas"))
                .toArray()
                .contains(QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")));
}

void TstEmulator::unavailable()
{
    EmulatorOptions options;
    options.unavailableEvery = 1;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    const Response response = get(host.workspaceScimUrl(QStringLiteral("Users")));
    QCOMPARE(response.status, 503);
    QCOMPARE(response.json.value(QStringLiteral("status")).toString(), QStringLiteral("503"));
}

void TstEmulator::malformed()
{
    EmulatorOptions options;
    options.malformedEvery = 2;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    const Response good = get(host.workspaceScimUrl(QStringLiteral("Users")));
    const Response bad = get(host.workspaceScimUrl(QStringLiteral("Users")));
    QCOMPARE(good.status, 200);
    QVERIFY(good.isJson);
    QCOMPARE(bad.status, 200);
    QVERIFY(!bad.body.isEmpty());
    QVERIFY(!bad.isJson);
    QVERIFY(good.body.startsWith(bad.body));
}

void TstEmulator::failPath()
{
    EmulatorOptions options;
    options.failPath = QStringLiteral("Users/1002");
    options.failStatus = 403;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Users/1001"))).status, 200);
    const Response failed = get(host.workspaceScimUrl(QStringLiteral("Users/1002")));
    QCOMPARE(failed.status, 403);
    QCOMPARE(failed.json.value(QStringLiteral("status")).toString(), QStringLiteral("403"));
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Users/1003"))).status, 200);

    // Matches the query too, decoded.
    host.updateOptions([](EmulatorOptions& o) {
        o.failPath = QStringLiteral("userName eq \"bob");
        o.failStatus = 500;
    });
    QCOMPARE(
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"filter", R"(userName eq "bob@example.org")"}}))
            .status,
        500);
    QCOMPARE(
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"filter", R"(userName eq "ana@example.com")"}}))
            .status,
        200);
}

void TstEmulator::latencyOverlaps()
{
    EmulatorOptions options;
    options.latencyMs = 300;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    // Four at once (within the concurrency limit) are held by the server at the same time: the replies are delayed
    // asynchronously, not one after another. (Counted by the server, not timed: no timing assertions in tests.)
    const QList<Response> responses = parallel(QList<QUrl>(4, host.workspaceScimUrl(QStringLiteral("Users"))));
    for (const Response& response : responses)
        QCOMPARE(response.status, 200);
    QCOMPARE(host.stats().peakInFlight, 4);
}

void TstEmulator::maxConcurrent()
{
    EmulatorOptions options;
    options.latencyMs = 400;
    options.maxConcurrent = 4;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    const QList<Response> responses = parallel(QList<QUrl>(6, host.workspaceScimUrl(QStringLiteral("Users"))));
    int ok = 0;
    int limited = 0;
    for (const Response& response : responses) {
        if (response.status == 200)
            ++ok;
        if (response.status == 500 && response.json.value(QStringLiteral("detail"))
                                          .toString()
                                          .startsWith(QLatin1String("REQUEST_LIMIT_EXCEEDED")))
            ++limited;
    }
    QCOMPARE(ok, 4);
    QCOMPARE(limited, 2);
    // Rejections are answered at once, so the sixth request may arrive after the fifth is gone.
    QVERIFY(host.stats().peakInFlight >= 5);

    // 0 lifts the limit.
    host.updateOptions([](EmulatorOptions& o) { o.maxConcurrent = 0; });
    for (const Response& response : parallel(QList<QUrl>(6, host.workspaceScimUrl(QStringLiteral("Users")))))
        QCOMPARE(response.status, 200);
}

void TstEmulator::dropConnection()
{
    EmulatorOptions options;
    options.dropConnectionEvery = 1;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    const Response response = get(host.workspaceScimUrl(QStringLiteral("Users")));
    QCOMPARE(response.status, 0);
    QVERIFY2(response.error == QNetworkReply::RemoteHostClosedError ||
                 response.error == QNetworkReply::ConnectionRefusedError,
             qPrintable(QString::number(response.error)));
    const EmulatorStats stats = host.stats();
    QVERIFY(!stats.requests.isEmpty());
    QCOMPARE(stats.requests.first().status, 0);

    host.updateOptions([](EmulatorOptions& o) { o.dropConnectionEvery = 0; });
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Users"))).status, 200);
}

void TstEmulator::everyNthCountsAuthenticatedOnly()
{
    EmulatorOptions options;
    options.throttleEvery = 2;
    EmulatorHost host(options, smallDataset());
    QVERIFY(host.isRunning());
    const QUrl url = host.workspaceScimUrl(QStringLiteral("Users"));
    QCOMPARE(get(url).status, 200);
    QCOMPARE(call("GET", url, {}, QByteArray("Bearer wrong")).status, 401);
    QCOMPARE(call("GET", url, {}, QByteArray("Bearer wrong")).status, 401);
    QCOMPARE(get(url).status, 429);
    // Setting options restarts the count.
    host.updateOptions([](EmulatorOptions& o) { o.throttleEvery = 3; });
    QCOMPARE(get(url).status, 200);
    QCOMPARE(get(url).status, 200);
    QCOMPARE(get(url).status, 429);
}

void TstEmulator::growTotal()
{
    EmulatorOptions options;
    options.growTotalPerListRequest = 7;
    EmulatorHost host(options);
    QVERIFY(host.isRunning());
    const QUrl url = withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"count", "10"}});
    QCOMPARE(get(url).json.value(QStringLiteral("totalResults")).toInt(), 120);
    QCOMPARE(get(url).json.value(QStringLiteral("totalResults")).toInt(), 127);
    QCOMPARE(get(url).json.value(QStringLiteral("totalResults")).toInt(), 134);
    // Only Users lists grow it.
    get(host.workspaceScimUrl(QStringLiteral("Groups")));
    const Dataset dataset = host.dataset();
    QCOMPARE(dataset.count(ResourceKind::User), 141);
    QSet<QString> names;
    for (const QString& id : dataset.ids(ResourceKind::User))
        names.insert(dataset.resource(ResourceKind::User, id).value(QStringLiteral("userName")).toString());
    QCOMPARE(names.size(), 141);
}

void TstEmulator::repeatFirstPage()
{
    EmulatorOptions options;
    options.repeatFirstPage = true;
    EmulatorHost host(options);
    QVERIFY(host.isRunning());
    const Response first =
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"startIndex", "1"}, {"count", "50"}}));
    const Response later =
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"startIndex", "51"}, {"count", "50"}}));
    QCOMPARE(later.resourceIds(), first.resourceIds());
    QCOMPARE(later.json.value(QStringLiteral("totalResults")).toInt(), 120);
    QCOMPARE(first.resourceIds().size(), 50);
}

void TstEmulator::omitResourcesAfter()
{
    EmulatorOptions options;
    options.omitResourcesAfter = 50;
    EmulatorHost host(options);
    QVERIFY(host.isRunning());
    const Response inside =
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"startIndex", "50"}, {"count", "10"}}));
    QCOMPARE(inside.resources().size(), 10);
    const Response after =
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"startIndex", "51"}, {"count", "10"}}));
    QCOMPARE(after.status, 200);
    QVERIFY(!after.json.contains(QStringLiteral("Resources")));
    QCOMPARE(after.json.value(QStringLiteral("totalResults")).toInt(), 120);
}

void TstEmulator::unevenPagesAreDeterministic()
{
    EmulatorOptions options;
    options.unevenPages = true;
    EmulatorHost host(options);
    QVERIFY(host.isRunning());
    const QUrl url = withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"startIndex", "31"}, {"count", "20"}});
    const Response a = get(url);
    const Response b = get(url);
    QCOMPARE(a.resourceIds(), b.resourceIds());
    QVERIFY(a.resourceIds().size() >= 1 && a.resourceIds().size() <= 20);
    QCOMPARE(a.json.value(QStringLiteral("itemsPerPage")).toInt(), a.resourceIds().size());
}

void TstEmulator::statsAndLog()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"filter", R"(userName eq "ana@example.com")"}}));
    call("GET", host.workspaceScimUrl(QStringLiteral("Groups")), {}, QByteArray("Bearer nope"));
    patch(host.workspaceScimUrl(QStringLiteral("Users/1001")),
          {QJsonObject{{"op", "replace"}, {"path", "active"}, {"value", false}}});
    const EmulatorStats stats = host.stats();
    QCOMPARE(stats.totalRequests, 3);
    QCOMPARE(stats.inFlight, 0);
    QCOMPARE(stats.peakInFlight, 1);
    QCOMPARE(stats.requests.size(), 3);
    QCOMPARE(stats.requests.at(0).method, QStringLiteral("GET"));
    QCOMPARE(stats.requests.at(0).pathAndQuery,
             QStringLiteral(R"(/api/2.0/preview/scim/v2/Users?filter=userName eq "ana@example.com")"));
    QCOMPARE(stats.requests.at(0).status, 200);
    QCOMPARE(stats.requests.at(1).status, 401);
    QCOMPARE(stats.requests.at(2).method, QStringLiteral("PATCH"));
    QCOMPARE(stats.requests.at(2).pathAndQuery, QStringLiteral("/api/2.0/preview/scim/v2/Users/1001"));
    host.resetStats();
    QCOMPARE(host.stats().totalRequests, 0);
    QVERIFY(host.stats().requests.isEmpty());
}

void TstEmulator::datasetChangesBetweenCalls()
{
    EmulatorHost host({}, smallDataset());
    QVERIFY(host.isRunning());
    host.modifyDataset([](Dataset& dataset) {
        QJsonObject user = dataset.resource(ResourceKind::User, QStringLiteral("1004"));
        user.insert(QStringLiteral("displayName"), QStringLiteral("Carol Renamed"));
        dataset.upsert(ResourceKind::User, user);
        dataset.remove(ResourceKind::User, QStringLiteral("1002"));
    });
    QCOMPARE(
        get(host.workspaceScimUrl(QStringLiteral("Users/1004"))).json.value(QStringLiteral("displayName")).toString(),
        QStringLiteral("Carol Renamed"));
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Users/1002"))).status, 404);
    // Removal also removed the membership.
    QCOMPARE(
        values(
            get(host.workspaceScimUrl(QStringLiteral("Groups/2003"))).json.value(QStringLiteral("members")).toArray()),
        QStringList{"3001"});

    host.setDataset(Dataset::generate(10, 3, 1));
    QCOMPARE(get(host.workspaceScimUrl(QStringLiteral("Users"))).json.value(QStringLiteral("totalResults")).toInt(),
             10);
}

void TstEmulator::generatorDeterminism()
{
    const Dataset a = Dataset::generate(300, 60, 7);
    const Dataset b = Dataset::generate(300, 60, 7);
    const Dataset c = Dataset::generate(300, 60, 8);
    QCOMPARE(a.toJson(), b.toJson());
    QVERIFY(a.toJson() != c.toJson());
    QCOMPARE(Dataset::generate(0, 0, 1).count(ResourceKind::User), 0);
    QCOMPARE(Dataset::generate(1, 1, 1).count(ResourceKind::Group), 1);
}

void TstEmulator::generatorShape()
{
    const int userCount = 2000;
    const int groupCount = 300;
    const Dataset dataset = Dataset::generate(userCount, groupCount, 3);
    QCOMPARE(dataset.count(ResourceKind::User), userCount);
    QCOMPARE(dataset.count(ResourceKind::Group), groupCount);
    QCOMPARE(dataset.count(ResourceKind::ServicePrincipal), 10); // max(3, 2000 / 200)
    QCOMPARE(Dataset::generate(100, 10, 3).count(ResourceKind::ServicePrincipal), 3);
    QVERIFY(dataset.validateReferences().isEmpty());

    static const QRegularExpression idPattern(QStringLiteral("^[1-9][0-9]{15}$"));
    static const QRegularExpression userNamePattern(QStringLiteral("^[a-z'-]+\\.[a-z'-]+[0-9]*@example\\.com$"));
    static const QRegularExpression arnPattern(
        QStringLiteral("^arn:aws:iam::123456789012:instance-profile/[a-z0-9-]+$"));
    QSet<QString> userNames;
    int inactive = 0;
    int usersWithRoles = 0;
    for (const QString& id : dataset.ids(ResourceKind::User)) {
        QVERIFY2(idPattern.match(id).hasMatch(), qPrintable(id));
        const QJsonObject user = dataset.resource(ResourceKind::User, id);
        const QString userName = user.value(QStringLiteral("userName")).toString();
        QVERIFY2(userNamePattern.match(userName).hasMatch(), qPrintable(userName));
        userNames.insert(userName);
        inactive += user.value(QStringLiteral("active")).toBool() ? 0 : 1;
        if (user.contains(QStringLiteral("roles"))) {
            ++usersWithRoles;
            for (const QString& role : values(user.value(QStringLiteral("roles")).toArray()))
                QVERIFY2(arnPattern.match(role).hasMatch(), qPrintable(role));
        }
        // 1-6 team groups, plus the built-in users (and maybe admins) groups.
        int teams = 0;
        for (const QString& groupId : dataset.directParents(id)) {
            const QString name = dataset.displayOf(groupId);
            if (name != QLatin1String("users") && name != QLatin1String("admins"))
                ++teams;
        }
        QVERIFY2(teams >= 1 && teams <= 6, qPrintable(userName));
    }
    QCOMPARE(userNames.size(), userCount);
    QVERIFY2(inactive >= userCount / 100 && inactive <= userCount * 6 / 100, qPrintable(QString::number(inactive)));
    QVERIFY(usersWithRoles >= 10 && usersWithRoles <= 100);
    QCOMPARE(dataset.meId(), dataset.ids(ResourceKind::User).first());

    // Built-in groups, group kinds, nesting only towards higher indexes, roles on some groups.
    const QStringList groupIds = dataset.ids(ResourceKind::Group);
    QCOMPARE(dataset.displayOf(groupIds.at(0)), QStringLiteral("admins"));
    QCOMPARE(dataset.displayOf(groupIds.at(1)), QStringLiteral("users"));
    QCOMPARE(dataset.resource(ResourceKind::Group, groupIds.at(1)).value(QStringLiteral("members")).toArray().size(),
             userCount);
    QVERIFY(values(dataset.resource(ResourceKind::Group, groupIds.at(0)).value(QStringLiteral("members")).toArray())
                .contains(dataset.meId()));
    QSet<QString> names;
    int workspaceGroups = 0;
    int nestedGroups = 0;
    int groupsWithRoles = 0;
    int maxDepth = 0;
    for (int i = 0; i < groupIds.size(); ++i) {
        const QJsonObject group = dataset.resource(ResourceKind::Group, groupIds.at(i));
        names.insert(group.value(QStringLiteral("displayName")).toString());
        const QString type =
            group.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString();
        QVERIFY(type == QLatin1String("Group") || type == QLatin1String("WorkspaceGroup"));
        workspaceGroups += type == QLatin1String("WorkspaceGroup") ? 1 : 0;
        groupsWithRoles += group.contains(QStringLiteral("roles")) ? 1 : 0;
        for (const QString& member : values(group.value(QStringLiteral("members")).toArray())) {
            if (dataset.kindOf(member) == ResourceKind::Group) {
                ++nestedGroups;
                QVERIFY(groupIds.indexOf(member) > i);
            }
        }
        maxDepth = std::max(maxDepth, int(dataset.ancestors(groupIds.at(i)).size()));
    }
    QCOMPARE(names.size(), groupCount);
    QVERIFY(workspaceGroups >= 3 && workspaceGroups < groupCount / 5);
    QVERIFY2(nestedGroups >= groupCount / 20 && nestedGroups <= groupCount / 5,
             qPrintable(QString::number(nestedGroups)));
    QVERIFY2(maxDepth >= 1 && maxDepth <= 3, qPrintable(QString::number(maxDepth)));
    QVERIFY2(groupsWithRoles >= groupCount / 50 && groupsWithRoles <= groupCount / 6,
             qPrintable(QString::number(groupsWithRoles)));

    for (const QString& id : dataset.ids(ResourceKind::ServicePrincipal)) {
        const QString applicationId =
            dataset.resource(ResourceKind::ServicePrincipal, id).value(QStringLiteral("applicationId")).toString();
        QVERIFY2(!QUuid::fromString(applicationId).isNull(), qPrintable(applicationId));
    }
}

void TstEmulator::generatorBuildsLargeWorkspaces()
{
    // Sizes only: how fast this runs is measured by the benchmarks (docs/benchmarks.md), never by a timer here.
    const Dataset dataset = Dataset::generate(10000, 5000, 1);
    QCOMPARE(dataset.count(ResourceKind::User), 10000);
    QCOMPARE(dataset.count(ResourceKind::Group), 5000);
    QCOMPARE(dataset.count(ResourceKind::ServicePrincipal), 50);
    QVERIFY2(dataset.validateReferences().isEmpty(), qPrintable(dataset.validateReferences()));
}

void TstEmulator::datasetLoadErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // substring of the error

    QTest::newRow("not JSON") << QByteArray("{\"users\": [") << "JSON parse error at offset";
    QTest::newRow("top-level array") << QByteArray("[]") << "top level must be a JSON object";
    QTest::newRow("users not an array") << QByteArray(R"({"users": {}})") << "\"users\" must be an array";
    QTest::newRow("user not an object") << QByteArray(R"({"users": [42]})") << "users[0] is not an object";
    QTest::newRow("user without id") << QByteArray(R"({"users": [{"userName": "a@example.com"}]})")
                                     << "users[0] (userName \"a@example.com\") has no id";
    QTest::newRow("numeric id") << QByteArray(R"({"groups": [{"id": 5, "displayName": "g"}]})")
                                << "groups[0] (displayName \"g\") has an id that is not a string";
    QTest::newRow("duplicate id")
        << QByteArray(R"({"users": [{"id": "1", "userName": "a@x"}], "groups": [{"id": "1", "displayName": "g"}]})")
        << "reuses id 1";
    QTest::newRow("user without userName") << QByteArray(R"({"users": [{"id": "1"}]})") << "users[0] has no userName";
    QTest::newRow("sp without applicationId")
        << QByteArray(R"({"servicePrincipals": [{"id": "1", "displayName": "s"}]})") << "has no applicationId";
    QTest::newRow("unknown member")
        << QByteArray(R"({"groups": [{"id": "1", "displayName": "g", "members": [{"value": "77"}]}]})")
        << "members[0] referencing unknown id 77";
    QTest::newRow("member without value")
        << QByteArray(R"({"groups": [{"id": "1", "displayName": "g", "members": [{"display": "x"}]}]})")
        << "members[0] without a string \"value\"";
    QTest::newRow("unknown me") << QByteArray(R"({"me": "ghost@example.com", "users": []})") << "ghost@example.com";
}

void TstEmulator::datasetLoadErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();
    QString error;
    QVERIFY(!Dataset::load(path, &error));
    QVERIFY2(error.startsWith(path), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TstEmulator::datasetRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Dataset original = Dataset::generate(50, 12, 5);
    const QString path = dir.filePath(QStringLiteral("round.json"));
    QString error;
    QVERIFY2(original.save(path, &error), qPrintable(error));
    const std::optional<Dataset> loaded = Dataset::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->toJson(), original.toJson());
    QCOMPARE(loaded->ids(ResourceKind::User), original.ids(ResourceKind::User));

    QVERIFY(!Dataset::load(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.contains(QLatin1String("cannot open")), qPrintable(error));
}

void TstEmulator::demoDataset()
{
    QString error;
    const std::optional<Dataset> demo =
        Dataset::load(QStringLiteral(SCIMITAR_SOURCE_DIR "/resources/demo/demo-dataset.json"), &error);
    QVERIFY2(demo, qPrintable(error));
    QVERIFY(demo->count(ResourceKind::User) >= 35 && demo->count(ResourceKind::User) <= 45);
    QVERIFY(demo->count(ResourceKind::Group) >= 12);
    QVERIFY(demo->count(ResourceKind::ServicePrincipal) >= 3);
    QCOMPARE(demo->me(), QStringLiteral("scim-admin@acme.example"));

    EmulatorHost host({}, *demo);
    QVERIFY(host.isRunning());
    const Response me = get(host.workspaceScimUrl(QStringLiteral("Me")));
    QCOMPARE(me.status, 200);
    QStringList myGroups;
    for (const QJsonValue& group : me.json.value(QStringLiteral("groups")).toArray())
        myGroups.append(group.toObject().value(QStringLiteral("display")).toString());
    QVERIFY(myGroups.contains(QStringLiteral("admins")));

    const Response readers = get(
        withQuery(host.workspaceScimUrl(QStringLiteral("Groups")), {{"filter", R"(displayName eq "pii-readers")"}}));
    QCOMPARE(readers.resources().size(), 1);
    const QJsonArray parents = readers.resources().first().toObject().value(QStringLiteral("groups")).toArray();
    QVERIFY(!parents.isEmpty());
    QCOMPARE(parents.first().toObject().value(QStringLiteral("display")).toString(), QStringLiteral("pii-analysts"));

    const Response inactive =
        get(withQuery(host.workspaceScimUrl(QStringLiteral("Users")), {{"filter", "active eq false"}}));
    QVERIFY(inactive.resources().size() >= 2);
}

void TstEmulator::executablePrintsPort()
{
    const QString binDir = qEnvironmentVariable("SCIMITAR_BIN_DIR");
    if (binDir.isEmpty())
        QSKIP("SCIMITAR_BIN_DIR is not set (run through ctest)");
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SCIMITAR_EMULATOR_TOKEN"), QStringLiteral("env-token"));
    process.setProcessEnvironment(environment);
    process.start(binDir + QStringLiteral("/scimitar-emulator"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--users"), QStringLiteral("25"),
                   QStringLiteral("--groups"), QStringLiteral("6"), QStringLiteral("--throttle-every"),
                   QStringLiteral("2"), QStringLiteral("--retry-after"), QStringLiteral("0.5")});
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    auto stop = qScopeGuard([&] {
        process.kill();
        process.waitForFinished(5000);
    });
    QByteArray firstLine;
    QElapsedTimer timer;
    timer.start();
    while (!process.canReadLine() && timer.elapsed() < 10000)
        process.waitForReadyRead(200);
    firstLine = process.readLine().trimmed();
    bool ok = false;
    const int port = firstLine.toInt(&ok);
    QVERIFY2(ok && port > 0 && port < 65536, firstLine.constData());

    m_token = QStringLiteral("env-token");
    auto restoreToken = qScopeGuard([&] { m_token = QString::fromLatin1(EmulatorOptions::kDemoToken); });
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    url.setPath(QStringLiteral("/api/2.0/preview/scim/v2/Users"));
    const Response first = get(url);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json.value(QStringLiteral("totalResults")).toInt(), 25);
    const Response second = get(url);
    QCOMPARE(second.status, 429);
    QCOMPARE(second.header("Retry-After"), QByteArray("0.5"));
}

void TstEmulator::executableRejectsBadFlags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("non-numeric latency") << QStringList{"--latency-ms", "abc"} << "--latency-ms";
    QTest::newRow("port out of range") << QStringList{"--port", "70000"} << "--port";
    QTest::newRow("bad retry-after") << QStringList{"--retry-after", "soon"} << "--retry-after";
    QTest::newRow("unknown flag") << QStringList{"--bogus"} << "bogus";
    QTest::newRow("unsupported fail status") << QStringList{"--fail-status", "418"} << "--fail-status";
    QTest::newRow("missing dataset") << QStringList{"--dataset", "/nonexistent/x.json"} << "/nonexistent/x.json";
    QTest::newRow("dataset and users") << QStringList{"--dataset", "x.json", "--users", "5"} << "--users";
}

void TstEmulator::executableRejectsBadFlags()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const QString binDir = qEnvironmentVariable("SCIMITAR_BIN_DIR");
    if (binDir.isEmpty())
        QSKIP("SCIMITAR_BIN_DIR is not set (run through ctest)");
    QProcess process;
    process.start(binDir + QStringLiteral("/scimitar-emulator"), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString standardError = QString::fromUtf8(process.readAllStandardError()).trimmed();
    QVERIFY2(standardError.contains(expected), qPrintable(standardError));
    QCOMPARE(standardError.count(QLatin1Char('\n')), 0); // one line
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TstEmulator)
#include "tst_emulator.moc"
