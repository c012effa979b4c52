#include "ScriptedServer.h"
#include "net/HttpClient.h"
#include "remediation/EffectiveAccessProbe.h"
#include "scim/ScimClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace scimitar;
using test::ScriptedReply;
using test::ScriptedRequest;
using test::ScriptedServer;

// EffectiveAccessProbe against servers shaped differently: Databricks lists inherited groups and roles with
// "type": "indirect"; others list only what an object holds itself (no types at all), or delete a group between
// the listing and the read. The probe must find every path either way, name it from where the user is attached,
// and say so when it cannot tell.
namespace {

const QString kRole = QStringLiteral("arn:aws:iam::1:instance-profile/pii-read");

using Objects = QHash<QString, QJsonObject>; // "Users/u1", "Groups/g1" -> the object; absent: 404

QJsonObject ref(const QString& id, const QString& type = {})
{
    QJsonObject entry{{"value", id}};
    if (!type.isEmpty())
        entry.insert("type", type);
    return entry;
}

QJsonObject group(const QString& id, const QString& name, const QJsonArray& parents, bool grants)
{
    QJsonObject object{{"id", id}, {"displayName", name}, {"groups", parents}};
    if (grants)
        object.insert("roles", QJsonArray{QJsonObject{{"value", kRole}}});
    return object;
}

QJsonObject user(const QJsonArray& groups, const QJsonArray& roles = {})
{
    return {{"id", "u1"}, {"userName", "ana@acme.example"}, {"groups", groups}, {"roles", roles}};
}

} // namespace

Q_DECLARE_METATYPE(Objects)

class TestEffectiveAccess final : public QObject
{
    Q_OBJECT

private slots:
    void probe_data();
    void probe();
};

void TestEffectiveAccess::probe_data()
{
    QTest::addColumn<Objects>("objects");
    QTest::addColumn<bool>("held");
    QTest::addColumn<QStringList>("through");
    QTest::addColumn<QString>("error"); // contained in the error; empty: none

    const QJsonObject team = group("g1", "team", {ref("g2")}, false);
    const QJsonObject parent = group("g2", "parent", {}, true);
    QTest::newRow("held directly") << Objects{{"Users/u1", user({}, {QJsonObject{{"value", kRole}}})}} << true
                                   << QStringList{"directly"} << QString();
    QTest::newRow("held by no path") << Objects{{"Users/u1", user({ref("g1")})},
                                                {"Groups/g1", team},
                                                {"Groups/g2", group("g2", "parent", {}, false)}}
                                     << false << QStringList() << QString();
    QTest::newRow("no types, nested: walked up and named from the user")
        << Objects{{"Users/u1", user({ref("g1")})}, {"Groups/g1", team}, {"Groups/g2", parent}} << true
        << QStringList{QStringLiteral("team \u2192 parent")} << QString();
    QTest::newRow("Databricks' indirect entries: the same path")
        << Objects{{"Users/u1", user({ref("g1", "direct"), ref("g2", "indirect")},
                                     {QJsonObject{{"value", kRole}, {"type", "indirect"}}})},
                   {"Groups/g1", team},
                   {"Groups/g2", parent}}
        << true << QStringList{QStringLiteral("team \u2192 parent")} << QString();
    QTest::newRow("an inherited role no group read explains")
        << Objects{{"Users/u1", user({}, {QJsonObject{{"value", kRole}, {"type", "indirect"}}})}} << true
        << QStringList{"a group (the server lists it as inherited)"} << QString();
    QTest::newRow("only an inherited group listed")
        << Objects{{"Users/u1", user({ref("g2", "indirect")})}, {"Groups/g2", parent}} << true << QStringList{"parent"}
        << QString();
    QTest::newRow("a group deleted since grants nothing")
        << Objects{{"Users/u1", user({ref("g1")})}} << false << QStringList() << QString();
    QTest::newRow("a cycle ends") << Objects{{"Users/u1", user({ref("g1")})},
                                             {"Groups/g1", group("g1", "a", {ref("g2")}, false)},
                                             {"Groups/g2", group("g2", "b", {ref("g1")}, false)}}
                                  << false << QStringList() << QString();
    QTest::newRow("two paths") << Objects{{"Users/u1", user({ref("g1"), ref("g3")}, {QJsonObject{{"value", kRole}}})},
                                          {"Groups/g1", team},
                                          {"Groups/g2", parent},
                                          {"Groups/g3", group("g3", "other", {}, true)}}
                               << true << QStringList{"directly", "other", QStringLiteral("team \u2192 parent")}
                               << QString();
    QTest::newRow("a group that cannot be read: no verdict")
        << Objects{{"Users/u1", user({ref("g1")})}, {"Groups/g1", QJsonObject{{"500", true}}}} << false << QStringList()
        << QStringLiteral("HTTP 500");
    QTest::newRow("the user cannot be read") << Objects{} << false << QStringList() << QStringLiteral("404");
}

void TestEffectiveAccess::probe()
{
    QFETCH(Objects, objects);
    QFETCH(bool, held);
    QFETCH(QStringList, through);
    QFETCH(QString, error);
    ScriptedServer server([&objects](const ScriptedRequest& request) {
        const QString key = request.path().section(QStringLiteral("/scim/v2/"), 1);
        if (!objects.contains(key))
            return ScriptedReply::json(404, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],)"
                                            R"("status":"404","detail":"Resource not found"})");
        const QJsonObject object = objects.value(key);
        if (object.contains(QStringLiteral("500")))
            return ScriptedReply::json(500, R"({"detail":"boom"})");
        return ScriptedReply::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact));
    });
    QVERIFY(server.isListening());
    net::HttpClient http;
    net::RetryPolicy retry;
    retry.maxAttempts = 1;
    http.setRetryPolicy(retry);
    http.setAuthorization("Bearer test");
    ScimClient scim(&http, server.baseUrl().resolved(QUrl(QStringLiteral("/api/2.0/preview/scim/v2/"))));
    EffectiveAccessProbe probe(&scim);
    AccessTarget target;
    target.value = kRole;
    target.principalId = QStringLiteral("u1");
    target.principalName = QStringLiteral("ana@acme.example");
    std::optional<EffectiveAccessProbe::Result> result;
    probe.check(target, [&result](const EffectiveAccessProbe::Result& r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    if (!error.isEmpty()) {
        QVERIFY2(result->error.contains(error), qPrintable(result->error));
        return;
    }
    QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
    QCOMPARE(result->held, held);
    QCOMPARE(result->through, through);
}

QTEST_GUILESS_MAIN(TestEffectiveAccess)
#include "tst_effectiveaccess.moc"
