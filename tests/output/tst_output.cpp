#include "model/DirectorySnapshot.h"
#include "output/CsvWriter.h"
#include "output/DirectoryCsv.h"
#include "output/DirectoryJson.h"
#include "output/DisplayWidth.h"
#include "output/TextTable.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace scimitar;

namespace {

// A small workspace with every shape the JSON contract has to describe:
//   alice  -> eng -> all-staff -> company      (nested three deep)
//   alice holds role R1 directly, and all-staff holds R1 too (both ways must be listed)
//   company holds entitlement "workspace-access"
//   deployer (service principal) is a member of eng; bob is in no group
SnapshotPtr sampleSnapshot()
{
    User alice;
    alice.id = QStringLiteral("u1");
    alice.userName = QStringLiteral("alice@example.com");
    alice.displayName = QStringLiteral("Alice");
    alice.emails = {QStringLiteral("alice@example.com"), QStringLiteral("a@example.org")};
    alice.roles = {QStringLiteral("R1")};
    alice.entitlements = {QStringLiteral("allow-cluster-create")};
    User bob;
    bob.id = QStringLiteral("u2");
    bob.userName = QStringLiteral("bob@example.com");
    bob.displayName = QStringLiteral("Bob");
    bob.active = false;

    Group eng;
    eng.id = QStringLiteral("g1");
    eng.displayName = QStringLiteral("eng");
    eng.resourceType = QStringLiteral("WorkspaceGroup");
    eng.members = {{QStringLiteral("u1"), QStringLiteral("Alice"), PrincipalKind::User},
                   // The server's $ref may be missing: the snapshot resolves the kind from what was loaded.
                   {QStringLiteral("s1"), QString(), PrincipalKind::User}};
    Group allStaff;
    allStaff.id = QStringLiteral("g2");
    allStaff.displayName = QStringLiteral("all-staff");
    allStaff.resourceType = QStringLiteral("Group");
    allStaff.members = {{QStringLiteral("g1"), QStringLiteral("eng"), PrincipalKind::Group}};
    allStaff.roles = {QStringLiteral("R1")};
    Group company;
    company.id = QStringLiteral("g3");
    company.displayName = QStringLiteral("company");
    company.members = {{QStringLiteral("g2"), QStringLiteral("all-staff"), PrincipalKind::Group}};
    company.entitlements = {QStringLiteral("workspace-access")};

    ServicePrincipal deployer;
    deployer.id = QStringLiteral("s1");
    deployer.applicationId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    deployer.displayName = QStringLiteral("deployer");

    SnapshotInfo info;
    info.connectionName = QStringLiteral("test");
    return DirectorySnapshot::build({alice, bob}, {eng, allStaff, company}, {deployer}, info);
}

QJsonObject findById(const QJsonArray& array, const QString& id)
{
    for (const QJsonValue& value : array)
        if (value.toObject().value(QLatin1String("id")).toString() == id)
            return value.toObject();
    return {};
}

QJsonObject findEntry(const QJsonArray& array, const QString& key, const QString& value, const QString& type)
{
    for (const QJsonValue& entry : array) {
        const QJsonObject object = entry.toObject();
        if (object.value(key).toString() == value && object.value(QLatin1String("type")).toString() == type)
            return object;
    }
    return {};
}

int countEntries(const QJsonArray& array, const QString& key, const QString& value)
{
    int count = 0;
    for (const QJsonValue& entry : array)
        if (entry.toObject().value(key).toString() == value)
            ++count;
    return count;
}

QStringList keys(const QJsonObject& object)
{
    QStringList result = object.keys();
    result.sort();
    return result;
}

} // namespace

class TestOutput : public QObject
{
    Q_OBJECT

private slots:
    void csvCell_data();
    void csvCell();
    void csvRowsEndInCrLf();

    void displayWidth_data();
    void displayWidth();
    void truncate_data();
    void truncate();

    void tableAlignsColumns();
    void tableAlignsWideCharacters();
    void tableShrinksWidestColumnFirst();
    void tableKeepsCellsOnOneLine();
    void tableRespectsColumnMinimum();

    void usersJson();
    void usersJsonNestedIndirectVia();
    void usersJsonListsDirectAndIndirect();
    void groupsJsonMemberKinds();
    void servicePrincipalsJson();
    void rolesJsonHolders();
    void emptySnapshotGivesEmptyArrays();
    void csvDocuments();
};

void TestOutput::csvCell_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << "alice"
                           << "alice";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("space kept") << " a b "
                                << " a b ";
    QTest::newRow("comma") << "Smith, Jane"
                           << "\"Smith, Jane\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("only quote") << "\""
                                << "\"\"\"\"";
    QTest::newRow("newline") << "a\nb"
                             << "\"a\nb\"";
    QTest::newRow("crlf") << "a\r\nb"
                          << "\"a\r\nb\"";
    QTest::newRow("semicolon unquoted") << "a;b"
                                        << "a;b";
    QTest::newRow("unicode") << "Zoë 東京"
                             << "Zoë 東京";
    QTest::newRow("formula =") << "=1+1"
                               << "'=1+1";
    QTest::newRow("formula +") << "+1"
                               << "'+1";
    QTest::newRow("formula -") << "-2"
                               << "'-2";
    QTest::newRow("formula @") << "@SUM(A1)"
                               << "'@SUM(A1)";
    QTest::newRow("formula tab") << "\t=1"
                                 << "'\t=1";
    QTest::newRow("formula cr") << "\r=1"
                                << "\"'\r=1\"";
    QTest::newRow("formula with comma") << "=HYPERLINK(\"http://x\",\"y\")"
                                        << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
    QTest::newRow("equals inside") << "a=b"
                                   << "a=b";
    QTest::newRow("minus inside") << "data-eng"
                                  << "data-eng";
    // In a ';'-separator locale every piece between ';' is a cell of its own.
    QTest::newRow("list with a formula second") << "admins;=cmd|' /C calc'!A0"
                                                << "admins;'=cmd|' /C calc'!A0";
    QTest::newRow("every piece") << "+1;-2;@x;ok"
                                 << "'+1;'-2;'@x;ok";
    QTest::newRow("name containing ;=") << "grp;=HYPERLINK(\"http://x\")"
                                        << "\"grp;'=HYPERLINK(\"\"http://x\"\")\"";
    QTest::newRow("empty pieces") << ";;"
                                  << ";;";
}

void TestOutput::csvCell()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(CsvWriter::cell(value), expected);
}

void TestOutput::csvRowsEndInCrLf()
{
    CsvWriter csv;
    csv.addRow({QStringLiteral("id"), QStringLiteral("name")});
    csv.addRow({QStringLiteral("1"), QStringLiteral("a,b")});
    csv.addRow({});
    QCOMPARE(csv.text(), QStringLiteral("id,name\r\n1,\"a,b\"\r\n\r\n"));
    QCOMPARE(CsvWriter::row({QStringLiteral("x"), QString(), QStringLiteral("=y")}), QStringLiteral("x,,'=y"));
}

void TestOutput::displayWidth_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width");

    QTest::newRow("empty") << "" << 0;
    QTest::newRow("ascii") << "alice" << 5;
    QTest::newRow("precomposed") << "Zoë" << 3;
    QTest::newRow("combining") << QStringLiteral("Zoe\u0308") << 3;
    QTest::newRow("cjk") << "東京" << 4;
    QTest::newRow("hangul") << "한국" << 4;
    QTest::newRow("fullwidth") << "ＡＢ" << 4;
    QTest::newRow("emoji (surrogate pair)") << QStringLiteral("ok \U0001F600") << 5;
    QTest::newRow("zero width space") << QStringLiteral("a\u200Bb") << 2;
    QTest::newRow("ellipsis") << QStringLiteral("\u2026") << 1;
}

void TestOutput::displayWidth()
{
    QFETCH(QString, text);
    QFETCH(int, width);
    QCOMPARE(DisplayWidth::of(text), width);
}

void TestOutput::truncate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("expected");

    QTest::newRow("fits") << "alice" << 5 << "alice";
    QTest::newRow("cut") << "alice@example.com" << 6 << QStringLiteral("alice\u2026");
    QTest::newRow("one column") << "alice" << 1 << QStringLiteral("\u2026");
    QTest::newRow("zero") << "alice" << 0 << "";
    QTest::newRow("wide does not half fit") << "東京都" << 4 << QStringLiteral("東\u2026");
    QTest::newRow("wide exact") << "東京都" << 5 << QStringLiteral("東京\u2026");
    QTest::newRow("combining stays with base")
        << QStringLiteral("e\u0301e\u0301e\u0301") << 2 << QStringLiteral("e\u0301\u2026");
    QTest::newRow("surrogate pair not split")
        << QStringLiteral("\U0001F600\U0001F600") << 3 << QStringLiteral("\U0001F600\u2026");
}

void TestOutput::truncate()
{
    QFETCH(QString, text);
    QFETCH(int, width);
    QFETCH(QString, expected);
    const QString result = DisplayWidth::truncate(text, width);
    QCOMPARE(result, expected);
    QVERIFY(DisplayWidth::of(result) <= width);
}

void TestOutput::tableAlignsColumns()
{
    TextTable table({QStringLiteral("NAME"), QStringLiteral("ACTIVE"), QStringLiteral("GROUPS")});
    table.addRow({QStringLiteral("alice"), QStringLiteral("yes"), QStringLiteral("eng, ops")});
    table.addRow({QStringLiteral("bartholomew"), QStringLiteral("no")});
    QCOMPARE(table.render(), QStringLiteral("NAME         ACTIVE  GROUPS\n"
                                            "-----------  ------  --------\n"
                                            "alice        yes     eng, ops\n"
                                            "bartholomew  no\n"));
}

void TestOutput::tableAlignsWideCharacters()
{
    TextTable table({QStringLiteral("NAME"), QStringLiteral("X")});
    table.addRow({QStringLiteral("東京"), QStringLiteral("1")});
    table.addRow({QStringLiteral("Zoe\u0308"), QStringLiteral("2")});
    const QStringList lines = table.render().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    // The second column starts at the same terminal column on every line.
    for (const QString& line : lines) {
        const QString first = line.left(line.lastIndexOf(QLatin1Char(' ')) + 1);
        QCOMPARE(DisplayWidth::of(first), 6);
    }
}

void TestOutput::tableShrinksWidestColumnFirst()
{
    TextTable table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("NOTES")});
    table.addRow({QStringLiteral("1"), QStringLiteral("alice"), QString(100, QLatin1Char('x'))});
    table.setMaxWidth(40);
    QCOMPARE(table.columnWidths(), (QList<int>{2, 5, 29}));
    const QStringList lines = table.render().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines)
        QVERIFY2(DisplayWidth::of(line) <= 40, qPrintable(line));
    QVERIFY(lines.at(2).endsWith(QStringLiteral("x\u2026")));
    QVERIFY(lines.at(2).startsWith(QStringLiteral("1   alice  x")));

    // When everything is at its floor the table overflows rather than hiding all text.
    table.setMaxWidth(5);
    QCOMPARE(table.columnWidths(), (QList<int>{2, 5, TextTable::kMinColumnWidth}));
}

void TestOutput::tableKeepsCellsOnOneLine()
{
    TextTable table({QStringLiteral("A"), QStringLiteral("B")});
    table.addRow({QStringLiteral("line1\nline2"), QStringLiteral("tab\there")});
    QCOMPARE(table.render().count(QLatin1Char('\n')), 3);
    QVERIFY(table.render().contains(QStringLiteral("line1 line2  tab here")));
}

void TestOutput::tableRespectsColumnMinimum()
{
    TextTable table({QStringLiteral("USER"), QStringLiteral("NOTES")});
    table.addRow({QString(30, QLatin1Char('u')), QString(30, QLatin1Char('n'))});
    table.setMaxWidth(42);
    table.setColumnMinWidth(0, 30);
    QCOMPARE(table.columnWidths(), (QList<int>{30, 10}));
}

void TestOutput::usersJson()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QJsonArray users = DirectoryJson::users(*snapshot);
    QCOMPARE(users.size(), 2);
    // Snapshot order (by userName), which is deterministic.
    QCOMPARE(users.at(0).toObject().value(QLatin1String("userName")).toString(), QStringLiteral("alice@example.com"));
    const QJsonObject alice = users.at(0).toObject();
    QCOMPARE(keys(alice),
             (QStringList{"active", "displayName", "emails", "entitlements", "groups", "id", "roles", "userName"}));
    QCOMPARE(alice.value(QLatin1String("active")), QJsonValue(true));
    QCOMPARE(alice.value(QLatin1String("emails")).toArray(),
             QJsonArray({QStringLiteral("alice@example.com"), QStringLiteral("a@example.org")}));

    const QJsonObject bob = users.at(1).toObject();
    QCOMPARE(bob.value(QLatin1String("active")), QJsonValue(false));
    QVERIFY(bob.value(QLatin1String("groups")).isArray());
    QVERIFY(bob.value(QLatin1String("groups")).toArray().isEmpty());
    QVERIFY(bob.value(QLatin1String("emails")).toArray().isEmpty());
}

void TestOutput::usersJsonNestedIndirectVia()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QJsonObject alice = findById(DirectoryJson::users(*snapshot), QStringLiteral("u1"));
    const QJsonArray groups = alice.value(QLatin1String("groups")).toArray();
    QCOMPARE(groups.size(), 3);
    QCOMPARE(keys(findEntry(groups, QStringLiteral("displayName"), QStringLiteral("eng"), QStringLiteral("direct"))),
             (QStringList{"displayName", "id", "type"}));
    const QJsonObject company =
        findEntry(groups, QStringLiteral("displayName"), QStringLiteral("company"), QStringLiteral("indirect"));
    QCOMPARE(company.value(QLatin1String("id")).toString(), QStringLiteral("g3"));
    QCOMPARE(company.value(QLatin1String("path")).toArray(),
             QJsonArray({QStringLiteral("eng"), QStringLiteral("all-staff")}));

    // Entitlement granted two levels up: via names the group that holds it, not alice's direct group.
    const QJsonArray entitlements = alice.value(QLatin1String("entitlements")).toArray();
    const QJsonObject inherited = findEntry(entitlements, QStringLiteral("value"), QStringLiteral("workspace-access"),
                                            QStringLiteral("indirect"));
    QCOMPARE(inherited.value(QLatin1String("via")).toString(), QStringLiteral("company"));
    QCOMPARE(inherited.value(QLatin1String("viaId")).toString(), QStringLiteral("g3"));
    QCOMPARE(inherited.value(QLatin1String("path")).toArray(),
             QJsonArray({QStringLiteral("eng"), QStringLiteral("all-staff"), QStringLiteral("company")}));
    const QJsonObject direct = findEntry(entitlements, QStringLiteral("value"), QStringLiteral("allow-cluster-create"),
                                         QStringLiteral("direct"));
    QCOMPARE(keys(direct), (QStringList{"type", "value"}));
}

void TestOutput::usersJsonListsDirectAndIndirect()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QJsonObject alice = findById(DirectoryJson::users(*snapshot), QStringLiteral("u1"));
    const QJsonArray roles = alice.value(QLatin1String("roles")).toArray();
    QCOMPARE(countEntries(roles, QStringLiteral("value"), QStringLiteral("R1")), 2);
    QVERIFY(!findEntry(roles, QStringLiteral("value"), QStringLiteral("R1"), QStringLiteral("direct")).isEmpty());
    const QJsonObject indirect =
        findEntry(roles, QStringLiteral("value"), QStringLiteral("R1"), QStringLiteral("indirect"));
    QCOMPARE(indirect.value(QLatin1String("via")).toString(), QStringLiteral("all-staff"));
}

void TestOutput::groupsJsonMemberKinds()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QJsonArray groups = DirectoryJson::groups(*snapshot);
    QCOMPARE(groups.size(), 3);
    const QJsonObject eng = findById(groups, QStringLiteral("g1"));
    QCOMPARE(keys(eng), (QStringList{"displayName", "entitlements", "id", "members", "roles", "source"}));
    QCOMPARE(eng.value(QLatin1String("source")).toString(), QStringLiteral("Workspace"));
    const QJsonArray members = eng.value(QLatin1String("members")).toArray();
    QCOMPARE(members.size(), 2);
    const QJsonObject user = findById(members, QStringLiteral("u1"));
    QCOMPARE(keys(user), (QStringList{"display", "id", "kind"}));
    QCOMPARE(user.value(QLatin1String("kind")).toString(), QStringLiteral("user"));
    const QJsonObject sp = findById(members, QStringLiteral("s1"));
    QCOMPARE(sp.value(QLatin1String("kind")).toString(), QStringLiteral("servicePrincipal"));
    QCOMPARE(sp.value(QLatin1String("display")).toString(), QStringLiteral("deployer"));

    const QJsonObject allStaff = findById(groups, QStringLiteral("g2"));
    QCOMPARE(findById(allStaff.value(QLatin1String("members")).toArray(), QStringLiteral("g1"))
                 .value(QLatin1String("kind"))
                 .toString(),
             QStringLiteral("group"));
    // A group inherits from the groups it is a member of, too.
    const QJsonObject inherited =
        findEntry(allStaff.value(QLatin1String("entitlements")).toArray(), QStringLiteral("value"),
                  QStringLiteral("workspace-access"), QStringLiteral("indirect"));
    QCOMPARE(inherited.value(QLatin1String("via")).toString(), QStringLiteral("company"));
}

void TestOutput::servicePrincipalsJson()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QJsonArray sps = DirectoryJson::servicePrincipals(*snapshot);
    QCOMPARE(sps.size(), 1);
    const QJsonObject deployer = sps.at(0).toObject();
    QCOMPARE(keys(deployer),
             (QStringList{"active", "applicationId", "displayName", "entitlements", "groups", "id", "roles"}));
    QCOMPARE(deployer.value(QLatin1String("applicationId")).toString(),
             QStringLiteral("11111111-2222-3333-4444-555555555555"));
    const QJsonObject role = findEntry(deployer.value(QLatin1String("roles")).toArray(), QStringLiteral("value"),
                                       QStringLiteral("R1"), QStringLiteral("indirect"));
    QCOMPARE(role.value(QLatin1String("via")).toString(), QStringLiteral("all-staff"));
}

void TestOutput::rolesJsonHolders()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QJsonArray roles = DirectoryJson::roles(*snapshot);
    QCOMPARE(roles.size(), 1);
    const QJsonObject r1 = roles.at(0).toObject();
    QCOMPARE(keys(r1), (QStringList{"holders", "value"}));
    QCOMPARE(r1.value(QLatin1String("value")).toString(), QStringLiteral("R1"));
    const QJsonArray holders = r1.value(QLatin1String("holders")).toArray();

    // alice (direct), alice (via all-staff), all-staff itself (direct), eng (via all-staff), deployer (via all-staff).
    QCOMPARE(holders.size(), 5);
    QCOMPARE(countEntries(holders, QStringLiteral("id"), QStringLiteral("u1")), 2);
    const QJsonObject aliceDirect =
        findEntry(holders, QStringLiteral("id"), QStringLiteral("u1"), QStringLiteral("direct"));
    QCOMPARE(aliceDirect.value(QLatin1String("name")).toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(aliceDirect.value(QLatin1String("kind")).toString(), QStringLiteral("user"));
    QVERIFY(aliceDirect.value(QLatin1String("via")).isNull());
    QVERIFY(aliceDirect.contains(QLatin1String("via"))); // null, not missing
    const QJsonObject deployer =
        findEntry(holders, QStringLiteral("id"), QStringLiteral("s1"), QStringLiteral("indirect"));
    QCOMPARE(deployer.value(QLatin1String("kind")).toString(), QStringLiteral("servicePrincipal"));
    QCOMPARE(deployer.value(QLatin1String("via")).toString(), QStringLiteral("all-staff"));
    const QJsonObject group = findEntry(holders, QStringLiteral("id"), QStringLiteral("g2"), QStringLiteral("direct"));
    QCOMPARE(group.value(QLatin1String("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(group.value(QLatin1String("name")).toString(), QStringLiteral("all-staff"));
}

void TestOutput::emptySnapshotGivesEmptyArrays()
{
    const SnapshotPtr snapshot = DirectorySnapshot::build({}, {}, {}, {});
    QVERIFY(DirectoryJson::users(*snapshot).isEmpty());
    QVERIFY(DirectoryJson::groups(*snapshot).isEmpty());
    QVERIFY(DirectoryJson::servicePrincipals(*snapshot).isEmpty());
    QVERIFY(DirectoryJson::roles(*snapshot).isEmpty());
    QCOMPARE(DirectoryCsv::users(*snapshot), CsvWriter::row(DirectoryCsv::userColumns()) + QStringLiteral("\r\n"));
}

void TestOutput::csvDocuments()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QStringList users = DirectoryCsv::users(*snapshot).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(users.size(), 3);
    QCOMPARE(users.at(0), DirectoryCsv::userColumns().join(QLatin1Char(',')));
    QCOMPARE(users.at(1), QStringLiteral("u1,alice@example.com,Alice,true,alice@example.com;a@example.org,eng,"
                                         "all-staff;company,R1,R1 (via all-staff),allow-cluster-create,"
                                         "workspace-access (via company)"));
    QCOMPARE(users.at(2), QStringLiteral("u2,bob@example.com,Bob,false,,,,,,,"));

    const QStringList groups = DirectoryCsv::groups(*snapshot).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(groups.size(), 4);
    QVERIFY2(groups.contains(QStringLiteral("g1,eng,Workspace,alice@example.com,,deployer,,R1 (via all-staff),,"
                                            "workspace-access (via company)")),
             qPrintable(groups.join(QLatin1Char('\n'))));

    const QStringList sps =
        DirectoryCsv::servicePrincipals(*snapshot).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(sps.size(), 2);
    QCOMPARE(sps.at(1), QStringLiteral("s1,11111111-2222-3333-4444-555555555555,deployer,true,eng,"
                                       "all-staff;company,,R1 (via all-staff),,workspace-access (via company)"));

    const QStringList roles = DirectoryCsv::roles(*snapshot).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(roles.size(), 6); // header + five holders
    QVERIFY(roles.contains(QStringLiteral("R1,u1,alice@example.com,user,direct,")));
    QVERIFY(roles.contains(QStringLiteral("R1,s1,deployer,servicePrincipal,indirect,all-staff")));
}

QTEST_GUILESS_MAIN(TestOutput)
#include "tst_output.moc"
