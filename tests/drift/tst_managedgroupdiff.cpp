#include "drift/DriftEngine.h"
#include "drift/ManagedGroupDiff.h"
#include "policy/PolicyParser.h"

#include <QJsonDocument>
#include <QTest>
#include <algorithm>

using namespace scimitar;

namespace {

using State = ManagedGroupDiff::State;

// Databricks: team (managed) has ana, bob, eve (deactivated), gus, the job service principal and the nested group
// sub; sub has cy, dee and ana (so ana is a member both ways).
// IdP: dbx-team lists ana, cy, fay, gus (suspended), hal and nobody (no Databricks user); dbx-other lists hal
// (suspended) and dee. Policy: dbx-team -> team; dbx-other -> allow-cluster-create.
struct World
{
    QList<User> users;
    QList<Group> groups;
    QList<ServicePrincipal> servicePrincipals;
    IdpDirectory idp;
    QByteArray policy;
};

User makeUser(const QString& id, const QString& userName, bool active = true)
{
    User user;
    user.id = id;
    user.userName = userName;
    user.emails = {userName};
    user.active = active;
    return user;
}

Group makeGroup(const QString& id, const QString& name, const QStringList& memberIds)
{
    Group group;
    group.id = id;
    group.displayName = name;
    group.resourceType = QStringLiteral("Group");
    for (const QString& memberId : memberIds)
        group.members.append({memberId, QString(), PrincipalKind::User}); // kinds are resolved by the snapshot
    return group;
}

IdpUser idpUser(const QString& login, IdpUserStatus status = IdpUserStatus::Active)
{
    IdpUser user;
    user.login = login;
    user.email = login;
    user.status = status;
    return user;
}

QString at(const char* name)
{
    return QString::fromLatin1(name) + QStringLiteral("@acme.example");
}

World baseWorld()
{
    World world;
    world.users = {makeUser(QStringLiteral("u1"), at("ana")),        makeUser(QStringLiteral("u2"), at("bob")),
                   makeUser(QStringLiteral("u3"), at("cy")),         makeUser(QStringLiteral("u4"), at("dee")),
                   makeUser(QStringLiteral("u5"), at("eve"), false), makeUser(QStringLiteral("u6"), at("fay")),
                   makeUser(QStringLiteral("u7"), at("gus")),        makeUser(QStringLiteral("u8"), at("hal"))};
    world.groups = {makeGroup(QStringLiteral("g1"), QStringLiteral("team"),
                              {QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u5"), QStringLiteral("u7"),
                               QStringLiteral("s1"), QStringLiteral("g2")}),
                    makeGroup(QStringLiteral("g2"), QStringLiteral("sub"),
                              {QStringLiteral("u3"), QStringLiteral("u4"), QStringLiteral("u1")})};
    ServicePrincipal sp;
    sp.id = QStringLiteral("s1");
    sp.applicationId = QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001");
    sp.displayName = QStringLiteral("job");
    world.servicePrincipals = {sp};
    world.idp.groups = {
        IdpGroup{QStringLiteral("1"),
                 QStringLiteral("dbx-team"),
                 {idpUser(at("ana")), idpUser(at("cy")), idpUser(at("fay")),
                  idpUser(at("gus"), IdpUserStatus::Suspended), idpUser(at("hal")), idpUser(at("nobody"))}},
        IdpGroup{QStringLiteral("2"),
                 QStringLiteral("dbx-other"),
                 {idpUser(at("hal"), IdpUserStatus::Suspended), idpUser(at("dee"))}},
    };
    world.policy = R"({
        "idp": {"type": "file", "path": "idp.csv"},
        "rules": [
            {"idpGroup": "dbx-team", "databricksGroup": "team"},
            {"idpGroup": "dbx-other", "entitlements": ["allow-cluster-create"]}
        ]
    })";
    return world;
}

Policy policyOf(const World& world)
{
    QString error;
    const std::optional<Policy> policy = PolicyParser::parse(world.policy, QStringLiteral("/tmp"), &error);
    if (!policy)
        qFatal("test policy does not parse: %s", qPrintable(error));
    return *policy;
}

SnapshotPtr snapshotOf(const World& world)
{
    return DirectorySnapshot::build(world.users, world.groups, world.servicePrincipals, {});
}

QString stateName(State state)
{
    switch (state) {
    case State::Both:
        return QStringLiteral("both");
    case State::Extra:
        return QStringLiteral("extra");
    case State::InheritedNoGrant:
        return QStringLiteral("inherited");
    case State::Missing:
        return QStringLiteral("missing");
    case State::DeactivatedNoGrant:
        return QStringLiteral("deactivated");
    }
    return {};
}

// "userName state[ via path][ idp=status][ id=…]": one line a table row can compare.
QStringList describe(const ManagedGroupDiff& diff)
{
    QStringList lines;
    for (const ManagedGroupDiff::Row& row : diff.rows) {
        QString line = row.userName + QLatin1Char(' ') + stateName(row.state);
        if (!row.path.isEmpty())
            line += QStringLiteral(" via ") + row.path.join(QLatin1Char('>'));
        if (row.idpKnown && !shouldHaveAccess(row.idpStatus))
            line += QStringLiteral(" idp=") + idpUserStatusName(row.idpStatus);
        if (row.state == State::Missing)
            line += QStringLiteral(" id=") + (row.userId.isEmpty() ? QStringLiteral("-") : row.userId);
        lines.append(line);
    }
    return lines;
}

// The engine's member findings for `group`, as "userName|id" lists: (extra, missing).
std::pair<QStringList, QStringList> memberFindings(const DriftReport& report, const QString& group)
{
    QStringList extra;
    QStringList missing;
    for (const Finding& finding : report.findings()) {
        if (finding.target.compare(group, Qt::CaseInsensitive) != 0)
            continue;
        const QString key = finding.principal.userName + QLatin1Char('|') + finding.principal.id;
        if (finding.kind == FindingKind::MemberWithoutGrant)
            extra.append(key);
        else if (finding.kind == FindingKind::MissingMember || finding.kind == FindingKind::NotProvisioned)
            missing.append(key);
    }
    extra.sort();
    missing.sort();
    return {extra, missing};
}

std::pair<QStringList, QStringList> diffRows(const ManagedGroupDiff& diff)
{
    QStringList extra;
    QStringList missing;
    for (const ManagedGroupDiff::Row& row : diff.rows) {
        const QString key = row.userName + QLatin1Char('|') + row.userId;
        if (row.state == State::Extra)
            extra.append(key);
        else if (row.state == State::Missing)
            missing.append(key);
    }
    extra.sort();
    missing.sort();
    return {extra, missing};
}

using Change = std::function<void(World&)>;

} // namespace

Q_DECLARE_METATYPE(Change)

class TestManagedGroupDiff final : public QObject
{
    Q_OBJECT

private slots:
    void rows_data();
    void rows();
    void agreesWithFindings_data() { rows_data(); }
    void agreesWithFindings();
    void summaryCountsEveryState();
    void matchesByEmail();
    void groupMissingFromSnapshot();
};

void TestManagedGroupDiff::rows_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("expected");

    const QStringList base = {
        QStringLiteral("ana@acme.example both"),                // direct (and nested): direct wins
        QStringLiteral("bob@acme.example extra"),               // direct, in no mapped IdP group
        QStringLiteral("cy@acme.example both via sub"),         // nested and granted
        QStringLiteral("dee@acme.example inherited via sub"),   // nested, granted only something else
        QStringLiteral("eve@acme.example deactivated"),         // deactivated in Databricks: nothing to report
        QStringLiteral("fay@acme.example missing id=u6"),       // granted, not a member
        QStringLiteral("gus@acme.example extra idp=suspended"), // listed, but suspended: extra all the same
        QStringLiteral("nobody@acme.example missing id=-"),     // granted, no Databricks user
    }; // hal: listed active in dbx-team but suspended in dbx-other, so never missing; the job SP: not a person
    QTest::newRow("base") << Change([](World&) {}) << base;

    QStringList fayJoined = base;
    fayJoined.replace(5, QStringLiteral("fay@acme.example both via sub"));
    QTest::newRow("a nested membership is a membership") << Change([](World& w) {
        w.groups[1].members.append({QStringLiteral("u6"), QString(), PrincipalKind::User});
    }) << fayJoined;

    QStringList eveGranted = base;
    eveGranted.replace(4, QStringLiteral("eve@acme.example both"));
    QTest::newRow("deactivated but granted")
        << Change([](World& w) { w.idp.groups[0].members.append(idpUser(at("eve"))); }) << eveGranted;

    QStringList feyDeactivated = base;
    feyDeactivated.replace(5, QStringLiteral("fay@acme.example missing id=u6")); // still missing (and said so)
    QTest::newRow("missing and deactivated") << Change([](World& w) { w.users[5].active = false; }) << feyDeactivated;

    QStringList anaGone = base;
    anaGone.replace(0, QStringLiteral("ana@acme.example extra"));
    QTest::newRow("direct and nested, not granted: extra")
        << Change([](World& w) { w.idp.groups[0].members.removeFirst(); }) << anaGone;

    QStringList deeSuspended = base;
    deeSuspended.replace(3, QStringLiteral("dee@acme.example inherited via sub idp=suspended"));
    QTest::newRow("nested and suspended elsewhere")
        << Change([](World& w) { w.idp.groups[1].members[1].status = IdpUserStatus::Suspended; }) << deeSuspended;
}

void TestManagedGroupDiff::rows()
{
    QFETCH(Change, change);
    QFETCH(QStringList, expected);
    World world = baseWorld();
    change(world);
    const ManagedGroupDiff diff =
        ManagedGroupDiff::compute(*snapshotOf(world), world.idp, policyOf(world), QStringLiteral("TEAM"));
    QCOMPARE(describe(diff), expected);
    QCOMPARE(diff.group, QStringLiteral("team"));
    QCOMPARE(diff.groupId, QStringLiteral("g1"));
    QCOMPARE(diff.idpGroups, QStringList{QStringLiteral("dbx-team")});
}

void TestManagedGroupDiff::agreesWithFindings()
{
    QFETCH(Change, change);
    World world = baseWorld();
    change(world);
    const SnapshotPtr snapshot = snapshotOf(world);
    const Policy policy = policyOf(world);
    const DriftReport report = DriftEngine::run(*snapshot, world.idp, policy);
    QCOMPARE(report.groupDiffs().size(), 1);
    const ManagedGroupDiff diff = ManagedGroupDiff::compute(*snapshot, world.idp, policy, QStringLiteral("team"));
    // The report carries the very diff its findings were read from.
    QCOMPARE(report.groupDiffs().first(), diff);
    QVERIFY(report.groupDiff(QStringLiteral("Team")));
    QVERIFY(!report.groupDiff(QStringLiteral("sub")));
    QCOMPARE(diffRows(diff), memberFindings(report, QStringLiteral("team")));
    // Inherited members without a grant are not this group's member findings.
    for (const Finding& finding : report.findings())
        if (finding.kind == FindingKind::MemberWithoutGrant)
            QVERIFY(finding.principal.userName != at("dee"));
}

void TestManagedGroupDiff::summaryCountsEveryState()
{
    const World world = baseWorld();
    const ManagedGroupDiff diff =
        ManagedGroupDiff::compute(*snapshotOf(world), world.idp, policyOf(world), QStringLiteral("team"));
    QCOMPARE(diff.summary(),
             QStringLiteral("2 in both · 2 extra · 2 missing · 1 inherited without grant · 1 deactivated"));
    int total = 0;
    for (int state = 0; state < ManagedGroupDiff::kStateCount; ++state)
        total += diff.count(State(state));
    QCOMPARE(total, int(diff.rows.size()));
    QCOMPARE(ManagedGroupDiff().summary(), QStringLiteral("0 in both · 0 extra · 0 missing"));
}

void TestManagedGroupDiff::matchesByEmail()
{
    World world = baseWorld();
    world.policy.replace(R"("rules")", R"("match": "email", "rules")");
    // ana's Databricks userName is not her email; the IdP knows her by it.
    world.users[0].userName = QStringLiteral("ana");
    world.users[0].emails = {at("ana")};
    for (IdpGroup& group : world.idp.groups)
        for (IdpUser& user : group.members)
            user.login = user.login.section(QLatin1Char('@'), 0, 0);
    const SnapshotPtr snapshot = snapshotOf(world);
    const Policy policy = policyOf(world);
    const ManagedGroupDiff diff = ManagedGroupDiff::compute(*snapshot, world.idp, policy, QStringLiteral("team"));
    const auto ana = std::find_if(diff.rows.cbegin(), diff.rows.cend(),
                                  [](const ManagedGroupDiff::Row& row) { return row.userId == QLatin1String("u1"); });
    QVERIFY(ana != diff.rows.cend());
    QCOMPARE(ana->state, State::Both);
    QCOMPARE(ana->idpName, at("ana")); // the IdP side in the attribute people are matched by
    const auto nobody = std::find_if(diff.rows.cbegin(), diff.rows.cend(),
                                     [](const ManagedGroupDiff::Row& row) { return row.userId.isEmpty(); });
    QVERIFY(nobody != diff.rows.cend());
    QCOMPARE(nobody->userName, at("nobody"));
    QCOMPARE(diffRows(diff), memberFindings(DriftEngine::run(*snapshot, world.idp, policy), QStringLiteral("team")));
}

void TestManagedGroupDiff::groupMissingFromSnapshot()
{
    World world = baseWorld();
    world.groups.removeFirst();
    const ManagedGroupDiff diff =
        ManagedGroupDiff::compute(*snapshotOf(world), world.idp, policyOf(world), QStringLiteral("team"));
    QVERIFY(diff.groupId.isEmpty());
    // No Databricks side: everyone granted is missing (DriftEngine::check refuses such a review anyway).
    for (const ManagedGroupDiff::Row& row : diff.rows)
        QCOMPARE(row.state, State::Missing);
    QCOMPARE(diff.count(State::Missing), 4); // ana, cy, fay, nobody
}

QTEST_GUILESS_MAIN(TestManagedGroupDiff)
#include "tst_managedgroupdiff.moc"
