#include "DisplayFormat.h"
#include "SnapshotPreparer.h"
#include "details/DetailsLink.h"
#include "details/DetailsView.h"
#include "models/EntitlementsModel.h"
#include "models/GroupsModel.h"
#include "models/PrincipalFilterProxy.h"
#include "models/RoleNames.h"
#include "models/RolesModel.h"
#include "models/ServicePrincipalsModel.h"
#include "models/UsersModel.h"
#include "scim/DirectoryLoader.h"
#include "widgets/NoteCountdown.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

const QString kPiiRead = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kPiiWrite = QStringLiteral("arn:aws:iam::111111111111:instance-profile/team/pii-write");

MemberRef member(const QString& id, PrincipalKind kind)
{
    return MemberRef{id, QString(), kind};
}

// A small directory with everything the views must tell apart:
//   pii-readers ⊂ pii-analysts ⊂ analysts (nested three deep); pii-analysts holds pii-read;
//   ana holds pii-write directly and pii-read through pii-readers → pii-analysts;
//   carl is deactivated; etl-bot inherits pii-read; old-bot is deactivated and holds pii-write directly.
SnapshotPtr buildSnapshot()
{
    QList<User> users;
    User ana;
    ana.id = QStringLiteral("u-ana");
    ana.userName = QStringLiteral("ana@example.com");
    ana.displayName = QStringLiteral("Ana Lee");
    ana.emails = {QStringLiteral("ana@example.com")};
    ana.roles = {kPiiWrite};
    users.append(ana);
    User bob;
    bob.id = QStringLiteral("u-bob");
    bob.userName = QStringLiteral("bob@example.com");
    bob.displayName = QStringLiteral("Bob Stone");
    users.append(bob);
    User carl;
    carl.id = QStringLiteral("u-carl");
    carl.userName = QStringLiteral("carl@example.com");
    carl.displayName = QStringLiteral("Carl Old");
    carl.active = false;
    users.append(carl);
    User dana;
    dana.id = QStringLiteral("u-dana");
    dana.userName = QStringLiteral("dana@example.com");
    dana.displayName = QStringLiteral("Dana Solo");
    dana.entitlements = {QStringLiteral("workspace-access")};
    users.append(dana);

    QList<Group> groups;
    Group readers;
    readers.id = QStringLiteral("g-readers");
    readers.displayName = QStringLiteral("pii-readers");
    readers.resourceType = QStringLiteral("Group");
    readers.members = {member(ana.id, PrincipalKind::User), member(bob.id, PrincipalKind::User),
                       member(QStringLiteral("sp-etl"), PrincipalKind::ServicePrincipal)};
    groups.append(readers);
    Group piiAnalysts;
    piiAnalysts.id = QStringLiteral("g-pii-analysts");
    piiAnalysts.displayName = QStringLiteral("pii-analysts");
    piiAnalysts.resourceType = QStringLiteral("Group");
    piiAnalysts.members = {member(readers.id, PrincipalKind::Group)};
    piiAnalysts.roles = {kPiiRead};
    piiAnalysts.entitlements = {QStringLiteral("databricks-sql-access")};
    groups.append(piiAnalysts);
    Group analysts;
    analysts.id = QStringLiteral("g-analysts");
    analysts.displayName = QStringLiteral("analysts");
    analysts.resourceType = QStringLiteral("WorkspaceGroup");
    analysts.members = {member(carl.id, PrincipalKind::User), member(piiAnalysts.id, PrincipalKind::Group)};
    analysts.entitlements = {QStringLiteral("workspace-access")};
    groups.append(analysts);
    Group team10;
    team10.id = QStringLiteral("g-team-10");
    team10.displayName = QStringLiteral("team-10");
    groups.append(team10);
    Group team2;
    team2.id = QStringLiteral("g-team-2");
    team2.displayName = QStringLiteral("team-2");
    team2.members = {member(dana.id, PrincipalKind::User)};
    groups.append(team2);
    Group admins;
    admins.id = QStringLiteral("g-admins");
    admins.displayName = QStringLiteral("admins");
    admins.resourceType = QStringLiteral("WorkspaceGroup");
    admins.members = {member(bob.id, PrincipalKind::User)};
    groups.append(admins);

    QList<ServicePrincipal> sps;
    ServicePrincipal etl;
    etl.id = QStringLiteral("sp-etl");
    etl.applicationId = QStringLiteral("0f0e0d0c-1111-2222-3333-444455556666");
    etl.displayName = QStringLiteral("etl-bot");
    sps.append(etl);
    ServicePrincipal old;
    old.id = QStringLiteral("sp-old");
    old.applicationId = QStringLiteral("aaaabbbb-1111-2222-3333-444455556666");
    old.displayName = QStringLiteral("old-bot");
    old.active = false;
    old.roles = {kPiiWrite};
    sps.append(old);

    SnapshotInfo info;
    info.connectionName = QStringLiteral("Test workspace");
    info.loadedAt = QDateTime(QDate(2025, 1, 2), QTime(3, 4), Qt::UTC);
    info.meId = ana.id;
    info.meUserName = ana.userName;
    return DirectorySnapshot::build(users, groups, sps, info);
}

// A second, different snapshot, to see a model reset.
SnapshotPtr buildSmallSnapshot()
{
    User only;
    only.id = QStringLiteral("u-only");
    only.userName = QStringLiteral("only@example.com");
    return DirectorySnapshot::build({only}, {}, {}, {});
}

using ModelFactory = std::function<SnapshotTableModel*()>;

int rowOf(const QAbstractItemModel& model, const QString& id)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(IdRole).toString() == id)
            return row;
    }
    return -1;
}

QStringList column(const QAbstractItemModel& model, int col)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, col).data().toString());
    return values;
}

} // namespace

Q_DECLARE_METATYPE(ModelFactory)

class TestModels final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void modelTester_data();
    void modelTester();
    void counts_data();
    void counts();

    void usersDisplay();
    void groupsDisplay();
    void servicePrincipalsDisplay();
    void rolesCounts();
    void inactiveStyling_data();
    void inactiveStyling();
    void numericSortThroughProxy();
    void naturalSortThroughProxy();
    void filterThroughProxy_data();
    void filterThroughProxy();
    void hiddenColumnsAreNotSearched();
    void notesCountTheirWaitDown();
    void resetOnSetSnapshot();
    void preparedInWorkerMatchesSynchronous();
    void discardedPreparationIsNotDelivered();

    void roleNames_data();
    void roleNames();
    void detailsLinkRoundTrip_data();
    void detailsLinkRoundTrip();
    void progressText_data();
    void progressText();

    void detailsSentences_data();
    void detailsSentences();
    void detailsLinksNavigate();

private:
    SnapshotPtr m_snapshot;
};

void TestModels::initTestCase()
{
    m_snapshot = buildSnapshot();
    QCOMPARE(m_snapshot->users().size(), 4);
}

void TestModels::modelTester_data()
{
    QTest::addColumn<ModelFactory>("factory");
    QTest::newRow("users") << ModelFactory([] { return new UsersModel; });
    QTest::newRow("groups") << ModelFactory([] { return new GroupsModel; });
    QTest::newRow("service principals") << ModelFactory([] { return new ServicePrincipalsModel; });
    QTest::newRow("roles") << ModelFactory([] { return new RolesModel; });
    QTest::newRow("entitlements") << ModelFactory([] { return new EntitlementsModel; });
}

void TestModels::modelTester()
{
    QFETCH(ModelFactory, factory);
    std::unique_ptr<SnapshotTableModel> model(factory());
    PrincipalFilterProxy proxy;
    proxy.setSourceModel(model.get());
    QAbstractItemModelTester modelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Empty, loaded, replaced, searched, sorted and emptied again: every transition under the testers' eyes.
    model->setSnapshot(m_snapshot);
    QVERIFY(model->rowCount() > 0);
    proxy.sort(0, Qt::DescendingOrder);
    proxy.setSearchText(QStringLiteral("a"));
    proxy.sort(model->columnCount() - 1, Qt::AscendingOrder);
    model->setSnapshot(buildSmallSnapshot());
    proxy.setSearchText(QString());
    model->setSnapshot(m_snapshot);
    model->setSnapshot(nullptr);
    QCOMPARE(model->rowCount(), 0);
}

void TestModels::counts_data()
{
    QTest::addColumn<ModelFactory>("factory");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("columns");
    QTest::newRow("users") << ModelFactory([] { return new UsersModel; }) << 4 << int(UsersModel::ColumnCount);
    QTest::newRow("groups") << ModelFactory([] { return new GroupsModel; }) << 6 << int(GroupsModel::ColumnCount);
    QTest::newRow("service principals") << ModelFactory([] { return new ServicePrincipalsModel; }) << 2
                                        << int(ServicePrincipalsModel::ColumnCount);
    QTest::newRow("roles") << ModelFactory([] { return new RolesModel; }) << 2 << int(GrantsModel::ColumnCount);
    QTest::newRow("entitlements") << ModelFactory([] { return new EntitlementsModel; }) << 2
                                  << int(GrantsModel::ColumnCount);
}

void TestModels::counts()
{
    QFETCH(ModelFactory, factory);
    QFETCH(int, rows);
    QFETCH(int, columns);
    std::unique_ptr<SnapshotTableModel> model(factory());
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->columnCount(), columns);
    model->setSnapshot(m_snapshot);
    QCOMPARE(model->rowCount(), rows);
    QCOMPARE(model->columnCount(), columns);
    // Table models have no children.
    QCOMPARE(model->rowCount(model->index(0, 0)), 0);
}

void TestModels::usersDisplay()
{
    UsersModel model;
    model.setSnapshot(m_snapshot);
    const int ana = rowOf(model, QStringLiteral("u-ana"));
    QVERIFY(ana >= 0);
    const auto cell = [&](int col, int role = Qt::DisplayRole) { return model.index(ana, col).data(role); };
    QCOMPARE(cell(UsersModel::UserNameColumn).toString(), QStringLiteral("ana@example.com"));
    QCOMPARE(cell(UsersModel::DisplayNameColumn).toString(), QStringLiteral("Ana Lee"));
    QCOMPARE(cell(UsersModel::StatusColumn).toString(), QStringLiteral("Active"));
    // pii-readers directly, pii-analysts and analysts through nesting.
    QCOMPARE(cell(UsersModel::GroupsColumn).toString(), QStringLiteral("3"));
    QCOMPARE(cell(UsersModel::GroupsColumn, SortRole).typeId(), int(QMetaType::Int));
    // Short names in the cell, direct first; the full ARNs and the way each is held in the tooltip.
    QCOMPARE(cell(UsersModel::RolesColumn).toString(), QStringLiteral("pii-write, pii-read"));
    const QString tooltip = cell(UsersModel::RolesColumn, Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(kPiiWrite + QStringLiteral(" — directly")), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(kPiiRead + QStringLiteral(" — through pii-readers → pii-analysts")), qPrintable(tooltip));
    QCOMPARE(cell(UsersModel::EntitlementsColumn).toString(),
             QStringLiteral("databricks-sql-access, workspace-access"));
    QCOMPARE(cell(UsersModel::EmailsColumn).toString(), QStringLiteral("ana@example.com"));
    QCOMPARE(cell(UsersModel::IdColumn).toString(), QStringLiteral("u-ana"));
    QCOMPARE(cell(UsersModel::IdColumn, IdRole).toString(), QStringLiteral("u-ana"));
    QCOMPARE(cell(UsersModel::IdColumn, KindRole).toInt(), int(ItemKind::User));
    QCOMPARE(model.headerData(UsersModel::RolesColumn, Qt::Horizontal).toString(), QStringLiteral("Roles"));
}

void TestModels::groupsDisplay()
{
    GroupsModel model;
    model.setSnapshot(m_snapshot);
    const int analysts = rowOf(model, QStringLiteral("g-analysts"));
    const auto cell = [&](int col, int role = Qt::DisplayRole) { return model.index(analysts, col).data(role); };
    QCOMPARE(cell(GroupsModel::DisplayNameColumn).toString(), QStringLiteral("analysts"));
    QCOMPARE(cell(GroupsModel::SourceColumn).toString(), QStringLiteral("Workspace"));
    QCOMPARE(cell(GroupsModel::DirectMembersColumn).toInt(), 2);
    // carl, pii-analysts, pii-readers, ana, bob, etl-bot.
    QCOMPARE(cell(GroupsModel::AllMembersColumn, SortRole).toInt(), 6);
    QCOMPARE(cell(GroupsModel::EntitlementsColumn).toString(), QStringLiteral("workspace-access"));
    const int readers = rowOf(model, QStringLiteral("g-readers"));
    QCOMPARE(model.index(readers, GroupsModel::SourceColumn).data().toString(), QStringLiteral("Account"));
    // A group inherits the roles of the groups it belongs to.
    QCOMPARE(model.index(readers, GroupsModel::RolesColumn).data().toString(), QStringLiteral("pii-read"));
    QCOMPARE(model.index(rowOf(model, QStringLiteral("g-admins")), GroupsModel::SourceColumn).data().toString(),
             QStringLiteral("System"));
}

void TestModels::servicePrincipalsDisplay()
{
    ServicePrincipalsModel model;
    model.setSnapshot(m_snapshot);
    const int etl = rowOf(model, QStringLiteral("sp-etl"));
    QCOMPARE(model.index(etl, ServicePrincipalsModel::ApplicationIdColumn).data().toString(),
             QStringLiteral("0f0e0d0c-1111-2222-3333-444455556666"));
    QCOMPARE(model.index(etl, ServicePrincipalsModel::IdColumn).data().toString(), QStringLiteral("sp-etl"));
    QCOMPARE(model.index(etl, ServicePrincipalsModel::RolesColumn).data().toString(), QStringLiteral("pii-read"));
    QCOMPARE(model.index(etl, 0).data(KindRole).toInt(), int(ItemKind::ServicePrincipal));
}

void TestModels::rolesCounts()
{
    RolesModel model;
    model.setSnapshot(m_snapshot);
    const int row = rowOf(model, kPiiRead);
    QVERIFY(row >= 0);
    const auto number = [&](int col) { return model.index(row, col).data(SortRole).toInt(); };
    QCOMPARE(model.index(row, GrantsModel::ValueColumn).data().toString(), QStringLiteral("pii-read"));
    QCOMPARE(model.index(row, GrantsModel::ValueColumn).data(Qt::ToolTipRole).toString(), kPiiRead);
    QCOMPARE(model.index(row, GrantsModel::ValueColumn).data(IdRole).toString(), kPiiRead);
    QCOMPARE(model.index(row, GrantsModel::AwsAccountColumn).data().toString(), QStringLiteral("123456789012"));
    // pii-analysts directly; pii-readers, ana, bob and etl-bot through it.
    QCOMPARE(number(GrantsModel::HoldersColumn), 5);
    QCOMPARE(number(GrantsModel::DirectHoldersColumn), 1);
    QCOMPARE(number(GrantsModel::InheritedHoldersColumn), 4);
    QCOMPARE(number(GrantsModel::UsersColumn), 2);
    QCOMPARE(number(GrantsModel::GroupsColumn), 2);
    QCOMPARE(number(GrantsModel::ServicePrincipalsColumn), 1);

    const int write = rowOf(model, kPiiWrite);
    QCOMPARE(model.index(write, GrantsModel::HoldersColumn).data(SortRole).toInt(), 2);
    QCOMPARE(model.index(write, GrantsModel::DirectHoldersColumn).data(SortRole).toInt(), 2);

    EntitlementsModel entitlements;
    entitlements.setSnapshot(m_snapshot);
    const int access = rowOf(entitlements, QStringLiteral("workspace-access"));
    // dana directly, analysts directly; carl, pii-analysts, pii-readers, ana, bob, etl-bot through analysts.
    QCOMPARE(entitlements.index(access, GrantsModel::HoldersColumn).data(SortRole).toInt(), 8);
    QCOMPARE(entitlements.index(access, GrantsModel::DirectHoldersColumn).data(SortRole).toInt(), 2);
    QVERIFY(entitlements.hiddenByDefault(GrantsModel::AwsAccountColumn));
}

void TestModels::inactiveStyling_data()
{
    QTest::addColumn<ModelFactory>("factory");
    QTest::addColumn<QString>("activeId");
    QTest::addColumn<QString>("inactiveId");
    QTest::addColumn<int>("statusColumn");
    QTest::newRow("user") << ModelFactory([] { return new UsersModel; }) << QStringLiteral("u-ana")
                          << QStringLiteral("u-carl") << int(UsersModel::StatusColumn);
    QTest::newRow("service principal") << ModelFactory([] { return new ServicePrincipalsModel; })
                                       << QStringLiteral("sp-etl") << QStringLiteral("sp-old")
                                       << int(ServicePrincipalsModel::StatusColumn);
}

void TestModels::inactiveStyling()
{
    QFETCH(ModelFactory, factory);
    QFETCH(QString, activeId);
    QFETCH(QString, inactiveId);
    QFETCH(int, statusColumn);
    std::unique_ptr<SnapshotTableModel> model(factory());
    model->setSnapshot(m_snapshot);
    const QModelIndex inactive = model->index(rowOf(*model, inactiveId), 0);
    const QModelIndex active = model->index(rowOf(*model, activeId), 0);
    // Grey from the palette, italic, and the word: never colour alone.
    QCOMPARE(inactive.siblingAtColumn(statusColumn).data().toString(), QStringLiteral("Deactivated"));
    QCOMPARE(inactive.data(Qt::ForegroundRole).value<QColor>(),
             QApplication::palette().color(QPalette::Disabled, QPalette::Text));
    QVERIFY(inactive.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(inactive.data(InactiveRole).toBool());
    QCOMPARE(active.siblingAtColumn(statusColumn).data().toString(), QStringLiteral("Active"));
    QVERIFY(!active.data(Qt::ForegroundRole).isValid());
    QVERIFY(!active.data(Qt::FontRole).isValid());
    QVERIFY(!active.data(InactiveRole).toBool());
}

void TestModels::numericSortThroughProxy()
{
    GroupsModel model;
    model.setSnapshot(m_snapshot);
    PrincipalFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(GroupsModel::AllMembersColumn, Qt::DescendingOrder);
    QStringList names = column(proxy, GroupsModel::DisplayNameColumn);
    // analysts 6, pii-analysts 4, pii-readers 3, admins 1, team-2 1, team-10 0.
    QCOMPARE(names.first(), QStringLiteral("analysts"));
    QCOMPARE(names.at(1), QStringLiteral("pii-analysts"));
    QCOMPARE(names.last(), QStringLiteral("team-10"));
    proxy.sort(GroupsModel::AllMembersColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, GroupsModel::DisplayNameColumn).first(), QStringLiteral("team-10"));

    UsersModel users;
    users.setSnapshot(m_snapshot);
    PrincipalFilterProxy userProxy;
    userProxy.setSourceModel(&users);
    userProxy.sort(UsersModel::GroupsColumn, Qt::DescendingOrder);
    // ana 3 groups, bob 4 (readers, pii-analysts, analysts, admins), carl 1, dana 1.
    QCOMPARE(column(userProxy, UsersModel::UserNameColumn).first(), QStringLiteral("bob@example.com"));
}

void TestModels::naturalSortThroughProxy()
{
    GroupsModel model;
    model.setSnapshot(m_snapshot);
    PrincipalFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(GroupsModel::DisplayNameColumn, Qt::AscendingOrder);
    const QStringList names = column(proxy, GroupsModel::DisplayNameColumn);
    QVERIFY2(names.indexOf(QStringLiteral("team-2")) < names.indexOf(QStringLiteral("team-10")),
             qPrintable(names.join(QLatin1Char(','))));
}

void TestModels::filterThroughProxy_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expectedUsers");
    QTest::newRow("empty shows all") << QString()
                                     << QStringList{"ana@example.com", "bob@example.com", "carl@example.com",
                                                    "dana@example.com"};
    QTest::newRow("substring in two names") << "ana" << QStringList{"ana@example.com", "dana@example.com"};
    QTest::newRow("case-insensitive") << "ANA LEE" << QStringList{"ana@example.com"};
    QTest::newRow("all terms must match") << "ana pii" << QStringList{"ana@example.com"};
    QTest::newRow("role short name") << "pii-read" << QStringList{"ana@example.com", "bob@example.com"};
    QTest::newRow("full role ARN") << "123456789012:instance-profile/pii-read"
                                   << QStringList{"ana@example.com", "bob@example.com"};
    QTest::newRow("status word") << "deactivated" << QStringList{"carl@example.com"};
    QTest::newRow("entitlement") << "workspace-access"
                                 << QStringList{"ana@example.com", "bob@example.com", "carl@example.com",
                                                "dana@example.com"};
    QTest::newRow("no match") << "zzz" << QStringList{};
    // "column:text" looks in that column only: Users can be filtered by group.
    QTest::newRow("by group") << "group:admins" << QStringList{"bob@example.com"};
    QTest::newRow("by group, header case") << "GROUPS:Admins" << QStringList{"bob@example.com"};
    QTest::newRow("by group and a plain term") << "group:pii-readers ana" << QStringList{"ana@example.com"};
    QTest::newRow("a group name elsewhere does not count") << "displayname:admins" << QStringList{};
    QTest::newRow("by status") << "status:deactivated" << QStringList{"carl@example.com"};
    QTest::newRow("an ARN is no column") << "arn:aws:iam" << QStringList{"ana@example.com", "bob@example.com"};
    QTest::newRow("two letters name no column") << "gr:admins" << QStringList{};
}

void TestModels::filterThroughProxy()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expectedUsers);
    UsersModel model;
    model.setSnapshot(m_snapshot);
    PrincipalFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(UsersModel::UserNameColumn, Qt::AscendingOrder);
    proxy.setSearchText(search);
    QCOMPARE(column(proxy, UsersModel::UserNameColumn), expectedUsers);
}

void TestModels::notesCountTheirWaitDown()
{
    qint64 now = 1000;
    NoteCountdown countdown;
    countdown.setClock([&now] { return now; });
    QSignalSpy changed(&countdown, &NoteCountdown::textChanged);
    countdown.show(net::RetryNote::retrying(QStringLiteral("Okta"), QStringLiteral("throttled (429)"), 58000, 2));
    QCOMPARE(countdown.text(), QStringLiteral("Okta: throttled (429), retrying in 58 s (attempt 2)"));
    QVERIFY(countdown.isCounting());
    now += 1500;
    countdown.tick();
    QCOMPARE(countdown.text(), QStringLiteral("Okta: throttled (429), retrying in 57 s (attempt 2)"));
    countdown.tick(); // no time passed: no change signalled
    QCOMPARE(changed.size(), 2);
    now += 60000;
    countdown.tick();
    QCOMPARE(countdown.text(), QStringLiteral("Okta: throttled (429), retrying now (attempt 2)"));
    QVERIFY(!countdown.isCounting());
    countdown.show(QStringLiteral("Refreshing Demo…"));
    QCOMPARE(countdown.text(), QStringLiteral("Refreshing Demo…"));
    QVERIFY(!countdown.isCounting());
}

void TestModels::hiddenColumnsAreNotSearched()
{
    UsersModel model;
    model.setSnapshot(m_snapshot);
    PrincipalFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setSearchText(QStringLiteral("u-carl"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setColumnSearchable(UsersModel::IdColumn, false);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setColumnSearchable(UsersModel::IdColumn, true);
    QCOMPARE(proxy.rowCount(), 1);
}

void TestModels::resetOnSetSnapshot()
{
    UsersModel model;
    model.setSnapshot(m_snapshot);
    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setSnapshot(buildSmallSnapshot());
    QCOMPARE(aboutToReset.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, UsersModel::UserNameColumn).data().toString(), QStringLiteral("only@example.com"));
}

void TestModels::preparedInWorkerMatchesSynchronous()
{
    UsersModel synchronous;
    synchronous.setSnapshot(m_snapshot);
    RolesModel roles;
    UsersModel prepared;
    SnapshotPreparer preparer;
    QSignalSpy done(&preparer, &SnapshotPreparer::prepared);
    preparer.prepare(QStringLiteral("key"), m_snapshot, {prepared.preparer(), roles.preparer()});
    QVERIFY(done.wait(5000));
    const auto result = done.first().at(1).value<PreparedSnapshot>();
    QCOMPARE(done.first().at(0).toString(), QStringLiteral("key"));
    QCOMPARE(result.snapshot, m_snapshot);
    QCOMPARE(result.tables.size(), 2);
    prepared.setPrepared(result.snapshot, result.tables.at(0));
    roles.setPrepared(result.snapshot, result.tables.at(1));
    QCOMPARE(prepared.rowCount(), synchronous.rowCount());
    for (int row = 0; row < synchronous.rowCount(); ++row) {
        for (int column = 0; column < UsersModel::ColumnCount; ++column)
            QCOMPARE(prepared.index(row, column).data(), synchronous.index(row, column).data());
    }
    QCOMPARE(roles.rowCount(), 2);
}

void TestModels::discardedPreparationIsNotDelivered()
{
    UsersModel model;
    SnapshotPreparer preparer;
    QSignalSpy done(&preparer, &SnapshotPreparer::prepared);
    preparer.prepare(QStringLiteral("old"), m_snapshot, {model.preparer()});
    preparer.discard();
    QVERIFY(!done.wait(300));
    // A newer request supersedes an older one: only the newest result arrives.
    preparer.prepare(QStringLiteral("first"), m_snapshot, {model.preparer()});
    preparer.prepare(QStringLiteral("second"), buildSmallSnapshot(), {model.preparer()});
    QTRY_COMPARE(done.count(), 1);
    QTest::qWait(100);
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.first().at(0).toString(), QStringLiteral("second"));
}

void TestModels::roleNames_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shortName");
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("type");
    QTest::newRow("instance profile") << kPiiRead << "pii-read"
                                      << "123456789012"
                                      << "instance profile";
    QTest::newRow("instance profile with path") << kPiiWrite << "pii-write"
                                                << "111111111111"
                                                << "instance profile";
    QTest::newRow("IAM role") << "arn:aws:iam::222222222222:role/deploy"
                              << "deploy"
                              << "222222222222"
                              << "IAM role";
    QTest::newRow("not an ARN") << "some-role"
                                << "some-role"
                                << ""
                                << "";
    QTest::newRow("truncated ARN") << "arn:aws:iam"
                                   << "arn:aws:iam"
                                   << ""
                                   << "";
}

void TestModels::roleNames()
{
    QFETCH(QString, value);
    QFETCH(QString, shortName);
    QFETCH(QString, account);
    QFETCH(QString, type);
    QCOMPARE(RoleNames::shortName(value), shortName);
    QCOMPARE(RoleNames::awsAccount(value), account);
    QCOMPARE(RoleNames::resourceType(value), type);
}

void TestModels::detailsLinkRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::newRow("user") << int(ItemKind::User) << "4839201746189612";
    QTest::newRow("role ARN") << int(ItemKind::Role) << QString(kPiiWrite);
    QTest::newRow("odd characters") << int(ItemKind::Group) << "a b&c=d%20e?f#g/h";
    QTest::newRow("entitlement") << int(ItemKind::Entitlement) << "databricks-sql-access";
}

void TestModels::detailsLinkRoundTrip()
{
    QFETCH(int, kind);
    QFETCH(QString, id);
    const DetailsTarget target{ItemKind(kind), id};
    const QUrl url = DetailsLink::to(target);
    // The anchor passes through HTML as a string, so parse what the string says.
    const std::optional<DetailsTarget> parsed = DetailsLink::parse(QUrl(url.toString(QUrl::FullyEncoded)));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->kind, target.kind);
    QCOMPARE(parsed->id, target.id);
    QVERIFY(!DetailsLink::parse(QUrl(QStringLiteral("https://example.com"))).has_value());
}

void TestModels::progressText_data()
{
    QTest::addColumn<int>("usersDone");
    QTest::addColumn<int>("usersTotal");
    QTest::addColumn<int>("groupsDone");
    QTest::addColumn<int>("groupsTotal");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing yet") << 0 << -1 << 0 << -1 << "Connecting…";
    QTest::newRow("both known") << 3400 << 10000 << 1200 << 5000 << "Users 3,400/10,000 · Groups 1,200/5,000";
    QTest::newRow("total unknown") << 100 << -1 << 0 << -1 << "Users 100";
}

void TestModels::progressText()
{
    QFETCH(int, usersDone);
    QFETCH(int, usersTotal);
    QFETCH(int, groupsDone);
    QFETCH(int, groupsTotal);
    QFETCH(QString, expected);
    LoadProgress progress;
    progress.users = {usersDone, usersTotal};
    progress.groups = {groupsDone, groupsTotal};
    QCOMPARE(DisplayFormat::progress(progress), expected);
}

void TestModels::detailsSentences_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("unexpected");
    QTest::newRow("user: direct vs inherited")
        << int(ItemKind::User) << "u-ana"
        << QStringList{"holds " + kPiiWrite + " directly",
                       "holds " + kPiiRead + " through group pii-readers → pii-analysts",
                       "member of pii-readers directly",
                       "member of pii-analysts through pii-readers",
                       "member of analysts through pii-readers → pii-analysts",
                       "holds workspace-access through group pii-readers → pii-analysts → analysts",
                       "owner of the token"}
        << QStringList{"holds " + kPiiRead + " directly"};
    QTest::newRow("deactivated user") << int(ItemKind::User) << "u-carl"
                                      << QStringList{"User · Deactivated", "member of analysts directly",
                                                     "Holds no roles."}
                                      << QStringList{"owner of the token"};
    QTest::newRow("group") << int(ItemKind::Group) << "g-pii-analysts"
                           << QStringList{"group pii-readers",
                                          "user ana@example.com through pii-readers",
                                          "service principal etl-bot through pii-readers",
                                          "member of analysts directly",
                                          "holds " + kPiiRead + " directly",
                                          "holds workspace-access through group analysts"}
                           << QStringList{};
    QTest::newRow("service principal") << int(ItemKind::ServicePrincipal) << "sp-etl"
                                       << QStringList{"Application ID",
                                                      "0f0e0d0c-1111-2222-3333-444455556666",
                                                      "SCIM ID",
                                                      "sp-etl",
                                                      "not the application ID",
                                                      "holds " + kPiiRead + " through group pii-readers → pii-analysts"}
                                       << QStringList{};
    QTest::newRow("role") << int(ItemKind::Role) << kPiiRead
                          << QStringList{"group pii-analysts holds it directly",
                                         "user ana@example.com holds it through group pii-readers → pii-analysts",
                                         "group pii-readers holds it through group pii-analysts",
                                         "5 principals: 1 assigned directly, 4 only through groups"}
                          << QStringList{"user ana@example.com holds it directly"};
    // Counts are of distinct things: a nested group is listed, not counted as a member.
    QTest::newRow("group counts people, not groups")
        << int(ItemKind::Group) << "g-pii-analysts" << QStringList{"Members 0 directly", "(and 1 nested group)"}
        << QStringList{"1 directly"};
    QTest::newRow("user counts distinct roles")
        << int(ItemKind::User) << "u-ana" << QStringList{"Roles (2)"} << QStringList{};
    QTest::newRow("unknown id") << int(ItemKind::User) << "u-gone" << QStringList{"not in the loaded snapshot"}
                                << QStringList{};
}

void TestModels::detailsSentences()
{
    QFETCH(int, kind);
    QFETCH(QString, id);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, unexpected);
    DetailsView view;
    view.setSnapshot(m_snapshot);
    view.showTarget(DetailsTarget{ItemKind(kind), id});
    // Lists render as separate lines; compare on single spaces so wrapping never matters.
    const QString text = view.toPlainText().simplified();
    for (const QString& sentence : expected)
        QVERIFY2(text.contains(sentence), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(sentence, text)));
    for (const QString& sentence : unexpected)
        QVERIFY2(!text.contains(sentence), qPrintable(QStringLiteral("unexpected '%1' in:\n%2").arg(sentence, text)));
}

void TestModels::detailsLinksNavigate()
{
    DetailsView view;
    view.setSnapshot(m_snapshot);
    view.showTarget(DetailsTarget{ItemKind::User, QStringLiteral("u-ana")});
    QSignalSpy navigate(&view, &DetailsView::navigateRequested);
    // Every group named in the pane is a link to that group.
    const QString html = view.toHtml();
    const QString groupLink =
        DetailsLink::to({ItemKind::Group, QStringLiteral("g-pii-analysts")}).toString(QUrl::FullyEncoded);
    QVERIFY2(html.contains(groupLink.toHtmlEscaped()), qPrintable(html));
    emit view.anchorClicked(QUrl(groupLink));
    QCOMPARE(navigate.count(), 1);
    const auto target = navigate.first().first().value<DetailsTarget>();
    QCOMPARE(target.kind, ItemKind::Group);
    QCOMPARE(target.id, QStringLiteral("g-pii-analysts"));
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
