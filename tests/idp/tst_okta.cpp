// OktaSource over real loopback HTTP: a scripted server for exact wire shapes (Link header forms, rate-limit
// headers, foreign next links), and the emulator's Okta face for whole-API behaviour.
#include "EmulatorIdp.h"
#include "ScriptedServer.h"
#include "SourceRun.h"
#include "idp/OktaError.h"
#include "idp/OktaSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace scimitar;
using test::ScriptedReply;
using test::ScriptedRequest;
using test::ScriptedServer;

namespace {

constexpr char kToken[] = "00TestOktaApiToken-k3Ep-0ut-of-messages";

QByteArray ssws()
{
    return QByteArray("SSWS ") + kToken;
}

net::RetryPolicy fastPolicy()
{
    net::RetryPolicy policy = test::fastRetryPolicy();
    policy.maxDelayMs = 65000; // a whole rate-limit window, as OktaSource allows
    return policy;
}

QJsonObject oktaUser(const QString& id, const QString& login, const QString& status = QStringLiteral("ACTIVE"))
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("profile"), QJsonObject{{QStringLiteral("login"), login},
                                                               {QStringLiteral("email"), login},
                                                               {QStringLiteral("firstName"), QStringLiteral("First")},
                                                               {QStringLiteral("lastName"), id}}}};
}

QJsonObject oktaGroup(const QString& id, const QString& name)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("type"), QStringLiteral("OKTA_GROUP")},
                       {QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), name}}}};
}

QByteArray json(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray oktaErrorBody(const char* code, const char* summary)
{
    return QByteArray(R"({"errorCode":")") + code + R"(","errorSummary":")" + summary + R"(","errorLink":")" + code +
           R"(","errorId":"oaeTestErrorId","errorCauses":[]})";
}

// A small Okta org served by a ScriptedServer. Like the real thing it is sloppy where the docs say it may be: the
// name search returns every group whose name *starts with* the text (as `q` does, and as a lagging index might),
// so only the client's exact comparison finds the right one.
struct FakeOrg
{
    QList<QJsonObject> groups;
    QHash<QString, QList<QJsonObject>> members; // by group id
    QList<QJsonObject> users;
    int pageSize = 2; // members per page, whatever `limit` says
    bool mergedLinks = false;
    QUrl nextOverride; // when set, every member page links here as next
    std::function<std::optional<ScriptedReply>(const ScriptedRequest&)> intercept;
    QUrl base;

    ScriptedReply operator()(const ScriptedRequest& request)
    {
        if (intercept)
            if (auto reply = intercept(request))
                return *reply;
        if (request.headers.value("authorization") != ssws())
            return ScriptedReply::json(401, oktaErrorBody("E0000011", "Invalid token provided"));
        const QString path = request.path();
        if (path == QLatin1String("/api/v1/groups")) {
            QString text = request.queryValue(QStringLiteral("q"));
            const QString search = request.queryValue(QStringLiteral("search"));
            if (search.startsWith(QLatin1String("profile.name eq \"")) && search.endsWith(QLatin1Char('"')))
                text = search.mid(17, search.size() - 18);
            QJsonArray found;
            for (const QJsonObject& group : std::as_const(groups))
                if (group[QStringLiteral("profile")][QStringLiteral("name")].toString().startsWith(text,
                                                                                                   Qt::CaseInsensitive))
                    found.append(group);
            return ScriptedReply::json(200, json(found));
        }
        static const QRegularExpression membersPath(QStringLiteral("^/api/v1/groups/([^/]+)/users$"));
        if (const auto match = membersPath.match(path); match.hasMatch()) {
            const QList<QJsonObject> all = members.value(match.captured(1));
            // An opaque cursor with characters that must survive verbatim (',' and an encoded '=').
            const QString after = request.queryValue(QStringLiteral("after"));
            const int start = after.isEmpty() ? 0 : after.section(QLatin1Char(','), 1, 1).toInt();
            QJsonArray page;
            for (int i = start; i < std::min<int>(start + pageSize, int(all.size())); ++i)
                page.append(all[i]);
            ScriptedReply reply = ScriptedReply::json(200, json(page));
            const QByteArray self = "<" + base.toEncoded() + request.target + ">; rel=\"self\"";
            QByteArray next;
            if (!nextOverride.isEmpty())
                next = "<" + nextOverride.toEncoded() + ">; rel=\"next\"";
            else if (start + pageSize < all.size())
                next = "<" + base.toEncoded() + "/api/v1/groups/" + match.captured(1).toUtf8() + "/users?after=c%3D," +
                       QByteArray::number(start + pageSize) + "&limit=" + request.queryValue("limit").toUtf8() +
                       ">; rel=\"next\"";
            if (mergedLinks) {
                reply.headers.emplaceBack("Link", next.isEmpty() ? self : self + ", " + next);
            } else {
                reply.headers.emplaceBack("Link", self);
                if (!next.isEmpty())
                    reply.headers.emplaceBack("Link", next);
            }
            return reply;
        }
        if (path == QLatin1String("/api/v1/users")) {
            // search=profile.email eq "<value>", \" and \\ escaped. Sloppy on purpose: every email that starts
            // with the value comes back, so only the client's exact comparison picks the right people.
            const QString search = request.queryValue(QStringLiteral("search"));
            const QString prefix = QStringLiteral("profile.email eq \"");
            if (!search.startsWith(prefix) || !search.endsWith(QLatin1Char('"')))
                return ScriptedReply::json(400, oktaErrorBody("E0000031", "Invalid search criteria."));
            QString value;
            for (qsizetype i = prefix.size(); i < search.size() - 1; ++i)
                value.append(search[i] == QLatin1Char('\\') ? search[++i] : search[i]);
            QJsonArray found;
            for (const QJsonObject& user : std::as_const(users))
                if (user[QStringLiteral("profile")][QStringLiteral("email")].toString().startsWith(value,
                                                                                                   Qt::CaseInsensitive))
                    found.append(user);
            ScriptedReply reply = ScriptedReply::json(200, json(found));
            reply.headers.emplaceBack("Link", "<" + base.toEncoded() + request.target + ">; rel=\"self\"");
            return reply;
        }
        if (path.startsWith(QLatin1String("/api/v1/users/"))) {
            const QString key = path.mid(14);
            for (const QJsonObject& user : std::as_const(users)) {
                const QString login = user[QStringLiteral("profile")][QStringLiteral("login")].toString();
                // Okta also accepts a login's short name.
                if (login.compare(key, Qt::CaseInsensitive) == 0 ||
                    login.section(QLatin1Char('@'), 0, 0).compare(key, Qt::CaseInsensitive) == 0)
                    return ScriptedReply::json(200, QJsonDocument(user).toJson(QJsonDocument::Compact));
            }
            return ScriptedReply::json(404, oktaErrorBody("E0000007", "Not found: Resource not found"));
        }
        return ScriptedReply::json(404,
                                   oktaErrorBody("E0000022", "The endpoint does not support the provided HTTP method"));
    }
};

struct Fixture
{
    FakeOrg org;
    ScriptedServer server;
    std::unique_ptr<OktaSource> source;

    Fixture()
    {
        org.base = server.baseUrl();
        server.setHandler([this](const ScriptedRequest& request) { return org(request); });
        source = std::make_unique<OktaSource>(server.baseUrl(), ssws());
        source->setRetryPolicy(fastPolicy());
    }
};

} // namespace

class TestOkta final : public QObject
{
    Q_OBJECT

private slots:
    void searchUrl_data();
    void searchUrl();
    void emailSearchUrl_data();
    void emailSearchUrl();
    void mapsUsers_data();
    void mapsUsers();
    void errorSentences_data();
    void errorSentences();

    void exactGroupName_data();
    void exactGroupName();
    void memberPaging_data();
    void memberPaging();
    void refusesForeignNextLink();
    void stopsOnRepeatedNextLink();
    void stopsAtPageCap();
    void waitsForRateLimitReset();
    void slowsDownWhenRemainingIsLow_data();
    void slowsDownWhenRemainingIsLow();
    void failures_data();
    void failures();
    void lookups();
    void lookupFailures_data();
    void lookupFailures();
    void emailLookups();
    void emailLookupFailures_data();
    void emailLookupFailures();
    void sendsHeaders_data();
    void sendsHeaders();
    void emptyAndDuplicateNames();
    void cancelIsSilent();

    void emulatorGroups_data();
    void emulatorGroups();
    void emulatorThrottled();
    void emulatorFailures_data();
    void emulatorFailures();
    void emulatorLookups();
    void emulatorEmailLookups_data();
    void emulatorEmailLookups();
};

void TestOkta::searchUrl_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("parameter");
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << "dbx-pii"
                           << "search"
                           << "profile.name eq \"dbx-pii\"";
    QTest::newRow("spaces, & and #") << "R&D #1 West"
                                     << "search"
                                     << "profile.name eq \"R&D #1 West\"";
    QTest::newRow("plus") << "a+b"
                          << "search"
                          << "profile.name eq \"a+b\"";
    QTest::newRow("double quote falls back to q") << "say \"hi\""
                                                  << "q"
                                                  << "say \"hi\"";
    QTest::newRow("backslash falls back to q") << "dom\\grp"
                                               << "q"
                                               << "dom\\grp";
}

void TestOkta::searchUrl()
{
    QFETCH(QString, name);
    QFETCH(QString, parameter);
    QFETCH(QString, value);
    const QUrl url = OktaSource::groupSearchUrl(QUrl(QStringLiteral("https://acme.okta.com")), name);
    QCOMPARE(url.path(), QStringLiteral("/api/v1/groups"));
    const QUrlQuery query(QUrl::fromEncoded(url.toEncoded()));
    QCOMPARE(query.queryItemValue(parameter, QUrl::FullyDecoded), value);
    QVERIFY(!url.toEncoded().contains('+'));
    QVERIFY(!url.toEncoded().contains('#'));
}

void TestOkta::emailSearchUrl_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("search");
    QTest::newRow("plain") << "ana@acme.example"
                           << "profile.email eq \"ana@acme.example\"";
    QTest::newRow("plus and apostrophe") << "o'brien+dbx@acme.example"
                                         << "profile.email eq \"o'brien+dbx@acme.example\"";
    QTest::newRow("double quote escaped") << "\"ana\"@acme.example"
                                          << "profile.email eq \"\\\"ana\\\"@acme.example\"";
    QTest::newRow("backslash escaped") << "a\\b@acme.example"
                                       << "profile.email eq \"a\\\\b@acme.example\"";
}

void TestOkta::emailSearchUrl()
{
    QFETCH(QString, email);
    QFETCH(QString, search);
    const QUrl url = OktaSource::emailSearchUrl(QUrl(QStringLiteral("https://acme.okta.com")), email);
    QCOMPARE(url.path(), QStringLiteral("/api/v1/users"));
    const QUrlQuery query(QUrl::fromEncoded(url.toEncoded()));
    QCOMPARE(query.queryItemValue(QStringLiteral("search"), QUrl::FullyDecoded), search);
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("200"));
    QVERIFY(!url.toEncoded().contains('+')); // a literal plus would read as a space
}

void TestOkta::mapsUsers_data()
{
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("rawStatus");
    const auto row = [](const char* status) {
        return QByteArray(R"({"id":"00u1","status":")") + status +
               R"(","profile":{"firstName":"Ana","lastName":"Lee","login":"ana@acme.example","email":"ana.lee@acme.example"}})";
    };
    QTest::newRow("ACTIVE") << row("ACTIVE") << "ana@acme.example"
                            << "ana.lee@acme.example"
                            << "Ana Lee" << int(IdpUserStatus::Active) << "ACTIVE";
    QTest::newRow("DEPROVISIONED") << row("DEPROVISIONED") << "ana@acme.example"
                                   << "ana.lee@acme.example"
                                   << "Ana Lee" << int(IdpUserStatus::Deprovisioned) << "DEPROVISIONED";
    QTest::newRow("SUSPENDED") << row("SUSPENDED") << "ana@acme.example"
                               << "ana.lee@acme.example"
                               << "Ana Lee" << int(IdpUserStatus::Suspended) << "SUSPENDED";
    QTest::newRow("LOCKED_OUT is still employed") << row("LOCKED_OUT") << "ana@acme.example"
                                                  << "ana.lee@acme.example"
                                                  << "Ana Lee" << int(IdpUserStatus::Active) << "LOCKED_OUT";
    QTest::newRow("STAGED") << row("STAGED") << "ana@acme.example"
                            << "ana.lee@acme.example"
                            << "Ana Lee" << int(IdpUserStatus::Active) << "STAGED";
    QTest::newRow("PASSWORD_EXPIRED") << row("PASSWORD_EXPIRED") << "ana@acme.example"
                                      << "ana.lee@acme.example"
                                      << "Ana Lee" << int(IdpUserStatus::Active) << "PASSWORD_EXPIRED";
    QTest::newRow("displayName when no names")
        << QByteArray(R"({"id":"00u2","status":"ACTIVE","profile":{"login":"svc@acme.example","displayName":"Svc",)"
                      R"("firstName":null,"lastName":null,"email":null}})")
        << "svc@acme.example"
        << ""
        << "Svc" << int(IdpUserStatus::Active) << "ACTIVE";
}

void TestOkta::mapsUsers()
{
    QFETCH(QByteArray, user);
    QFETCH(QString, login);
    QFETCH(QString, email);
    QFETCH(QString, displayName);
    QFETCH(int, status);
    QFETCH(QString, rawStatus);
    const IdpUser mapped = OktaSource::userFromJson(QJsonDocument::fromJson(user).object());
    QVERIFY(!mapped.id.isEmpty());
    QCOMPARE(mapped.login, login);
    QCOMPARE(mapped.email, email);
    QCOMPARE(mapped.displayName, displayName);
    QCOMPARE(int(mapped.status), status);
    QCOMPARE(mapped.rawStatus, rawStatus);
}

void TestOkta::errorSentences_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("401") << 401 << oktaErrorBody("E0000011", "Invalid token provided")
                         << QStringList{"Okta: reading members of 'dbx-pii' was refused", "HTTP 401",
                                        "E0000011: Invalid token provided", "errorId oaeTestErrorId",
                                        "API token is wrong or has expired"};
    QTest::newRow("403") << 403
                         << oktaErrorBody("E0000006", "You do not have permission to perform the requested action")
                         << QStringList{
                                "HTTP 403, E0000006: You do not have permission to perform the requested action",
                                "okta.groups.read", "okta.users.read", "admin role"};
    QTest::newRow("400 with causes")
        << 400
        << QByteArray(R"({"errorCode":"E0000031","errorSummary":"Invalid search.","errorCauses":[{"errorSummary":)"
                      R"("Invalid search criteria."}]})")
        << QStringList{"failed (HTTP 400, E0000031: Invalid search (Invalid search criteria.))."};
    QTest::newRow("HTML from a proxy") << 502 << QByteArray("<html><body><h1>Bad gateway</h1></body></html>")
                                       << QStringList{"failed (HTTP 502, Bad gateway)."};
    QTest::newRow("empty body") << 500 << QByteArray() << QStringList{"failed (HTTP 500)."};
}

void TestOkta::errorSentences()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    net::HttpResponse response;
    response.status = status;
    response.body = body;
    const QString message = OktaError::describe(QStringLiteral("Okta: reading members of 'dbx-pii'"), response);
    for (const QString& part : mustContain)
        QVERIFY2(message.contains(part), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
}

void TestOkta::exactGroupName_data()
{
    QTest::addColumn<QStringList>("groups"); // "id|name"
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("expectedId"); // empty: an error is expected
    QTest::addColumn<QStringList>("errorParts");
    QTest::addColumn<QString>("searchParameter");
    QTest::newRow("exact among prefix results")
        << QStringList{"00g1|dbx-pii-archive", "00g2|DBX-PII", "00g3|dbx-pii2"} << "dbx-pii"
        << "00g2" << QStringList() << "search";
    QTest::newRow("case-sensitive tie-break") << QStringList{"00g1|DBX-PII", "00g2|dbx-pii"} << "dbx-pii"
                                              << "00g2" << QStringList() << "search";
    QTest::newRow("ambiguous") << QStringList{"00g1|dbx-pii", "00g2|dbx-pii"} << "dbx-pii"
                               << "" << QStringList{"2 groups named 'dbx-pii'", "00g1", "00g2"} << "search";
    QTest::newRow("ambiguous by case only") << QStringList{"00g1|DBX-PII", "00g2|Dbx-Pii"} << "dbx-pii"
                                            << "" << QStringList{"2 groups named 'dbx-pii'"} << "search";
    QTest::newRow("only prefix matches") << QStringList{"00g1|dbx-pii-archive"} << "dbx-pii"
                                         << "" << QStringList{"Okta has no group named 'dbx-pii'", "found 1 group"}
                                         << "search";
    QTest::newRow("no group at all") << QStringList() << "dbx-pii"
                                     << "" << QStringList{"Okta has no group named 'dbx-pii'", "found 0 group"}
                                     << "search";
    QTest::newRow("quote in the name uses q") << QStringList{"00g5|say \"hi\" team", "00g6|say \"hi\""} << "say \"hi\""
                                              << "00g6" << QStringList() << "q";
}

void TestOkta::exactGroupName()
{
    QFETCH(QStringList, groups);
    QFETCH(QString, asked);
    QFETCH(QString, expectedId);
    QFETCH(QStringList, errorParts);
    QFETCH(QString, searchParameter);

    Fixture f;
    for (const QString& entry : groups) {
        const QString id = entry.section(QLatin1Char('|'), 0, 0);
        f.org.groups.append(oktaGroup(id, entry.section(QLatin1Char('|'), 1)));
        f.org.members[id] = {oktaUser(QStringLiteral("00u") + id, QStringLiteral("member-of-%1@acme.example").arg(id))};
    }
    const auto run = test::loadGroups(*f.source, {asked});
    QVERIFY(run.answered);
    QCOMPARE(run.answers, 1);
    const QList<ScriptedRequest> searches = f.server.requestsTo(QStringLiteral("/api/v1/groups"));
    QVERIFY(!searches.isEmpty());
    QVERIFY2(!searches.first().queryValue(searchParameter).isEmpty(), searches.first().target.constData());
    if (expectedId.isEmpty()) {
        QVERIFY2(run.groups.isEmpty(), "a missing or ambiguous group must never come back as a group");
        for (const QString& part : errorParts)
            QVERIFY2(run.error.contains(part), qPrintable(run.error));
        return;
    }
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.size(), 1);
    QCOMPARE(run.groups.first().id, expectedId);
    QVERIFY(run.groups.first().name.compare(asked, Qt::CaseInsensitive) == 0); // as Okta spells it
    QCOMPARE(run.memberLogins(asked), QStringList{QStringLiteral("member-of-%1@acme.example").arg(expectedId)});
}

void TestOkta::memberPaging_data()
{
    QTest::addColumn<bool>("merged");
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("expectedPages");
    QTest::newRow("separate Link lines") << false << 5 << 2 << 3;
    QTest::newRow("merged Link header") << true << 5 << 2 << 3;
    QTest::newRow("exact multiple, merged") << true << 4 << 2 << 2;
    QTest::newRow("one page") << false << 3 << 200 << 1;
    QTest::newRow("empty group") << false << 0 << 2 << 1;
    QTest::newRow("many pages") << true << 41 << 3 << 14;
}

void TestOkta::memberPaging()
{
    QFETCH(bool, merged);
    QFETCH(int, members);
    QFETCH(int, pageSize);
    QFETCH(int, expectedPages);

    Fixture f;
    f.org.mergedLinks = merged;
    f.org.pageSize = pageSize;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    QStringList expected;
    const QStringList statuses{"ACTIVE", "DEPROVISIONED", "SUSPENDED", "PROVISIONED"};
    for (int i = 0; i < members; ++i) {
        expected.append(QStringLiteral("user%1@acme.example").arg(i));
        f.org.members[QStringLiteral("00gPII")].append(
            oktaUser(QStringLiteral("00u%1").arg(i), expected.last(), statuses[i % statuses.size()]));
    }
    f.source->setPageSize(pageSize);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.memberLogins(QStringLiteral("dbx-pii")), expected);
    const QList<ScriptedRequest> pages = f.server.requestsTo(QStringLiteral("/users"));
    QCOMPARE(pages.size(), expectedPages);
    QCOMPARE(pages.first().target, QByteArray("/api/v1/groups/00gPII/users?limit=") + QByteArray::number(pageSize));
    // Every later page is the next link, verbatim: the opaque cursor keeps its encoded '=' and its comma.
    for (int i = 1; i < pages.size(); ++i)
        QCOMPARE(pages[i].target, QByteArray("/api/v1/groups/00gPII/users?after=c%3D,") +
                                      QByteArray::number(i * pageSize) + "&limit=" + QByteArray::number(pageSize));
    if (members > 2) {
        const IdpGroup* group = run.group(QStringLiteral("dbx-pii"));
        QCOMPARE(group->members[1].status, IdpUserStatus::Deprovisioned);
        QCOMPARE(group->members[2].status, IdpUserStatus::Suspended);
        QCOMPARE(group->members[3 % members].rawStatus, statuses[3 % members]);
    }
}

void TestOkta::refusesForeignNextLink()
{
    ScriptedServer elsewhere([](const ScriptedRequest&) { return ScriptedReply::json(200, "[]"); });
    Fixture f;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    f.org.members[QStringLiteral("00gPII")] = {oktaUser(QStringLiteral("00u1"), QStringLiteral("a@acme.example"))};
    // Same host, another port: a different origin all the same.
    f.org.nextOverride = elsewhere.baseUrl().resolved(QUrl(QStringLiteral("/api/v1/groups/00gPII/users?after=x")));
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(elsewhere.baseUrl().toString()), qPrintable(run.error));
    QVERIFY2(run.error.contains(QLatin1String("not followed")), qPrintable(run.error));
    QCOMPARE(elsewhere.requests().size(), 0);
}

void TestOkta::stopsOnRepeatedNextLink()
{
    Fixture f;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    f.org.members[QStringLiteral("00gPII")] = {oktaUser(QStringLiteral("00u1"), QStringLiteral("a@acme.example"))};
    f.org.nextOverride = f.server.baseUrl().resolved(QUrl(QStringLiteral("/api/v1/groups/00gPII/users?after=loop")));
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(QLatin1String("repeats a page")), qPrintable(run.error));
    QCOMPARE(f.server.requestsTo(QStringLiteral("/users")).size(), 2);
}

void TestOkta::stopsAtPageCap()
{
    Fixture f;
    f.org.pageSize = 1;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    for (int i = 0; i < 10; ++i)
        f.org.members[QStringLiteral("00gPII")].append(
            oktaUser(QStringLiteral("00u%1").arg(i), QStringLiteral("u%1@acme.example").arg(i)));
    f.source->setMaxPages(3);
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY(run.groups.isEmpty());
    QVERIFY2(run.error.contains(QLatin1String("stopped after 3 pages")), qPrintable(run.error));
    QCOMPARE(f.server.requestsTo(QStringLiteral("/users")).size(), 3);
}

void TestOkta::waitsForRateLimitReset()
{
    Fixture f;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    f.org.members[QStringLiteral("00gPII")] = {oktaUser(QStringLiteral("00u1"), QStringLiteral("a@acme.example"))};
    int memberCalls = 0;
    f.org.intercept = [&](const ScriptedRequest& request) -> std::optional<ScriptedReply> {
        if (!request.path().endsWith(QLatin1String("/users")) || ++memberCalls > 1)
            return std::nullopt;
        // Okta's 429: no Retry-After, a reset time in epoch seconds measured against the Date it sends.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        ScriptedReply reply = ScriptedReply::json(429, oktaErrorBody("E0000047", "API call exceeded rate limit due "
                                                                                 "to too many requests."));
        reply.headers.emplaceBack("Date", test::httpDate(now));
        reply.headers.emplaceBack("X-Rate-Limit-Limit", "600");
        reply.headers.emplaceBack("X-Rate-Limit-Remaining", "0");
        reply.headers.emplaceBack("X-Rate-Limit-Reset", QByteArray::number(now.toSecsSinceEpoch()));
        return reply;
    };
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.memberLogins(QStringLiteral("dbx-pii")), QStringList{QStringLiteral("a@acme.example")});
    const QList<ScriptedRequest> calls = f.server.requestsTo(QStringLiteral("/users"));
    QCOMPARE(calls.size(), 2);
    // Reset minus Date plus Okta's customary second: about one second, far more than the 20 ms backoff.
    QVERIFY2(calls[1].receivedMs - calls[0].receivedMs >= 900,
             qPrintable(QString::number(calls[1].receivedMs - calls[0].receivedMs)));
    QVERIFY2(!run.notes.filter(QStringLiteral("throttled (HTTP 429)")).isEmpty(), qPrintable(run.notes.join('\n')));
}

void TestOkta::slowsDownWhenRemainingIsLow_data()
{
    QTest::addColumn<QByteArray>("remaining"); // empty: header absent
    QTest::addColumn<bool>("pauses");
    QTest::newRow("0 left") << QByteArray("0") << true;
    QTest::newRow("1 left") << QByteArray("1") << true;
    QTest::newRow("2 left") << QByteArray("2") << true;
    QTest::newRow("3 left") << QByteArray("3") << false;
    QTest::newRow("plenty") << QByteArray("480") << false;
    QTest::newRow("absent") << QByteArray() << false;
    QTest::newRow("garbage") << QByteArray("few") << false;
}

void TestOkta::slowsDownWhenRemainingIsLow()
{
    QFETCH(QByteArray, remaining);
    QFETCH(bool, pauses);
    Fixture f;
    f.org.pageSize = 1;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    f.org.members[QStringLiteral("00gPII")] = {oktaUser(QStringLiteral("00u1"), QStringLiteral("a@acme.example")),
                                               oktaUser(QStringLiteral("00u2"), QStringLiteral("b@acme.example"))};
    FakeOrg& org = f.org;
    f.server.setHandler([&](const ScriptedRequest& request) {
        ScriptedReply reply = org(request);
        if (request.path().endsWith(QLatin1String("/users")) && request.queryValue(QStringLiteral("after")).isEmpty() &&
            !remaining.isEmpty()) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            reply.headers.emplaceBack("Date", test::httpDate(now));
            reply.headers.emplaceBack("X-Rate-Limit-Remaining", remaining);
            reply.headers.emplaceBack("X-Rate-Limit-Reset", QByteArray::number(now.toSecsSinceEpoch()));
        }
        return reply;
    });
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.memberLogins(QStringLiteral("dbx-pii")).size(), 2);
    const QList<ScriptedRequest> calls = f.server.requestsTo(QStringLiteral("/users"));
    QCOMPARE(calls.size(), 2);
    const bool noted = !run.notes.filter(QStringLiteral("rate limit nearly used up")).isEmpty();
    QCOMPARE(noted, pauses);
    // Only lower bounds on time: a loaded machine may be slow, never early.
    if (pauses)
        QVERIFY2(calls[1].receivedMs - calls[0].receivedMs >= 900,
                 qPrintable(QString::number(calls[1].receivedMs - calls[0].receivedMs)));
}

void TestOkta::failures_data()
{
    QTest::addColumn<QString>("failOn"); // a path part
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("401 on the search") << "/api/v1/groups" << 401 << oktaErrorBody("E0000011", "Invalid token provided")
                                       << QStringList{"Okta: finding group 'dbx-pii'", "HTTP 401", "E0000011",
                                                      "API token is wrong or has expired"};
    QTest::newRow("403 on the members") << "/users" << 403
                                        << oktaErrorBody("E0000006",
                                                         "You do not have permission to perform the requested action")
                                        << QStringList{"Okta: reading members of 'dbx-pii' was refused", "HTTP 403",
                                                       "E0000006", "okta.groups.read"};
    QTest::newRow("404 on the members") << "/users" << 404 << oktaErrorBody("E0000007", "Not found: Resource not found")
                                        << QStringList{"reading members of 'dbx-pii' failed (HTTP 404, E0000007"};
    QTest::newRow("malformed JSON") << "/users" << 200 << QByteArray(R"([{"id":"00u1",)")
                                    << QStringList{"reading members of 'dbx-pii'", "malformed JSON"};
    QTest::newRow("an object, not a list")
        << "/users" << 200 << QByteArray(R"({"id":"00u1"})") << QStringList{"instead of a JSON list"};
    QTest::newRow("token echoed back is redacted")
        << "/users" << 400 << oktaErrorBody("E0000001", "Bad header SSWS 00TestOktaApiToken-k3Ep-0ut-of-messages")
        << QStringList{"[redacted]"};
}

void TestOkta::failures()
{
    QFETCH(QString, failOn);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    Fixture f;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    f.org.members[QStringLiteral("00gPII")] = {oktaUser(QStringLiteral("00u1"), QStringLiteral("a@acme.example"))};
    f.org.intercept = [&](const ScriptedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path().endsWith(failOn))
            return ScriptedReply::json(status, body);
        return std::nullopt;
    };
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.groups.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY2(!run.error.contains(QLatin1String(kToken)), qPrintable(run.error));
}

void TestOkta::lookups()
{
    Fixture f;
    f.org.users = {oktaUser(QStringLiteral("00u1"), QStringLiteral("ana@acme.example")),
                   oktaUser(QStringLiteral("00u2"), QStringLiteral("o'brien+dbx@acme.example"), "DEPROVISIONED"),
                   oktaUser(QStringLiteral("00u3"), QStringLiteral("bo@acme.example"), "SUSPENDED")};
    const auto run =
        test::lookupUsers(*f.source, {QStringLiteral("ANA@acme.example"), QStringLiteral("nobody@acme.example"),
                                      QStringLiteral("o'brien+dbx@acme.example"), QStringLiteral("bo"),
                                      QStringLiteral("bo@acme.example")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.answers, 1);
    QStringList foundLogins;
    for (const IdpUser& user : run.found)
        foundLogins.append(user.login);
    QCOMPARE(foundLogins, (QStringList{"ana@acme.example", "o'brien+dbx@acme.example", "bo@acme.example"}));
    QCOMPARE(run.found[1].status, IdpUserStatus::Deprovisioned);
    QCOMPARE(run.found[2].status, IdpUserStatus::Suspended);
    // "bo" is bo@acme.example's short name to Okta, but not the person asked for.
    QCOMPARE(run.notFound, (QStringList{"nobody@acme.example", "bo"}));
    const QList<ScriptedRequest> calls = f.server.requestsTo(QStringLiteral("/api/v1/users/"));
    QCOMPARE(calls.size(), 5);
    bool sawEncoded = false;
    for (const ScriptedRequest& call : calls)
        sawEncoded = sawEncoded || call.target == "/api/v1/users/o%27brien%2Bdbx@acme.example";
    QVERIFY(sawEncoded);
}

void TestOkta::lookupFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("500") << 500 << oktaErrorBody("E0000009", "Internal Server Error")
                         << QStringList{"Okta: looking up 'ana@acme.example' failed (HTTP 500, E0000009"};
    QTest::newRow("403") << 403 << oktaErrorBody("E0000006", "You do not have permission")
                         << QStringList{"okta.users.read"};
    QTest::newRow("404 that is not Okta's")
        << 404 << QByteArray("<html>Not Found</html>") << QStringList{"HTTP 404", "check the org URL"};
}

void TestOkta::lookupFailures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    Fixture f;
    f.org.intercept = [&](const ScriptedRequest&) -> std::optional<ScriptedReply> {
        return ScriptedReply::json(status, body);
    };
    const auto run = test::lookupUsers(*f.source, {QStringLiteral("ana@acme.example")});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.found.isEmpty() && run.notFound.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
}

void TestOkta::emailLookups()
{
    Fixture f;
    const auto withEmail = [](const QString& id, const QString& login, const QString& email, const char* status) {
        QJsonObject user = oktaUser(id, login, QLatin1String(status));
        QJsonObject profile = user[QStringLiteral("profile")].toObject();
        profile[QStringLiteral("email")] = email;
        user[QStringLiteral("profile")] = profile;
        return user;
    };
    f.org.users = {withEmail("00u1", "a.lee@corp.example", "ana@acme.example", "DEPROVISIONED"),
                   withEmail("00u2", "ana.old@corp.example", "ana@acme.example.old", "ACTIVE"),
                   withEmail("00u3", "dup1@corp.example", "shared@acme.example", "ACTIVE"),
                   withEmail("00u4", "dup2@corp.example", "shared@acme.example", "SUSPENDED"),
                   withEmail("00u5", "quote@corp.example", "o\"ne\\il@acme.example", "ACTIVE")};
    const auto run =
        test::lookupEmails(*f.source, {QStringLiteral("ANA@acme.example"), QStringLiteral("nobody@x"),
                                       QStringLiteral("shared@acme.example"), QStringLiteral("o\"ne\\il@acme.example"),
                                       QStringLiteral("a.lee@corp.example")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.answers, 1);
    QStringList foundLogins;
    for (const IdpUser& user : run.found)
        foundLogins.append(user.login);
    // ana@acme.example.old only starts like the email asked for; a login is not an email.
    QCOMPARE(foundLogins,
             (QStringList{"a.lee@corp.example", "dup1@corp.example", "dup2@corp.example", "quote@corp.example"}));
    QCOMPARE(run.found[0].status, IdpUserStatus::Deprovisioned);
    QCOMPARE(run.found[2].status, IdpUserStatus::Suspended);
    QCOMPARE(run.notFound, (QStringList{"nobody@x", "a.lee@corp.example"}));
    QCOMPARE(f.server.requestsTo(QStringLiteral("/api/v1/users")).size(), 5);
    QVERIFY(!run.notes.filter(QStringLiteral("looked up 5 of 5 people")).isEmpty());
}

void TestOkta::emailLookupFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("500") << 500 << oktaErrorBody("E0000009", "Internal Server Error")
                         << QStringList{"Okta: looking up the email 'ana@acme.example' failed (HTTP 500, E0000009"};
    QTest::newRow("403") << 403 << oktaErrorBody("E0000006", "You do not have permission")
                         << QStringList{"okta.users.read"};
    QTest::newRow("400 bad search") << 400 << oktaErrorBody("E0000031", "Invalid search criteria.")
                                    << QStringList{"E0000031"};
}

void TestOkta::emailLookupFailures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mustContain);
    Fixture f;
    f.org.intercept = [&](const ScriptedRequest&) -> std::optional<ScriptedReply> {
        return ScriptedReply::json(status, body);
    };
    const auto run = test::lookupEmails(*f.source, {QStringLiteral("ana@acme.example")});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.found.isEmpty() && run.notFound.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY(!run.error.contains(QLatin1String(kToken)));
}

void TestOkta::sendsHeaders_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("API token") << ssws();
    QTest::newRow("OAuth access token") << QByteArray("Bearer eyJhbGciOi.access.token");
}

void TestOkta::sendsHeaders()
{
    QFETCH(QByteArray, authorization);
    Fixture f;
    f.source = std::make_unique<OktaSource>(f.server.baseUrl(), authorization);
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    f.org.intercept = [&](const ScriptedRequest& request) -> std::optional<ScriptedReply> {
        if (request.headers.value("authorization") == authorization && authorization != ssws())
            return request.path() == QLatin1String("/api/v1/groups")
                       ? ScriptedReply::json(200,
                                             json({oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))}))
                       : ScriptedReply::json(200, "[]");
        return std::nullopt;
    };
    const auto run = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(f.server.requests().size(), 2);
    for (const ScriptedRequest& request : f.server.requests()) {
        QCOMPARE(request.headers.value("authorization"), authorization);
        QCOMPARE(request.headers.value("accept"), QByteArray("application/json"));
        QCOMPARE(request.method, QByteArray("GET"));
        QVERIFY(!request.target.contains(kToken));
    }
}

void TestOkta::emptyAndDuplicateNames()
{
    Fixture f;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    const auto empty = test::loadGroups(*f.source, {});
    QVERIFY(empty.answered);
    QVERIFY(empty.error.isEmpty());
    QVERIFY(empty.groups.isEmpty());
    QCOMPARE(f.server.requests().size(), 0);

    const auto twice = test::loadGroups(*f.source, {QStringLiteral("dbx-pii"), QStringLiteral(" DBX-PII ")});
    QVERIFY2(twice.error.isEmpty(), qPrintable(twice.error));
    QCOMPARE(twice.groups.size(), 1);
    QCOMPARE(f.server.requestsTo(QStringLiteral("/api/v1/groups")).size(), 2); // one search, one member page
}

void TestOkta::cancelIsSilent()
{
    Fixture f;
    f.org.groups = {oktaGroup(QStringLiteral("00gPII"), QStringLiteral("dbx-pii"))};
    FakeOrg& org = f.org;
    f.server.setHandler([&](const ScriptedRequest& request) {
        ScriptedReply reply = org(request);
        reply.delayMs = 300;
        return reply;
    });
    const auto cancelled = test::runSource(
        *f.source,
        [&] {
            f.source->loadGroups({QStringLiteral("dbx-pii")});
            f.source->lookupUsers({QStringLiteral("ana@acme.example")}, IdpLookupKey::Login);
            QTimer::singleShot(50, f.source.get(), [&] { f.source->cancel(); });
        },
        1200);
    QVERIFY(!cancelled.answered);
    QCOMPARE(cancelled.answers, 0);
    // The source is usable again after a cancel.
    f.server.setHandler([&](const ScriptedRequest& request) { return org(request); });
    const auto again = test::loadGroups(*f.source, {QStringLiteral("dbx-pii")});
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QCOMPARE(again.groups.size(), 1);
}

// --- against the emulator's Okta face ----------------------------------------------------------------------------

namespace {

struct EmulatedOrg
{
    emulator::EmulatorThread emulator{test::idpDataset()};
    QUrl base;
    std::unique_ptr<OktaSource> source;

    EmulatedOrg()
    {
        base = emulator.start();
        source = std::make_unique<OktaSource>(base, "SSWS " + QByteArray(emulator::EmulatorOptions::kDemoOktaToken));
        source->setRetryPolicy(fastPolicy());
    }
};

} // namespace

void TestOkta::emulatorGroups_data()
{
    QTest::addColumn<bool>("merged");
    QTest::newRow("separate Link lines") << false;
    QTest::newRow("merged Link header") << true;
}

void TestOkta::emulatorGroups()
{
    QFETCH(bool, merged);
    EmulatedOrg org;
    QVERIFY2(!org.base.isEmpty(), qPrintable(org.emulator.errorString()));
    org.emulator.updateOptions(
        [merged](emulator::EmulatorOptions& options) { options.oktaMergedLinkHeaders = merged; });
    const auto run = test::loadGroups(
        *org.source, {QStringLiteral("dbx-pii"), QStringLiteral("DBX-ADMINS"), QStringLiteral("O'Brien \"Ops\" Team")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.answers, 1);
    QCOMPARE(run.groups.size(), 3);
    QCOMPARE(run.groups[0].id, QStringLiteral("00gpii"));
    QCOMPARE(run.groups[1].name, QStringLiteral("dbx-admins"));
    QCOMPARE(run.groups[2].id, QStringLiteral("00gquote"));
    const QList<IdpUser>& members = run.groups[0].members;
    QCOMPARE(members.size(), 450); // three pages of 200, 200 and 50
    QSet<QString> ids;
    for (const IdpUser& user : members)
        ids.insert(user.id);
    QCOMPARE(ids.size(), 450);
    QCOMPARE(members[0].login, QStringLiteral("pii0@acme.example"));
    QCOMPARE(members[449].login, QStringLiteral("pii449@acme.example"));
    QCOMPARE(members[1].status, IdpUserStatus::Deprovisioned);
    QCOMPARE(members[2].status, IdpUserStatus::Suspended);
    QCOMPARE(members[3].status, IdpUserStatus::Active);
    QCOMPARE(members[3].rawStatus, QStringLiteral("LOCKED_OUT"));
    QCOMPARE(members[0].displayName, QStringLiteral("First 00upii0000"));
    QVERIFY(!run.notes.filter(QStringLiteral("page 3")).isEmpty());
}

void TestOkta::emulatorThrottled()
{
    EmulatedOrg org;
    QVERIFY2(!org.base.isEmpty(), qPrintable(org.emulator.errorString()));
    org.emulator.updateOptions([](emulator::EmulatorOptions& options) {
        options.oktaThrottleEvery = 2; // the first member page is throttled, with X-Rate-Limit-Reset only
        options.oktaThrottleResetSeconds = 1;
    });
    const auto run = test::loadGroups(*org.source, {QStringLiteral("dbx-admins")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.groups.first().members.size(), 3);
    // The wait comes from X-Rate-Limit-Reset (about a second away), not from the test's 10 ms backoff: read it from
    // the note the source shows rather than timing the run.
    const QStringList throttled = run.notes.filter(QStringLiteral("throttled (HTTP 429)"));
    QVERIFY(!throttled.isEmpty());
    const QRegularExpressionMatch wait =
        QRegularExpression(QStringLiteral("retrying in ([0-9.]+) s")).match(throttled.first());
    QVERIFY2(wait.hasMatch(), qPrintable(throttled.first()));
    QVERIFY2(wait.captured(1).toDouble() >= 0.5, qPrintable(throttled.first()));
}

void TestOkta::emulatorFailures_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QStringList>("mustContain");
    const QByteArray good = "SSWS " + QByteArray(emulator::EmulatorOptions::kDemoOktaToken);
    QTest::newRow("wrong token") << QByteArray("SSWS not-the-right-token") << "dbx-pii"
                                 << QStringList{"HTTP 401", "E0000011", "API token is wrong or has expired"};
    QTest::newRow("missing group") << good << "dbx-nope" << QStringList{"Okta has no group named 'dbx-nope'"};
    QTest::newRow("prefix is not a match")
        << good << "dbx-pii-arch" << QStringList{"Okta has no group named 'dbx-pii-arch'"};
    QTest::newRow("same name twice") << good << "Twins"
                                     << QStringList{"2 groups named 'Twins'", "00gtwin1", "00gtwin2"};
}

void TestOkta::emulatorFailures()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, group);
    QFETCH(QStringList, mustContain);
    EmulatedOrg org;
    QVERIFY2(!org.base.isEmpty(), qPrintable(org.emulator.errorString()));
    OktaSource source(org.base, authorization);
    source.setRetryPolicy(fastPolicy());
    const auto run = test::loadGroups(source, {group});
    QCOMPARE(run.answers, 1);
    QVERIFY(run.groups.isEmpty());
    for (const QString& part : mustContain)
        QVERIFY2(run.error.contains(part), qPrintable(run.error));
    QVERIFY(!run.error.contains(QLatin1String(emulator::EmulatorOptions::kDemoOktaToken)));
}

void TestOkta::emulatorLookups()
{
    EmulatedOrg org;
    QVERIFY2(!org.base.isEmpty(), qPrintable(org.emulator.errorString()));
    const auto run =
        test::lookupUsers(*org.source, {QStringLiteral("ana@acme.example"), QStringLiteral("GONE@acme.example"),
                                        QStringLiteral("nobody@acme.example"), QStringLiteral("ana")});
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.found.size(), 2);
    QCOMPARE(run.found[0].id, QStringLiteral("00uana"));
    QCOMPARE(run.found[1].status, IdpUserStatus::Deprovisioned);
    QCOMPARE(run.notFound, (QStringList{"nobody@acme.example", "ana"}));
}

void TestOkta::emulatorEmailLookups_data()
{
    test::emailLookupRows();
}

void TestOkta::emulatorEmailLookups()
{
    QFETCH(QStringList, emails);
    QFETCH(QStringList, foundLogins);
    QFETCH(QStringList, notFound);
    EmulatedOrg org;
    QVERIFY2(!org.base.isEmpty(), qPrintable(org.emulator.errorString()));
    const auto run = test::lookupEmails(*org.source, emails);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.answers, 1);
    QStringList logins;
    for (const IdpUser& user : run.found)
        logins.append(user.login);
    QCOMPARE(logins, foundLogins);
    QCOMPARE(run.notFound, notFound);
    for (const IdpUser& user : run.found) {
        if (user.login == QLatin1String("carla@acme.example"))
            QCOMPARE(user.status, IdpUserStatus::Deprovisioned);
        if (user.login == QLatin1String("dup2@acme.example"))
            QCOMPARE(user.rawStatus, QStringLiteral("SUSPENDED"));
    }
}

QTEST_GUILESS_MAIN(TestOkta)
#include "tst_okta.moc"
