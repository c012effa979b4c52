#include "remediation/ScimPatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace scimitar;

namespace {

Change make(ChangeOp op, PrincipalKind kind, const QString& id, const QString& value = {})
{
    Change change;
    change.op = op;
    change.objectKind = kind;
    change.objectId = id;
    change.objectName =
        kind == PrincipalKind::Group ? QStringLiteral("pii-analysts") : QStringLiteral("ana@acme.example");
    change.value = value;
    if (op == ChangeOp::AddMember || op == ChangeOp::RemoveMember)
        change.memberName = QStringLiteral("ana@acme.example");
    return change;
}

QByteArray json(const char* text)
{
    return QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact);
}

} // namespace

class TstScimPatch : public QObject
{
    Q_OBJECT

private slots:
    void bodies_data();
    void bodies();
    void removeNeverCarriesValueAndAlwaysFilters_data();
    void removeNeverCarriesValueAndAlwaysFilters();
    void quoting_data();
    void quoting();
    void requestShape();
    void inverseRoundTrips_data();
    void inverseRoundTrips();
    void names();
    void words_data();
    void words();
};

void TstScimPatch::bodies_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("operations");

    const QString arn = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
    QTest::newRow("remove role from user")
        << make(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("101"), arn) << QStringLiteral("Users/101")
        << json(
               R"([{"op":"remove","path":"roles[value eq \"arn:aws:iam::123456789012:instance-profile/pii-read\"]"}])");
    QTest::newRow("remove role from group")
        << make(ChangeOp::RemoveRole, PrincipalKind::Group, QStringLiteral("7"), arn) << QStringLiteral("Groups/7")
        << json(
               R"([{"op":"remove","path":"roles[value eq \"arn:aws:iam::123456789012:instance-profile/pii-read\"]"}])");
    QTest::newRow("remove role from service principal")
        << make(ChangeOp::RemoveRole, PrincipalKind::ServicePrincipal, QStringLiteral("55"),
                QStringLiteral("account_admin"))
        << QStringLiteral("ServicePrincipals/55")
        << json(R"([{"op":"remove","path":"roles[value eq \"account_admin\"]"}])");
    QTest::newRow("add role")
        << make(ChangeOp::AddRole, PrincipalKind::User, QStringLiteral("101"), arn) << QStringLiteral("Users/101")
        << json(
               R"([{"op":"add","path":"roles","value":[{"value":"arn:aws:iam::123456789012:instance-profile/pii-read"}]}])");
    QTest::newRow("remove entitlement")
        << make(ChangeOp::RemoveEntitlement, PrincipalKind::User, QStringLiteral("101"),
                QStringLiteral("allow-cluster-create"))
        << QStringLiteral("Users/101")
        << json(R"([{"op":"remove","path":"entitlements[value eq \"allow-cluster-create\"]"}])");
    QTest::newRow("add entitlement")
        << make(ChangeOp::AddEntitlement, PrincipalKind::User, QStringLiteral("101"),
                QStringLiteral("allow-cluster-create"))
        << QStringLiteral("Users/101")
        << json(R"([{"op":"add","path":"entitlements","value":[{"value":"allow-cluster-create"}]}])");
    QTest::newRow("remove member") << make(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("7"),
                                           QStringLiteral("101"))
                                   << QStringLiteral("Groups/7")
                                   << json(R"([{"op":"remove","path":"members[value eq \"101\"]"}])");
    QTest::newRow("add member") << make(ChangeOp::AddMember, PrincipalKind::Group, QStringLiteral("7"),
                                        QStringLiteral("101"))
                                << QStringLiteral("Groups/7")
                                << json(R"([{"op":"add","path":"members","value":[{"value":"101"}]}])");
    QTest::newRow("deactivate") << make(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("101"))
                                << QStringLiteral("Users/101")
                                << json(R"([{"op":"replace","path":"active","value":[{"value":"false"}]}])");
    QTest::newRow("reactivate") << make(ChangeOp::Reactivate, PrincipalKind::User, QStringLiteral("101"))
                                << QStringLiteral("Users/101")
                                << json(R"([{"op":"replace","path":"active","value":[{"value":"true"}]}])");
}

void TstScimPatch::bodies()
{
    QFETCH(Change, change);
    QFETCH(QString, path);
    QFETCH(QByteArray, operations);

    QCOMPARE(ScimPatch::objectPath(change), path);
    const QJsonObject body = ScimPatch::body(change);
    QCOMPARE(body.value(QStringLiteral("schemas")).toArray(),
             QJsonArray{QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")});
    QCOMPARE(QJsonDocument(body.value(QStringLiteral("Operations")).toArray()).toJson(QJsonDocument::Compact),
             operations);
    QCOMPARE(body.keys().size(), 2);
}

void TstScimPatch::removeNeverCarriesValueAndAlwaysFilters_data()
{
    QTest::addColumn<Change>("change");
    const QStringList awkward{QStringLiteral("plain"), QString(), QStringLiteral("a\"b"), QStringLiteral("x]y"),
                              QStringLiteral("back\\slash")};
    for (ChangeOp op : {ChangeOp::RemoveRole, ChangeOp::RemoveEntitlement, ChangeOp::RemoveMember}) {
        for (const QString& value : awkward) {
            const QByteArray row = (changeOpName(op) + QLatin1Char(' ') + value).toUtf8();
            QTest::newRow(row.constData())
                << make(op, op == ChangeOp::RemoveMember ? PrincipalKind::Group : PrincipalKind::User,
                        QStringLiteral("1"), value);
        }
    }
}

void TstScimPatch::removeNeverCarriesValueAndAlwaysFilters()
{
    QFETCH(Change, change);
    const QJsonArray operations = ScimPatch::body(change).value(QStringLiteral("Operations")).toArray();
    QCOMPARE(operations.size(), 1);
    const QJsonObject operation = operations.first().toObject();
    QCOMPARE(operation.value(QStringLiteral("op")).toString(), QStringLiteral("remove"));
    QVERIFY2(!operation.contains(QStringLiteral("value")), "a remove must never carry a value");
    const QString path = operation.value(QStringLiteral("path")).toString();
    QVERIFY2(path.contains(QLatin1String("[value eq \"")) && path.endsWith(QLatin1String("\"]")), qPrintable(path));
}

void TstScimPatch::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("\"abc\"");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QStringLiteral("\"a\\\"b\"");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("\"a\\\\b\"");
    QTest::newRow("backslash then quote") << QStringLiteral("\\\"") << QStringLiteral("\"\\\\\\\"\"");
    QTest::newRow("closing bracket kept") << QStringLiteral("x]") << QStringLiteral("\"x]\"");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\"");
}

void TstScimPatch::quoting()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(ScimPatch::quoted(value), quoted);
}

void TstScimPatch::requestShape()
{
    const Change change =
        make(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("7"), QStringLiteral("101"));
    const net::HttpRequest request =
        ScimPatch::request(change, QUrl(QStringLiteral("http://127.0.0.1:8080/api/2.0/preview/scim/v2")));
    QCOMPARE(request.method, QByteArray("PATCH"));
    QCOMPARE(request.url.toString(), QStringLiteral("http://127.0.0.1:8080/api/2.0/preview/scim/v2/Groups/7"));
    QCOMPARE(request.body, ScimPatch::bodyBytes(change));
    QVERIFY2(!request.idempotent, "a PATCH whose answer is lost is re-read, never resent blindly");
    QCOMPARE(request.description, QStringLiteral("Remove ana@acme.example from group pii-analysts"));

    // An id cannot reach another path.
    Change odd = change;
    odd.objectId = QStringLiteral("../Users/1?x=y");
    const QUrl url = ScimPatch::request(odd, QUrl(QStringLiteral("http://127.0.0.1:1/scim/v2/"))).url;
    QVERIFY2(!url.hasQuery(), qPrintable(url.toString()));
    QVERIFY2(url.toString(QUrl::FullyEncoded).endsWith(QLatin1String("/scim/v2/Groups/..%2FUsers%2F1%3Fx%3Dy")),
             qPrintable(url.toString(QUrl::FullyEncoded)));
}

void TstScimPatch::inverseRoundTrips_data()
{
    QTest::addColumn<ChangeOp>("op");
    QTest::addColumn<ChangeOp>("inverseOp");
    QTest::newRow("remove role") << ChangeOp::RemoveRole << ChangeOp::AddRole;
    QTest::newRow("add role") << ChangeOp::AddRole << ChangeOp::RemoveRole;
    QTest::newRow("remove entitlement") << ChangeOp::RemoveEntitlement << ChangeOp::AddEntitlement;
    QTest::newRow("add entitlement") << ChangeOp::AddEntitlement << ChangeOp::RemoveEntitlement;
    QTest::newRow("remove member") << ChangeOp::RemoveMember << ChangeOp::AddMember;
    QTest::newRow("add member") << ChangeOp::AddMember << ChangeOp::RemoveMember;
    QTest::newRow("deactivate") << ChangeOp::Deactivate << ChangeOp::Reactivate;
    QTest::newRow("reactivate") << ChangeOp::Reactivate << ChangeOp::Deactivate;
}

void TstScimPatch::inverseRoundTrips()
{
    QFETCH(ChangeOp, op);
    QFETCH(ChangeOp, inverseOp);
    const Change change = make(op, PrincipalKind::Group, QStringLiteral("7"), QStringLiteral("v"));
    const Change undo = change.inverse();
    QCOMPARE(undo.op, inverseOp);
    QCOMPARE(undo.objectId, change.objectId);
    QCOMPARE(undo.value, change.value);
    QCOMPARE(undo.inverse(), change);
    QCOMPARE(change.revokesAccess(), !undo.revokesAccess());
}

void TstScimPatch::names()
{
    for (ChangeOp op : allChangeOps()) {
        ChangeOp parsed = ChangeOp::AddRole;
        QVERIFY(changeOpFromName(changeOpName(op), &parsed));
        QCOMPARE(parsed, op);
    }
    ChangeOp unused;
    QVERIFY(!changeOpFromName(QStringLiteral("delete"), &unused));
    QCOMPARE(allChangeOps().size(), 8);
}

void TstScimPatch::words_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("words");
    QTest::newRow("role") << make(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("1"), QStringLiteral("r"))
                          << QStringLiteral("Remove role r from ana@acme.example");
    QTest::newRow("member") << make(ChangeOp::AddMember, PrincipalKind::Group, QStringLiteral("7"), QStringLiteral("1"))
                            << QStringLiteral("Add ana@acme.example to group pii-analysts");
    QTest::newRow("deactivate") << make(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("1"))
                                << QStringLiteral("Deactivate ana@acme.example");
}

void TstScimPatch::words()
{
    QFETCH(Change, change);
    QFETCH(QString, words);
    QCOMPARE(change.describe(), words);
}

QTEST_GUILESS_MAIN(TstScimPatch)
#include "tst_scimpatch.moc"
