#include "model/DirectorySnapshot.h"

#include <QTest>

using namespace scimitar;

namespace {

User makeUser(const QString& id, const QString& userName, QStringList roles = {}, bool active = true)
{
    User user;
    user.id = id;
    user.userName = userName;
    user.displayName = userName.section(QLatin1Char('@'), 0, 0);
    user.roles = std::move(roles);
    user.active = active;
    return user;
}

Group makeGroup(const QString& id, const QString& name, QList<MemberRef> members, QStringList roles = {},
                QStringList entitlements = {}, const QString& resourceType = QStringLiteral("Group"))
{
    Group group;
    group.id = id;
    group.displayName = name;
    group.members = std::move(members);
    group.roles = std::move(roles);
    group.entitlements = std::move(entitlements);
    group.resourceType = resourceType;
    return group;
}

MemberRef member(const QString& id, PrincipalKind kind = PrincipalKind::User)
{
    return {id, QString(), kind};
}

const QString kPii = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kEtl = QStringLiteral("arn:aws:iam::123456789012:instance-profile/etl-write");

// ana -> pii-readers -> pii-analysts (holds pii-read); ana also holds etl-write directly.
// bob is a direct member of pii-analysts. carl is inactive and in no group. The etl service principal sits in
// pii-readers (its $ref was not sent, so the snapshot must resolve its kind from what was loaded).
SnapshotPtr sampleSnapshot()
{
    QList<User> users = {makeUser(QStringLiteral("1"), QStringLiteral("Ana@Example.com"), {kEtl}),
                         makeUser(QStringLiteral("2"), QStringLiteral("bob@example.com")),
                         makeUser(QStringLiteral("3"), QStringLiteral("carl@example.com"), {}, false)};
    QList<Group> groups = {
        makeGroup(QStringLiteral("10"), QStringLiteral("pii-analysts"),
                  {member(QStringLiteral("11"), PrincipalKind::Group), member(QStringLiteral("2"))}, {kPii},
                  {QStringLiteral("databricks-sql-access")}),
        makeGroup(QStringLiteral("11"), QStringLiteral("pii-readers"),
                  {member(QStringLiteral("1")), member(QStringLiteral("20"))}),
        makeGroup(QStringLiteral("12"), QStringLiteral("admins"), {member(QStringLiteral("2"))}, {}, {},
                  QStringLiteral("WorkspaceGroup")),
        makeGroup(QStringLiteral("13"), QStringLiteral("legacy-local"), {}, {}, {}, QStringLiteral("WorkspaceGroup")),
    };
    ServicePrincipal sp;
    sp.id = QStringLiteral("20");
    sp.applicationId = QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001");
    sp.displayName = QStringLiteral("etl-job");
    SnapshotInfo info;
    info.connectionName = QStringLiteral("test");
    return DirectorySnapshot::build(users, groups, {sp}, info);
}

} // namespace

class TestSnapshot final : public QObject
{
    Q_OBJECT

private slots:
    void lookupsAreCaseInsensitive_data();
    void lookupsAreCaseInsensitive();
    void membershipIsDirectOrInheritedWithPath();
    void rolesCarryTheGrantingGroupAndPath();
    void roleIndexListsEveryWayOfHolding();
    void memberKindsResolvedFromLoadedData();
    void groupSource_data();
    void groupSource();
    void cyclesTerminate();
    void transitiveMembersExpandNestedGroups();
    void ordersAreDeterministic();
};

void TestSnapshot::lookupsAreCaseInsensitive_data()
{
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("expectedId");
    QTest::newRow("as stored") << QStringLiteral("Ana@Example.com") << QStringLiteral("1");
    QTest::newRow("lower") << QStringLiteral("ana@example.com") << QStringLiteral("1");
    QTest::newRow("upper") << QStringLiteral("BOB@EXAMPLE.COM") << QStringLiteral("2");
    QTest::newRow("unknown") << QStringLiteral("dan@example.com") << QString();
}

void TestSnapshot::lookupsAreCaseInsensitive()
{
    QFETCH(QString, userName);
    QFETCH(QString, expectedId);
    const SnapshotPtr snapshot = sampleSnapshot();
    const User* user = snapshot->findUserByName(userName);
    QCOMPARE(user ? user->id : QString(), expectedId);
    QVERIFY(snapshot->findGroupByName(QStringLiteral("PII-Analysts")));
}

void TestSnapshot::membershipIsDirectOrInheritedWithPath()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QList<EffectiveGroup>& groups = snapshot->groupsOf(PrincipalKind::User, QStringLiteral("1"));
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups[0].groupId, QStringLiteral("11"));
    QVERIFY(groups[0].direct);
    QCOMPARE(groups[1].groupId, QStringLiteral("10"));
    QVERIFY(!groups[1].direct);
    QCOMPARE(groups[1].path, QStringList{QStringLiteral("11")});
    QVERIFY(snapshot->groupsOf(PrincipalKind::User, QStringLiteral("3")).isEmpty());
}

void TestSnapshot::rolesCarryTheGrantingGroupAndPath()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QList<EffectiveGrant>& roles = snapshot->rolesOf(PrincipalKind::User, QStringLiteral("1"));
    QCOMPARE(roles.size(), 2);
    QCOMPARE(roles[0].value, kEtl);
    QVERIFY(roles[0].direct);
    QCOMPARE(roles[1].value, kPii);
    QVERIFY(!roles[1].direct);
    QCOMPARE(roles[1].grantingGroupId, QStringLiteral("10"));
    QCOMPARE(roles[1].path, (QStringList{QStringLiteral("11"), QStringLiteral("10")}));

    const QList<EffectiveGrant>& bobs = snapshot->rolesOf(PrincipalKind::User, QStringLiteral("2"));
    QCOMPARE(bobs.size(), 1);
    QCOMPARE(bobs[0].path, QStringList{QStringLiteral("10")});
    const QList<EffectiveGrant>& entitlements = snapshot->entitlementsOf(PrincipalKind::User, QStringLiteral("2"));
    QCOMPARE(entitlements.size(), 1);
    QCOMPARE(entitlements[0].value, QStringLiteral("databricks-sql-access"));
}

void TestSnapshot::roleIndexListsEveryWayOfHolding()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    QCOMPARE(snapshot->roleValues(), (QStringList{kEtl, kPii}));
    const QList<Holder>& holders = snapshot->holdersOfRole(kPii);
    // pii-analysts itself, ana (through 2 groups), bob (through pii-analysts), the nested group pii-readers
    // (through pii-analysts) and the SP (through pii-readers): five ways of holding it.
    QCOMPARE(holders.size(), 5);
    int direct = 0;
    for (const Holder& holder : holders) {
        if (holder.direct) {
            ++direct;
            QCOMPARE(holder.kind, PrincipalKind::Group);
        } else {
            QCOMPARE(holder.grantingGroupId, QStringLiteral("10"));
        }
    }
    QCOMPARE(direct, 1);
    QVERIFY(snapshot->holdersOfRole(QStringLiteral("nope")).isEmpty());
}

void TestSnapshot::memberKindsResolvedFromLoadedData()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const Group* readers = snapshot->findGroup(QStringLiteral("11"));
    QVERIFY(readers);
    QCOMPARE(readers->members[1].kind, PrincipalKind::ServicePrincipal);
    QCOMPARE(readers->members[1].display, QStringLiteral("etl-job"));
    QCOMPARE(snapshot->rolesOf(PrincipalKind::ServicePrincipal, QStringLiteral("20")).size(), 1);
}

void TestSnapshot::groupSource_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("source");
    QTest::newRow("account group") << QStringLiteral("pii-analysts") << int(GroupSource::Account);
    QTest::newRow("system beats workspace type") << QStringLiteral("admins") << int(GroupSource::System);
    QTest::newRow("workspace-local") << QStringLiteral("legacy-local") << int(GroupSource::Workspace);
}

void TestSnapshot::groupSource()
{
    QFETCH(QString, name);
    QFETCH(int, source);
    const SnapshotPtr snapshot = sampleSnapshot();
    const Group* group = snapshot->findGroupByName(name);
    QVERIFY(group);
    QCOMPARE(int(group->source), source);
}

void TestSnapshot::cyclesTerminate()
{
    // Databricks should refuse a membership cycle, but the snapshot must survive one in the data.
    QList<Group> groups = {makeGroup(QStringLiteral("a"), QStringLiteral("a"),
                                     {member(QStringLiteral("b"), PrincipalKind::Group), member(QStringLiteral("u"))},
                                     {QStringLiteral("role-a")}),
                           makeGroup(QStringLiteral("b"), QStringLiteral("b"),
                                     {member(QStringLiteral("a"), PrincipalKind::Group)}, {QStringLiteral("role-b")})};
    const SnapshotPtr snapshot =
        DirectorySnapshot::build({makeUser(QStringLiteral("u"), QStringLiteral("u@x.com"))}, groups, {}, {});
    QCOMPARE(snapshot->groupsOf(PrincipalKind::User, QStringLiteral("u")).size(), 2);
    QCOMPARE(snapshot->rolesOf(PrincipalKind::User, QStringLiteral("u")).size(), 2);
    QCOMPARE(snapshot->transitiveMembers(QStringLiteral("a")).size(), 3); // b, u, a (through b)
}

void TestSnapshot::transitiveMembersExpandNestedGroups()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    const QList<Holder> members = snapshot->transitiveMembers(QStringLiteral("10"));
    QStringList ids;
    for (const Holder& holder : members)
        ids.append(holder.id + (holder.direct ? QStringLiteral("+") : QStringLiteral("~") + holder.grantingGroupId));
    QCOMPARE(ids, (QStringList{QStringLiteral("11+"), QStringLiteral("2+"), QStringLiteral("1~11"),
                               QStringLiteral("20~11")}));
}

void TestSnapshot::ordersAreDeterministic()
{
    const SnapshotPtr snapshot = sampleSnapshot();
    QStringList names;
    for (const User& user : snapshot->users())
        names.append(user.userName);
    QCOMPARE(names, (QStringList{QStringLiteral("Ana@Example.com"), QStringLiteral("bob@example.com"),
                                 QStringLiteral("carl@example.com")}));
    QCOMPARE(snapshot->groups().first().displayName, QStringLiteral("admins"));
}

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
