#include "remediation/BlastRadius.h"
#include "remediation/ChangeGuard.h"
#include "remediation/FindingChanges.h"
#include "remediation/PlannedItems.h"

#include <QJsonArray>
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

Q_DECLARE_METATYPE(scimitar::SideEffect)

class TestBlastRadius : public QObject
{
    Q_OBJECT

private slots:
    void ownerLifelineFromSnapshot_data();
    void ownerLifelineFromSnapshot();
    void changes_data();
    void changes();
    void fixes_data();
    void fixes();
    void guardedLosses_data();
    void guardedLosses();
    void plannedShares();
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

using Changes = QList<Change>;

// A finding's fix, several changes on one principal measured together: what goes once every path is cut, each loss
// credited to the change that completes it, and what (if anything) still grants the target.
void TestBlastRadius::fixes_data()
{
    QTest::addColumn<Changes>("changes");
    QTest::addColumn<QString>("target"); // a role value
    QTest::addColumn<QStringList>("sideEffects");
    QTest::addColumn<QStringList>("stillHeldThrough");

    const Change samDirect =
        onObject(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("u1"), QStringLiteral("sam"), kPii);
    const Change samGroup = removeMember(QStringLiteral("g-pii"), QStringLiteral("pii-analysts"), QStringLiteral("u1"));
    QTest::newRow("both of sam's paths: revoked, nothing else goes")
        << Changes{samDirect, samGroup} << kPii << QStringList() << QStringList();
    QTest::newRow("one of sam's paths: still held")
        << Changes{samDirect} << kPii << QStringList() << QStringList{QStringLiteral("pii-analysts")};
    const Change anaPii = removeMember(QStringLiteral("g-pii"), QStringLiteral("pii-analysts"), QStringLiteral("u3"));
    const Change anaFinance =
        removeMember(QStringLiteral("g-finance"), QStringLiteral("finance"), QStringLiteral("u3"));
    QTest::newRow("ana through two groups, both cut")
        << Changes{anaPii, anaFinance} << kPii << QStringList() << QStringList();
    QTest::newRow("ana, one group cut") << Changes{anaPii} << kPii << QStringList()
                                        << QStringList{QStringLiteral("finance")};
    const Change eveDirect =
        onObject(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("u4"), QStringLiteral("eve"), kPii);
    const Change eveLegacy =
        removeMember(QStringLiteral("g-legacy"), QStringLiteral("legacy-bi-team"), QStringLiteral("u4"));
    QTest::newRow("eve: the group's other grants are credited to leaving it")
        << Changes{eveDirect, eveLegacy} << kPii
        << QStringList{QStringLiteral("group bi-all via legacy-bi-team"),
                       QStringLiteral("role %1 via legacy-bi-team").arg(kWarehouse),
                       QStringLiteral("entitlement databricks-sql-access via legacy-bi-team")}
        << QStringList();
}

void TestBlastRadius::fixes()
{
    QFETCH(Changes, changes);
    QFETCH(QString, target);
    QFETCH(QStringList, sideEffects);
    QFETCH(QStringList, stillHeldThrough);
    AccessTarget access;
    access.value = target;
    access.principalId = changes.first().principalId();
    const BlastRadius radius = BlastRadius::of(changes, *world(), access);
    QCOMPARE(words(radius.sideEffects), sideEffects);
    QCOMPARE(radius.stillHeldThrough, stillHeldThrough);
    // Said before sending, in the words the dialogs and the CLI show.
    const QStringList sentences = radius.sentences(target);
    QCOMPARE(sentences.join('\n').contains(QStringLiteral("this change alone does not revoke it")),
             !stillHeldThrough.isEmpty());
}

void TestBlastRadius::guardedLosses_data()
{
    QTest::addColumn<SideEffect>("effect");
    QTest::addColumn<QString>("guarded"); // contained in the sentence; empty: not guarded
    QTest::newRow("admins") << SideEffect{SideEffect::Kind::Group, QStringLiteral("Admins"), QStringLiteral("ops"), {}}
                            << QStringLiteral("the group admins (workspace admin rights)");
    QTest::newRow("users") << SideEffect{SideEffect::Kind::Group, QStringLiteral("users"), QStringLiteral("ops"), {}}
                           << QStringLiteral("the system group users (access to the workspace itself)");
    QTest::newRow("a protected group") << SideEffect{SideEffect::Kind::Group,
                                                     QStringLiteral("break-glass"),
                                                     QStringLiteral("ops"),
                                                     {}}
                                       << QStringLiteral("the group break-glass, which the policy protects");
    QTest::newRow("account_admin, for a member")
        << SideEffect{SideEffect::Kind::Role, QStringLiteral("account_admin"), QStringLiteral("ops"),
                      QStringLiteral("ana")}
        << QStringLiteral("the role account_admin (account admin rights) from ana");
    QTest::newRow("an ordinary group")
        << SideEffect{SideEffect::Kind::Group, QStringLiteral("bi-all"), QStringLiteral("ops"), {}} << QString();
    QTest::newRow("an entitlement named like a group")
        << SideEffect{SideEffect::Kind::Entitlement, QStringLiteral("admins"), QStringLiteral("ops"), {}} << QString();
}

void TestBlastRadius::guardedLosses()
{
    QFETCH(SideEffect, effect);
    QFETCH(QString, guarded);
    GuardContext context;
    context.protectedGroups = {QStringLiteral("Break-Glass")};
    const Change change = removeMember(QStringLiteral("g-ops"), QStringLiteral("ops"), QStringLiteral("u1"));
    const QString sentence = ChangeGuard(context).guardedLoss(change, {effect});
    if (guarded.isEmpty()) {
        QVERIFY2(sentence.isEmpty(), qPrintable(sentence));
        return;
    }
    QVERIFY2(sentence.contains(guarded), qPrintable(sentence));
    QVERIFY2(sentence.startsWith(change.describe()), qPrintable(sentence));
}

// The app and the CLI build the same items: each change of a fix shows the losses it completes, and carries the
// finding's target for the re-read; the batch sum names whose loss each is.
void TestBlastRadius::plannedShares()
{
    Finding finding;
    finding.kind = FindingKind::RoleWithoutGrant;
    finding.principal = {QStringLiteral("u4"), QStringLiteral("eve"), PrincipalKind::User};
    finding.target = kPii;
    finding.action = {ActionOp::RemoveRole, QStringLiteral("u4"), {}, kPii};
    finding.furtherActions = {{ActionOp::RemoveMember, QStringLiteral("u4"), QStringLiteral("g-legacy"), {}}};
    const FindingChanges::Plan plan = FindingChanges::plan({finding}, world().get());
    QCOMPARE(plan.changes.size(), 2);
    const QList<PlannedItem> items = PlannedItems::of(plan, *world(), GuardContext());
    QCOMPARE(items.size(), 2);
    QCOMPARE(words(items.at(0).radius.sideEffects), QStringList());
    QCOMPARE(words(items.at(1).radius.sideEffects).size(), 3);
    for (const PlannedItem& item : items) {
        QVERIFY(item.radiusKnown);
        QVERIFY(item.run.revokes);
        QCOMPARE(item.run.revokes->value, kPii);
        QCOMPARE(item.run.revokes->principalId, QStringLiteral("u4"));
        QVERIFY(item.run.guardedLoss.isEmpty());
    }
    const BlastRadius total = PlannedItems::total(items);
    QCOMPARE(total.sideEffects.size(), 3);
    QCOMPARE(total.sideEffects.first().principal, QStringLiteral("eve"));
    // The same from a drift file's sideEffects (what the CLI has): the same shares.
    const QJsonArray file = BlastRadius::findingsJson({finding}, world().get());
    QString error;
    const auto radii = BlastRadius::read(file, &error);
    QVERIFY2(radii, qPrintable(error));
    QVERIFY(radii->first());
    const QList<PlannedItem> fromFile = PlannedItems::of(
        plan, QHash<QString, BlastRadius>{{PlannedItems::findingKey(finding), *radii->first()}}, GuardContext());
    QCOMPARE(words(fromFile.at(1).radius.sideEffects), words(items.at(1).radius.sideEffects));
}

// The token owner (u9, "scim-bot") is an admin through ops -> platform -> admins, a cycle p1 <-> p2 hangs off
// platform, and it holds account_admin through account-admins. The GUI's guard (GuardContext::from) reads every path
// off the snapshot exactly: what cuts one is refused, what does not is allowed.
void TestBlastRadius::ownerLifelineFromSnapshot_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("refusal"); // empty: allowed
    QTest::newRow("platform out of admins")
        << removeMember(QStringLiteral("7001"), QStringLiteral("admins"), QStringLiteral("7002"))
        << "is an administrator through";
    QTest::newRow("ops out of platform") << removeMember(QStringLiteral("7002"), QStringLiteral("platform"),
                                                         QStringLiteral("7003"))
                                         << "lock Scimitar out";
    QTest::newRow("the owner out of ops")
        << removeMember(QStringLiteral("7003"), QStringLiteral("ops"), QStringLiteral("9009"))
        << "never takes its own access away";
    QTest::newRow("ana out of admins") << removeMember(QStringLiteral("7001"), QStringLiteral("admins"),
                                                       QStringLiteral("9003"))
                                       << "";
    QTest::newRow("p2 out of p1: leads nowhere")
        << removeMember(QStringLiteral("7004"), QStringLiteral("p1"), QStringLiteral("7005")) << "";
    Change accountAdmin;
    accountAdmin.op = ChangeOp::RemoveRole;
    accountAdmin.objectKind = PrincipalKind::Group;
    accountAdmin.objectId = QStringLiteral("7006");
    accountAdmin.objectName = QStringLiteral("account-admins");
    accountAdmin.value = QStringLiteral("account_admin");
    QTest::newRow("account_admin off account-admins") << accountAdmin << "holds account_admin through account-admins";
    Change otherRole = accountAdmin;
    otherRole.value = kPii;
    QTest::newRow("another role off account-admins") << otherRole << "";
}

void TestBlastRadius::ownerLifelineFromSnapshot()
{
    QFETCH(Change, change);
    QFETCH(QString, refusal);
    const QList<User> users{user(QStringLiteral("9009"), QStringLiteral("scim-bot")),
                            user(QStringLiteral("9003"), QStringLiteral("ana"))};
    const QList<Group> groups{
        group(QStringLiteral("7001"), QStringLiteral("admins"),
              {member(QStringLiteral("7002"), PrincipalKind::Group), member(QStringLiteral("9003"))}),
        group(QStringLiteral("7002"), QStringLiteral("platform"),
              {member(QStringLiteral("7003"), PrincipalKind::Group)}),
        group(QStringLiteral("7003"), QStringLiteral("ops"), {member(QStringLiteral("9009"))}),
        group(QStringLiteral("7004"), QStringLiteral("p1"),
              {member(QStringLiteral("7003"), PrincipalKind::Group),
               member(QStringLiteral("7005"), PrincipalKind::Group)}),
        group(QStringLiteral("7005"), QStringLiteral("p2"), {member(QStringLiteral("7004"), PrincipalKind::Group)}),
        group(QStringLiteral("7006"), QStringLiteral("account-admins"), {member(QStringLiteral("9009"))},
              {QStringLiteral("account_admin"), kPii}),
    };
    SnapshotInfo info;
    info.meId = QStringLiteral("9009");
    info.meUserName = QStringLiteral("scim-bot");
    const SnapshotPtr snapshot = DirectorySnapshot::build(users, groups, {}, info);
    const ChangeGuard guard(GuardContext::from(*snapshot, nullptr, false));
    const QString refused = guard.refusal(change, false);
    if (refusal.isEmpty())
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
    else
        QVERIFY2(refused.contains(refusal), qPrintable(refused));
}

QTEST_GUILESS_MAIN(TestBlastRadius)
#include "tst_blastradius.moc"
