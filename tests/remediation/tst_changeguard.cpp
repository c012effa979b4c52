#include "remediation/ChangeGuard.h"
#include "remediation/FindingChanges.h"

#include <QTest>

using namespace scimitar;

namespace {

const QString kOwnerId = QStringLiteral("900");

Change change(ChangeOp op, PrincipalKind objectKind, const QString& objectId, const QString& objectName,
              const QString& value = {}, const QString& memberName = {})
{
    Change c;
    c.op = op;
    c.objectKind = objectKind;
    c.objectId = objectId;
    c.objectName = objectName;
    c.value = value;
    c.memberName = memberName;
    return c;
}

GuardContext context(bool readOnly = false)
{
    GuardContext context;
    context.tokenOwnerId = kOwnerId;
    context.tokenOwnerUserName = QStringLiteral("scim-admin@acme.example");
    context.protectedUsers = {QStringLiteral("CEO@acme.example")};
    context.protectedGroups = {QStringLiteral("break-glass")};
    context.readOnly = readOnly;
    context.connectionName = QStringLiteral("prod");
    return context;
}

Finding finding(ActionOp op, const QString& blockedBy = {})
{
    Finding f;
    f.principal = {QStringLiteral("101"), QStringLiteral("ana@acme.example"), PrincipalKind::User};
    f.action.op = op;
    f.action.userId = QStringLiteral("101");
    if (op == ActionOp::RemoveMember || op == ActionOp::AddMember) {
        f.action.groupId = QStringLiteral("7");
        f.target = QStringLiteral("pii-analysts");
    }
    if (op == ActionOp::RemoveRole || op == ActionOp::RemoveEntitlement) {
        f.action.value = QStringLiteral("arn:aws:iam::1:instance-profile/pii");
        f.target = f.action.value;
    }
    f.blockedBy = blockedBy;
    f.explanation = QStringLiteral("ana@acme.example is in no IdP group.");
    return f;
}

} // namespace

class TstChangeGuard : public QObject
{
    Q_OBJECT

private slots:
    void guards_data();
    void guards();
    void findingToChange_data();
    void findingToChange();
    void skippedFindingsSayWhy_data();
    void skippedFindingsSayWhy();
    void planSendsEachChangeOnce();
    void identicalEntriesAreCountedAsRepeats();
};

void TstChangeGuard::guards_data()
{
    QTest::addColumn<GuardContext>("context");
    QTest::addColumn<Change>("change");
    QTest::addColumn<bool>("inBatch");
    QTest::addColumn<QString>("refusalContains"); // empty: allowed

    const GuardContext normal = context();
    const Change removeRole = change(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("101"),
                                     QStringLiteral("ana@acme.example"), QStringLiteral("r"));
    QTest::newRow("ordinary removal") << normal << removeRole << true << QString();
    QTest::newRow("read-only connection") << context(true) << removeRole << false << QStringLiteral("read-only");
    QTest::newRow("read-only refuses additions too")
        << context(true) << removeRole.inverse() << false << QStringLiteral("read-only");
    QTest::newRow("deactivate token owner")
        << normal
        << change(ChangeOp::Deactivate, PrincipalKind::User, kOwnerId, QStringLiteral("scim-admin@acme.example"))
        << false << QStringLiteral("lock Scimitar out");
    QTest::newRow("token owner out of admins")
        << normal
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("1"), QStringLiteral("admins"), kOwnerId,
                  QStringLiteral("scim-admin@acme.example"))
        << false << QStringLiteral("removing it from admins");
    QTest::newRow("token owner out of Admins, any case")
        << normal
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("1"), QStringLiteral("Admins"), kOwnerId)
        << false << QStringLiteral("lock Scimitar out");
    // The token owner's access is never taken away by Scimitar, whatever it is (a findings file's blockedBy: null
    // does not change that: the guard is recomputed from the owner /Me names).
    QTest::newRow("token owner out of an ordinary group")
        << normal
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("7"), QStringLiteral("pii-analysts"),
                  kOwnerId)
        << false << QStringLiteral("never takes its own access away");
    QTest::newRow("token owner's role") << normal
                                        << change(ChangeOp::RemoveRole, PrincipalKind::User, kOwnerId,
                                                  QStringLiteral("scim-admin@acme.example"),
                                                  QStringLiteral("arn:aws:iam::1:instance-profile/pii"))
                                        << false << QStringLiteral("never takes its own access away");
    QTest::newRow("token owner's account_admin")
        << normal
        << change(ChangeOp::RemoveRole, PrincipalKind::User, kOwnerId, QStringLiteral("scim-admin@acme.example"),
                  QStringLiteral("account_admin"))
        << false << QStringLiteral("never takes its own access away");
    QTest::newRow("token owner's entitlement")
        << normal
        << change(ChangeOp::RemoveEntitlement, PrincipalKind::User, kOwnerId, QStringLiteral("scim-admin@acme.example"),
                  QStringLiteral("workspace-access"))
        << false << QStringLiteral("never takes its own access away");
    QTest::newRow("giving the token owner a role is fine")
        << normal
        << change(ChangeOp::AddRole, PrincipalKind::User, kOwnerId, QStringLiteral("scim-admin@acme.example"),
                  QStringLiteral("r"))
        << false << QString();
    // From /Me: the owner is in admins through platform-team; how they nest is not known, so a membership between
    // any two of the owner's groups is part of the lifeline.
    GuardContext fromMe = normal;
    fromMe.lifeline = OwnerLifeline::fromMe(
        kOwnerId,
        {{QStringLiteral("1"), QStringLiteral("admins")}, {QStringLiteral("30"), QStringLiteral("platform-team")}}, {});
    QTest::newRow("nested group out of admins (/Me)")
        << fromMe
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("1"), QStringLiteral("admins"),
                  QStringLiteral("30"), QStringLiteral("platform-team"))
        << false << QStringLiteral("is an administrator through platform-team in admins");
    QTest::newRow("someone else out of admins (/Me)")
        << fromMe
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("1"), QStringLiteral("admins"),
                  QStringLiteral("101"), QStringLiteral("ana@acme.example"))
        << false << QString();
    GuardContext accountAdmin = normal;
    accountAdmin.lifeline = OwnerLifeline::fromMe(kOwnerId, {{QStringLiteral("40"), QStringLiteral("account-admins")}},
                                                  {QStringLiteral("account_admin")});
    QTest::newRow("account_admin off the owner's group (/Me)")
        << accountAdmin
        << change(ChangeOp::RemoveRole, PrincipalKind::Group, QStringLiteral("40"), QStringLiteral("account-admins"),
                  QStringLiteral("account_admin"))
        << false << QStringLiteral("holds account_admin through account-admins");
    QTest::newRow("account_admin off another group (/Me)")
        << accountAdmin
        << change(ChangeOp::RemoveRole, PrincipalKind::Group, QStringLiteral("41"), QStringLiteral("others"),
                  QStringLiteral("account_admin"))
        << false << QString();
    GuardContext unlisted = normal;
    unlisted.lifeline = OwnerLifeline::fromMe(kOwnerId, {}, {}, /*groupsListed=*/false);
    Change groupOutOfAdmins = change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("1"),
                                     QStringLiteral("admins"), QStringLiteral("30"), QStringLiteral("platform-team"));
    groupOutOfAdmins.memberKind = PrincipalKind::Group;
    QTest::newRow("a group out of admins when /Me lists no groups")
        << unlisted << groupOutOfAdmins << false << QStringLiteral("/Me listed none");
    QTest::newRow("a user out of admins when /Me lists no groups")
        << unlisted
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("1"), QStringLiteral("admins"),
                  QStringLiteral("101"), QStringLiteral("ana@acme.example"))
        << false << QString();
    GuardContext noPolicy = normal;
    noPolicy.protectedGroups = ChangeGuard::systemGroups();
    noPolicy.noPolicy = true;
    QTest::newRow("users without a policy, on its own")
        << noPolicy
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("2"), QStringLiteral("users"),
                  QStringLiteral("101"), QStringLiteral("ana"))
        << false << QStringLiteral("left alone when no policy says otherwise");
    QTest::newRow("add to admins without a policy")
        << noPolicy
        << change(ChangeOp::AddMember, PrincipalKind::Group, QStringLiteral("1"), QStringLiteral("admins"),
                  QStringLiteral("101"), QStringLiteral("ana"))
        << false << QStringLiteral("left alone when no policy says otherwise");
    QTest::newRow("reactivating the token owner is fine")
        << normal << change(ChangeOp::Reactivate, PrincipalKind::User, kOwnerId, QStringLiteral("scim-admin")) << false
        << QString();
    QTest::newRow("protected user, case-insensitive")
        << normal
        << change(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("5"), QStringLiteral("ceo@ACME.example"))
        << false << QStringLiteral("protected.users");
    QTest::newRow("protected user as a member")
        << normal
        << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("7"), QStringLiteral("pii-analysts"),
                  QStringLiteral("5"), QStringLiteral("ceo@acme.example"))
        << false << QStringLiteral("protected.users");
    QTest::newRow("protected group") << normal
                                     << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("8"),
                                               QStringLiteral("Break-Glass"), QStringLiteral("101"),
                                               QStringLiteral("ana@acme.example"))
                                     << false << QStringLiteral("protected.groups");
    QTest::newRow("protected group's own role")
        << normal
        << change(ChangeOp::RemoveRole, PrincipalKind::Group, QStringLiteral("8"), QStringLiteral("break-glass"),
                  QStringLiteral("r"))
        << false << QStringLiteral("protected.groups");
    for (const char* system : {"admins", "users", "account users"}) {
        const Change member = change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("2"),
                                     QString::fromLatin1(system), QStringLiteral("101"), QStringLiteral("ana"));
        QTest::newRow(qPrintable(QStringLiteral("%1 in a batch").arg(QLatin1String(system))))
            << normal << member << true << QStringLiteral("system group");
        QTest::newRow(qPrintable(QStringLiteral("%1 on its own").arg(QLatin1String(system))))
            << normal << member << false << QString();
        QTest::newRow(qPrintable(QStringLiteral("add to %1 in a batch").arg(QLatin1String(system))))
            << normal << member.inverse() << true << QStringLiteral("system group");
    }
    GuardContext noOwner = normal;
    noOwner.tokenOwnerId.clear();
    QTest::newRow("no token owner known: an empty id matches nobody")
        << noOwner << change(ChangeOp::Deactivate, PrincipalKind::User, QString(), QStringLiteral("x")) << false
        << QStringLiteral("is not a Databricks id");
    // Ids become path segments: only digits and UUIDs, so a findings file cannot move a PATCH to another object.
    QTest::newRow("id ..") << normal
                           << change(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral(".."),
                                     QStringLiteral("x"))
                           << false << QStringLiteral("The id '..' of x is not a Databricks id");
    QTest::newRow("id .") << normal
                          << change(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("."), QStringLiteral("x"))
                          << false << QStringLiteral("is not a Databricks id");
    QTest::newRow("id with a slash") << normal
                                     << change(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("1/../2"),
                                               QStringLiteral("x"))
                                     << false << QStringLiteral("is not a Databricks id");
    QTest::newRow("member id ..") << normal
                                  << change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("7"),
                                            QStringLiteral("pii-analysts"), QStringLiteral(".."), QStringLiteral("ana"))
                                  << false << QStringLiteral("The member id '..' of ana is not a Databricks id");
    QTest::newRow("uuid id is fine") << normal
                                     << change(ChangeOp::Deactivate, PrincipalKind::User,
                                               QStringLiteral("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
                                               QStringLiteral("x"))
                                     << false << QString();
}

void TstChangeGuard::guards()
{
    QFETCH(GuardContext, context);
    QFETCH(Change, change);
    QFETCH(bool, inBatch);
    QFETCH(QString, refusalContains);

    const QString refusal = ChangeGuard(context).refusal(change, inBatch);
    if (refusalContains.isEmpty()) {
        QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
    } else {
        QVERIFY2(refusal.contains(refusalContains), qPrintable(refusal));
        QVERIFY(refusal.endsWith(QLatin1Char('.')));
    }
}

void TstChangeGuard::findingToChange_data()
{
    QTest::addColumn<Finding>("finding");
    QTest::addColumn<Change>("expected");

    Change role = change(ChangeOp::RemoveRole, PrincipalKind::User, QStringLiteral("101"),
                         QStringLiteral("ana@acme.example"), QStringLiteral("arn:aws:iam::1:instance-profile/pii"));
    QTest::newRow("remove-role") << finding(ActionOp::RemoveRole) << role;
    Change entitlement = role;
    entitlement.op = ChangeOp::RemoveEntitlement;
    QTest::newRow("remove-entitlement") << finding(ActionOp::RemoveEntitlement) << entitlement;
    Change member = change(ChangeOp::RemoveMember, PrincipalKind::Group, QStringLiteral("7"),
                           QStringLiteral("pii-analysts"), QStringLiteral("101"), QStringLiteral("ana@acme.example"));
    QTest::newRow("remove-member") << finding(ActionOp::RemoveMember) << member;
    Finding inherited = finding(ActionOp::RemoveMember);
    inherited.kind = FindingKind::RoleWithoutGrant;
    inherited.target = QStringLiteral("arn:aws:iam::1:instance-profile/pii");
    inherited.via = QStringLiteral("pii-readers");
    Change viaMember = member;
    viaMember.objectName = QStringLiteral("pii-readers");
    QTest::newRow("remove-member for inherited access names the via group") << inherited << viaMember;
    Change add = member;
    add.op = ChangeOp::AddMember;
    QTest::newRow("add-member") << finding(ActionOp::AddMember) << add;
    QTest::newRow("deactivate") << finding(ActionOp::Deactivate)
                                << change(ChangeOp::Deactivate, PrincipalKind::User, QStringLiteral("101"),
                                          QStringLiteral("ana@acme.example"));
}

void TstChangeGuard::findingToChange()
{
    QFETCH(Finding, finding);
    QFETCH(Change, expected);
    QString reason;
    const std::optional<QList<Change>> changes = FindingChanges::changesFor(finding, nullptr, &reason);
    QVERIFY2(changes, qPrintable(reason));
    QCOMPARE(changes->size(), 1);
    const std::optional<Change> actual = changes->first();
    QCOMPARE(actual->op, expected.op);
    QCOMPARE(actual->objectKind, expected.objectKind);
    QCOMPARE(actual->objectId, expected.objectId);
    QCOMPARE(actual->objectName, expected.objectName);
    QCOMPARE(actual->value, expected.value);
    QCOMPARE(actual->memberName, expected.memberName);
}

void TstChangeGuard::skippedFindingsSayWhy_data()
{
    QTest::addColumn<Finding>("finding");
    QTest::addColumn<QString>("reasonContains");
    QTest::addColumn<bool>("skipped"); // false: an actionable finding that cannot be built, which is a failure
    QTest::newRow("blocked") << finding(ActionOp::RemoveRole, QStringLiteral("ana is protected."))
                             << QStringLiteral("Blocked: ana is protected.") << true;
    QTest::newRow("none") << finding(ActionOp::None) << QStringLiteral("No automatic action") << true;
    Finding noGroup = finding(ActionOp::RemoveMember);
    noGroup.action.groupId.clear();
    QTest::newRow("missing group id") << noGroup << QStringLiteral("groupId") << false;
    Finding noValue = finding(ActionOp::RemoveRole);
    noValue.action.value.clear();
    QTest::newRow("missing value") << noValue << QStringLiteral("value") << false;
}

void TstChangeGuard::skippedFindingsSayWhy()
{
    QFETCH(Finding, finding);
    QFETCH(QString, reasonContains);
    QFETCH(bool, skipped);
    const FindingChanges::Plan plan = FindingChanges::plan({finding});
    QVERIFY(plan.changes.isEmpty());
    QCOMPARE(plan.skipped.size(), skipped ? 1 : 0);
    QCOMPARE(plan.failed.size(), skipped ? 0 : 1);
    const QString reason = skipped ? plan.skipped.first().reason : plan.failed.first().reason;
    QVERIFY2(reason.contains(reasonContains), qPrintable(reason));
}

void TstChangeGuard::planSendsEachChangeOnce()
{
    Finding deprovisioned = finding(ActionOp::Deactivate);
    deprovisioned.kind = FindingKind::DeprovisionedActive;
    Finding unknown = finding(ActionOp::Deactivate);
    unknown.kind = FindingKind::UnknownInIdp;
    const FindingChanges::Plan plan =
        FindingChanges::plan({deprovisioned, unknown, finding(ActionOp::RemoveRole), finding(ActionOp::None)});
    QCOMPARE(plan.changes.size(), 2);
    QCOMPARE(plan.sources.size(), 2);
    QCOMPARE(plan.changes.at(0).op, ChangeOp::Deactivate);
    QCOMPARE(plan.sources.at(0).kind, FindingKind::DeprovisionedActive);
    QCOMPARE(plan.changes.at(1).op, ChangeOp::RemoveRole);
    // The repeat is said, not swallowed; the finding without an action is skipped too.
    QCOMPARE(plan.skipped.size(), 2);
    QCOMPARE(plan.skipped.at(0).finding.kind, FindingKind::UnknownInIdp);
    QVERIFY2(plan.skipped.at(0).reason.startsWith(QStringLiteral("Repeats entry 1 (Deactivate ana@acme.example)")),
             qPrintable(plan.skipped.at(0).reason));
}

void TstChangeGuard::identicalEntriesAreCountedAsRepeats()
{
    const QList<Finding> fifty(50, finding(ActionOp::RemoveRole));
    const FindingChanges::Plan plan = FindingChanges::plan(fifty);
    QCOMPARE(plan.changes.size(), 1);
    QCOMPARE(plan.skipped.size(), 49);
    for (const FindingChanges::Skipped& repeat : plan.skipped)
        QVERIFY2(repeat.reason.contains(QStringLiteral("Repeats entry 1")), qPrintable(repeat.reason));
}

QTEST_GUILESS_MAIN(TstChangeGuard)
#include "tst_changeguard.moc"
