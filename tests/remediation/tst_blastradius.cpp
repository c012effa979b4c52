#include "remediation/BlastRadius.h"

#include <QtTest>

using namespace scimitar;

namespace {

const QString kPii = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kWarehouse = QStringLiteral("arn:aws:iam::123456789012:instance-profile/warehouse-read");
const QString kCycleRole = QStringLiteral("arn:aws:iam::123456789012:instance-profile/cycle");

User user(const QString& id, const QString& name, const QStringList& roles = {}, const QStringList& entitlements = {})
{
    User u;
    u.id = id;
    u.userName = name;
    u.roles = roles;
    u.entitlements = entitlements;
    return u;
}

Group group(const QString& id, const QString& name, const QList<MemberRef>& members, const QStringList& roles = {},
            const QStringList& entitlements = {})
{
    Group g;
    g.id = id;
    g.displayName = name;
    g.members = members;
    g.roles = roles;
    g.entitlements = entitlements;
    return g;
}

MemberRef member(const QString& id, PrincipalKind kind = PrincipalKind::User)
{
    return {id, QString(), kind};
}

// sam holds pii-read directly and through pii-analysts; jonas only through legacy-bi-team, which also gives
// databricks-sql-access and, nested in bi-all, warehouse-read; jonas is also in a cycle c1 <-> c2 granting a role;
// bob holds pii-read only through pii-analysts; ana through pii-analysts and finance; eve holds pii-read directly and
// is in legacy-bi-team.
SnapshotPtr world()
{
    const QList<User> users{
        user(QStringLiteral("u1"), QStringLiteral("sam"), {kPii}),
        user(QStringLiteral("u2"), QStringLiteral("jonas")),
        user(QStringLiteral("u3"), QStringLiteral("ana")),
        user(QStringLiteral("u4"), QStringLiteral("eve"), {kPii}, {QStringLiteral("workspace-access")}),
        user(QStringLiteral("u5"), QStringLiteral("bob")),
    };
    const QList<Group> groups{
        group(QStringLiteral("g-legacy"), QStringLiteral("legacy-bi-team"),
              {member(QStringLiteral("u2")), member(QStringLiteral("u4"))}, {kPii},
              {QStringLiteral("databricks-sql-access")}),
        group(QStringLiteral("g-pii"), QStringLiteral("pii-analysts"),
              {member(QStringLiteral("u1")), member(QStringLiteral("u3")), member(QStringLiteral("u5"))}, {kPii}),
        group(QStringLiteral("g-bi"), QStringLiteral("bi-all"),
              {member(QStringLiteral("g-legacy"), PrincipalKind::Group)}, {kWarehouse}),
        group(QStringLiteral("g-finance"), QStringLiteral("finance"), {member(QStringLiteral("u3"))}, {kPii}),
        group(QStringLiteral("g-c1"), QStringLiteral("c1"),
              {member(QStringLiteral("u2")), member(QStringLiteral("g-c2"), PrincipalKind::Group)}),
        group(QStringLiteral("g-c2"), QStringLiteral("c2"), {member(QStringLiteral("g-c1"), PrincipalKind::Group)},
              {kCycleRole}),
    };
    return DirectorySnapshot::build(users, groups, {}, SnapshotInfo());
}

Change removeMember(const QString& groupId, const QString& groupName, const QString& userId)
{
    Change change;
    change.op = ChangeOp::RemoveMember;
    change.objectKind = PrincipalKind::Group;
    change.objectId = groupId;
    change.objectName = groupName;
    change.value = userId;
    change.memberKind = PrincipalKind::User;
    return change;
}

Change onObject(ChangeOp op, PrincipalKind kind, const QString& id, const QString& name, const QString& value = {})
{
    Change change;
    change.op = op;
    change.objectKind = kind;
    change.objectId = id;
    change.objectName = name;
    change.value = value;
    return change;
}

QStringList words(const QList<SideEffect>& effects)
{
    QStringList list;
    for (const SideEffect& effect : effects)
        list.append(QStringLiteral("%1 %2 via %3%4")
                        .arg(sideEffectKindName(effect.kind), effect.value, effect.via,
                             effect.principal.isEmpty() ? QString() : QStringLiteral(" for ") + effect.principal));
    return list;
}

} // namespace

class TestBlastRadius : public QObject
{
    Q_OBJECT

private slots:
    void changes_data();
    void changes();
};

void TestBlastRadius::changes_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("sideEffects");
    QTest::addColumn<QStringList>("stillHeldThrough");

    QTest::newRow("member out of a group that gives more than the finding's target")
        << removeMember(QStringLiteral("g-legacy"), QStringLiteral("legacy-bi-team"), QStringLiteral("u2"))
        << QStringList{QStringLiteral("group bi-all via legacy-bi-team"),
                       QStringLiteral("role %1 via legacy-bi-team").arg(kPii),
                       QStringLiteral("role %1 via legacy-bi-team").arg(kWarehouse),
                       QStringLiteral("entitlement databricks-sql-access via legacy-bi-team")}
        << QStringList();
    QTest::newRow("member who holds the role directly too keeps it")
        << removeMember(QStringLiteral("g-legacy"), QStringLiteral("legacy-bi-team"), QStringLiteral("u4"))
        << QStringList{QStringLiteral("group bi-all via legacy-bi-team"),
                       QStringLiteral("role %1 via legacy-bi-team").arg(kWarehouse),
                       QStringLiteral("entitlement databricks-sql-access via legacy-bi-team")}
        << QStringList();
    QTest::newRow("only path") << removeMember(QStringLiteral("g-pii"), QStringLiteral("pii-analysts"),
                                               QStringLiteral("u5"))
                               << QStringList{QStringLiteral("role %1 via pii-analysts").arg(kPii)} << QStringList();
    QTest::newRow("another group grants the same role: nothing else lost")
        << removeMember(QStringLiteral("g-pii"), QStringLiteral("pii-analysts"), QStringLiteral("u3")) << QStringList()
        << QStringList();
    QTest::newRow("out of a group in a cycle: terminates, loses what the cycle gave")
        << removeMember(QStringLiteral("g-c1"), QStringLiteral("c1"), QStringLiteral("u2"))
        << QStringList{QStringLiteral("group c2 via c1"), QStringLiteral("role %1 via c1").arg(kCycleRole)}
        << QStringList();
    QTest::newRow("direct role also held through a group")
        << onObject(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("u1"), QStringLiteral("sam"), kPii)
        << QStringList() << QStringList{QStringLiteral("pii-analysts")};
    QTest::newRow("role held through two groups")
        << onObject(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("u3"), QStringLiteral("ana"), kPii)
        << QStringList() << QStringList{QStringLiteral("finance"), QStringLiteral("pii-analysts")};
    QTest::newRow("direct role held only directly")
        << onObject(ChangeOp::RemoveEntitlement, PrincipalKind::User, QStringLiteral("u4"), QStringLiteral("eve"),
                    QStringLiteral("workspace-access"))
        << QStringList() << QStringList();
    QTest::newRow("role off a nested group reaches its members' members")
        << onObject(ChangeOp::RemoveRole, PrincipalKind::Group, QStringLiteral("g-bi"), QStringLiteral("bi-all"),
                    kWarehouse)
        << QStringList{QStringLiteral("role %1 via bi-all for jonas").arg(kWarehouse),
                       QStringLiteral("role %1 via bi-all for eve").arg(kWarehouse)}
        << QStringList();
    QTest::newRow("role off a group: members holding it otherwise keep it")
        << onObject(ChangeOp::RemoveRole, PrincipalKind::Group, QStringLiteral("g-legacy"),
                    QStringLiteral("legacy-bi-team"), kPii)
        << QStringList{QStringLiteral("role %1 via legacy-bi-team for jonas").arg(kPii)} << QStringList();
    QTest::newRow("deactivation takes everything")
        << onObject(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("u1"), QStringLiteral("sam"))
        << QStringList{QStringLiteral("role %1 via deactivation").arg(kPii),
                       QStringLiteral("group pii-analysts via deactivation")}
        << QStringList();
    QTest::newRow("adding takes nothing")
        << onObject(ChangeOp::AddRole, PrincipalKind::User, QStringLiteral("u2"), QStringLiteral("jonas"), kPii)
        << QStringList() << QStringList();
    QTest::newRow("unknown principal: nothing known, nothing claimed")
        << removeMember(QStringLiteral("g-pii"), QStringLiteral("pii-analysts"), QStringLiteral("u404"))
        << QStringList() << QStringList();
}

void TestBlastRadius::changes()
{
    QFETCH(Change, change);
    QFETCH(QStringList, sideEffects);
    QFETCH(QStringList, stillHeldThrough);
    const BlastRadius radius = BlastRadius::of(change, *world());
    QCOMPARE(words(radius.sideEffects), sideEffects);
    QCOMPARE(radius.stillHeldThrough, stillHeldThrough);
    QCOMPARE(radius.isEmpty(), sideEffects.isEmpty() && stillHeldThrough.isEmpty());
}

QTEST_GUILESS_MAIN(TestBlastRadius)
#include "tst_blastradius.moc"
