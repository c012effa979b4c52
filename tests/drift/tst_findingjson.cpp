#include "drift/FindingJson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace scimitar;

Q_DECLARE_METATYPE(scimitar::Finding)

namespace {

const QString kPii = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");

Finding finding(FindingKind kind, ActionOp op)
{
    Finding f;
    f.kind = kind;
    f.severity = severityOf(kind);
    f.principal = {QStringLiteral("4839201746189612"), QStringLiteral("mei.chen@acme.example"), PrincipalKind::User};
    f.idpGroups = {QStringLiteral("dbx-pii-analysts"), QStringLiteral("dbx-ünïcode")};
    f.explanation = QStringLiteral("mei.chen@acme.example holds pii-read through pii-readers → pii-analysts.");
    f.action.op = op;
    if (op != ActionOp::None)
        f.action.userId = f.principal.id;
    if (op == ActionOp::RemoveMember || op == ActionOp::AddMember)
        f.action.groupId = QStringLiteral("6250418837356622");
    if (op == ActionOp::RemoveRole)
        f.action.value = kPii;
    if (op == ActionOp::RemoveEntitlement)
        f.action.value = QStringLiteral("allow-cluster-create");
    return f;
}

// One finding as the writer puts it, for the malformed cases to break.
QJsonObject goodObject()
{
    Finding f = finding(FindingKind::RoleWithoutGrant, ActionOp::RemoveMember);
    f.target = kPii;
    f.via = QStringLiteral("pii-readers");
    return FindingJson::finding(f);
}

using Edit = std::function<void(QJsonObject&)>;

Edit setKey(const QString& key, const QJsonValue& value)
{
    return [key, value](QJsonObject& o) { o.insert(key, value); };
}

Edit removeKey(const QString& key)
{
    return [key](QJsonObject& o) { o.remove(key); };
}

Edit inObject(const QString& name, const Edit& edit)
{
    return [name, edit](QJsonObject& o) {
        QJsonObject inner = o.value(name).toObject();
        edit(inner);
        o.insert(name, inner);
    };
}

} // namespace

Q_DECLARE_METATYPE(Edit)

class TestFindingJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void unknownFieldsAreIgnored();
    void actionsMayBeAbsent();
    void emptyArray();
    void malformed_data();
    void malformed();
    void malformedDocument_data();
    void malformedDocument();
    void errorNamesTheElement();
};

void TestFindingJson::roundTrip_data()
{
    QTest::addColumn<Finding>("finding");

    Finding role = finding(FindingKind::RoleWithoutGrant, ActionOp::RemoveRole);
    role.target = kPii;
    QTest::newRow("role-without-grant, direct") << role;

    Finding inherited = finding(FindingKind::RoleWithoutGrant, ActionOp::RemoveMember);
    inherited.target = kPii;
    inherited.via = QStringLiteral("pii-readers");
    QTest::newRow("role-without-grant, inherited") << inherited;

    Finding entitlement = finding(FindingKind::EntitlementWithoutGrant, ActionOp::RemoveEntitlement);
    entitlement.target = QStringLiteral("allow-cluster-create");
    QTest::newRow("entitlement-without-grant") << entitlement;

    Finding member = finding(FindingKind::MemberWithoutGrant, ActionOp::RemoveMember);
    member.target = QStringLiteral("pii-analysts");
    QTest::newRow("member-without-grant") << member;

    QTest::newRow("deprovisioned-active") << finding(FindingKind::DeprovisionedActive, ActionOp::Deactivate);

    Finding unknown = finding(FindingKind::UnknownInIdp, ActionOp::Deactivate);
    unknown.idpGroups.clear();
    QTest::newRow("unknown-in-idp") << unknown;

    Finding missing = finding(FindingKind::MissingMember, ActionOp::AddMember);
    missing.target = QStringLiteral("pii-analysts");
    QTest::newRow("missing-member") << missing;

    Finding notProvisioned = finding(FindingKind::NotProvisioned, ActionOp::None);
    notProvisioned.principal.id.clear();
    notProvisioned.target = QStringLiteral("pii-analysts");
    QTest::newRow("not-provisioned") << notProvisioned;

    Finding blocked = finding(FindingKind::DeprovisionedActive, ActionOp::Deactivate);
    blocked.blockedBy = QStringLiteral("scim-admin@acme.example owns the token Scimitar signs in with.");
    QTest::newRow("blocked") << blocked;

    Finding quoted = finding(FindingKind::RoleWithoutGrant, ActionOp::RemoveRole);
    quoted.action.value = QStringLiteral("arn:aws:iam::1:instance-profile/odd\"name\\x");
    quoted.target = quoted.action.value;
    QTest::newRow("quotes and backslashes") << quoted;

    Finding severalPaths = finding(FindingKind::RoleWithoutGrant, ActionOp::RemoveRole);
    severalPaths.target = kPii;
    severalPaths.furtherActions = {{ActionOp::RemoveMember, severalPaths.principal.id, QStringLiteral("111"), {}},
                                   {ActionOp::RemoveMember, severalPaths.principal.id, QStringLiteral("222"), {}}};
    QTest::newRow("held through several paths") << severalPaths;
}

void TestFindingJson::roundTrip()
{
    QFETCH(Finding, finding);
    // Through text, as a file from `drift --output json` would be.
    const QByteArray text = QJsonDocument(FindingJson::findings({finding, finding})).toJson(QJsonDocument::Indented);
    QString error;
    const std::optional<QList<Finding>> read = FindingJson::read(text, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->size(), 2);
    QCOMPARE(read->at(0), finding);
    QCOMPARE(read->at(1), finding);
    QVERIFY(error.isEmpty());
}

void TestFindingJson::unknownFieldsAreIgnored()
{
    QJsonObject object = goodObject();
    object.insert(QStringLiteral("reviewedBy"), QStringLiteral("alice")); // a later version's key, or jq's
    QJsonObject principal = object.value(QStringLiteral("principal")).toObject();
    principal.insert(QStringLiteral("displayName"), QStringLiteral("Mei Chen"));
    object.insert(QStringLiteral("principal"), principal);
    QJsonObject action = object.value(QStringLiteral("action")).toObject();
    action.insert(QStringLiteral("note"), 3);
    object.insert(QStringLiteral("action"), action);

    QString error;
    const std::optional<QList<Finding>> read = FindingJson::read(QJsonArray{object}, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->size(), 1);
    QCOMPARE(FindingJson::finding(read->first()), goodObject());
}

// A file from before `actions` (or trimmed with jq) fixes the finding with `action` alone.
void TestFindingJson::actionsMayBeAbsent()
{
    QJsonObject object = goodObject();
    object.remove(QStringLiteral("actions"));
    QString error;
    const std::optional<QList<Finding>> read = FindingJson::read(QJsonArray{object}, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->first().actions().size(), 1);
    QCOMPARE(FindingJson::finding(read->first()), goodObject());
}

void TestFindingJson::emptyArray()
{
    QString error;
    const std::optional<QList<Finding>> read = FindingJson::read(QByteArrayLiteral(" [ ]\n"), &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(read->isEmpty());
}

void TestFindingJson::malformed_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("expected");

    const QString action = QStringLiteral("action");
    const QString principal = QStringLiteral("principal");
    QTest::newRow("kind missing") << removeKey("kind") << "findings[0].kind: missing";
    QTest::newRow("kind unknown") << setKey("kind", "roles")
                                  << "findings[0].kind: \"roles\" is not one of role-without-grant, "
                                     "entitlement-without-grant, member-without-grant, deprovisioned-active, "
                                     "unknown-in-idp, missing-member, not-provisioned";
    QTest::newRow("kind not a string") << setKey("kind", 3) << "findings[0].kind: expected a string, not 3";
    QTest::newRow("severity missing") << removeKey("severity") << "findings[0].severity: missing";
    QTest::newRow("severity unknown") << setKey("severity", "HIGH")
                                      << "findings[0].severity: \"HIGH\" is not one of high, medium, low";
    QTest::newRow("principal missing") << removeKey(principal) << "findings[0].principal: missing";
    QTest::newRow("principal not an object")
        << setKey(principal, "mei") << "findings[0].principal: expected an object, not \"mei\"";
    QTest::newRow("principal.id missing")
        << inObject(principal, removeKey("id")) << "findings[0].principal.id: missing";
    QTest::newRow("principal.id a number")
        << inObject(principal, setKey("id", 7)) << "findings[0].principal.id: expected a string or null, not 7";
    QTest::newRow("principal.userName null") << inObject(principal, setKey("userName", QJsonValue::Null))
                                             << "findings[0].principal.userName: expected a string, not null";
    QTest::newRow("principal.kind unknown")
        << inObject(principal, setKey("kind", "robot"))
        << "findings[0].principal.kind: \"robot\" is not one of user, group, servicePrincipal";
    QTest::newRow("target missing") << removeKey("target") << "findings[0].target: missing";
    QTest::newRow("via an array") << setKey("via", QJsonArray{})
                                  << "findings[0].via: expected a string or null, "
                                     "not an array";
    QTest::newRow("idpGroups missing") << removeKey("idpGroups") << "findings[0].idpGroups: missing";
    QTest::newRow("idpGroups a string") << setKey("idpGroups", "dbx")
                                        << "findings[0].idpGroups: expected an array of strings, not \"dbx\"";
    QTest::newRow("idpGroups item") << setKey("idpGroups", QJsonArray{"a", true})
                                    << "findings[0].idpGroups[1]: expected a string, not true";
    QTest::newRow("action missing") << removeKey(action) << "findings[0].action: missing";
    QTest::newRow("action.op missing") << inObject(action, removeKey("op")) << "findings[0].action.op: missing";
    QTest::newRow("action.op unknown") << inObject(action, setKey("op", "delete"))
                                       << "findings[0].action.op: \"delete\" is not one of remove-role, "
                                          "remove-entitlement, remove-member, add-member, deactivate, none";
    QTest::newRow("action.groupId missing")
        << inObject(action, removeKey("groupId")) << "findings[0].action.groupId: missing";
    QTest::newRow("action.groupId empty")
        << inObject(action, setKey("groupId", " ")) << "findings[0].action.groupId: empty";
    QTest::newRow("action.userId null") << inObject(action, setKey("userId", QJsonValue::Null))
                                        << "findings[0].action.userId: expected a string, not null";
    QTest::newRow("action.value missing for remove-role") << inObject(action, [](QJsonObject& o) {
        o.insert("op", "remove-role");
        o.remove("groupId");
    }) << "findings[0].action.value: missing";
    QTest::newRow("action.userId missing for deactivate") << inObject(action, [](QJsonObject& o) {
        o = QJsonObject{{"op", "deactivate"}};
    }) << "findings[0].action.userId: missing";
    QTest::newRow("explanation missing") << removeKey("explanation") << "findings[0].explanation: missing";
    QTest::newRow("blockedBy missing") << removeKey("blockedBy") << "findings[0].blockedBy: missing";
    QTest::newRow("blockedBy false") << setKey("blockedBy", false)
                                     << "findings[0].blockedBy: expected a string or null, not false";
    const QJsonObject secondPath{{"op", "remove-member"}, {"userId", "4839201746189612"}};
    QTest::newRow("actions an object") << setKey("actions", QJsonObject{})
                                       << "findings[0].actions: expected an array of actions, not an object";
    QTest::newRow("actions empty") << setKey("actions", QJsonArray{})
                                   << "findings[0].actions: empty, but action is remove-member";
    QTest::newRow("actions[0] not action")
        << setKey("actions", QJsonArray{secondPath}) << "findings[0].actions[0].groupId: missing";
    QTest::newRow("actions[0] another change")
        << setKey("actions", QJsonArray{QJsonObject{{"op", "deactivate"}, {"userId", "4839201746189612"}}})
        << "findings[0].actions[0]: differs from action (the first change of the fix must be action)";
    QTest::newRow("actions[1].groupId missing") << Edit([secondPath](QJsonObject& o) {
        QJsonArray actions = o.value("actions").toArray();
        actions.append(secondPath);
        o.insert("actions", actions);
    }) << "findings[0].actions[1].groupId: missing";
}

void TestFindingJson::malformed()
{
    QFETCH(Edit, edit);
    QFETCH(QString, expected);
    QJsonObject object = goodObject();
    edit(object);
    QString error;
    QVERIFY(!FindingJson::read(QJsonArray{object}, &error));
    QCOMPARE(error, expected);
    // Through text too: the byte reader reports the same.
    error.clear();
    QVERIFY(!FindingJson::read(QJsonDocument(QJsonArray{object}).toJson(), &error));
    QCOMPARE(error, expected);
}

void TestFindingJson::malformedDocument_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected"); // the start of the message: the rest of a syntax error is Qt's words
    QTest::newRow("empty") << QByteArray() << "line 1, column 1: ";
    QTest::newRow("syntax") << QByteArray("[\n  {\"kind\": }\n]") << "line 2, column 12: ";
    QTest::newRow("object") << QByteArray("{\"findings\": []}")
                            << "findings: expected an array of findings (as `scimitar-cli drift --output json` prints "
                               "them), not an object";
    QTest::newRow("element not an object") << QByteArray("[\"role-without-grant\"]")
                                           << "findings[0]: expected a finding (an object), not "
                                              "\"role-without-grant\"";
}

void TestFindingJson::malformedDocument()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!FindingJson::read(data, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestFindingJson::errorNamesTheElement()
{
    QJsonObject broken = goodObject();
    QJsonObject action = broken.value(QStringLiteral("action")).toObject();
    action.remove(QStringLiteral("groupId"));
    broken.insert(QStringLiteral("action"), action);
    const QJsonArray array{goodObject(), goodObject(), goodObject(), broken, goodObject()};
    QString error;
    QVERIFY(!FindingJson::read(array, &error));
    QCOMPARE(error, QStringLiteral("findings[3].action.groupId: missing"));
}

QTEST_GUILESS_MAIN(TestFindingJson)
#include "tst_findingjson.moc"
