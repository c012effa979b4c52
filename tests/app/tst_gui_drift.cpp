#include "AppSession.h"
#include "MainWindow.h"
#include "demo/DemoEnvironment.h"
#include "details/DetailsView.h"
#include "drift/DriftPage.h"
#include "drift/FindingFilterProxy.h"
#include "drift/FindingsModel.h"
#include "drift/GroupDiffModel.h"
#include "drift/PersonAccess.h"
#include "widgets/MessageBar.h"

#include <EmulatorThread.h>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

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
    void personViewSaysWhereAccessComesFrom();
    void failedReviewKeepsStaleReport();

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
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("kind,") || csv.contains("kind"));
    QVERIFY(csv.count('\n') >= page()->result()->report.findings().size());
    QVERIFY(!page()->exportFindings(dir.filePath(QStringLiteral("no/such/dir/x.csv")), DriftPage::ExportFormat::Csv,
                                    &error));
    QVERIFY(!error.isEmpty());
}

void TestGuiDrift::groupDiffCounts()
{
    QAbstractItemModelTester tester(page()->groupDiffModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString group = QStringLiteral("pii-analysts");
    page()->showGroupDiff(group);
    QCOMPARE(page()->groupPicker()->currentText(), group);
    const GroupDiff& diff = page()->groupDiffModel()->diff();
    const DriftReviewResult& result = *page()->result();
    // Missing people are exactly the engine's missing-member and not-provisioned findings for this group.
    int missingFindings = 0;
    for (const Finding& finding : result.report.findings()) {
        if ((finding.kind == FindingKind::MissingMember || finding.kind == FindingKind::NotProvisioned) &&
            finding.target.compare(group, Qt::CaseInsensitive) == 0)
            ++missingFindings;
    }
    // Independently: who should be in it (active in a granting IdP group) and who is (directly or nested).
    QSet<QString> should;
    for (const QString& idpGroup : result.policy.idpGroupsGrantingGroup(group)) {
        for (const IdpUser& member : result.idp.findGroup(idpGroup)->members) {
            if (member.status == IdpUserStatus::Active)
                should.insert(member.login.toLower());
        }
    }
    QSet<QString> is;
    const Group* databricksGroup = result.snapshot->findGroupByName(group);
    QVERIFY(databricksGroup);
    for (const User& user : result.snapshot->users()) {
        for (const EffectiveGroup& membership : result.snapshot->groupsOf(PrincipalKind::User, user.id)) {
            if (membership.groupId == databricksGroup->id)
                is.insert(user.userName.toLower());
        }
    }
    qInfo() << diff.summary();
    QCOMPARE(diff.missing, missingFindings);
    QCOMPARE(diff.missing, int((should - is).size()));
    QCOMPARE(diff.extra, int((is - should).size()));
    QCOMPARE(diff.both, int((is & should).size()));
    QVERIFY(diff.extra > 0);
    QVERIFY(diff.both > 0);
    QCOMPARE(page()->groupDiffSummary()->text(),
             QStringLiteral("%1 in both · %2 extra · %3 missing").arg(diff.both).arg(diff.extra).arg(diff.missing));
    QCOMPARE(page()->groupDiffModel()->rowCount(), diff.both + diff.extra + diff.missing);
    for (int row = 0; row < page()->groupDiffModel()->rowCount(); ++row) {
        const QModelIndex state = page()->groupDiffModel()->index(row, GroupDiffModel::StateColumn);
        // Every difference says what it is in words and with an icon, not only by its tint.
        if (GroupDiff::State(state.data(GroupDiffModel::StateRole).toInt()) != GroupDiff::State::Both) {
            QVERIFY(!state.data(Qt::DecorationRole).value<QIcon>().isNull());
            QVERIFY(state.data().toString().startsWith(QStringLiteral("Extra")) ||
                    state.data().toString().startsWith(QStringLiteral("Missing")));
        }
    }
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
    const GroupDiff& diff = page()->groupDiffModel()->diff();
    const auto both = std::find_if(diff.rows.cbegin(), diff.rows.cend(),
                                   [](const GroupDiff::Row& r) { return r.state == GroupDiff::State::Both; });
    QVERIFY(both != diff.rows.cend());
    const User* member = result.snapshot->findUserByName(both->databricksMember);
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

void TestGuiDrift::failedReviewKeepsStaleReport()
{
    const int before = page()->model()->rowCount();
    // The IdP's token disappears: the next review fails, and the old report stays, marked out of date.
    auto options = m_session->demo()->emulator()->options();
    options.oktaToken = QStringLiteral("rotated-token");
    m_session->demo()->emulator()->setOptions(options);
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(page()->isStale(), kLoadTimeoutMs);
    QTRY_VERIFY(!m_window->isRefreshing());
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("drift")),
             qPrintable(m_window->messageBar()->text()));
    QCOMPARE(page()->model()->rowCount(), before);
}

QTEST_MAIN(TestGuiDrift)
#include "tst_gui_drift.moc"
