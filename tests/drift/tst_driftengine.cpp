#include "drift/DriftEngine.h"
#include "drift/FindingCsv.h"
#include "drift/FindingJson.h"
#include "policy/PolicyParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <functional>

using namespace scimitar;

namespace {

const QString kPii = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kEtl = QStringLiteral("arn:aws:iam::123456789012:instance-profile/etl-write");
const QString kClusters = QStringLiteral("allow-cluster-create");
const QString kSql = QStringLiteral("databricks-sql-access");

// Everything one review looks at, editable by a test row before the engine runs.
//
// Databricks: pii-analysts (holds pii-read and databricks-sql-access) has members pii-readers (nested), admin (the
// token owner), bob, cy, dee (deactivated) and the etl-job service principal; pii-readers has ana; admin and cy
// also hold pii-read directly; engineers (allow-cluster-create) has eve; admins has admin; legacy (not managed,
// holds etl-write) has ana; fay and gus exist with no access.
// IdP: dbx-pii-analysts has ana, bob, cy and admin; dbx-engineers has eve. Policy: dbx-pii-analysts -> the group
// pii-analysts and the role pii-read; dbx-engineers -> allow-cluster-create; admins protected.
// As built, nothing has drifted.
struct World
{
    QList<User> users;
    QList<Group> groups;
    QList<ServicePrincipal> servicePrincipals;
    SnapshotInfo info;
    IdpDirectory idp;
    QJsonObject policy;

    User& user(const QString& userName)
    {
        return *std::find_if(users.begin(), users.end(), [&](const User& u) { return u.userName == userName; });
    }
    Group& group(const QString& name)
    {
        return *std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.displayName == name; });
    }
    IdpGroup& idpGroup(const QString& name)
    {
        return *std::find_if(idp.groups.begin(), idp.groups.end(), [&](const IdpGroup& g) { return g.name == name; });
    }
    void removeFromIdp(const QString& login)
    {
        for (IdpGroup& group : idp.groups)
            group.members.removeIf([&](const IdpUser& u) { return u.login == login; });
    }
    void addRule(const QJsonObject& rule)
    {
        QJsonArray rules = policy.value(QLatin1String("rules")).toArray();
        rules.append(rule);
        policy.insert(QStringLiteral("rules"), rules);
    }
    void setProtected(const QStringList& users, const QStringList& groupNames)
    {
        policy.insert(QStringLiteral("protected"),
                      QJsonObject{{QStringLiteral("users"), QJsonArray::fromStringList(users)},
                                  {QStringLiteral("groups"), QJsonArray::fromStringList(groupNames)}});
    }
};

using Change = std::function<void(World&)>;

User makeUser(const QString& id, const QString& userName, QStringList roles = {}, QStringList entitlements = {},
              bool active = true)
{
    User user;
    user.id = id;
    user.userName = userName;
    user.displayName = userName.section(QLatin1Char('@'), 0, 0);
    user.emails = {userName};
    user.roles = std::move(roles);
    user.entitlements = std::move(entitlements);
    user.active = active;
    return user;
}

Group makeGroup(const QString& id, const QString& name, const QStringList& memberIds, QStringList roles = {},
                QStringList entitlements = {})
{
    Group group;
    group.id = id;
    group.displayName = name;
    group.resourceType = QStringLiteral("Group");
    for (const QString& memberId : memberIds)
        group.members.append({memberId, QString(), PrincipalKind::User}); // kinds are resolved by the snapshot
    group.roles = std::move(roles);
    group.entitlements = std::move(entitlements);
    return group;
}

IdpUser idpUser(const QString& login, IdpUserStatus status = IdpUserStatus::Active)
{
    IdpUser user;
    user.login = login;
    user.email = login;
    user.status = status;
    user.rawStatus = idpUserStatusName(status).toUpper();
    return user;
}

World baseWorld()
{
    World world;
    world.users = {
        makeUser(QStringLiteral("u0"), QStringLiteral("admin@acme.example"), {kPii}),
        makeUser(QStringLiteral("u1"), QStringLiteral("ana@acme.example")),
        makeUser(QStringLiteral("u2"), QStringLiteral("bob@acme.example")),
        makeUser(QStringLiteral("u3"), QStringLiteral("cy@acme.example"), {kPii}),
        makeUser(QStringLiteral("u4"), QStringLiteral("dee@acme.example"), {}, {}, false),
        makeUser(QStringLiteral("u5"), QStringLiteral("eve@acme.example")),
        makeUser(QStringLiteral("u6"), QStringLiteral("fay@acme.example")),
        makeUser(QStringLiteral("u7"), QStringLiteral("gus@acme.example")),
    };
    world.groups = {
        makeGroup(QStringLiteral("g1"), QStringLiteral("pii-analysts"),
                  {QStringLiteral("g2"), QStringLiteral("u0"), QStringLiteral("u2"), QStringLiteral("u3"),
                   QStringLiteral("u4"), QStringLiteral("s1")},
                  {kPii}, {kSql}),
        makeGroup(QStringLiteral("g2"), QStringLiteral("pii-readers"), {QStringLiteral("u1")}),
        makeGroup(QStringLiteral("g3"), QStringLiteral("engineers"), {QStringLiteral("u5")}, {}, {kClusters}),
        makeGroup(QStringLiteral("g4"), QStringLiteral("admins"), {QStringLiteral("u0")}),
        makeGroup(QStringLiteral("g5"), QStringLiteral("legacy"), {QStringLiteral("u1")}, {kEtl}),
    };
    ServicePrincipal sp;
    sp.id = QStringLiteral("s1");
    sp.applicationId = QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001");
    sp.displayName = QStringLiteral("etl-job");
    world.servicePrincipals = {sp};
    world.info.connectionName = QStringLiteral("test");
    world.info.meId = QStringLiteral("u0");
    world.info.meUserName = QStringLiteral("admin@acme.example");

    world.idp.sourceLabel = QStringLiteral("File (idp.csv)");
    world.idp.groups = {
        IdpGroup{QStringLiteral("1"),
                 QStringLiteral("dbx-pii-analysts"),
                 {idpUser(QStringLiteral("ana@acme.example")), idpUser(QStringLiteral("bob@acme.example")),
                  idpUser(QStringLiteral("cy@acme.example")), idpUser(QStringLiteral("admin@acme.example"))}},
        IdpGroup{QStringLiteral("2"), QStringLiteral("dbx-engineers"), {idpUser(QStringLiteral("eve@acme.example"))}},
    };
    world.policy = QJsonDocument::fromJson(R"({
        "idp": {"type": "file", "path": "idp.csv"},
        "rules": [
            {"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analysts"},
            {"idpGroup": "dbx-pii-analysts", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"},
            {"idpGroup": "dbx-engineers", "entitlements": ["allow-cluster-create"]}
        ],
        "protected": {"users": [], "groups": ["admins"]}
    })")
                       .object();
    return world;
}

Policy policyOf(const World& world)
{
    QString error;
    const std::optional<Policy> policy =
        PolicyParser::parse(QJsonDocument(world.policy).toJson(), QStringLiteral("/tmp"), &error);
    if (!policy)
        qFatal("test policy does not parse: %s", qPrintable(error));
    return *policy;
}

SnapshotPtr snapshotOf(const World& world)
{
    return DirectorySnapshot::build(world.users, world.groups, world.servicePrincipals, world.info);
}

DriftReport review(const World& world)
{
    return DriftEngine::run(*snapshotOf(world), world.idp, policyOf(world));
}

QString shortValue(const QString& value)
{
    return value.startsWith(QLatin1String("arn:")) ? value.section(QLatin1Char('/'), -1) : value;
}

// "kind user target via op(ids)[ blocked]": one line a table row can compare; ARNs shortened to their name.
QString signature(const Finding& finding)
{
    QStringList ids;
    for (const QString& id : {finding.action.userId, finding.action.groupId, shortValue(finding.action.value)})
        if (!id.isEmpty())
            ids.append(id);
    QString text =
        QStringList{findingKindName(finding.kind), finding.principal.userName,
                    finding.target.isEmpty() ? QStringLiteral("-") : shortValue(finding.target),
                    finding.via.isEmpty() ? QStringLiteral("-") : QStringLiteral("via ") + finding.via,
                    actionOpName(finding.action.op) + QLatin1Char('(') + ids.join(QLatin1Char(',')) + QLatin1Char(')')}
            .join(QLatin1Char(' '));
    if (finding.isBlocked())
        text += QStringLiteral(" blocked");
    return text;
}

QStringList signatures(const DriftReport& report)
{
    QStringList list;
    for (const Finding& finding : report.findings())
        list.append(signature(finding));
    return list;
}

const Finding* findKind(const DriftReport& report, FindingKind kind)
{
    for (const Finding& finding : report.findings())
        if (finding.kind == kind)
            return &finding;
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(Change)
Q_DECLARE_METATYPE(scimitar::IdpUser)

class TestDriftEngine final : public QObject
{
    Q_OBJECT

private slots:
    void findings_data();
    void findings();
    void explanations_data();
    void explanations();
    void fixCutsEveryPath_data();
    void fixCutsEveryPath();
    void blockedBy_data();
    void blockedBy();
    void massChangeGuard_data();
    void massChangeGuard();
    void massDeactivationGuard();
    void severitiesAndCounts();
    void servicePrincipalsAreListedNotJudged();
    void notesNameManagedValuesNobodyHolds();
    void deterministic();
    void lookupsNeeded_data();
    void lookupsNeeded();
    void emailLookups_data();
    void emailLookups();
    void checkRefusesMeaninglessReviews_data();
    void checkRefusesMeaninglessReviews();
    void jsonContract();
    void csvMatchesJson();
    void namesRoundTrip();
};

void TestDriftEngine::findings_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("in step: no drift") << Change([](World&) {}) << QStringList{};

    // role-without-grant
    QTest::newRow("role through nested group") << Change([](World& w) { w.removeFromIdp("ana@acme.example"); })
                                               << QStringList{"role-without-grant ana@acme.example pii-read via "
                                                              "pii-readers remove-member(u1,g2)"};
    QTest::newRow("role held directly and through the group")
        << Change([](World& w) { w.removeFromIdp("cy@acme.example"); })
        << QStringList{"role-without-grant cy@acme.example pii-read - remove-role(u3,pii-read)",
                       "member-without-grant cy@acme.example pii-analysts - remove-member(u3,g1)"};
    QTest::newRow("role held through two groups: the shortest path first") << Change([](World& w) {
        w.removeFromIdp("ana@acme.example");
        w.group("legacy").roles.append(kPii);
    }) << QStringList{"role-without-grant ana@acme.example pii-read via legacy remove-member(u1,g5)"};
    QTest::newRow("role value in another case is still managed")
        << Change([](World& w) {
               w.removeFromIdp("cy@acme.example");
               w.user("cy@acme.example").roles = {kPii.toUpper()};
           })
        << QStringList{"role-without-grant cy@acme.example ARN:AWS:IAM::123456789012:INSTANCE-PROFILE/PII-READ - "
                       "remove-role(u3,ARN:AWS:IAM::123456789012:INSTANCE-PROFILE/PII-READ)",
                       "member-without-grant cy@acme.example pii-analysts - remove-member(u3,g1)"};

    // entitlement-without-grant
    QTest::newRow("entitlement through group") << Change([](World& w) { w.removeFromIdp("eve@acme.example"); })
                                               << QStringList{"entitlement-without-grant eve@acme.example "
                                                              "allow-cluster-create via engineers "
                                                              "remove-member(u5,g3)"};
    QTest::newRow("entitlement held directly")
        << Change([](World& w) { w.user("fay@acme.example").entitlements = {kClusters}; })
        << QStringList{"entitlement-without-grant fay@acme.example allow-cluster-create - "
                       "remove-entitlement(u6,allow-cluster-create)"};

    // member-without-grant
    QTest::newRow("direct member without grant")
        << Change([](World& w) { w.removeFromIdp("bob@acme.example"); })
        << QStringList{"role-without-grant bob@acme.example pii-read via pii-analysts remove-member(u2,g1)",
                       "member-without-grant bob@acme.example pii-analysts - remove-member(u2,g1)"};
    QTest::newRow("granted by a second mapped IdP group") << Change([](World& w) {
        w.removeFromIdp("bob@acme.example");
        w.addRule({{"idpGroup", "dbx-pii-contractors"}, {"databricksGroup", "PII-Analysts"}});
        w.addRule({{"idpGroup", "dbx-pii-contractors"}, {"role", kPii}});
        w.idp.groups.append({"3", "dbx-pii-contractors", {idpUser("bob@acme.example")}});
    }) << QStringList{};

    // missing-member and not-provisioned
    QTest::newRow("missing member") << Change([](World& w) {
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example"));
    }) << QStringList{"missing-member fay@acme.example pii-analysts - add-member(u6,g1)"};
    QTest::newRow("member through a nested group is not missing") << Change([](World& w) {
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example"));
        w.group("pii-readers").members.append({"u6", {}, PrincipalKind::User});
    }) << QStringList{};
    QTest::newRow("not provisioned") << Change([](World& w) {
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("hal@acme.example"));
    }) << QStringList{"not-provisioned hal@acme.example pii-analysts - none()"};
    QTest::newRow("inactive IdP members are not missing") << Change([](World& w) {
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("hal@acme.example", IdpUserStatus::Deprovisioned));
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example", IdpUserStatus::Suspended));
    }) << QStringList{"deprovisioned-active fay@acme.example - - deactivate(u6)"};
    QTest::newRow("deactivated Databricks user still missing") << Change([](World& w) {
        w.user("fay@acme.example").active = false;
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example"));
    }) << QStringList{"missing-member fay@acme.example pii-analysts - add-member(u6,g1)"};

    // deprovisioned-active and unknown-in-idp
    QTest::newRow("deprovisioned in a loaded group")
        << Change([](World& w) { w.idpGroup("dbx-pii-analysts").members[1].status = IdpUserStatus::Deprovisioned; })
        << QStringList{"role-without-grant bob@acme.example pii-read via pii-analysts remove-member(u2,g1)",
                       "member-without-grant bob@acme.example pii-analysts - remove-member(u2,g1)",
                       "deprovisioned-active bob@acme.example - - deactivate(u2)"};
    QTest::newRow("suspended by look-up")
        << Change([](World& w) {
               w.removeFromIdp("ana@acme.example");
               w.idp.lookedUp.append(idpUser("Ana@Acme.example", IdpUserStatus::Suspended));
           })
        << QStringList{"role-without-grant ana@acme.example pii-read via pii-readers remove-member(u1,g2)",
                       "deprovisioned-active ana@acme.example - - deactivate(u1)"};
    QTest::newRow("disabled in one group, active in another: the restrictive one wins")
        << Change([](World& w) {
               w.idp.groups.append({"3", "dbx-other", {idpUser("eve@acme.example", IdpUserStatus::Disabled)}});
           })
        << QStringList{"entitlement-without-grant eve@acme.example allow-cluster-create via engineers "
                       "remove-member(u5,g3)",
                       "deprovisioned-active eve@acme.example - - deactivate(u5)"};
    QTest::newRow("unknown to the IdP")
        << Change([](World& w) {
               w.removeFromIdp("ana@acme.example");
               w.idp.notFound.append("ANA@acme.example");
           })
        << QStringList{"role-without-grant ana@acme.example pii-read via pii-readers remove-member(u1,g2)",
                       "unknown-in-idp ana@acme.example - - deactivate(u1)"};
    QTest::newRow("unknown but holding nothing managed")
        << Change([](World& w) { w.idp.notFound.append("gus@acme.example"); }) << QStringList{};

    // deactivated Databricks users lose nothing to drift
    QTest::newRow("deactivated users are not reported") << Change([](World& w) {
        w.user("dee@acme.example").roles = {kPii};
        w.idp.lookedUp.append(idpUser("dee@acme.example", IdpUserStatus::Deprovisioned));
    }) << QStringList{};

    // case differences
    QTest::newRow("names differ only in case") << Change([](World& w) {
        for (IdpGroup& group : w.idp.groups) {
            group.name = group.name.toUpper();
            for (IdpUser& user : group.members)
                user.login = user.login.toUpper();
        }
        w.group("pii-analysts").displayName = "PII-Analysts";
        w.user("bob@acme.example").userName = "Bob@ACME.example";
    }) << QStringList{};
    QTest::newRow("match by email") << Change([](World& w) {
        w.policy.insert("match", "email");
        for (IdpGroup& group : w.idp.groups)
            for (IdpUser& user : group.members)
                user.login = user.login.section('@', 0, 0); // Okta-style short logins
        User& bob = w.user("bob@acme.example");
        bob.userName = "b.o.b";
        bob.emails = {"BOB@acme.example"};
        w.idpGroup("dbx-pii-analysts").members.append(IdpUser{{}, "hal", "hal@acme.example", {}, {}, {}});
    }) << QStringList{"not-provisioned hal@acme.example pii-analysts - none()"};

    // only what the policy names
    QTest::newRow("unmanaged roles, entitlements and groups are never reported") << Change([](World& w) {
        w.user("fay@acme.example").roles = {kEtl};
        w.user("fay@acme.example").entitlements = {kSql, "workspace-access"};
        w.group("legacy").members.append({"u6", {}, PrincipalKind::User});
        w.idp.groups.append({"3", "dbx-unrelated", {idpUser("gus@acme.example")}});
    }) << QStringList{};
}

void TestDriftEngine::findings()
{
    QFETCH(Change, change);
    QFETCH(QStringList, expected);
    World world = baseWorld();
    change(world);
    const DriftReport report = review(world);
    QCOMPARE(signatures(report), expected);
    QCOMPARE(report.hasDrift(), !expected.isEmpty());
    for (const Finding& finding : report.findings()) {
        QCOMPARE(finding.severity, severityOf(finding.kind));
        QVERIFY2(finding.explanation.endsWith(QLatin1Char('.')), qPrintable(finding.explanation));
        QVERIFY(!finding.explanation.contains(QLatin1Char('\n')));
        QCOMPARE(finding.principal.kind, PrincipalKind::User);
    }
}

void TestDriftEngine::explanations_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("explanation");
    QTest::addColumn<QStringList>("idpGroups");

    QTest::newRow("the issue's example") << Change([](World& w) { w.removeFromIdp("ana@acme.example"); })
                                         << int(FindingKind::RoleWithoutGrant)
                                         << QStringLiteral("ana@acme.example holds pii-read through pii-readers → "
                                                           "pii-analysts, but is in no IdP group that grants it "
                                                           "(dbx-pii-analysts).")
                                         << QStringList{"dbx-pii-analysts"};
    QTest::newRow("also held") << Change([](World& w) { w.removeFromIdp("cy@acme.example"); })
                               << int(FindingKind::RoleWithoutGrant)
                               << QStringLiteral("cy@acme.example holds pii-read directly (also held through "
                                                 "pii-analysts), but is in no IdP group that grants it "
                                                 "(dbx-pii-analysts).")
                               << QStringList{"dbx-pii-analysts"};
    QTest::newRow("deprovisioned member of the granting group")
        << Change([](World& w) { w.idpGroup("dbx-pii-analysts").members[2].status = IdpUserStatus::Deprovisioned; })
        << int(FindingKind::RoleWithoutGrant)
        << QStringLiteral("cy@acme.example holds pii-read directly (also held through pii-analysts), but is "
                          "deprovisioned in the IdP, so dbx-pii-analysts no longer grants it.")
        << QStringList{"dbx-pii-analysts"};
    QTest::newRow("member without grant")
        << Change([](World& w) { w.removeFromIdp("bob@acme.example"); }) << int(FindingKind::MemberWithoutGrant)
        << QStringLiteral("bob@acme.example is a direct member of pii-analysts, but "
                          "is in none of the IdP groups mapped to it "
                          "(dbx-pii-analysts).")
        << QStringList{"dbx-pii-analysts"};
    QTest::newRow("missing member") << Change([](World& w) {
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example"));
    }) << int(FindingKind::MissingMember)
                                    << QStringLiteral("fay@acme.example is in dbx-pii-analysts in the IdP, but not a "
                                                      "member of pii-analysts in Databricks.")
                                    << QStringList{"dbx-pii-analysts"};
    QTest::newRow("not provisioned") << Change([](World& w) {
        w.idpGroup("dbx-pii-analysts").members.append(idpUser("hal@acme.example"));
    }) << int(FindingKind::NotProvisioned)
                                     << QStringLiteral("hal@acme.example is in dbx-pii-analysts in the IdP, but no "
                                                       "Databricks user has this userName, so they cannot be added to "
                                                       "pii-analysts until the IdP provisions them.")
                                     << QStringList{"dbx-pii-analysts"};
    QTest::newRow("suspended, the IdP's word adds nothing") << Change([](World& w) {
        w.idp.groups[1].members[0].status = IdpUserStatus::Suspended;
        w.idp.groups[1].members[0].rawStatus = "SUSPENDED";
    }) << int(FindingKind::DeprovisionedActive)
                                                            << QStringLiteral("eve@acme.example is suspended in the "
                                                                              "IdP, but active in Databricks, where "
                                                                              "they hold allow-cluster-create.")
                                                            << QStringList{"dbx-engineers"};
    QTest::newRow("disabled, in the IdP's words") << Change([](World& w) {
        w.idp.groups[1].members[0].status = IdpUserStatus::Disabled;
        w.idp.groups[1].members[0].rawStatus = "accountEnabled=false";
    }) << int(FindingKind::DeprovisionedActive)
                                                  << QStringLiteral("eve@acme.example is disabled in the IdP "
                                                                    "(accountEnabled=false), but active in "
                                                                    "Databricks, where they hold "
                                                                    "allow-cluster-create.")
                                                  << QStringList{"dbx-engineers"};
    QTest::newRow("unknown") << Change([](World& w) {
        w.removeFromIdp("ana@acme.example");
        w.idp.notFound.append("ana@acme.example");
    }) << int(FindingKind::UnknownInIdp)
                             << QStringLiteral("ana@acme.example is active in Databricks and holds pii-read, "
                                               "pii-analysts, but the IdP has no user with this login.")
                             << QStringList{};
}

void TestDriftEngine::explanations()
{
    QFETCH(Change, change);
    QFETCH(int, kind);
    QFETCH(QString, explanation);
    QFETCH(QStringList, idpGroups);
    World world = baseWorld();
    change(world);
    const DriftReport report = review(world);
    const Finding* finding = findKind(report, FindingKind(kind));
    QVERIFY2(finding, qPrintable(signatures(report).join('\n')));
    QCOMPARE(finding->explanation, explanation);
    QCOMPARE(finding->idpGroups, idpGroups);
}

// A role held through several paths is fixed by one change per path (where the user is attached), so the fix
// leaves it held by none; one blocked path blocks the whole fix, since the rest would not revoke it.
void TestDriftEngine::fixCutsEveryPath_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("actions"); // op(userId,groupId,value) of each, in order
    QTest::addColumn<QString>("blockedBy");

    QTest::newRow("one path") << Change([](World& w) { w.removeFromIdp("ana@acme.example"); })
                              << QStringLiteral("ana@acme.example") << QStringList{"remove-member(u1,g2)"} << QString();
    QTest::newRow("directly and through a group")
        << Change([](World& w) { w.removeFromIdp("cy@acme.example"); }) << QStringLiteral("cy@acme.example")
        << QStringList{"remove-role(u3,pii-read)", "remove-member(u3,g1)"} << QString();
    QTest::newRow("two groups, nested and direct") << Change([](World& w) {
        w.removeFromIdp("ana@acme.example");
        w.group("pii-analysts").members.append({"u1", {}, PrincipalKind::User});
    }) << QStringLiteral("ana@acme.example") << QStringList{"remove-member(u1,g1)", "remove-member(u1,g2)"}
                                                   << QString();
    QTest::newRow("two paths through one direct group") << Change([](World& w) {
        w.removeFromIdp("ana@acme.example");
        w.groups.append(makeGroup("g6", "pii-archive", {"g2"}, {kPii}));
    }) << QStringLiteral("ana@acme.example") << QStringList{"remove-member(u1,g2)"}
                                                        << QString();
    QTest::newRow("a cycle adds no path") << Change([](World& w) {
        w.removeFromIdp("ana@acme.example");
        w.group("pii-readers").members.append({"g1", {}, PrincipalKind::Group});
    }) << QStringLiteral("ana@acme.example")
                                          << QStringList{"remove-member(u1,g2)"} << QString();
    QTest::newRow("the second path goes through a system group")
        << Change([](World& w) {
               w.removeFromIdp("cy@acme.example");
               w.group("admins").members.append({"u3", {}, PrincipalKind::User});
               w.group("admins").roles.append(kPii);
           })
        << QStringLiteral("cy@acme.example")
        << QStringList{"remove-role(u3,pii-read)", "remove-member(u3,g4)", "remove-member(u3,g1)"}
        << QStringLiteral("The group admins is protected by the policy (protected.groups).");
}

void TestDriftEngine::fixCutsEveryPath()
{
    QFETCH(Change, change);
    QFETCH(QString, user);
    QFETCH(QStringList, actions);
    QFETCH(QString, blockedBy);
    World world = baseWorld();
    change(world);
    const DriftReport report = review(world);
    const Finding* found = nullptr;
    for (const Finding& finding : report.findings())
        if (finding.kind == FindingKind::RoleWithoutGrant && finding.principal.userName == user)
            found = &finding;
    QVERIFY2(found, qPrintable(signatures(report).join('\n')));
    QStringList actual;
    for (const FindingAction& action : found->actions()) {
        QStringList ids;
        for (const QString& id : {action.userId, action.groupId, shortValue(action.value)})
            if (!id.isEmpty())
                ids.append(id);
        actual.append(actionOpName(action.op) + QLatin1Char('(') + ids.join(QLatin1Char(',')) + QLatin1Char(')'));
    }
    QCOMPARE(actual, actions);
    QCOMPARE(found->action, found->actions().first());
    QCOMPARE(found->blockedBy, blockedBy);
    // The JSON says the same, and reads back into the same finding.
    const QJsonObject json = FindingJson::finding(*found);
    QCOMPARE(json["actions"].toArray().size(), actions.size());
    QString error;
    const std::optional<QList<Finding>> read = FindingJson::read(QJsonArray{json}, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->first(), *found);
}

void TestDriftEngine::blockedBy_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("blockedBy"); // of the first finding
    QTest::addColumn<int>("blocked");       // findings blocked in all

    QTest::newRow("the token owner") << Change([](World& w) { w.removeFromIdp("admin@acme.example"); })
                                     << QStringLiteral("admin@acme.example owns the token Scimitar uses (/Me); "
                                                       "changing its access could lock Scimitar out.")
                                     << 2;
    QTest::newRow("a protected user") << Change([](World& w) {
        w.removeFromIdp("cy@acme.example");
        w.setProtected({"CY@acme.example"}, {});
    }) << QStringLiteral("cy@acme.example is protected by the policy (protected.users).")
                                      << 2;
    QTest::newRow("a protected group") << Change([](World& w) {
        w.addRule({{"idpGroup", "dbx-admins"}, {"databricksGroup", "admins"}});
        w.idp.groups.append({"3", "dbx-admins", {idpUser("admin@acme.example")}});
        w.group("admins").members.append({"u5", {}, PrincipalKind::User});
    }) << QStringLiteral("The group admins is protected by the policy (protected.groups).")
                                       << 1;
    QTest::newRow("a system group, even unprotected")
        << Change([](World& w) {
               w.setProtected({}, {});
               w.addRule({{"idpGroup", "dbx-admins"}, {"databricksGroup", "admins"}});
               w.idp.groups.append({"3", "dbx-admins", {idpUser("admin@acme.example")}});
               w.group("admins").members.append({"u5", {}, PrincipalKind::User});
           })
        << QStringLiteral("The group admins is a Databricks system group; Scimitar never changes its membership "
                          "automatically.")
        << 1;
    QTest::newRow("a removal the policy itself contradicts")
        << Change([](World& w) {
               // bob is in pii-analysts by right (dbx-pii-analysts), but the role now needs dbx-pii-readers.
               QJsonArray rules = w.policy["rules"].toArray();
               rules[1] = QJsonObject{{"idpGroup", "dbx-pii-readers"}, {"role", kPii}};
               w.policy["rules"] = rules;
               w.idp.groups.append(
                   {"3",
                    "dbx-pii-readers",
                    {idpUser("ana@acme.example"), idpUser("cy@acme.example"), idpUser("admin@acme.example")}});
           })
        << QStringLiteral("The policy puts bob@acme.example in pii-analysts (through dbx-pii-analysts), and "
                          "pii-analysts itself grants pii-read; change pii-analysts or the policy rather than the "
                          "membership.")
        << 1;
    QTest::newRow("nothing to block") << Change([](World& w) { w.removeFromIdp("cy@acme.example"); }) << QString() << 0;
}

void TestDriftEngine::blockedBy()
{
    QFETCH(Change, change);
    QFETCH(QString, blockedBy);
    QFETCH(int, blocked);
    World world = baseWorld();
    change(world);
    const DriftReport report = review(world);
    QVERIFY(report.hasDrift());
    QCOMPARE(report.findings().first().blockedBy, blockedBy);
    QCOMPARE(report.blockedCount(), blocked);
}

void TestDriftEngine::massChangeGuard_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("removed");
    QTest::addColumn<bool>("blocked");

    QTest::newRow("6 of 12: half is not more than half") << 12 << 6 << false;
    QTest::newRow("7 of 12") << 12 << 7 << true;
    QTest::newRow("5 of 6: not more than five") << 6 << 5 << false;
    QTest::newRow("6 of 6") << 6 << 6 << true;
    QTest::newRow("6 of 20") << 20 << 6 << false;
}

void TestDriftEngine::massChangeGuard()
{
    QFETCH(int, members);
    QFETCH(int, removed);
    QFETCH(bool, blocked);

    // A managed group of `members` direct users, `removed` of whom the IdP group no longer lists.
    World world = baseWorld();
    Group& group = world.group("engineers");
    group.members.clear();
    world.idpGroup("dbx-engineers").members.clear();
    world.addRule({{"idpGroup", "dbx-engineers"}, {"databricksGroup", "engineers"}});
    for (int i = 0; i < members; ++i) {
        const QString id = QStringLiteral("m%1").arg(i, 2, 10, QLatin1Char('0'));
        const QString name = QStringLiteral("m%1@acme.example").arg(i, 2, 10, QLatin1Char('0'));
        world.users.append(makeUser(id, name));
        group.members.append({id, {}, PrincipalKind::User});
        if (i >= removed)
            world.idpGroup("dbx-engineers").members.append(idpUser(name));
    }
    const DriftReport report = review(world);
    // Each removed member is reported twice: the entitlement (via engineers) and the membership.
    QCOMPARE(report.count(FindingKind::EntitlementWithoutGrant), removed);
    QCOMPARE(report.count(FindingKind::MemberWithoutGrant), removed);
    for (const Finding& finding : report.findings()) {
        QCOMPARE(finding.isBlocked(), blocked);
        if (blocked)
            QVERIFY2(finding.blockedBy.contains(
                         QStringLiteral("would remove %1 of the %2 members of engineers").arg(removed).arg(members)),
                     qPrintable(finding.blockedBy));
    }
}

void TestDriftEngine::massDeactivationGuard()
{
    // An IdP that suddenly knows nobody (a wrong org) must not deactivate everyone holding managed access.
    World world = baseWorld();
    world.idp.groups[0].members.clear();
    world.idp.groups[1].members.clear();
    for (int i = 0; i < 6; ++i) {
        const QString name = QStringLiteral("x%1@acme.example").arg(i);
        world.users.append(makeUser(QStringLiteral("x%1").arg(i), name, {}, {kClusters}));
        world.idp.notFound.append(name);
    }
    const DriftReport report = review(world);
    QCOMPARE(report.count(FindingKind::UnknownInIdp), 6);
    for (const Finding& finding : report.findings())
        if (finding.kind == FindingKind::UnknownInIdp)
            QVERIFY2(finding.blockedBy.startsWith(QStringLiteral("Suspicious mass change: 6 of the 11 active users")),
                     qPrintable(finding.blockedBy));

    // Five are not a mass change.
    world.users.removeLast();
    world.idp.notFound.removeLast();
    const DriftReport smaller = review(world); // kept: findings() refers into the report
    for (const Finding& finding : smaller.findings())
        if (finding.kind == FindingKind::UnknownInIdp)
            QVERIFY(!finding.isBlocked());
}

void TestDriftEngine::severitiesAndCounts()
{
    World world = baseWorld();
    world.removeFromIdp("ana@acme.example");
    world.removeFromIdp("bob@acme.example");
    world.removeFromIdp("eve@acme.example");
    world.idp.notFound.append("ana@acme.example");
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example"));
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("hal@acme.example"));
    const DriftReport report = review(world);
    QCOMPARE(report.count(FindingKind::RoleWithoutGrant), 2);
    QCOMPARE(report.count(FindingKind::EntitlementWithoutGrant), 1);
    QCOMPARE(report.count(FindingKind::MemberWithoutGrant), 1);
    QCOMPARE(report.count(FindingKind::UnknownInIdp), 1);
    QCOMPARE(report.count(FindingKind::MissingMember), 1);
    QCOMPARE(report.count(FindingKind::NotProvisioned), 1);
    QCOMPARE(report.count(FindingKind::DeprovisionedActive), 0);
    QCOMPARE(report.count(Severity::High), 3);
    QCOMPARE(report.count(Severity::Medium), 2);
    QCOMPARE(report.count(Severity::Low), 2);
    QCOMPARE(report.summary(), QStringLiteral("7 findings: 3 high, 2 medium, 2 low"));
    // Sorted by kind, then user, then target.
    QStringList kinds;
    for (const Finding& finding : report.findings())
        kinds.append(findingKindName(finding.kind));
    QCOMPARE(kinds, (QStringList{"role-without-grant", "role-without-grant", "entitlement-without-grant",
                                 "member-without-grant", "unknown-in-idp", "missing-member", "not-provisioned"}));
    QCOMPARE(report.findings()[0].principal.userName, QStringLiteral("ana@acme.example"));
    QCOMPARE(report.findings()[1].principal.userName, QStringLiteral("bob@acme.example"));
    QCOMPARE(DriftReport().summary(), QStringLiteral("No drift"));
}

void TestDriftEngine::servicePrincipalsAreListedNotJudged()
{
    World world = baseWorld();
    world.servicePrincipals[0].entitlements = {kClusters};
    world.servicePrincipals[0].roles = {kEtl}; // not managed: not listed
    const DriftReport report = review(world);
    QVERIFY(!report.hasDrift()); // the SP is in no IdP group, yet nothing is reported
    const QList<ServicePrincipalAccess>& access = report.servicePrincipalAccess();
    QCOMPARE(access.size(), 3);
    QCOMPARE(access[0].kind, ServicePrincipalAccess::Kind::Role);
    QCOMPARE(access[0].target, kPii);
    QVERIFY(!access[0].direct);
    QCOMPARE(access[0].path, QStringList{"pii-analysts"});
    QCOMPARE(access[1].kind, ServicePrincipalAccess::Kind::Entitlement);
    QVERIFY(access[1].direct);
    QCOMPARE(access[2].kind, ServicePrincipalAccess::Kind::Group);
    QCOMPARE(access[2].target, QStringLiteral("pii-analysts"));
    QCOMPARE(access[2].displayName, QStringLiteral("etl-job"));
}

void TestDriftEngine::notesNameManagedValuesNobodyHolds()
{
    World world = baseWorld();
    world.addRule({{"idpGroup", "dbx-engineers"}, {"role", "arn:aws:iam::999:instance-profile/typo"}});
    world.addRule(
        {{"idpGroup", "dbx-engineers"}, {"entitlements", QJsonArray{"Allow-Cluster-Create", "workspace-consume"}}});
    const QStringList notes = review(world).notes();
    QCOMPARE(notes.size(), 2);
    QVERIFY2(notes[0].contains("arn:aws:iam::999:instance-profile/typo"), qPrintable(notes[0]));
    QVERIFY2(notes[1].contains("workspace-consume"), qPrintable(notes[1]));
}

void TestDriftEngine::deterministic()
{
    World world = baseWorld();
    world.removeFromIdp("ana@acme.example");
    world.removeFromIdp("bob@acme.example");
    world.removeFromIdp("cy@acme.example");
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("hal@acme.example"));
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("fay@acme.example"));
    const QByteArray first = QJsonDocument(FindingJson::findings(review(world).findings())).toJson();
    const QByteArray again = QJsonDocument(FindingJson::findings(review(world).findings())).toJson();
    QCOMPARE(again, first);

    // The order of the inputs does not matter either.
    std::reverse(world.users.begin(), world.users.end());
    std::reverse(world.groups.begin(), world.groups.end());
    std::reverse(world.idp.groups.begin(), world.idp.groups.end());
    for (IdpGroup& group : world.idp.groups)
        std::reverse(group.members.begin(), group.members.end());
    QCOMPARE(QJsonDocument(FindingJson::findings(review(world).findings())).toJson(), first);
}

void TestDriftEngine::lookupsNeeded_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("logins");
    QTest::addColumn<bool>("byEmail");

    QTest::newRow("everyone with managed access is in a loaded group")
        << Change([](World&) {}) << QStringList{} << false;
    QTest::newRow("nested holder, direct member, direct holder") << Change([](World& w) {
        w.removeFromIdp("ana@acme.example");
        w.removeFromIdp("bob@acme.example");
        w.removeFromIdp("cy@acme.example");
    }) << QStringList{"ana@acme.example", "bob@acme.example", "cy@acme.example"}
                                                                 << false;
    QTest::newRow("listed with another status still counts as loaded")
        << Change([](World& w) { w.idpGroup("dbx-pii-analysts").members[0].status = IdpUserStatus::Suspended; })
        << QStringList{} << false;
    QTest::newRow("no managed access, deactivated, service principals: never asked") << Change([](World& w) {
        w.idp.groups.clear();
        w.user("admin@acme.example").roles.clear();
        w.group("admins").members.clear();
        w.group("pii-analysts").members.removeIf([](const MemberRef& m) { return m.id != "u4" && m.id != "s1"; });
        w.user("cy@acme.example").roles.clear();
        w.group("engineers").members.clear();
    }) << QStringList{} << false;
    QTest::newRow("case-insensitive") << Change([](World& w) {
        for (IdpGroup& group : w.idp.groups)
            for (IdpUser& user : group.members)
                user.login = user.login.toUpper();
    }) << QStringList{} << false;
}

void TestDriftEngine::lookupsNeeded()
{
    QFETCH(Change, change);
    QFETCH(QStringList, logins);
    QFETCH(bool, byEmail);
    World world = baseWorld();
    change(world);
    const DriftEngine::Lookups lookups =
        DriftEngine::lookupsNeeded(*snapshotOf(world), world.idp.groups, policyOf(world));
    QCOMPARE(lookups.values, logins);
    QCOMPARE(lookups.key, byEmail ? IdpLookupKey::Email : IdpLookupKey::Login);
}

// "match": "email", and cy (pii-read directly and through pii-analysts) is in no loaded IdP group, so only the
// look-up by email says who cy is. cy's IdP login differs from the email.
void TestDriftEngine::emailLookups_data()
{
    QTest::addColumn<QList<IdpUser>>("lookedUp");
    QTest::addColumn<QStringList>("notFound");
    QTest::addColumn<QStringList>("cyEmails");
    QTest::addColumn<QStringList>("expected"); // cy's finding kinds
    QTest::addColumn<QString>("explanation");  // part of cy's deprovisioned-active explanation, if any

    const QStringList removals{"role-without-grant", "member-without-grant"};
    const auto cy = [](const QString& login, const QString& email, IdpUserStatus status) {
        IdpUser user = idpUser(login, status);
        user.email = email;
        return user;
    };
    QTest::newRow("found by email, deprovisioned")
        << QList<IdpUser>{cy("c.young@corp.example", "CY@acme.example", IdpUserStatus::Deprovisioned)} << QStringList{}
        << QStringList{"cy@acme.example"} << removals + QStringList{"deprovisioned-active"}
        << "cy@acme.example is deprovisioned in the IdP, but active";
    QTest::newRow("found by email, active")
        << QList<IdpUser>{cy("c.young@corp.example", "cy@acme.example", IdpUserStatus::Active)} << QStringList{}
        << QStringList{"cy@acme.example"} << removals << "";
    QTest::newRow("not found") << QList<IdpUser>{} << QStringList{"cy@acme.example"} << QStringList{"cy@acme.example"}
                               << removals + QStringList{"unknown-in-idp"} << "";
    QTest::newRow("found by a secondary email only")
        << QList<IdpUser>{cy("c.young@corp.example", "c.young@corp.example", IdpUserStatus::Suspended)}
        << QStringList{"cy@acme.example"} << QStringList{"cy@acme.example", "c.young@corp.example"}
        << removals + QStringList{"deprovisioned-active"} << "cy@acme.example is suspended in the IdP";
    QTest::newRow("unknown only when every email is")
        << QList<IdpUser>{} << QStringList{"cy@acme.example", "c.young@corp.example"}
        << QStringList{"cy@acme.example", "c.young@corp.example"} << removals + QStringList{"unknown-in-idp"} << "";
    QTest::newRow("two people share the email: the restrictive status wins")
        << QList<IdpUser>{cy("cy.one@corp.example", "cy@acme.example", IdpUserStatus::Active),
                          cy("cy.two@corp.example", "cy@acme.example", IdpUserStatus::Deprovisioned)}
        << QStringList{} << QStringList{"cy@acme.example"} << removals + QStringList{"deprovisioned-active"}
        << "(2 IdP users share this email: cy.one@corp.example, cy.two@corp.example; the most restrictive status "
           "counts)";
    QTest::newRow("two people share the email, both active")
        << QList<IdpUser>{cy("cy.one@corp.example", "cy@acme.example", IdpUserStatus::Active),
                          cy("cy.two@corp.example", "cy@acme.example", IdpUserStatus::Active)}
        << QStringList{} << QStringList{"cy@acme.example"} << removals << "";
    // Asked by email, an answer counts for its email only: a login that happens to equal cy's email is someone
    // else's.
    QTest::newRow("a login equal to the email is not a match")
        << QList<IdpUser>{cy("cy@acme.example", "someone.else@corp.example", IdpUserStatus::Deprovisioned)}
        << QStringList{"cy@acme.example"} << QStringList{"cy@acme.example"} << removals + QStringList{"unknown-in-idp"}
        << "";
}

void TestDriftEngine::emailLookups()
{
    QFETCH(QList<IdpUser>, lookedUp);
    QFETCH(QStringList, notFound);
    QFETCH(QStringList, cyEmails);
    QFETCH(QStringList, expected);
    QFETCH(QString, explanation);
    World world = baseWorld();
    world.policy.insert(QStringLiteral("match"), QStringLiteral("email"));
    world.removeFromIdp("cy@acme.example");
    world.user("cy@acme.example").emails = cyEmails;
    const DriftEngine::Lookups asked =
        DriftEngine::lookupsNeeded(*snapshotOf(world), world.idp.groups, policyOf(world));
    QCOMPARE(asked.key, IdpLookupKey::Email);
    QCOMPARE(asked.values, cyEmails);
    world.idp.lookedUpBy = IdpLookupKey::Email;
    world.idp.lookedUp = lookedUp;
    world.idp.notFound = notFound;

    const DriftReport report = review(world);
    QStringList kinds;
    for (const Finding& finding : report.findings()) {
        if (finding.principal.userName != QLatin1String("cy@acme.example"))
            continue;
        kinds.append(findingKindName(finding.kind));
        if (finding.kind == FindingKind::DeprovisionedActive)
            QVERIFY2(finding.explanation.contains(explanation), qPrintable(finding.explanation));
    }
    QCOMPARE(kinds, expected);
    QVERIFY(!explanation.isEmpty() || !findKind(report, FindingKind::DeprovisionedActive));
}

void TestDriftEngine::checkRefusesMeaninglessReviews_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("fine") << Change([](World&) {}) << QStringList{};
    QTest::newRow("Databricks group missing")
        << Change([](World& w) { w.group("pii-analysts").displayName = "pii-analysts-old"; })
        << QStringList{"The policy's rules[0] names the Databricks group pii-analysts, which does not exist in "
                       "Databricks (test)."};
    QTest::newRow("IdP group missing") << Change([](World& w) { w.idp.groups.removeLast(); })
                                       << QStringList{"File (idp.csv) has no group dbx-engineers, which the policy "
                                                      "names."};
    QTest::newRow("matching by email, member without one")
        << Change([](World& w) {
               w.policy.insert("match", "email");
               w.idp.groups[1].members[0].email.clear();
           })
        << QStringList{"File (idp.csv) lists eve@acme.example in dbx-engineers without an email, which the policy "
                       "matches people by."};
}

void TestDriftEngine::checkRefusesMeaninglessReviews()
{
    QFETCH(Change, change);
    QFETCH(QStringList, problems);
    World world = baseWorld();
    change(world);
    QCOMPARE(DriftEngine::check(*snapshotOf(world), world.idp, policyOf(world)), problems);
}

void TestDriftEngine::jsonContract()
{
    World world = baseWorld();
    world.removeFromIdp("ana@acme.example");                                        // remove-member with via
    world.removeFromIdp("cy@acme.example");                                         // remove-role
    world.removeFromIdp("admin@acme.example");                                      // blocked
    world.user("fay@acme.example").entitlements = {kClusters};                      // remove-entitlement
    world.idp.notFound.append("ana@acme.example");                                  // deactivate, null target
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("gus@acme.example")); // add-member
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("hal@acme.example")); // none, null principal id
    const QJsonArray array = FindingJson::findings(review(world).findings());
    QSet<QString> ops;
    for (const QJsonValue& value : array) {
        const QJsonObject finding = value.toObject();
        QStringList keys = finding.keys();
        QCOMPARE(keys, (QStringList{"action", "actions", "blockedBy", "explanation", "idpGroups", "kind", "principal",
                                    "severity", "target", "via"}));
        QVERIFY(finding["kind"].isString());
        QVERIFY(QStringList({"high", "medium", "low"}).contains(finding["severity"].toString()));
        const QJsonObject principal = finding["principal"].toObject();
        QCOMPARE(principal.keys(), (QStringList{"id", "kind", "userName"}));
        QCOMPARE(principal["kind"].toString(), QStringLiteral("user"));
        QVERIFY(principal["id"].isString() || finding["kind"] == QStringLiteral("not-provisioned"));
        QVERIFY(finding["target"].isString() || finding["target"].isNull());
        QVERIFY(finding["via"].isString() || finding["via"].isNull());
        QVERIFY(finding["blockedBy"].isString() || finding["blockedBy"].isNull());
        QVERIFY(finding["idpGroups"].isArray());
        QVERIFY(finding["explanation"].isString());

        const QJsonObject action = finding["action"].toObject();
        const QString op = action["op"].toString();
        ops.insert(op);
        QStringList expected{"op"};
        if (op == "remove-role" || op == "remove-entitlement")
            expected = {"op", "userId", "value"};
        else if (op == "remove-member" || op == "add-member")
            expected = {"groupId", "op", "userId"};
        else if (op == "deactivate")
            expected = {"op", "userId"};
        QCOMPARE(action.keys(), expected);
        if (op == "deactivate")
            QVERIFY(finding["target"].isNull());
        if (op == "none")
            QVERIFY(principal["id"].isNull());
        if (op == "remove-role")
            QCOMPARE(action["value"].toString(), kPii); // the exact value, not a short name
    }
    QCOMPARE(ops,
             (QSet<QString>{"remove-role", "remove-entitlement", "remove-member", "add-member", "deactivate", "none"}));
    QJsonObject viaFinding;
    for (const QJsonValue& value : array)
        if (value["principal"]["userName"] == QStringLiteral("ana@acme.example") &&
            value["kind"] == QStringLiteral("role-without-grant"))
            viaFinding = value.toObject();
    QCOMPARE(viaFinding["via"].toString(), QStringLiteral("pii-readers"));
    QCOMPARE(viaFinding["target"].toString(), kPii);
    QCOMPARE(viaFinding["idpGroups"].toArray(), QJsonArray{"dbx-pii-analysts"});
}

void TestDriftEngine::csvMatchesJson()
{
    World world = baseWorld();
    world.removeFromIdp("ana@acme.example");
    world.idpGroup("dbx-pii-analysts").members.append(idpUser("=cmd@acme.example"));
    const DriftReport report = review(world);
    const QString csv = FindingCsv::write(report.findings());
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), report.findings().size() + 1);
    QCOMPARE(lines.first(), FindingCsv::columns().join(','));
    QVERIFY2(lines.at(1).startsWith("role-without-grant,high,u1,ana@acme.example,user," + kPii +
                                    ",pii-readers,"
                                    "dbx-pii-analysts,"
                                    "remove-member,u1,g2,,"),
             qPrintable(lines.at(1)));
    QVERIFY2(csv.contains(",'=cmd@acme.example,"), "formula-like cells are defused");
}

void TestDriftEngine::namesRoundTrip()
{
    for (FindingKind kind : allFindingKinds()) {
        FindingKind parsed;
        QVERIFY(findingKindFromName(findingKindName(kind), &parsed));
        QCOMPARE(parsed, kind);
    }
    for (Severity severity : allSeverities()) {
        Severity parsed;
        QVERIFY(severityFromName(severityName(severity), &parsed));
        QCOMPARE(parsed, severity);
    }
    ActionOp op;
    QVERIFY(actionOpFromName(QStringLiteral("remove-member"), &op));
    QCOMPARE(op, ActionOp::RemoveMember);
    QVERIFY(!actionOpFromName(QStringLiteral("delete"), &op));
    QCOMPARE(severityOf(FindingKind::RoleWithoutGrant), Severity::High);
    QCOMPARE(severityOf(FindingKind::MemberWithoutGrant), Severity::Medium);
    QCOMPARE(severityOf(FindingKind::NotProvisioned), Severity::Low);
}

QTEST_GUILESS_MAIN(TestDriftEngine)
#include "tst_driftengine.moc"
