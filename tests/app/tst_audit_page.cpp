#include "AppSession.h"
#include "CsvReader.h"
#include "MainWindow.h"
#include "audit/AuditEntryText.h"
#include "audit/AuditFilterProxy.h"
#include "audit/AuditModel.h"
#include "audit/AuditPage.h"
#include "details/DetailsView.h"
#include "remediation/AuditCsv.h"
#include "remediation/AuditJournal.h"
#include "remediation/ScimPatch.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace scimitar;
using test::parseCsv;
using namespace scimitar::gui;

namespace {

// Each entry on its own day (local days are what the date filter picks), noon UTC.
const QDateTime kT0(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

using Ids = QList<qint64>;

// What the journal holds (ids in recording order, 1-based):
//  1 prod     remove-role pii-read from ana      done 204, request id req-1; undone by 5
//  2 prod     remove-entitlement from bo         already absent 200
//  3 staging  remove bo from pii-analysts        failed 400 "Invalid path"
//  4 prod     deactivate cy                      no outcome: unknown — verify
//  5 prod     add-role pii-read to ana           done 204, undoes 1
//  6 staging  deactivate dee                     done 204 (undo would reactivate)
//  7 prod     remove-role pii-read from ed       no answer (unknown), verified on re-read
struct Row
{
    ChangeOp op;
    QString connection;
    QString name;
    std::optional<ChangeResult> result;
    int status = 0;
    QString detail;
    std::optional<bool> verified;
    qint64 undoOf = 0;
};

const QList<Row> kRows{
    {ChangeOp::RemoveRole,
     QStringLiteral("prod"),
     QStringLiteral("ana@acme.example"),
     ChangeResult::Done,
     204,
     {},
     std::nullopt,
     0},
    {ChangeOp::RemoveEntitlement,
     QStringLiteral("prod"),
     QStringLiteral("bo@acme.example"),
     ChangeResult::AlreadyInState,
     200,
     {},
     std::nullopt,
     0},
    {ChangeOp::RemoveMember, QStringLiteral("staging"), QStringLiteral("pii-analysts"), ChangeResult::Failed, 400,
     QStringLiteral("Invalid path"), std::nullopt, 0},
    {ChangeOp::Deactivate,
     QStringLiteral("prod"),
     QStringLiteral("cy@acme.example"),
     std::nullopt,
     0,
     {},
     std::nullopt,
     0},
    {ChangeOp::AddRole,
     QStringLiteral("prod"),
     QStringLiteral("ana@acme.example"),
     ChangeResult::Done,
     204,
     {},
     std::nullopt,
     1},
    {ChangeOp::Deactivate,
     QStringLiteral("staging"),
     QStringLiteral("dee@acme.example"),
     ChangeResult::Done,
     204,
     {},
     std::nullopt,
     0},
    {ChangeOp::RemoveRole, QStringLiteral("prod"), QStringLiteral("ed@acme.example"), ChangeResult::Unknown, 0,
     QStringLiteral("connection closed"), true, 0},
};

const QString kRole = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");

bool fillJournal(const QString& path, QString* error)
{
    AuditJournal journal;
    if (!journal.open(path, error))
        return false;
    for (int i = 0; i < kRows.size(); ++i) {
        const Row& row = kRows[i];
        JournalIntent intent;
        intent.at = kT0.addDays(i);
        intent.osUser = QStringLiteral("alice");
        intent.tokenOwner = QStringLiteral("admin@acme.example");
        intent.connection = row.connection;
        intent.scimBase = QStringLiteral("http://127.0.0.1:1/api/2.0/preview/scim/v2");
        Change& change = intent.change;
        change.op = row.op;
        change.objectKind = row.op == ChangeOp::RemoveMember ? PrincipalKind::Group : PrincipalKind::User;
        change.objectId = QStringLiteral("10%1").arg(i + 1);
        change.objectName = row.name;
        if (row.op == ChangeOp::RemoveMember) {
            change.value = QStringLiteral("555");
            change.memberName = QStringLiteral("bo@acme.example");
        } else if (row.op == ChangeOp::RemoveEntitlement) {
            change.value = QStringLiteral("workspace-access");
        } else if (row.op != ChangeOp::Deactivate) {
            change.value = kRole;
        }
        intent.method = QStringLiteral("PATCH");
        intent.path = ScimPatch::objectPath(change);
        intent.body = ScimPatch::bodyBytes(change);
        intent.undoOf = row.undoOf;
        intent.batch = QStringLiteral("batch-%1").arg(i);
        const qint64 id = journal.recordIntent(intent, error);
        if (id != i + 1)
            return false;
        if (row.result && !journal.recordOutcome({id, intent.at.addMSecs(300), *row.result, row.status, row.detail,
                                                  id == 1 ? QStringLiteral("req-1") : QString()},
                                                 error))
            return false;
        if (row.verified && !journal.recordVerification({id, intent.at.addSecs(1), *row.verified,
                                                         QStringLiteral("role gone on "
                                                                        "re-read")},
                                                        error))
            return false;
    }
    return true;
}

} // namespace

// The Audit page over a journal filled through AuditJournal: rows and words, filters, CSV, Undo and Verify, the
// missing and unreadable journal, and the page inside the main window (Ctrl+7, details pane, search box).
class TestAuditPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void rowsAndWords_data();
    void rowsAndWords();
    void unknownRowsStandOut();
    void filters_data();
    void filters();
    void exportsShownRowsAsCliCsv();
    void undoEnabledOnlyForUndoable_data();
    void undoEnabledOnlyForUndoable();
    void undoSignalCarriesSelection();
    void reactivationNote();
    void verifyEnabledOnlyForUnknown_data();
    void verifyEnabledOnlyForUnknown();
    void detailsShowExactRequest();
    void reloadShowsNewOutcomes();
    void missingJournalIsNotAnError();
    void unreadableJournalNamesTheFile();
    void mainWindowPage();

private:
    std::unique_ptr<AuditPage> openPage(const QString& path);
    int proxyRowOf(qint64 id) const;
    void select(const Ids& ids);
    Ids shownIds() const;

    QTemporaryDir m_dir;
    QString m_journal;
    std::unique_ptr<AuditPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

void TestAuditPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScimitarTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_audit_page"));
    QVERIFY(m_dir.isValid());
    m_journal = m_dir.filePath(QStringLiteral("journal/audit.sqlite"));
    QString error;
    QVERIFY2(fillJournal(m_journal, &error), qPrintable(error));
}

void TestAuditPage::cleanupTestCase()
{
    QSettings().clear();
}

std::unique_ptr<AuditPage> TestAuditPage::openPage(const QString& path)
{
    auto page = std::make_unique<AuditPage>(path);
    page->resize(1200, 600);
    page->show(); // shown: it reads the journal
    return page;
}

void TestAuditPage::init()
{
    m_page = openPage(m_journal);
    m_modelTester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(m_page->proxy(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(!m_page->isLoading() && m_page->showsEntries());
    QCOMPARE(m_page->model()->rowCount(), int(kRows.size()));
}

void TestAuditPage::cleanup()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_page.reset();
}

int TestAuditPage::proxyRowOf(qint64 id) const
{
    return m_page->proxy()->mapFromSource(m_page->model()->index(m_page->model()->rowOf(id), 0)).row();
}

void TestAuditPage::select(const Ids& ids)
{
    QItemSelectionModel* selection = m_page->view()->selectionModel();
    selection->clearSelection();
    for (qint64 id : ids) {
        const int row = proxyRowOf(id);
        QVERIFY2(row >= 0, qPrintable(QStringLiteral("#%1 is not shown").arg(id)));
        selection->select(m_page->proxy()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection->setCurrentIndex(m_page->proxy()->index(row, 0), QItemSelectionModel::NoUpdate);
    }
}

Ids TestAuditPage::shownIds() const
{
    Ids ids;
    for (int row = 0; row < m_page->proxy()->rowCount(); ++row)
        ids.append(m_page->proxy()->index(row, 0).data(AuditModel::IdRole).toLongLong());
    return ids;
}

void TestAuditPage::rowsAndWords_data()
{
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("http");
    QTest::addColumn<QString>("verified");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("undo");

    QTest::newRow("done, undone") << qint64(1) << "prod"
                                  << "Remove role " + kRole + " from ana@acme.example"
                                  << "done"
                                  << "204"
                                  << ""
                                  << ""
                                  << "undone by #5";
    QTest::newRow("already absent") << qint64(2) << "prod"
                                    << "Remove entitlement workspace-access from bo@acme.example"
                                    << "already absent"
                                    << "200"
                                    << ""
                                    << ""
                                    << "";
    QTest::newRow("failed") << qint64(3) << "staging"
                            << "Remove bo@acme.example from group pii-analysts"
                            << "failed (HTTP 400)"
                            << "400"
                            << ""
                            << "Invalid path"
                            << "";
    QTest::newRow("no outcome") << qint64(4) << "prod"
                                << "Deactivate cy@acme.example"
                                << "unknown — verify"
                                << ""
                                << ""
                                << ""
                                << "";
    QTest::newRow("undo") << qint64(5) << "prod"
                          << "Undoes #1: Give ana@acme.example the role " + kRole << "done"
                          << "204"
                          << ""
                          << ""
                          << "undoes #1";
    QTest::newRow("lost answer, verified") << qint64(7) << "prod"
                                           << "Remove role " + kRole + " from ed@acme.example"
                                           << "unknown, verified on re-read"
                                           << ""
                                           << "yes"
                                           << "connection closed"
                                           << "";
}

void TestAuditPage::rowsAndWords()
{
    QFETCH(qint64, id);
    const AuditModel* model = m_page->model();
    const int row = model->rowOf(id);
    QVERIFY(row >= 0);
    auto cell = [&](int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(cell(AuditModel::IdColumn), QString::number(id));
    QCOMPARE(cell(AuditModel::WhenColumn),
             kT0.addDays(id - 1).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QTEST(cell(AuditModel::ConnectionColumn), "connection");
    QCOMPARE(cell(AuditModel::WhoColumn), QStringLiteral("alice / admin@acme.example"));
    QTEST(cell(AuditModel::ChangeColumn), "change");
    QTEST(cell(AuditModel::ResultColumn), "result");
    QTEST(cell(AuditModel::HttpStatusColumn), "http");
    QTEST(cell(AuditModel::VerifiedColumn), "verified");
    QTEST(cell(AuditModel::DetailColumn), "detail");
    QTEST(cell(AuditModel::UndoColumn), "undo");
}

void TestAuditPage::unknownRowsStandOut()
{
    // Newest first, as the journal and the CLI list them.
    QCOMPARE(shownIds(), (Ids{7, 6, 5, 4, 3, 2, 1}));
    const AuditModel* model = m_page->model();
    const QModelIndex unknown = model->index(model->rowOf(4), AuditModel::ResultColumn);
    QVERIFY(unknown.data(AuditModel::NeedsVerificationRole).toBool());
    QVERIFY(!unknown.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(unknown.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(unknown.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Verify")));
    for (qint64 id : {1, 2, 5, 7}) {
        const QModelIndex other = model->index(model->rowOf(id), AuditModel::ResultColumn);
        QVERIFY(!other.data(AuditModel::NeedsVerificationRole).toBool());
        QVERIFY(other.data(Qt::DecorationRole).isNull());
    }
    QVERIFY(m_page->summaryLabel()->text().contains(QStringLiteral("1 unknown — verify")));
}

void TestAuditPage::filters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("result"); // -1: all
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QDate>("from"); // invalid: no bound
    QTest::addColumn<QDate>("to");
    QTest::addColumn<Ids>("shown");

    const QDate none;
    QTest::newRow("nothing") << "" << -1 << "" << none << none << Ids{7, 6, 5, 4, 3, 2, 1};
    QTest::newRow("text: name") << "ana@" << -1 << "" << none << none << Ids{5, 1};
    QTest::newRow("text: every word") << "pii-read ED" << -1 << "" << none << none << Ids{7};
    QTest::newRow("text: undo link") << "undone by #5" << -1 << "" << none << none << Ids{1};
    QTest::newRow("result: done") << "" << int(ChangeResult::Done) << "" << none << none << Ids{6, 5, 1};
    QTest::newRow("result: already absent") << "" << int(ChangeResult::AlreadyInState) << "" << none << none << Ids{2};
    QTest::newRow("result: failed") << "" << int(ChangeResult::Failed) << "" << none << none << Ids{3};
    QTest::newRow("result: unknown") << "" << int(ChangeResult::Unknown) << "" << none << none << Ids{7, 4};
    QTest::newRow("connection") << "" << -1 << "staging" << none << none << Ids{6, 3};
    QTest::newRow("connection and text") << "dee" << -1 << "staging" << none << none << Ids{6};
    // Entry n is on 2024-05-(n) at noon UTC: the same local day in every time zone from UTC-11 to UTC+11.
    QTest::newRow("from") << "" << -1 << "" << QDate(2024, 5, 5) << none << Ids{7, 6, 5};
    QTest::newRow("to") << "" << -1 << "" << none << QDate(2024, 5, 2) << Ids{2, 1};
    QTest::newRow("range, one day") << "" << -1 << "" << QDate(2024, 5, 3) << QDate(2024, 5, 3) << Ids{3};
    QTest::newRow("everything at once") << "remove" << int(ChangeResult::Done) << "prod" << QDate(2024, 5, 1)
                                        << QDate(2024, 5, 7) << Ids{1};
}

void TestAuditPage::filters()
{
    QFETCH(QString, search);
    QFETCH(int, result);
    QFETCH(QString, connection);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(Ids, shown);

    m_page->setSearchText(search);
    QComboBox* results = m_page->resultFilter();
    results->setCurrentIndex(results->findData(result));
    QComboBox* connections = m_page->connectionFilter();
    QCOMPARE(connections->count(), 3); // all, prod, staging
    connections->setCurrentIndex(connection.isEmpty() ? 0 : connections->findData(connection));
    QVERIFY(connections->currentIndex() >= 0);
    if (from.isValid())
        m_page->fromFilter()->setDate(from);
    if (to.isValid())
        m_page->toFilter()->setDate(to);
    QCOMPARE(shownIds(), shown);
}

void TestAuditPage::exportsShownRowsAsCliCsv()
{
    m_page->connectionFilter()->setCurrentIndex(m_page->connectionFilter()->findData(QStringLiteral("staging")));
    QCOMPARE(shownIds(), (Ids{6, 3}));
    const QString path = m_dir.filePath(QStringLiteral("export.csv"));
    QSignalSpy finished(m_page.get(), &AuditPage::exportFinished);
    QVERIFY(m_page->exportTo(path));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toString(), path);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner); // the journal's words: 0600 too

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    // Exactly what the CLI writes for the same entries: one writer for both.
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(m_journal, &error), qPrintable(error));
    JournalFilter filter;
    filter.connection = QStringLiteral("staging");
    QCOMPARE(text, AuditCsv::write(journal.entries(filter, &error)));
    const QList<QStringList> rows = parseCsv(text);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0), AuditCsv::columns());
    QCOMPARE(rows.at(1).at(0), QStringLiteral("6"));
    QCOMPARE(rows.at(2).at(0), QStringLiteral("3"));
    QCOMPARE(rows.at(2).at(AuditCsv::columns().indexOf(QStringLiteral("result"))), QStringLiteral("failed"));
}

void TestAuditPage::undoEnabledOnlyForUndoable_data()
{
    QTest::addColumn<Ids>("selected");
    QTest::addColumn<QString>("currentBase"); // the connection changes would go through now; empty: none chosen
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("tooltip"); // part of the Undo button's tooltip
    const QString sentTo = QStringLiteral("http://127.0.0.1:1/api/2.0/preview/scim/v2");
    const QString another = QStringLiteral("http://127.0.0.1:2/api/2.0/preview/scim/v2");
    QTest::newRow("nothing selected") << Ids{} << sentTo << false << "Select the changes";
    QTest::newRow("done") << Ids{6} << sentTo << true << "Reactivate dee@acme.example";
    QTest::newRow("done, no connection chosen") << Ids{6} << QString() << true << "Reactivate";
    QTest::newRow("done, already undone") << Ids{1} << sentTo << false << "#1 did not take effect, or was undone";
    QTest::newRow("an undo that took effect") << Ids{5} << sentTo << true << "Remove role";
    QTest::newRow("already absent") << Ids{2} << sentTo << false << "#2 did not take effect";
    QTest::newRow("failed") << Ids{3} << sentTo << false << "#3 did not take effect";
    QTest::newRow("unknown — verify") << Ids{4} << sentTo << false << "#4 did not take effect";
    QTest::newRow("unknown, verified on re-read") << Ids{7} << sentTo << true << "Give ed@acme.example the role";
    QTest::newRow("all undoable") << Ids{7, 6, 5} << sentTo << true << "Review and send";
    QTest::newRow("one not undoable") << Ids{6, 3} << sentTo << false << "#3 did not take effect";
    // Two demo runs share a connection name, not a port: refused before it is asked, naming both bases.
    QTest::newRow("sent through another base")
        << Ids{6} << another << false << QStringLiteral("#6 was sent through staging (%1)").arg(sentTo);
    QTest::newRow("current base named") << Ids{6} << another << false << another;
}

void TestAuditPage::undoEnabledOnlyForUndoable()
{
    QFETCH(Ids, selected);
    QFETCH(QString, currentBase);
    QFETCH(bool, enabled);
    QFETCH(QString, tooltip);
    m_page->setCurrentConnection(QStringLiteral("staging"), QUrl(currentBase));
    select(selected);
    QCOMPARE(m_page->undoButton()->isEnabled(), enabled);
    QVERIFY2(m_page->undoButton()->toolTip().contains(tooltip), qPrintable(m_page->undoButton()->toolTip()));
}

void TestAuditPage::undoSignalCarriesSelection()
{
    QSignalSpy undo(m_page.get(), &AuditPage::undoRequested);
    QSignalSpy verify(m_page.get(), &AuditPage::verifyRequested);
    select({7, 5});
    QTest::mouseClick(m_page->undoButton(), Qt::LeftButton);
    QCOMPARE(undo.size(), 1);
    QCOMPARE(verify.size(), 0);
    const auto entries = undo.first().at(0).value<QList<JournalEntry>>();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).intent.id, 7);
    QCOMPARE(entries.at(1).intent.id, 5);
    QCOMPARE(entries.at(1).intent.undoOf, 1);
    for (const JournalEntry& entry : entries)
        QVERIFY(entry.canUndo());
}

void TestAuditPage::reactivationNote()
{
    select({7});
    QVERIFY(m_page->noteLabel()->isHidden());
    select({6}); // undoing a deactivation reactivates
    QVERIFY(m_page->noteLabel()->isVisible());
    QVERIFY(m_page->noteLabel()->text().contains(QStringLiteral("may need the account level first")));
    select({4}); // a deactivation that cannot be undone (yet): no note
    QVERIFY(m_page->noteLabel()->isHidden());
    const auto entry = m_page->model()->entry(m_page->model()->rowOf(6));
    QVERIFY(AuditEntryText::detailsHtml(*entry, m_page->palette()).contains(QStringLiteral("account level first")));
}

void TestAuditPage::verifyEnabledOnlyForUnknown_data()
{
    QTest::addColumn<Ids>("selected");
    QTest::addColumn<bool>("enabled");
    QTest::newRow("nothing selected") << Ids{} << false;
    QTest::newRow("unknown — verify") << Ids{4} << true;
    QTest::newRow("unknown, already verified") << Ids{7} << false;
    QTest::newRow("done") << Ids{1} << false;
    QTest::newRow("failed") << Ids{3} << false;
    QTest::newRow("unknown with a verified one") << Ids{7, 4} << false;
}

void TestAuditPage::verifyEnabledOnlyForUnknown()
{
    QFETCH(Ids, selected);
    QFETCH(bool, enabled);
    select(selected);
    QCOMPARE(m_page->verifyButton()->isEnabled(), enabled);
    if (!enabled)
        return;
    QSignalSpy verify(m_page.get(), &AuditPage::verifyRequested);
    QTest::mouseClick(m_page->verifyButton(), Qt::LeftButton);
    QCOMPARE(verify.size(), 1);
    const auto entries = verify.first().at(0).value<QList<JournalEntry>>();
    Ids ids;
    for (const JournalEntry& entry : entries)
        ids.append(entry.intent.id);
    QCOMPARE(ids, selected);
}

void TestAuditPage::detailsShowExactRequest()
{
    select({1});
    const std::optional<JournalEntry> entry = m_page->currentEntry();
    QVERIFY(entry);
    QCOMPARE(entry->intent.id, 1);
    const QString html = AuditEntryText::detailsHtml(*entry, m_page->palette());
    QVERIFY(html.contains(QStringLiteral("PATCH Users/101")));
    // The body as sent, pretty-printed: one key per line.
    QVERIFY2(html.contains(QStringLiteral("&quot;Operations&quot;: [\n")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("roles[value eq \\&quot;") + kRole.toHtmlEscaped()));
    QVERIFY(html.contains(QStringLiteral("Request id: req-1")));
    QVERIFY(html.contains(QStringLiteral("HTTP 204")));
    QVERIFY(html.contains(QStringLiteral("undone by #5")));
    QVERIFY(html.contains(QStringLiteral("Not re-read.")));

    select({7});
    const QString verified = AuditEntryText::detailsHtml(*m_page->currentEntry(), m_page->palette());
    QVERIFY(verified.contains(QStringLiteral("In effect on re-read: role gone on re-read")));
    QVERIFY(verified.contains(QStringLiteral("The server sent no request id.")));
}

void TestAuditPage::reloadShowsNewOutcomes()
{
    // Its own copy: this test writes.
    const QString path = m_dir.filePath(QStringLiteral("reload/audit.sqlite"));
    QString error;
    QVERIFY2(fillJournal(path, &error), qPrintable(error));
    m_page->setJournalPath(path);
    QTRY_VERIFY(!m_page->isLoading());
    select({4});
    QVERIFY(m_page->verifyButton()->isEnabled());
    {
        AuditJournal journal;
        QVERIFY2(journal.open(path, &error), qPrintable(error));
        QVERIFY2(journal.recordVerification({4, {}, true, QStringLiteral("user inactive on re-read")}, &error),
                 qPrintable(error));
    }
    QSignalSpy loaded(m_page.get(), &AuditPage::loaded);
    m_page->reload();
    QVERIFY(m_page->busyIndicator()->isVisible());
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(m_page->busyIndicator()->isHidden());
    const AuditModel* model = m_page->model();
    QCOMPARE(model->index(model->rowOf(4), AuditModel::ResultColumn).data().toString(),
             QStringLiteral("unknown, verified on re-read"));
    // The selection survives the reload, and what it allows follows the new state.
    QCOMPARE(m_page->selectedEntries().size(), 1);
    QCOMPARE(m_page->selectedEntries().first().intent.id, 4);
    QVERIFY(!m_page->verifyButton()->isEnabled());
    QVERIFY(m_page->undoButton()->isEnabled());
    QVERIFY(m_page->noteLabel()->isVisible()); // undoing the deactivation of cy reactivates
}

void TestAuditPage::missingJournalIsNotAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("never/audit.sqlite"));
    auto page = openPage(path);
    QTRY_VERIFY(!page->isLoading() && page->placeholderLabel()->text() != QStringLiteral("Reading the audit journal…"));
    QVERIFY(!page->showsEntries());
    QCOMPARE(page->placeholderLabel()->text(), QStringLiteral("No changes have been made from Scimitar yet."));
    QVERIFY(!QFile::exists(path)); // reading never creates it
}

void TestAuditPage::unreadableJournalNamesTheFile()
{
    const QString path = m_dir.filePath(QStringLiteral("garbage.sqlite"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    }
    auto page = openPage(path);
    QTRY_VERIFY(!page->isLoading() && page->placeholderLabel()->text() != QStringLiteral("Reading the audit journal…"));
    QVERIFY(!page->showsEntries());
    const QString text = page->placeholderLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("The audit journal %1 cannot be read: ").arg(path)), qPrintable(text));
    QCOMPARE(page->entryCount(), 0);
}

void TestAuditPage::mainWindowPage()
{
    m_page.reset(); // one page at a time
    qputenv(AuditJournal::kPathVariable, m_journal.toUtf8());
    QSettings().clear();
    AppSession session;
    QString error;
    QVERIFY2(session.start({}, &error), qPrintable(error));
    MainWindow* window = session.mainWindow();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    AuditPage* page = window->auditPage();
    QCOMPARE(page->journalPath(), m_journal);

    // Ctrl+7, listed in the View menu.
    QAction* go = nullptr;
    for (QAction* action : window->findChildren<QAction*>())
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_7))
            go = action;
    QVERIFY(go);
    QCOMPARE(go->text(), QStringLiteral("Audit"));
    go->trigger();
    QCOMPARE(window->currentPage(), NavigationPage::Audit);
    QTRY_COMPARE(page->model()->rowCount(), int(kRows.size()));

    window->searchBox()->setText(QStringLiteral("pii-analysts"));
    QCOMPARE(page->proxy()->rowCount(), 1);
    window->searchBox()->clear();

    page->view()->selectionModel()->setCurrentIndex(
        page->proxy()->mapFromSource(page->model()->index(page->model()->rowOf(3), 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString details = window->detailsView()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("PATCH Groups/103")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Invalid path")));
    qunsetenv(AuditJournal::kPathVariable);
}

QTEST_MAIN(TestAuditPage)
#include "tst_audit_page.moc"
