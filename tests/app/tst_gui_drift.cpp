#include "AppSession.h"
#include "CsvReader.h"
#include "MainWindow.h"
#include "connections/ConnectionStore.h"
#include "demo/DemoEnvironment.h"
#include "details/DetailsView.h"
#include "drift/DriftPage.h"
#include "drift/FindingFilterProxy.h"
#include "drift/FindingsModel.h"
#include "drift/GroupDiffModel.h"
#include "drift/PersonAccess.h"
#include "idp/IdpUrl.h"
#include "widgets/MessageBar.h"

#include <EmulatorThread.h>
#include <QAbstractBarSeries>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace scimitar;
using namespace scimitar::gui;

namespace {
constexpr int kLoadTimeoutMs = 30000;
}

// The drift page in demo mode: the demo policy against the emulator's Okta face, end to end through the same
// AppSession users get.
class TestGuiDrift final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoShowsEveryKind();
    void severityFilter_data();
    void severityFilter();
    void searchFiltersFindings();
    void selectingShowsDetails();
    void exportsJsonWithContractKeys();
    void exportsCsv();
    void groupDiffCounts();
    void groupDiffsAgreeWithFindings();
    void personViewSaysWhereAccessComesFrom();
    void refreshLoadsBothSidesAtOnce();
    void databricksFailureShowsItsErrorAndNoReview();
    void cancelStopsBothSides();
    void failedReviewKeepsStaleReport();
    void policyNamingAnotherHostGetsNoSecret_data();
    void policyNamingAnotherHostGetsNoSecret();
    void eachConnectionHasItsOwnPolicy();
    void exportWritesWhatIsShown();
    void blockedRowsShowItFirstAndColumnsCanBeChosen();
    void chartBarsFilterAndTheChartFolds();
    void detailsFollowTheTabInFront();
    void recentPoliciesReopen();

private:
    DriftPage* page() const { return m_window->driftPage(); }

    std::unique_ptr<AppSession> m_session;
    MainWindow* m_window = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestGuiDrift::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScimitarTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gui_drift"));
    QSettings().clear();
    m_session = std::make_unique<AppSession>();
    QString error;
    QVERIFY2(m_session->start({/*demo=*/true}, &error), qPrintable(error));
    QVERIFY2(m_session->demo()->policy(), qPrintable(m_session->demo()->policyProblem()));
    m_window = m_session->mainWindow();
    m_tester = std::make_unique<QAbstractItemModelTester>(page()->proxy(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->setCurrentPage(NavigationPage::Drift);
    QTRY_VERIFY_WITH_TIMEOUT(page()->result().has_value() || m_window->messageBar()->isVisible(), kLoadTimeoutMs);
    QVERIFY2(page()->result().has_value(), qPrintable(m_window->messageBar()->text()));
    QTRY_VERIFY(!m_window->isRefreshing());
}

void TestGuiDrift::cleanupTestCase()
{
    m_tester.reset();
    m_session.reset();
    QSettings().clear();
}

void TestGuiDrift::demoShowsEveryKind()
{
    const DriftReport& report = page()->result()->report;
    QSet<FindingKind> shown;
    for (int row = 0; row < page()->model()->rowCount(); ++row)
        shown.insert(FindingKind(page()->model()->index(row, 0).data(FindingsModel::KindRole).toInt()));
    for (const FindingKind kind : allFindingKinds())
        QVERIFY2(shown.contains(kind), qPrintable(findingKindName(kind) + QStringLiteral(" missing from the demo")));
    QCOMPARE(page()->model()->rowCount(), int(report.findings().size()));
    QCOMPARE(page()->summaryLabel()->text(), report.summary());
    QVERIFY(!page()->isStale());
}

void TestGuiDrift::severityFilter_data()
{
    QTest::addColumn<int>("comboIndex"); // 0: all; then High, Medium, Low
    QTest::newRow("all") << 0;
    QTest::newRow("high") << 1;
    QTest::newRow("medium") << 2;
    QTest::newRow("low") << 3;
}

void TestGuiDrift::severityFilter()
{
    QFETCH(int, comboIndex);
    const DriftReport& report = page()->result()->report;
    page()->severityFilter()->setCurrentIndex(comboIndex);
    const int expected = comboIndex == 0 ? int(report.findings().size())
                                         : report.count(Severity(page()->severityFilter()->currentData().toInt()));
    QCOMPARE(page()->proxy()->rowCount(), expected);
    QVERIFY(expected > 0);
    for (int row = 0; row < page()->proxy()->rowCount() && comboIndex > 0; ++row)
        QCOMPARE(page()->proxy()->index(row, 0).data(FindingsModel::SeverityRole).toInt(),
                 page()->severityFilter()->currentData().toInt());
    // Any filter that hides findings says how many are left of how many.
    const int all = int(report.findings().size());
    if (comboIndex > 0) {
        QTRY_COMPARE(m_window->shownCounts()->text(), QStringLiteral("%1 of %2 findings shown").arg(expected).arg(all));
        QVERIFY(m_window->shownCounts()->isVisible());
    } else {
        QTRY_VERIFY(!m_window->shownCounts()->isVisible());
    }
    page()->severityFilter()->setCurrentIndex(0);
}

void TestGuiDrift::searchFiltersFindings()
{
    const Finding first = page()->result()->report.findings().first();
    m_window->searchBox()->setText(first.principal.userName);
    QTRY_VERIFY(page()->proxy()->rowCount() > 0);
    QVERIFY(page()->proxy()->rowCount() < page()->model()->rowCount());
    for (int row = 0; row < page()->proxy()->rowCount(); ++row)
        QVERIFY(page()
                    ->proxy()
                    ->index(row, 0)
                    .data(FindingsModel::SearchTextRole)
                    .toString()
                    .contains(first.principal.userName.toLower()));
    m_window->searchBox()->clear();
    QTRY_COMPARE(page()->proxy()->rowCount(), page()->model()->rowCount());
}

void TestGuiDrift::selectingShowsDetails()
{
    page()->view()->setCurrentIndex(page()->proxy()->index(0, 0));
    const Finding* finding = page()->currentFinding();
    QVERIFY(finding);
    const QString details = m_window->detailsView()->toPlainText();
    QVERIFY2(details.contains(finding->explanation), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Action")));
}

void TestGuiDrift::exportsJsonWithContractKeys()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("findings.json"));
    QString error;
    QVERIFY2(page()->exportFindings(path, DriftPage::ExportFormat::Json, &error), qPrintable(error));
    // Who holds what access is the user's alone, whatever the umask.
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser), QFile::ReadOwner | QFile::WriteOwner);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QVERIFY(doc.isArray());
    const QJsonArray findings = doc.array();
    QCOMPARE(findings.size(), page()->result()->report.findings().size());
    for (const QJsonValue& value : findings) {
        const QJsonObject object = value.toObject();
        for (const char* key :
             {"kind", "severity", "principal", "target", "via", "idpGroups", "action", "explanation", "blockedBy"})
            QVERIFY2(object.contains(QLatin1String(key)), key);
        QVERIFY(object.value(QStringLiteral("principal")).toObject().contains(QStringLiteral("userName")));
        QVERIFY(object.value(QStringLiteral("action")).toObject().contains(QStringLiteral("op")));
    }
}

void TestGuiDrift::exportsCsv()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("findings.csv"));
    QString error;
    QVERIFY2(page()->exportFindings(path, DriftPage::ExportFormat::Csv, &error), qPrintable(error));
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser), QFile::ReadOwner | QFile::WriteOwner);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("kind,") || csv.contains("kind"));
    QVERIFY(csv.count('\n') >= page()->result()->report.findings().size());
    QVERIFY(!page()->exportFindings(dir.filePath(QStringLiteral("no/such/dir/x.csv")), DriftPage::ExportFormat::Csv,
                                    &error));
    QVERIFY2(error.contains("no/such/dir/x.csv"), qPrintable(error));
}

void TestGuiDrift::groupDiffCounts()
{
    QAbstractItemModelTester tester(page()->groupDiffModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString group = QStringLiteral("pii-analysts");
    page()->showGroupDiff(group);
    QCOMPARE(page()->groupPicker()->currentText(), group);
    const ManagedGroupDiff& diff = page()->groupDiffModel()->diff();
    const DriftReviewResult& result = *page()->result();
    // Independently: who should be in it (active in a granting IdP group) and who is (directly or nested).
    QSet<QString> should;
    for (const QString& idpGroup : result.policy.idpGroupsGrantingGroup(group)) {
        for (const IdpUser& member : result.idp.findGroup(idpGroup)->members) {
            if (member.status == IdpUserStatus::Active)
                should.insert(member.login.toLower());
        }
    }
    QSet<QString> is;
    QSet<QString> direct;
    QSet<QString> active;
    const Group* databricksGroup = result.snapshot->findGroupByName(group);
    QVERIFY(databricksGroup);
    for (const User& user : result.snapshot->users()) {
        if (user.active)
            active.insert(user.userName.toLower());
        for (const EffectiveGroup& membership : result.snapshot->groupsOf(PrincipalKind::User, user.id)) {
            if (membership.groupId == databricksGroup->id) {
                is.insert(user.userName.toLower());
                if (membership.direct)
                    direct.insert(user.userName.toLower());
            }
        }
    }
    qInfo() << diff.summary();
    using State = ManagedGroupDiff::State;
    const int extra = diff.count(State::Extra);
    const int inherited = diff.count(State::InheritedNoGrant);
    QCOMPARE(diff.count(State::Missing), int((should - is).size()));
    QCOMPARE(diff.count(State::Both), int((is & should).size()));
    // Not granted: the active direct ones are extra, the active nested ones shown on their own, and deactivated
    // ones (who can use nothing) apart.
    QCOMPARE(extra, int(((is - should) & direct & active).size()));
    QCOMPARE(inherited, int(((is - should - direct) & active).size()));
    QCOMPARE(diff.count(State::DeactivatedNoGrant), int((is - should - active).size()));
    QVERIFY(extra > 0);
    QVERIFY(diff.count(State::Both) > 0);
    QCOMPARE(page()->groupDiffSummary()->text(), diff.summary());
    QVERIFY(diff.summary().startsWith(QStringLiteral("%1 in both · %2 extra · %3 missing")
                                          .arg(diff.count(State::Both))
                                          .arg(extra)
                                          .arg(diff.count(State::Missing))));
    QCOMPARE(page()->groupDiffModel()->rowCount(), int(diff.rows.size()));
    for (int row = 0; row < page()->groupDiffModel()->rowCount(); ++row) {
        const QModelIndex state = page()->groupDiffModel()->index(row, GroupDiffModel::StateColumn);
        // Every difference says what it is in words and with an icon, not only by its tint.
        if (State(state.data(GroupDiffModel::StateRole).toInt()) != State::Both) {
            QVERIFY(!state.data(Qt::DecorationRole).value<QIcon>().isNull());
            QVERIFY(!state.data(Qt::ToolTipRole).toString().isEmpty());
            const QString text = state.data().toString();
            QVERIFY2(text.startsWith(QStringLiteral("Extra")) || text.startsWith(QStringLiteral("Missing")) ||
                         text.startsWith(QStringLiteral("Inherited")) || text.startsWith(QStringLiteral("Deactivated")),
                     qPrintable(text));
        }
    }
    page()->tabs()->setCurrentIndex(0);
}

// The diff a reviewer sees and the findings agree, for every managed group: its Extra rows are exactly the group's
// member-without-grant findings, its Missing rows exactly the missing-member and not-provisioned ones.
void TestGuiDrift::groupDiffsAgreeWithFindings()
{
    const DriftReviewResult& result = *page()->result();
    const QStringList managed = result.policy.managedGroups();
    QVERIFY(!managed.isEmpty());
    using State = ManagedGroupDiff::State;
    int extraSeen = 0;
    int missingSeen = 0;
    for (const QString& group : managed) {
        page()->showGroupDiff(group);
        QCOMPARE(page()->groupPicker()->currentText(), group);
        const GroupDiffModel* model = page()->groupDiffModel();
        QCOMPARE(model->diff().group.toLower(), group.toLower());

        // "userName|userId" per row of the model, by state.
        QStringList extraRows;
        QStringList missingRows;
        for (int row = 0; row < model->rowCount(); ++row) {
            const State state = State(model->index(row, 0).data(GroupDiffModel::StateRole).toInt());
            const ManagedGroupDiff::Row& r = model->diff().rows[row];
            const QString key = r.userName + QLatin1Char('|') + r.userId;
            if (state == State::Extra)
                extraRows.append(key);
            else if (state == State::Missing)
                missingRows.append(key);
        }
        QStringList extraFindings;
        QStringList missingFindings;
        for (const Finding& finding : result.report.findings()) {
            if (finding.target.compare(group, Qt::CaseInsensitive) != 0)
                continue;
            const QString key = finding.principal.userName + QLatin1Char('|') + finding.principal.id;
            if (finding.kind == FindingKind::MemberWithoutGrant)
                extraFindings.append(key);
            else if (finding.kind == FindingKind::MissingMember || finding.kind == FindingKind::NotProvisioned)
                missingFindings.append(key);
        }
        for (QStringList* list : {&extraRows, &missingRows, &extraFindings, &missingFindings})
            list->sort(Qt::CaseInsensitive);
        QCOMPARE(extraRows, extraFindings);
        QCOMPARE(missingRows, missingFindings);
        extraSeen += int(extraRows.size());
        missingSeen += int(missingRows.size());
    }
    // The demo has both kinds, so the comparison above compared something.
    QVERIFY(extraSeen > 0);
    QVERIFY(missingSeen > 0);
    page()->tabs()->setCurrentIndex(0);
}

void TestGuiDrift::personViewSaysWhereAccessComesFrom()
{
    const DriftReviewResult& result = *page()->result();
    const auto findings = result.report.findings();
    const auto it = std::find_if(findings.cbegin(), findings.cend(),
                                 [](const Finding& f) { return f.kind == FindingKind::RoleWithoutGrant; });
    QVERIFY(it != findings.cend());
    const User* user = result.snapshot->findUser(it->principal.id);
    QVERIFY(user);
    const QStringList sentences = PersonAccess::sentences(result, *user);
    QVERIFY2(std::any_of(sentences.cbegin(), sentences.cend(),
                         [](const QString& s) { return s.endsWith(QStringLiteral("— no IdP group grants it")); }),
             qPrintable(sentences.join(QLatin1Char('\n'))));
    // Someone in both sides of the managed group holds it because of an IdP group, and the sentence says which.
    page()->showGroupDiff(QStringLiteral("pii-analysts"));
    const ManagedGroupDiff& diff = page()->groupDiffModel()->diff();
    const auto both = std::find_if(diff.rows.cbegin(), diff.rows.cend(), [](const ManagedGroupDiff::Row& r) {
        return r.state == ManagedGroupDiff::State::Both;
    });
    QVERIFY(both != diff.rows.cend());
    const User* member = result.snapshot->findUser(both->userId);
    QVERIFY(member);
    const QString text = PersonAccess::sentences(result, *member).join(QLatin1Char('\n'));
    QVERIFY2(text.contains(QStringLiteral("granted by IdP group")), qPrintable(text));
    // And the Users page's details show it.
    m_window->navigateTo({ItemKind::User, member->id});
    QTRY_VERIFY2(m_window->detailsView()->toPlainText().contains(QStringLiteral("granted by IdP group")),
                 qPrintable(m_window->detailsView()->toPlainText()));
    m_window->setCurrentPage(NavigationPage::Drift);
    page()->tabs()->setCurrentIndex(0);
}

// One Refresh reloads both sides at once: the IdP starts with Databricks (not after it), each has its own labelled
// progress bar, and the review compares the very snapshot the tables show.
void TestGuiDrift::refreshLoadsBothSidesAtOnce()
{
    auto* databricksBar = m_window->findChild<QProgressBar*>(QStringLiteral("refreshProgress"));
    auto* idpBar = m_window->findChild<QProgressBar*>(QStringLiteral("idpProgress"));
    QVERIFY(databricksBar && idpBar);
    QVERIFY(!databricksBar->isVisible());
    QVERIFY(!idpBar->isVisible());
    const SnapshotPtr before = page()->result()->snapshot;
    // Every text each bar shows while its value moves (the text is set before the value).
    QStringList databricksTexts;
    QStringList idpTexts;
    connect(databricksBar, &QProgressBar::valueChanged, this,
            [&databricksTexts, databricksBar] { databricksTexts.append(databricksBar->format()); });
    connect(idpBar, &QProgressBar::valueChanged, this, [&idpTexts, idpBar] { idpTexts.append(idpBar->format()); });

    m_window->refresh();
    // Both sides are under way before anything has loaded.
    QVERIFY(databricksBar->isVisible());
    QVERIFY(idpBar->isVisible());
    QVERIFY(m_window->isReviewing());
    QCOMPARE(databricksBar->format(), QStringLiteral("Databricks: connecting…")); // busy: text() is empty
    QCOMPARE(idpBar->format(), QStringLiteral("Okta: connecting…"));
    QVERIFY(m_window->cancelAction()->isEnabled());

    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    databricksBar->disconnect(this);
    idpBar->disconnect(this);
    QVERIFY(!databricksBar->isVisible());
    QVERIFY(!idpBar->isVisible());
    QVERIFY2(!m_window->messageBar()->isVisible(), qPrintable(m_window->messageBar()->text()));
    QVERIFY(page()->result().has_value());
    QVERIFY(!page()->isStale());
    QVERIFY(page()->result()->snapshot != before);
    QCOMPARE(page()->result()->snapshot, m_window->snapshot());
    const QRegularExpression databricksText(QStringLiteral("^Databricks: Users \\d+"));
    const QRegularExpression idpText(QStringLiteral("^Okta: \\d+ of \\d+ groups$"));
    QVERIFY2(std::any_of(databricksTexts.cbegin(), databricksTexts.cend(),
                         [&](const QString& t) { return databricksText.match(t).hasMatch(); }),
             qPrintable(databricksTexts.join(QLatin1Char('\n'))));
    QVERIFY2(
        std::any_of(idpTexts.cbegin(), idpTexts.cend(), [&](const QString& t) { return idpText.match(t).hasMatch(); }),
        qPrintable(idpTexts.join(QLatin1Char('\n'))));
}

// Databricks fails: its error is shown (not a drift error on top of it), no review is made from the IdP side
// alone, and the last review stays, marked out of date.
void TestGuiDrift::databricksFailureShowsItsErrorAndNoReview()
{
    const SnapshotPtr before = page()->result()->snapshot;
    auto options = m_session->demo()->emulator()->options();
    const auto healthy = options;
    options.failPath = QStringLiteral("/Users");
    options.failStatus = 404;
    m_session->demo()->emulator()->setOptions(options);
    QSignalSpy reviewsShown(page()->model(), &QAbstractItemModel::modelReset);
    m_window->refresh();
    QVERIFY(m_window->isReviewing());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    m_session->demo()->emulator()->setOptions(healthy);
    const QString message = m_window->messageBar()->text();
    QVERIFY2(message.startsWith(QStringLiteral("Could not refresh")), qPrintable(message));
    QVERIFY(page()->isStale());
    QCOMPARE(page()->result()->snapshot, before);
    QCOMPARE(reviewsShown.size(), 0);
    QVERIFY(!m_window->findChild<QProgressBar*>(QStringLiteral("idpProgress"))->isVisible());

    // Healthy again: the next Refresh brings both sides back.
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    QVERIFY(!page()->isStale());
    QVERIFY(page()->result()->snapshot != before);
}

void TestGuiDrift::cancelStopsBothSides()
{
    const SnapshotPtr before = page()->result()->snapshot;
    m_window->refresh();
    QVERIFY(m_window->isReviewing());
    m_window->cancelAction()->trigger();
    QVERIFY(!m_window->isReviewing()); // the review answers for itself at once
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    QVERIFY(!m_window->findChild<QProgressBar*>(QStringLiteral("refreshProgress"))->isVisible());
    QVERIFY(!m_window->findChild<QProgressBar*>(QStringLiteral("idpProgress"))->isVisible());
    QCOMPARE(page()->result()->snapshot, before);
    QVERIFY(page()->isStale());

    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    QVERIFY(!page()->isStale());
}

void TestGuiDrift::failedReviewKeepsStaleReport()
{
    const int before = page()->model()->rowCount();
    const SnapshotPtr tablesBefore = m_window->snapshot();
    // The IdP's token disappears: the next review fails, and the old report stays, marked out of date.
    auto options = m_session->demo()->emulator()->options();
    const auto restore = qScopeGuard([this, original = options] {
        // The tests after this one review again with the right token.
        m_session->demo()->emulator()->setOptions(original);
        m_window->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    });
    const auto restoredOptions = options;
    options.oktaToken = QStringLiteral("rotated-token");
    m_session->demo()->emulator()->setOptions(options);
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(page()->isStale(), kLoadTimeoutMs);
    QTRY_VERIFY(!m_window->isRefreshing());
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("drift")),
             qPrintable(m_window->messageBar()->text()));
    QCOMPARE(page()->model()->rowCount(), before);
    // The IdP failed, Databricks did not: the tables show the fresh snapshot, the review is the old one.
    QVERIFY(m_window->snapshot() != tablesBefore);
    QVERIFY(page()->result()->snapshot != m_window->snapshot());

    // The next review succeeds (the token is back), reviewing only — no refresh: the error goes with it.
    m_session->demo()->emulator()->setOptions(restoredOptions);
    m_window->setPolicy(*m_window->policy());
    QTRY_VERIFY_WITH_TIMEOUT(!page()->isStale() && !m_window->isReviewing(), kLoadTimeoutMs);
    QVERIFY2(!m_window->messageBar()->isVisible(), qPrintable(m_window->messageBar()->text()));
}

void TestGuiDrift::policyNamingAnotherHostGetsNoSecret_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::newRow("another port") << "http";
    QTest::newRow("another scheme and port") << "https";
}

void TestGuiDrift::policyNamingAnotherHostGetsNoSecret()
{
    // The review's reproduction: a policy (from git) moved to another port of the same host, a logger listening
    // there. The saved connection decides where the token goes, so the logger is never even connected to.
    QFETCH(QString, scheme);
    QTcpServer logger;
    QVERIFY(logger.listen(QHostAddress::LocalHost));
    int connections = 0;
    connect(&logger, &QTcpServer::newConnection, this, [&] { ++connections; });
    const Policy demo = *m_session->demo()->policy();
    Policy moved = demo;
    IdpSettings idp = demo.idp();
    idp.url = QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(logger.serverPort()));
    moved.setIdp(idp);
    m_window->setPolicy(moved);
    const auto restore = qScopeGuard([&] { m_window->setPolicy(demo); });
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    const QString message = m_window->messageBar()->text();
    QVERIFY2(message.contains(QStringLiteral("is for %1, but the policy's idp.url names %2")
                                  .arg(IdpUrl::origin(demo.idp().url), IdpUrl::origin(idp.url))),
             qPrintable(message));
    for (const QLabel* label : m_window->messageBar()->findChildren<QLabel*>())
        QCOMPARE(label->textFormat(), Qt::PlainText); // the message quotes the policy's host
    QCoreApplication::processEvents();
    QCOMPARE(connections, 0);
    QVERIFY(page()->isStale());
}

QTEST_MAIN(TestGuiDrift)
// From the usability pass: with 8 of 15 findings shown, Export CSV wrote all 15 and said nothing.
void TestGuiDrift::exportWritesWhatIsShown()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    QVERIFY2(page()->result(), qPrintable(m_window->messageBar()->text()));
    const int all = int(page()->result()->report.findings().size());
    page()->severityFilter()->setCurrentIndex(1); // High only
    const auto reset = qScopeGuard([&] { page()->severityFilter()->setCurrentIndex(0); });
    const int shown = page()->proxy()->rowCount();
    QVERIFY2(shown > 0 && shown < all, qPrintable(QStringLiteral("%1 of %2").arg(shown).arg(all)));
    QTemporaryDir dir;
    for (const auto format : {DriftPage::ExportFormat::Csv, DriftPage::ExportFormat::Json}) {
        const bool csv = format == DriftPage::ExportFormat::Csv;
        const QString path = dir.filePath(csv ? QStringLiteral("shown.csv") : QStringLiteral("shown.json"));
        QString error;
        QString written;
        QVERIFY2(page()->exportFindings(path, format, &error, &written), qPrintable(error));
        QCOMPARE(written, QStringLiteral("Wrote %1 of %2 findings (those shown; the filters hide the rest) to %3.")
                              .arg(shown)
                              .arg(all)
                              .arg(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray data = file.readAll();
        if (csv) {
            const QList<QStringList> rows = test::parseCsv(QString::fromUtf8(data));
            QCOMPARE(rows.size(), shown + 1); // the header, then what the table shows
            const int severity = int(rows.first().indexOf(QStringLiteral("severity")));
            QVERIFY(severity >= 0);
            for (qsizetype row = 1; row < rows.size(); ++row)
                QCOMPARE(rows.at(row).at(severity), QStringLiteral("high"));
        } else {
            QCOMPARE(QJsonDocument::fromJson(data).array().size(), shown);
        }
    }
    // Unfiltered, it is all of them, and says so plainly.
    page()->severityFilter()->setCurrentIndex(0);
    QString error;
    QString written;
    QVERIFY(page()->exportFindings(dir.filePath(QStringLiteral("all.csv")), DriftPage::ExportFormat::Csv, &error,
                                   &written));
    QVERIFY2(written.startsWith(QStringLiteral("Wrote %1 findings to").arg(all)), qPrintable(written));
}

// The usability pass reviewed a 10,000-user workspace against the demo's policy and Okta: switching connection kept
// them. Now each connection has its own policy; one without asks, and nothing is reviewed until the user chooses.
void TestGuiDrift::eachConnectionHasItsOwnPolicy()
{
    const Policy demoPolicy = *m_window->policy();
    QTemporaryDir dir;
    const QString demoPath = dir.filePath(QStringLiteral("demo-policy.json"));
    QVERIFY(QFile::copy(QFINDTESTDATA("../../resources/demo/demo-policy.json"), demoPath));
    QString error;
    QVERIFY2(m_window->loadPolicy(demoPath, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs); // its review, under the file's policy
    const Policy filePolicy = *m_window->policy();
    const QString demoId = m_window->connectionPicker()->currentData().toString();

    // The demo lists no saved connection (it is a sandbox); this test is about switching between two.
    m_window->setDemoMode(false);
    Connection other = Connection::create(QStringLiteral("Staging (10k users)"));
    other.setHost(m_session->demo()->connection().host.toString());
    QVERIFY(m_session->connections()->save(other).isEmpty());
    const auto cleanup = qScopeGuard([&] {
        m_window->selectConnection(demoId);
        m_session->connections()->remove(other.id);
        m_window->setPolicy(demoPolicy);
        m_window->setDemoMode(true);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    });
    QVERIFY(m_window->selectConnection(other.id));
    QVERIFY(!m_window->policy()); // not carried over
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("No access policy has been chosen for Staging")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY2(page()->placeholderLabel()->text().contains(QStringLiteral("Staging (10k users)")),
             qPrintable(page()->placeholderLabel()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    QVERIFY(!page()->result()); // no review under somebody else's IdP
    QVERIFY(!m_window->policy());
    QVERIFY(m_session->connections()->policyPath(other.id).isEmpty());

    // Back: the demo's policy again, as it was.
    QVERIFY(m_window->selectConnection(demoId));
    QVERIFY(m_window->policy());
    QCOMPARE(m_window->policy()->idp().url, filePolicy.idp().url);
    QCOMPARE(m_window->policy()->rules().size(), filePolicy.rules().size());

    // The offer is an explicit choice, and it is remembered with the connection.
    QVERIFY(m_window->selectConnection(other.id));
    QVERIFY(!m_window->policy());
    QSignalSpy action(m_window->messageBar(), &MessageBar::actionTriggered);
    QVERIFY(m_window->messageBar()->findChild<QPushButton*>());
    m_window->messageBar()->findChild<QPushButton*>()->click();
    QCOMPARE(action.size(), 1);
    QVERIFY(m_window->policy());
    QCOMPARE(m_session->connections()->policyPath(other.id), demoPath);
}

void TestGuiDrift::blockedRowsShowItFirstAndColumnsCanBeChosen()
{
    int blocked = 0;
    for (int row = 0; row < page()->model()->rowCount(); ++row) {
        const Finding* finding = page()->model()->finding(row);
        const QModelIndex principal = page()->model()->index(row, FindingsModel::PrincipalColumn);
        QCOMPARE(!principal.data(Qt::DecorationRole).value<QIcon>().isNull(), finding->isBlocked());
        if (finding->isBlocked()) {
            ++blocked;
            QCOMPARE(principal.data(Qt::ToolTipRole).toString(), QStringLiteral("Blocked: ") + finding->blockedBy);
        }
    }
    QVERIFY(blocked > 0);

    auto* columns = page()->findChild<QToolButton*>(QStringLiteral("findingColumns"));
    QVERIFY(columns && columns->menu());
    emit columns->menu()->aboutToShow();
    const QList<QAction*> entries = columns->menu()->actions();
    QCOMPARE(entries.size(), int(FindingsModel::ColumnCount));
    QCOMPARE(entries.at(FindingsModel::ViaColumn)->text(),
             page()->model()->headerData(FindingsModel::ViaColumn, Qt::Horizontal).toString());
    entries.at(FindingsModel::ViaColumn)->setChecked(false);
    QVERIFY(page()->view()->isColumnHidden(FindingsModel::ViaColumn));
    entries.at(FindingsModel::ViaColumn)->setChecked(true);
    QVERIFY(!page()->view()->isColumnHidden(FindingsModel::ViaColumn));
    // All off but one: the last stays.
    for (QAction* entry : entries)
        entry->setChecked(false);
    QHeaderView* header = page()->view()->horizontalHeader();
    QCOMPARE(header->count() - header->hiddenSectionCount(), 1);
    for (QAction* entry : entries)
        entry->setChecked(true);
    QCOMPARE(header->hiddenSectionCount(), 0);
}

void TestGuiDrift::chartBarsFilterAndTheChartFolds()
{
    QCOMPARE(page()->chart()->series().size(), 1);
    auto* bars = qobject_cast<QAbstractBarSeries*>(page()->chart()->series().first());
    QVERIFY(bars);
    // The top bar is the first kind (the axis counts upwards, so it is the last category).
    const QList<FindingKind> kinds = allFindingKinds();
    const int top = int(kinds.size()) - 1;
    emit bars->clicked(top, bars->barSets().first());
    QCOMPARE(page()->kindFilter()->currentData().toInt(), int(kinds.first()));
    QCOMPARE(page()->proxy()->rowCount(), page()->result()->report.count(kinds.first()));
    emit bars->clicked(top, bars->barSets().first()); // the same bar again: all kinds
    QCOMPARE(page()->kindFilter()->currentIndex(), 0);
    QCOMPARE(page()->proxy()->rowCount(), page()->model()->rowCount());

    // Folded away, the table gets the height; the choice is remembered for the next window.
    QVERIFY(page()->chartView()->isVisible());
    const int tableHeight = page()->view()->height();
    page()->chartToggle()->click();
    QVERIFY(!page()->chartView()->isVisible());
    QCOMPARE(page()->chartToggle()->text(), QStringLiteral("Show chart"));
    QTRY_VERIFY(page()->view()->height() > tableHeight);
    QCOMPARE(QSettings().value(QStringLiteral("drift/chartShown")).toBool(), false);
    page()->chartToggle()->click();
    QVERIFY(page()->chartView()->isVisible());
    QCOMPARE(page()->chartToggle()->text(), QStringLiteral("Hide chart"));
    QCOMPARE(QSettings().value(QStringLiteral("drift/chartShown")).toBool(), true);
}

void TestGuiDrift::detailsFollowTheTabInFront()
{
    m_window->setCurrentPage(NavigationPage::Drift);
    page()->tabs()->setCurrentIndex(0);
    page()->view()->setCurrentIndex(page()->proxy()->index(0, 0));
    const Finding finding = *page()->currentFinding();
    QVERIFY(m_window->detailsView()->toPlainText().contains(finding.explanation));

    // The group diff in front: its row, not the finding the other tab still has selected.
    page()->tabs()->setCurrentIndex(1);
    QVERIFY2(m_window->detailsView()->toPlainText().startsWith(QStringLiteral("Select a person in the group diff")),
             qPrintable(m_window->detailsView()->toPlainText()));
    const ManagedGroupDiff& diff = page()->groupDiffModel()->diff();
    int withUser = -1;
    for (int row = 0; row < diff.rows.size() && withUser < 0; ++row)
        if (!diff.rows.at(row).userId.isEmpty())
            withUser = row;
    QVERIFY(withUser >= 0);
    page()->groupDiffView()->setCurrentIndex(page()->groupDiffModel()->index(withUser, 0));
    QVERIFY2(m_window->detailsView()->toPlainText().contains(diff.rows.at(withUser).userName),
             qPrintable(m_window->detailsView()->toPlainText()));
    QVERIFY(!m_window->detailsView()->toPlainText().contains(finding.explanation) ||
            finding.principal.userName == diff.rows.at(withUser).userName);

    page()->tabs()->setCurrentIndex(0);
    QVERIFY(m_window->detailsView()->toPlainText().contains(finding.explanation));
}

void TestGuiDrift::recentPoliciesReopen()
{
    const Policy demoPolicy = *m_window->policy();
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("first.json"));
    const QString second = dir.filePath(QStringLiteral("second.json"));
    for (const QString& path : {first, second})
        QVERIFY(QFile::copy(QFINDTESTDATA("../../resources/demo/demo-policy.json"), path));
    // The demo leaves the user's settings alone: nothing it opens is remembered.
    QString error;
    QVERIFY2(m_window->loadPolicy(first, &error), qPrintable(error));
    QVERIFY(!m_window->recentPolicies().contains(first));

    m_window->setDemoMode(false);
    const auto cleanup = qScopeGuard([&] {
        m_window->setPolicy(demoPolicy);
        m_window->setDemoMode(true);
        QSettings().remove(QStringLiteral("policy/recent"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
    });
    QVERIFY2(m_window->loadPolicy(first, &error), qPrintable(error));
    QVERIFY2(m_window->loadPolicy(second, &error), qPrintable(error));
    QCOMPARE(m_window->recentPolicies().mid(0, 2), (QStringList{second, first})); // newest first, once each
    m_window->fillRecentPolicies();
    QList<QAction*> entries = m_window->recentPoliciesMenu()->actions();
    QCOMPARE(entries.value(1) ? entries.at(1)->text() : QString(), QStringLiteral("first.json"));
    entries.at(1)->trigger();
    QCOMPARE(m_window->policyPathOf(m_window->connectionPicker()->currentData().toString()), first);
    QCOMPARE(m_window->recentPolicies().first(), first);
    // A file since removed is listed, but cannot be chosen.
    QVERIFY(QFile::remove(second));
    m_window->fillRecentPolicies();
    entries = m_window->recentPoliciesMenu()->actions();
    QVERIFY(!entries.at(1)->isEnabled());
}

#include "tst_gui_drift.moc"
