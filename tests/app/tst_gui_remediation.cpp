#include "AppSession.h"
#include "MainWindow.h"
#include "audit/AuditFilterProxy.h"
#include "audit/AuditModel.h"
#include "audit/AuditPage.h"
#include "demo/DemoEnvironment.h"
#include "details/DetailsView.h"
#include "drift/DriftPage.h"
#include "drift/FindingFilterProxy.h"
#include "drift/FindingsModel.h"
#include "remediation/AuditJournal.h"
#include "remediation/ChangeGuard.h"
#include "remediation/ChangeItemsModel.h"
#include "remediation/FindingChanges.h"
#include "remediation/PlannedItems.h"
#include "remediation/RemediationController.h"
#include "remediation/ReviewChangesDialog.h"
#include "remediation/RunSettingsProvider.h"
#include "widgets/DirectoryTablePage.h"
#include "widgets/MessageBar.h"

#include <Dataset.h>
#include <EmulatorThread.h>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace scimitar;
using namespace scimitar::gui;
using scimitar::emulator::ResourceKind;

namespace {

constexpr int kLoadTimeoutMs = 60000;

int patchCount(const emulator::EmulatorStats& stats)
{
    int count = 0;
    for (const auto& request : stats.requests)
        count += request.method == QLatin1String("PATCH") ? 1 : 0;
    return count;
}

bool holds(const QJsonObject& object, const QString& attribute, const QString& value)
{
    for (const QJsonValue& item : object.value(attribute).toArray()) {
        if (item.toObject().value(QStringLiteral("value")).toString() == value)
            return true;
    }
    return false;
}

} // namespace

// Fixing drift from the window, end to end against the demo's in-process emulator: the one-click revoke of a
// finding, and the review dialog (typed confirmation, dry run, guards, cancel). The audit journal is a temp file
// ($SCIMITAR_AUDIT_JOURNAL), so the tests never touch the user's.
namespace {

// The dialog lies within its screen's available area, and its Apply and Cancel buttons within the dialog.
bool fitsTheScreen(QWidget* dialog)
{
    const QRect available = dialog->screen()->availableGeometry();
    if (!available.contains(dialog->frameGeometry())) {
        qWarning() << "dialog" << dialog->frameGeometry() << "is not within the screen's" << available;
        return false;
    }
    for (const char* name : {"applyButton", "cancelButton"}) {
        const auto* button = dialog->findChild<QWidget*>(QLatin1String(name));
        const QRect inDialog(button->mapTo(dialog, QPoint(0, 0)), button->size());
        if (button->isHidden() || !dialog->rect().contains(inDialog)) {
            qWarning() << name << inDialog << "is not within the dialog's" << dialog->rect();
            return false;
        }
    }
    return true;
}

} // namespace

class TestGuiRemediation final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void oneClickRevokeRemovesFinding();
    void auditViewShowsTheFixAndUndoesIt();
    void undoRightAfterABatch();
    void blockedFindingOffersNothing();
    void moreThanTenChangesNeedTheTypedName();
    void dryRunSendsNothing();
    void tokenOwnerIsRefusedAndNotSent();
    void cancelStopsTheRemainingItems();
    void fixSelectedReviewsAndListsWhatIsLeftAlone();
    void detailsOfferTheirChanges();
    void settingsCarryTokenOwnerAndReadOnly();
    void oneClickNamesWhatElseGoes();
    void oneClickFixesEveryPath();
    void guardedLossNeedsItsOwnTick();
    void hundredsLeftOutStillFitTheScreen();
    void aBatchMarksItsFindingsFixedAtOnce();

private:
    DriftPage* page() const { return m_window->driftPage(); }
    // The drift table's row of the first finding `matches` accepts, selected; -1 when there is none.
    int selectFinding(const std::function<bool(const Finding&)>& matches) const;
    emulator::EmulatorThread* emulator() const { return m_session->demo()->emulator(); }
    QList<JournalEntry> journal() const;
    // Opens the review dialog on `changes` and waits for it (the token is read asynchronously first).
    ReviewChangesDialog* review(const QList<Change>& changes);
    // Closes the dialog and waits for the refresh and review a real batch starts.
    void closeAndSettle(ReviewChangesDialog* dialog);
    // add-entitlement changes for `count` active users other than the token owner.
    QList<Change> addEntitlementToUsers(int count) const;

    QTemporaryDir m_dir;
    QString m_configuredJournal;
    QString m_journalPath; // the demo's
    std::unique_ptr<AppSession> m_session;
    MainWindow* m_window = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestGuiRemediation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The journal the user configured: the demo must leave it alone and keep its own.
    m_configuredJournal = m_dir.filePath(QStringLiteral("audit.sqlite"));
    qputenv(RunSettingsProvider::kJournalVariable, m_configuredJournal.toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScimitarTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gui_remediation"));
    QSettings().clear();
    m_session = std::make_unique<AppSession>();
    QString error;
    QVERIFY2(m_session->start({/*demo=*/true}, &error), qPrintable(error));
    QVERIFY2(m_session->demo()->policy(), qPrintable(m_session->demo()->policyProblem()));
    m_journalPath = m_session->demo()->journalPath();
    QVERIFY(!m_journalPath.isEmpty());
    QVERIFY(!m_journalPath.startsWith(m_dir.path()));
    m_window = m_session->mainWindow();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->setCurrentPage(NavigationPage::Drift);
    QTRY_VERIFY_WITH_TIMEOUT(page()->result().has_value() || m_window->messageBar()->isVisible(), kLoadTimeoutMs);
    QVERIFY2(page()->result().has_value(), qPrintable(m_window->messageBar()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
}

void TestGuiRemediation::cleanupTestCase()
{
    m_tester.reset();
    // Everything the tests fixed was journaled, in the demo's journal only; it goes with the demo.
    QVERIFY(QFileInfo::exists(m_journalPath));
    QVERIFY2(!QFileInfo::exists(m_configuredJournal), "the demo wrote to the user's journal");
    QCOMPARE(m_window->auditPage()->journalPath(), m_journalPath);
    m_session.reset();
    QVERIFY(!QFileInfo::exists(m_journalPath));
    QSettings().clear();
    qunsetenv(RunSettingsProvider::kJournalVariable);
}

void TestGuiRemediation::cleanup()
{
    m_tester.reset();
    emulator()->updateOptions([](emulator::EmulatorOptions& options) { options.latencyMs = 0; });
    if (ReviewChangesDialog* dialog = m_window->remediation()->dialog())
        closeAndSettle(dialog);
}

QList<JournalEntry> TestGuiRemediation::journal() const
{
    AuditJournal journal;
    QString error;
    if (!journal.open(m_journalPath, &error))
        qWarning() << error;
    return journal.entries({}, &error);
}

ReviewChangesDialog* TestGuiRemediation::review(const QList<Change>& changes)
{
    QList<RunItem> items;
    for (const Change& change : changes)
        items.append({change, 0});
    m_window->remediation()->reviewChanges(items);
    if (!QTest::qWaitFor([this] { return m_window->remediation()->dialog() != nullptr; }, kLoadTimeoutMs))
        return nullptr;
    ReviewChangesDialog* dialog = m_window->remediation()->dialog();
    m_tester = std::make_unique<QAbstractItemModelTester>(dialog->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    return dialog;
}

void TestGuiRemediation::closeAndSettle(ReviewChangesDialog* dialog)
{
    QPointer<ReviewChangesDialog> guard(dialog);
    if (dialog->isRunning())
        dialog->reject();
    QVERIFY(QTest::qWaitFor([&] { return !guard || !guard->isRunning(); }, kLoadTimeoutMs));
    m_tester.reset();
    if (guard)
        guard->close();
    QTRY_VERIFY_WITH_TIMEOUT(!guard, kLoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing(), kLoadTimeoutMs);
}

QList<Change> TestGuiRemediation::addEntitlementToUsers(int count) const
{
    const SnapshotPtr snapshot = m_window->snapshot();
    QList<Change> changes;
    for (const User& user : snapshot->users()) {
        if (changes.size() == count)
            break;
        if (!user.active || user.id == snapshot->info().meId ||
            user.entitlements.contains(QStringLiteral("allow-instance-pool-create")))
            continue;
        Change change;
        change.op = ChangeOp::AddEntitlement;
        change.objectKind = PrincipalKind::User;
        change.objectId = user.id;
        change.objectName = user.userName;
        change.value = QStringLiteral("allow-instance-pool-create");
        changes.append(change);
    }
    return changes;
}

void TestGuiRemediation::oneClickRevokeRemovesFinding()
{
    // A role held without a granting IdP group, that nothing blocks, held directly and only directly (so one
    // "Revoke role" removes it: tom.baker in the demo).
    auto waysHeld = [this](const Finding& finding) {
        int ways = 0;
        for (const EffectiveGrant& grant : m_window->snapshot()->rolesOf(PrincipalKind::User, finding.principal.id))
            ways += grant.value == finding.target ? 1 : 0;
        return ways;
    };
    std::optional<Finding> target;
    for (const Finding& finding : page()->result()->report.findings()) {
        if (finding.kind == FindingKind::RoleWithoutGrant && !finding.isBlocked() && waysHeld(finding) == 1 &&
            finding.action.op == ActionOp::RemoveRole) {
            target = finding;
        }
    }
    QVERIFY2(target, "the demo has no unblocked role-without-grant finding held only directly");
    auto rowOf = [this](const Finding& wanted) {
        for (int row = 0; row < page()->proxy()->rowCount(); ++row) {
            const int source = page()->proxy()->mapToSource(page()->proxy()->index(row, 0)).row();
            const Finding* finding = page()->model()->finding(source);
            if (finding && finding->kind == wanted.kind && finding->principal.id == wanted.principal.id &&
                finding->target == wanted.target)
                return row;
        }
        return -1;
    };
    const int row = rowOf(*target);
    QVERIFY(row >= 0);
    page()->view()->setCurrentIndex(page()->proxy()->index(row, 0));
    QVERIFY2(page()->fixAction()->isEnabled(), qPrintable(page()->fixAction()->toolTip()));
    const bool revoke = target->action.op == ActionOp::RemoveRole;
    QCOMPARE(page()->fixAction()->text(),
             revoke ? QStringLiteral("Revoke role…") : QStringLiteral("Remove from group…"));
    const qint64 before = journal().size();

    page()->fixAction()->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("confirmChange"))) != nullptr);
    QVERIFY2(box->text().contains(target->principal.userName), qPrintable(box->text()));
    QVERIFY2(box->text().contains(revoke ? target->action.value : target->via), qPrintable(box->text()));
    // Names come from the server: a group called "<br><font size=1>…" must read as itself, not restyle the box.
    QCOMPARE(box->textFormat(), Qt::PlainText);
    for (const QLabel* label : box->findChildren<QLabel*>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    auto* confirm = box->findChild<QPushButton*>(QStringLiteral("confirmButton"));
    QVERIFY(confirm);
    // The moment it took effect — long before a re-review against a rate-limited IdP ends — the finding says so
    // and offers no fix any more.
    bool markedAtOnce = false;
    QString fixTip;
    const QMetaObject::Connection marked =
        connect(m_window->remediation(), &RemediationController::findingsFixed, this, [&](const QList<Finding>& fixed) {
            const int current = rowOf(*target);
            const QModelIndex action = page()->proxy()->index(current, FindingsModel::ActionColumn);
            markedAtOnce = fixed.size() == 1 && fixed.first() == *target &&
                           action.data().toString() == QStringLiteral("Fixed — pending re-check");
            page()->view()->setCurrentIndex(page()->proxy()->index(current, 0));
            fixTip = page()->fixAction()->isEnabled() ? QString() : page()->fixAction()->toolTip();
        });
    confirm->click();

    // Sent, re-read, then Databricks is refreshed and drift recomputed: the finding is gone from the table.
    QTRY_VERIFY2_WITH_TIMEOUT(rowOf(*target) < 0 && !m_window->isRefreshing(),
                              qPrintable(m_window->messageBar()->text()), kLoadTimeoutMs);
    disconnect(marked);
    QVERIFY(markedAtOnce);
    QVERIFY2(fixTip.startsWith(QStringLiteral("Fixed — pending re-check")), qPrintable(fixTip));
    QVERIFY(page()->result().has_value());
    QVERIFY(!page()->isStale());
    QCOMPARE(waysHeld(*target), 0); // in the fresh snapshot: Databricks now says so
    const emulator::Dataset dataset = emulator()->dataset();
    if (revoke)
        QVERIFY(!holds(dataset.resource(ResourceKind::User, target->principal.id), QStringLiteral("roles"),
                       target->target));
    else
        QVERIFY(!holds(dataset.resource(ResourceKind::Group, target->action.groupId), QStringLiteral("members"),
                       target->principal.id));

    const QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), before + 1);
    const JournalEntry& entry = entries.first(); // newest first
    QCOMPARE(entry.intent.change.op, revoke ? ChangeOp::RemoveRole : ChangeOp::RemoveMember);
    QCOMPARE(entry.intent.change.principalId(), target->principal.id);
    QCOMPARE(entry.intent.change.value, revoke ? target->target : target->principal.id);
    QCOMPARE(entry.intent.connection, m_session->demo()->connection().name);
    QCOMPARE(entry.intent.tokenOwner, m_window->snapshot()->info().meUserName);
    QVERIFY(entry.outcome.has_value());
    QCOMPARE(entry.outcome->result, ChangeResult::Done);
    QVERIFY(entry.verification.has_value());
    QVERIFY2(entry.verification->verified, qPrintable(entry.verification->detail));
    QVERIFY(!entry.intent.body.contains(DemoEnvironment::token().toUtf8()));
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("Done")),
             qPrintable(m_window->messageBar()->text()));
}

void TestGuiRemediation::auditViewShowsTheFixAndUndoesIt()
{
    // The fix the previous test made is on the Audit page, newest first, and can be undone from there.
    const QList<JournalEntry> before = journal();
    QVERIFY2(!before.isEmpty() && before.first().canUndo(), "oneClickRevokeRemovesFinding leaves an undoable row");
    const JournalEntry fix = before.first();
    AuditPage* audit = m_window->auditPage();
    // The fix's message offers its Audit row and its undo, even with a search typed that would hide the row.
    auto* showInAudit = m_window->messageBar()->findChild<QPushButton*>(QStringLiteral("messageSecondAction"));
    auto* undoNow = m_window->messageBar()->findChild<QPushButton*>(QStringLiteral("messageAction"));
    QVERIFY(showInAudit && undoNow);
    QVERIFY2(showInAudit->isVisible() && undoNow->isVisible(), qPrintable(m_window->messageBar()->text()));
    QCOMPARE(showInAudit->text(), QStringLiteral("Show in Audit"));
    QCOMPARE(undoNow->text(), QStringLiteral("Undo…"));
    m_window->searchBox()->setText(QStringLiteral("no such change"));
    showInAudit->click();
    QCOMPARE(m_window->currentPage(), NavigationPage::Audit);
    QTRY_COMPARE_WITH_TIMEOUT(audit->entryCount(), before.size(), kLoadTimeoutMs);
    QTRY_COMPARE(audit->selectedEntries().size(), 1);
    QCOMPARE(audit->selectedEntries().first().intent.id, fix.intent.id);
    QVERIFY(audit->showsEntries());
    QVERIFY(audit->undoButton()->isEnabled());
    QVERIFY2(audit->undoButton()->toolTip().contains(fix.intent.change.inverse().describe()),
             qPrintable(audit->undoButton()->toolTip()));

    undoNow->click();
    ReviewChangesDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->remediation()->dialog()) != nullptr, kLoadTimeoutMs);
    m_tester = std::make_unique<QAbstractItemModelTester>(dialog->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    // It says what it gives back, and that the access comes back as drift.
    const QString intro = dialog->introLabel()->text();
    QVERIFY2(intro.contains(QStringLiteral("Undo gives back what the changes took away: ") +
                            fix.intent.change.inverse().describe()),
             qPrintable(intro));
    QVERIFY2(intro.contains(QStringLiteral("reports it as drift again")), qPrintable(intro));
    QTRY_VERIFY(dialog->applyButton()->isEnabled());
    dialog->applyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && dialog->closeButton()->isVisible(), kLoadTimeoutMs);
    closeAndSettle(dialog);

    // The access is back in Databricks, the undo is journaled and linked, and the page shows both rows.
    const emulator::Dataset dataset = emulator()->dataset();
    const Change& change = fix.intent.change;
    if (change.op == ChangeOp::RemoveRole)
        QVERIFY(holds(dataset.resource(ResourceKind::User, change.objectId), QStringLiteral("roles"), change.value));
    else
        QVERIFY(holds(dataset.resource(ResourceKind::Group, change.objectId), QStringLiteral("members"), change.value));
    const QList<JournalEntry> after = journal();
    QCOMPARE(after.size(), before.size() + 1);
    QCOMPARE(after.first().intent.undoOf, fix.intent.id);
    QCOMPARE(after.first().intent.change, change.inverse());
    QCOMPARE(after.first().outcome ? after.first().outcome->result : ChangeResult::Unknown, ChangeResult::Done);
    QVERIFY(!after.at(1).canUndo());
    QTRY_COMPARE_WITH_TIMEOUT(audit->entryCount(), after.size(), kLoadTimeoutMs);
    // The undo's row says what it undoes in its Change column; the undone row no longer offers Undo.
    const QModelIndex undoRow =
        audit->model()->index(audit->model()->rowOf(after.first().intent.id), AuditModel::ChangeColumn);
    QCOMPARE(undoRow.data().toString(),
             QStringLiteral("Undoes #%1: %2").arg(fix.intent.id).arg(change.inverse().describe()));
    audit->showIntents({fix.intent.id});
    QTRY_COMPARE(audit->selectedEntries().size(), 1);
    QVERIFY(!audit->undoButton()->isEnabled());
    QVERIFY2(audit->undoButton()->toolTip().contains(QStringLiteral("was undone already")),
             qPrintable(audit->undoButton()->toolTip()));
    m_window->setCurrentPage(NavigationPage::Drift);
}

void TestGuiRemediation::undoRightAfterABatch()
{
    const QList<Change> changes = addEntitlementToUsers(2);
    QCOMPARE(changes.size(), 2);
    ReviewChangesDialog* dialog = review(changes);
    QVERIFY(dialog);
    QVERIFY(!dialog->undoButton()->isVisible()); // nothing sent yet, nothing to undo
    QTRY_VERIFY(dialog->applyButton()->isEnabled());
    dialog->applyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isDone(), kLoadTimeoutMs);
    QVERIFY(dialog->undoButton()->isVisible());
    const QList<JournalEntry> sent = journal();
    for (const Change& change : changes)
        QVERIFY(holds(emulator()->dataset().resource(ResourceKind::User, change.objectId),
                      QStringLiteral("entitlements"), change.value));

    // Undo opens a new review of the opposite changes, each linked to the row it undoes.
    QPointer<ReviewChangesDialog> first(dialog);
    dialog->undoButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->remediation()->dialog() && m_window->remediation()->dialog() != first,
                             kLoadTimeoutMs);
    ReviewChangesDialog* undo = m_window->remediation()->dialog();
    m_tester = std::make_unique<QAbstractItemModelTester>(undo->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(undo->model()->rowCount(), 2);
    QTRY_VERIFY(undo->applyButton()->isEnabled());
    undo->applyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(undo->isDone(), kLoadTimeoutMs);
    for (const Change& change : changes)
        QVERIFY(!holds(emulator()->dataset().resource(ResourceKind::User, change.objectId),
                       QStringLiteral("entitlements"), change.value));
    const QList<JournalEntry> after = journal();
    QCOMPARE(after.size(), sent.size() + 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(after.at(i).intent.change.op, ChangeOp::RemoveEntitlement);
        QVERIFY(after.at(i).intent.undoOf == sent.at(0).intent.id || after.at(i).intent.undoOf == sent.at(1).intent.id);
    }
    QVERIFY(!after.at(2).canUndo());
    QVERIFY(!after.at(3).canUndo());
    closeAndSettle(undo);
}

void TestGuiRemediation::blockedFindingOffersNothing()
{
    for (int row = 0; row < page()->proxy()->rowCount(); ++row) {
        const Finding* finding =
            page()->model()->finding(page()->proxy()->mapToSource(page()->proxy()->index(row, 0)).row());
        if (!finding->isBlocked() && finding->action.op != ActionOp::None)
            continue;
        page()->view()->setCurrentIndex(page()->proxy()->index(row, 0));
        QVERIFY(!page()->fixAction()->isEnabled());
        QVERIFY(!page()->fixAction()->toolTip().isEmpty());
        if (finding->isBlocked())
            QVERIFY2(page()->fixAction()->toolTip().contains(finding->blockedBy),
                     qPrintable(page()->fixAction()->toolTip()));
    }
    // A read-only connection offers nothing at all, and says why.
    page()->setActionsUnavailable(QStringLiteral("read-only"));
    page()->view()->setCurrentIndex(page()->proxy()->index(0, 0));
    QVERIFY(!page()->fixAction()->isEnabled());
    QVERIFY(!page()->fixSelectedAction()->isEnabled());
    QCOMPARE(page()->fixAction()->toolTip(), QStringLiteral("read-only"));
    page()->setActionsUnavailable({});
}

void TestGuiRemediation::moreThanTenChangesNeedTheTypedName()
{
    const QList<Change> changes = addEntitlementToUsers(ReviewChangesDialog::kTypedConfirmationAbove + 1);
    QCOMPARE(changes.size(), ReviewChangesDialog::kTypedConfirmationAbove + 1);
    ReviewChangesDialog* dialog = review(changes);
    QVERIFY(dialog);
    QVERIFY(dialog->needsTypedName());
    QVERIFY(dialog->confirmEdit()->isVisible());
    QVERIFY(!dialog->applyButton()->isEnabled());
    dialog->confirmEdit()->setText(QStringLiteral("not the name"));
    QVERIFY(!dialog->applyButton()->isEnabled());
    // The CLI's rule: surrounding spaces and case do not matter, and the label says so.
    dialog->confirmEdit()->setText(QLatin1Char(' ') + m_session->demo()->connection().name.toUpper() +
                                   QLatin1Char(' '));
    QVERIFY(dialog->applyButton()->isEnabled());
    QVERIFY(dialog->confirmLabel()->text().contains(QStringLiteral("case does not matter")));
    dialog->confirmEdit()->setText(m_session->demo()->connection().name.chopped(1));
    QVERIFY(!dialog->applyButton()->isEnabled());
    dialog->confirmEdit()->setText(m_session->demo()->connection().name);
    QVERIFY(dialog->applyButton()->isEnabled());
    QCOMPARE(dialog->applyButton()->text(), QStringLiteral("Apply 11 changes"));
    // Ten or fewer: no typing.
    dialog->close();
    QTRY_VERIFY(!m_window->remediation()->dialog());
    dialog = review(changes.mid(0, ReviewChangesDialog::kTypedConfirmationAbove));
    QVERIFY(dialog);
    QVERIFY(!dialog->needsTypedName());
    QVERIFY(!dialog->confirmEdit()->isVisible());
    QVERIFY(dialog->applyButton()->isEnabled());
    // The selected change's exact request.
    dialog->table()->setCurrentIndex(dialog->model()->index(1, 0));
    const QString request = dialog->requestView()->toPlainText();
    QVERIFY2(request.startsWith(QStringLiteral("PATCH Users/") + changes.at(1).objectId), qPrintable(request));
    QVERIFY2(request.contains(QStringLiteral("\"allow-instance-pool-create\"")), qPrintable(request));
    QVERIFY(!request.contains(DemoEnvironment::token()));
    dialog->close();
}

void TestGuiRemediation::dryRunSendsNothing()
{
    const QList<Change> changes = addEntitlementToUsers(ReviewChangesDialog::kTypedConfirmationAbove + 1);
    ReviewChangesDialog* dialog = review(changes);
    QVERIFY(dialog);
    const qsizetype journaled = journal().size();
    emulator()->resetStats();
    dialog->dryRunCheck()->setChecked(true);
    QVERIFY(!dialog->needsTypedName()); // nothing is sent, nothing to confirm
    QVERIFY(dialog->applyButton()->isEnabled());
    dialog->applyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kLoadTimeoutMs);
    for (int row = 0; row < dialog->model()->rowCount(); ++row)
        QCOMPARE(dialog->model()->status(row).state, ItemStatus::State::DryRun);
    QCOMPARE(patchCount(emulator()->stats()), 0);
    QCOMPARE(journal().size(), journaled);
    QVERIFY(!dialog->isDone()); // may still be sent for real
    QVERIFY(!m_window->isRefreshing());
    // Dry run off: the rows say what will be sent again, not what the dry run did.
    dialog->dryRunCheck()->setChecked(false);
    for (int row = 0; row < dialog->model()->rowCount(); ++row)
        QVERIFY(dialog->model()->status(row).state != ItemStatus::State::DryRun);
    QVERIFY(dialog->needsTypedName());
    QCOMPARE(patchCount(emulator()->stats()), 0);
    dialog->close();
}

void TestGuiRemediation::tokenOwnerIsRefusedAndNotSent()
{
    const SnapshotPtr snapshot = m_window->snapshot();
    const QString ownerId = snapshot->info().meId;
    QVERIFY(!ownerId.isEmpty());
    Change deactivateOwner;
    deactivateOwner.op = ChangeOp::Deactivate;
    deactivateOwner.objectId = ownerId;
    deactivateOwner.objectName = snapshot->info().meUserName;
    const Change other = addEntitlementToUsers(1).first();

    ReviewChangesDialog* dialog = review({deactivateOwner, other});
    QVERIFY(dialog);
    QCOMPARE(dialog->model()->status(0).state, ItemStatus::State::Refused);
    const QString shown = dialog->model()->index(0, ChangeItemsModel::StatusColumn).data().toString();
    QVERIFY2(shown.contains(QStringLiteral("owns the token")), qPrintable(shown));
    QCOMPARE(dialog->applyButton()->text(), QStringLiteral("Apply 1 change"));

    emulator()->resetStats();
    const qsizetype journaled = journal().size();
    QSignalSpy applied(dialog, &ReviewChangesDialog::changesApplied);
    dialog->applyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isDone(), kLoadTimeoutMs);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(dialog->model()->status(0).state, ItemStatus::State::Refused);
    QCOMPARE(dialog->model()->status(1).state, ItemStatus::State::Done);
    QCOMPARE(dialog->model()->status(1).verified, std::optional<bool>(true));
    QCOMPARE(patchCount(emulator()->stats()), 1);
    QCOMPARE(journal().size(), journaled + 1); // refused items are not journaled: they were never going out
    QVERIFY(emulator()->dataset().resource(ResourceKind::User, ownerId).value(QStringLiteral("active")).toBool(true));
    QVERIFY(dialog->closeButton()->isVisible());
    closeAndSettle(dialog);
}

void TestGuiRemediation::cancelStopsTheRemainingItems()
{
    const QList<Change> changes = addEntitlementToUsers(4);
    ReviewChangesDialog* dialog = review(changes);
    QVERIFY(dialog);
    // Slow enough that the Cancel arrives while the first PATCH is still waiting for its answer.
    emulator()->updateOptions([](emulator::EmulatorOptions& options) { options.latencyMs = 3000; });
    emulator()->resetStats();
    dialog->applyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->status(0).state, ItemStatus::State::Sending, kLoadTimeoutMs);
    QVERIFY(dialog->cancelButton()->isVisible());
    dialog->cancelButton()->click();
    QVERIFY(dialog->isVisible()); // cancelling is not closing
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isDone(), kLoadTimeoutMs);
    emulator()->updateOptions([](emulator::EmulatorOptions& options) { options.latencyMs = 0; });
    QCOMPARE(dialog->model()->status(0).state, ItemStatus::State::Done); // the one in flight is answered
    for (int row = 1; row < changes.size(); ++row)
        QCOMPARE(dialog->model()->status(row).state, ItemStatus::State::Cancelled);
    QCOMPARE(patchCount(emulator()->stats()), 1);
    QVERIFY2(dialog->progressLabel()->text().contains(QStringLiteral("Cancelled")),
             qPrintable(dialog->progressLabel()->text()));
    closeAndSettle(dialog);
}

void TestGuiRemediation::fixSelectedReviewsAndListsWhatIsLeftAlone()
{
    m_window->setCurrentPage(NavigationPage::Drift);
    int fixable = -1;
    int blocked = -1;
    for (int row = 0; row < page()->proxy()->rowCount(); ++row) {
        const Finding* finding =
            page()->model()->finding(page()->proxy()->mapToSource(page()->proxy()->index(row, 0)).row());
        if (finding->isBlocked() && blocked < 0)
            blocked = row;
        else if (!finding->isBlocked() && finding->action.op != ActionOp::None && fixable < 0)
            fixable = row;
    }
    QVERIFY(fixable >= 0 && blocked >= 0);
    QItemSelectionModel* selection = page()->view()->selectionModel();
    selection->clearSelection();
    for (const int row : {fixable, blocked})
        selection->select(page()->proxy()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(page()->selectedFindings().size(), 2);
    QVERIFY(page()->fixSelectedAction()->isEnabled());
    // The details pane sums the selection up; the one-row action steps aside for Fix selected….
    QCOMPARE(m_window->currentPage(), NavigationPage::Drift);
    const QString details = m_window->detailsView()->toPlainText();
    QVERIFY2(details.startsWith(QStringLiteral("2 findings selected: 1 can be fixed, 1 blocked.")),
             qPrintable(details));
    QVERIFY(!page()->fixAction()->isEnabled());
    QVERIFY2(page()->fixAction()->toolTip().contains(QStringLiteral("use Fix selected…")),
             qPrintable(page()->fixAction()->toolTip()));
    page()->fixSelectedAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->remediation()->dialog() != nullptr, kLoadTimeoutMs);
    ReviewChangesDialog* dialog = m_window->remediation()->dialog();
    QCOMPARE(dialog->model()->rowCount(), 1); // the blocked one gives no change…
    // The change names the finding it fixes, and who the ids in its request are.
    const Finding* fixed =
        page()->model()->finding(page()->proxy()->mapToSource(page()->proxy()->index(fixable, 0)).row());
    const QString tip = dialog->model()->index(0, ChangeItemsModel::ChangeColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Fixes: ") + fixed->explanation), qPrintable(tip));
    dialog->table()->setCurrentIndex(dialog->model()->index(0, 0));
    const QString request = dialog->requestView()->toPlainText();
    QVERIFY2(request.startsWith(QStringLiteral("Fixes: ") + fixed->explanation), qPrintable(request));
    const Change& change = dialog->model()->items().at(0).change;
    QVERIFY2(request.contains(QStringLiteral(" is %1.").arg(change.objectName)), qPrintable(request));
    if (change.op == ChangeOp::RemoveMember)
        QVERIFY2(request.contains(QStringLiteral("Member %1 is %2.").arg(change.value, change.memberName)),
                 qPrintable(request));
    // …and says so: one line above the changes, the reasons in their own list.
    const QString intro = dialog->introLabel()->text();
    QVERIFY2(intro.contains(QStringLiteral("1 item left out of this batch")), qPrintable(intro));
    QVERIFY(!dialog->leftOutView()->isHidden());
    QVERIFY2(dialog->leftOutView()->toPlainText().startsWith(QStringLiteral("Left alone: ")),
             qPrintable(dialog->leftOutView()->toPlainText()));
    QVERIFY(fitsTheScreen(dialog));
    dialog->close();
    QTRY_VERIFY(!m_window->remediation()->dialog());
}

void TestGuiRemediation::detailsOfferTheirChanges()
{
    const SnapshotPtr snapshot = m_window->snapshot();
    const User* inactive = nullptr;
    for (const User& user : snapshot->users()) {
        if (!user.active) {
            inactive = &user;
            break;
        }
    }
    QVERIFY(inactive);
    m_window->setCurrentPage(NavigationPage::Users);
    QVERIFY(m_window->page(NavigationPage::Users)->selectId(inactive->id));
    m_window->fillChangeAccessMenu();
    QAction* reactivate = m_window->changeAccessMenu()->findChild<QAction*>(QStringLiteral("change-reactivate"));
    QVERIFY(reactivate);
    QVERIFY(m_window->changeAccessMenu()->findChild<QAction*>(QStringLiteral("change-add-member")));
    QVERIFY(!m_window->changeAccessMenu()->findChild<QAction*>(QStringLiteral("change-deactivate")));
    reactivate->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->remediation()->dialog() != nullptr, kLoadTimeoutMs);
    ReviewChangesDialog* dialog = m_window->remediation()->dialog();
    QCOMPARE(dialog->model()->rowCount(), 1);
    QCOMPARE(dialog->model()->items().first().change.op, ChangeOp::Reactivate);
    // Said plainly: an IdP-managed account may need the account level first.
    QVERIFY(dialog->noteLabel()->isVisible());
    QVERIFY2(dialog->noteLabel()->text().contains(QStringLiteral("account level")),
             qPrintable(dialog->noteLabel()->text()));
    QVERIFY(dialog->requestView()->toPlainText().contains(QStringLiteral("\"active\"")));
    dialog->close();
    QTRY_VERIFY(!m_window->remediation()->dialog());
    m_window->setCurrentPage(NavigationPage::Drift);
}

void TestGuiRemediation::settingsCarryTokenOwnerAndReadOnly()
{
    Connection connection = m_session->demo()->connection();
    connection.readOnly = true;
    const RunSettings settings = RunSettingsProvider::settingsFor(connection, *m_window->snapshot(), nullptr,
                                                                  QStringLiteral("t0ken"), m_journalPath);
    QCOMPARE(settings.authorization, QByteArrayLiteral("Bearer t0ken"));
    QCOMPARE(settings.scimBase, connection.scimBaseUrl());
    QCOMPARE(settings.journalPath, m_journalPath);
    QCOMPARE(settings.tokenOwnerUserName, m_window->snapshot()->info().meUserName);
    QCOMPARE(settings.guard.tokenOwnerId, m_window->snapshot()->info().meId);
    QVERIFY(settings.guard.readOnly);
    QVERIFY(!settings.dryRun);
}

QTEST_MAIN(TestGuiRemediation)
int TestGuiRemediation::selectFinding(const std::function<bool(const Finding&)>& matches) const
{
    for (int row = 0; row < page()->proxy()->rowCount(); ++row) {
        const Finding* finding =
            page()->model()->finding(page()->proxy()->mapToSource(page()->proxy()->index(row, 0)).row());
        if (finding && matches(*finding)) {
            page()->view()->setCurrentIndex(page()->proxy()->index(row, 0));
            return row;
        }
    }
    return -1;
}

// The demo's complaint: "Remove jonas.berg from group legacy-bi-team?" did not say what else the group gave him.
// Now the one-click confirmation names every loss beyond the target, from the same snapshot.
void TestGuiRemediation::oneClickNamesWhatElseGoes()
{
    m_window->setCurrentPage(NavigationPage::Drift);
    const SnapshotPtr snapshot = m_window->snapshot();
    std::optional<PlannedItem> expected;
    const int row = selectFinding([&](const Finding& finding) {
        const FindingChanges::Plan plan = FindingChanges::plan({finding}, snapshot.get());
        if (plan.changes.size() != 1)
            return false;
        const QList<PlannedItem> items = PlannedItems::of(plan, *snapshot, GuardContext());
        if (items.first().radius.sideEffects.isEmpty())
            return false;
        expected = items.first();
        return true;
    });
    QVERIFY2(row >= 0, "the demo has no unblocked finding whose fix takes something else away");
    page()->fixAction()->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("confirmChange"))) != nullptr);
    QVERIFY2(box->informativeText().contains(QStringLiteral("Also takes away: ")), qPrintable(box->informativeText()));
    for (const SideEffect& effect : expected->radius.sideEffects)
        QVERIFY2(box->informativeText().contains(BlastRadius::describe(effect)), qPrintable(box->informativeText()));
    const int before = patchCount(emulator()->stats());
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("confirmChange")));
    QCOMPARE(patchCount(emulator()->stats()), before);
}

// A target held through several paths: the one click asks once for all of them, sends every change, and the
// re-read proves the target is held by no path (the demo's "Done; role gone" while another group still gave it).
void TestGuiRemediation::oneClickFixesEveryPath()
{
    m_window->setCurrentPage(NavigationPage::Drift);
    std::optional<Finding> target;
    const int row = selectFinding([&](const Finding& finding) {
        if (finding.isBlocked() || finding.furtherActions.isEmpty())
            return false;
        target = finding;
        return true;
    });
    QVERIFY2(row >= 0, "the demo has no unblocked finding held through several paths");
    const qsizetype before = journal().size();
    page()->fixAction()->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("confirmChange"))) != nullptr);
    QVERIFY2(box->text().contains(QStringLiteral("%1 paths grant it").arg(target->actions().size())),
             qPrintable(box->text()));
    box->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
    auto stillThere = [&] {
        return selectFinding([&](const Finding& finding) {
                   return finding.kind == target->kind && finding.principal.id == target->principal.id &&
                          finding.target == target->target;
               }) >= 0;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(journal().size() == before + target->actions().size() && !m_window->isRefreshing() &&
                                  !stillThere(),
                              qPrintable(m_window->messageBar()->text()), kLoadTimeoutMs);
    for (const JournalEntry& entry : journal().mid(0, target->actions().size())) {
        QVERIFY(entry.verification);
        QVERIFY2(entry.verification->detail.contains(QStringLiteral("held by no path any more")),
                 qPrintable(entry.verification->detail));
    }
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("held by no path any more")),
             qPrintable(m_window->messageBar()->text()));
}

// Taking away admins (or a protected group) as a side effect is refused until its own box is ticked.
void TestGuiRemediation::guardedLossNeedsItsOwnTick()
{
    Change change;
    change.op = ChangeOp::RemoveMember;
    change.objectKind = PrincipalKind::Group;
    change.objectId = QStringLiteral("3001");
    change.objectName = QStringLiteral("platform-team");
    change.value = QStringLiteral("1001");
    change.memberName = QStringLiteral("ana@acme.example");
    PlannedItem item;
    item.run.change = change;
    item.radius.sideEffects = {
        {SideEffect::Kind::Group, QStringLiteral("admins"), QStringLiteral("platform-team"), {}}};
    item.radiusKnown = true;
    item.run.guardedLoss = ChangeGuard(GuardContext()).guardedLoss(change, item.radius.sideEffects);
    QVERIFY(item.run.guardedLoss.contains(QStringLiteral("workspace admin rights")));
    RunSettings settings;
    settings.connectionName = QStringLiteral("test");
    ReviewChangesDialog dialog;
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.setChanges({item}, settings);
    QCOMPARE(dialog.model()->sendableCount(), 0);
    QVERIFY(!dialog.guardedCheck()->isHidden());
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY2(dialog.model()->index(0, ChangeItemsModel::StatusColumn).data().toString().contains("Tick the box"),
             qPrintable(dialog.model()->index(0, ChangeItemsModel::StatusColumn).data().toString()));
    QVERIFY2(dialog.model()->index(0, ChangeItemsModel::AlsoTakesColumn).data().toString().contains("group admins"),
             qPrintable(dialog.model()->index(0, ChangeItemsModel::AlsoTakesColumn).data().toString()));
    QVERIFY2(dialog.blastLabel()->text().contains(QStringLiteral("group admins for ana@acme.example")),
             qPrintable(dialog.blastLabel()->text()));
    dialog.guardedCheck()->setChecked(true);
    QCOMPARE(dialog.model()->sendableCount(), 1);
    QVERIFY(dialog.applyButton()->isEnabled());
    dialog.guardedCheck()->setChecked(false);
    QCOMPARE(dialog.model()->sendableCount(), 0);
}

// The blocker from the usability pass: "Fix selected…" on 205 findings, 118 of them blocked, made a dialog 1960 px
// tall on a 1000 px screen. However much is left out or taken away, the dialog fits the screen and Apply is on it.
void TestGuiRemediation::hundredsLeftOutStillFitTheScreen()
{
    QList<PlannedItem> items;
    for (int i = 0; i < 40; ++i) {
        Change change;
        change.op = ChangeOp::RemoveMember;
        change.objectKind = PrincipalKind::Group;
        change.objectId = QString::number(3000 + i);
        change.objectName = QStringLiteral("team-%1").arg(i);
        change.value = QString::number(1000 + i);
        change.memberName = QStringLiteral("person-%1@acme.example").arg(i);
        PlannedItem item;
        item.run.change = change;
        for (int k = 0; k < 8; ++k)
            item.radius.sideEffects.append(
                {SideEffect::Kind::Group, QStringLiteral("nested-%1-%2").arg(i).arg(k), change.objectName, {}});
        item.radius.sideEffects.append({SideEffect::Kind::Group, QStringLiteral("admins"), change.objectName, {}});
        item.radiusKnown = true;
        item.run.guardedLoss = ChangeGuard(GuardContext()).guardedLoss(change, item.radius.sideEffects);
        items.append(item);
    }
    ReviewChangesDialog::LeftOut leftOut;
    for (int i = 0; i < 3; ++i)
        leftOut.failed.append(
            QStringLiteral("FAILED, cannot be sent: gone-%1@acme.example — the user no longer exists.").arg(i));
    for (int i = 0; i < 118; ++i)
        leftOut.alone.append(
            QStringLiteral("Left alone: user-%1@acme.example — Blocked: Suspicious mass change: 118 of "
                           "the 240 active users would be deactivated at once.")
                .arg(i));
    RunSettings settings;
    settings.connectionName = QStringLiteral("prod");
    ReviewChangesDialog dialog;
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.setChanges(items, settings, leftOut);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QVERIFY(fitsTheScreen(&dialog));
    // Every reason is listed, failures first; above the changes, one line each.
    QCOMPARE(dialog.leftOutView()->document()->blockCount(), 121);
    QVERIFY(dialog.leftOutView()->toPlainText().startsWith(QStringLiteral("FAILED, cannot be sent: gone-0")));
    const QString intro = dialog.introLabel()->text();
    QCOMPARE(intro.count(QLatin1Char('\n')), 2);
    QVERIFY2(intro.contains(QStringLiteral("3 findings FAILED")) &&
                 intro.contains(QStringLiteral("118 items left out")),
             qPrintable(intro));
    QVERIFY2(dialog.blastLabel()->text().contains(QStringLiteral("more (see each change")),
             qPrintable(dialog.blastLabel()->text()));
    QVERIFY2(dialog.guardedCheck()->text().contains(QStringLiteral("the 40 changes")),
             qPrintable(dialog.guardedCheck()->text()));
    QVERIFY2(dialog.blastLabel()->text().contains(QStringLiteral("And 37 more")),
             qPrintable(dialog.blastLabel()->text()));
}

void TestGuiRemediation::aBatchMarksItsFindingsFixedAtOnce()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isRefreshing() && page()->result().has_value(), kLoadTimeoutMs);
    m_window->setCurrentPage(NavigationPage::Drift);
    // Two findings whose one change each takes effect: a role and a membership of different people.
    QList<int> rows;
    QSet<QString> people;
    for (int row = 0; row < page()->proxy()->rowCount() && rows.size() < 2; ++row) {
        const Finding* finding =
            page()->model()->finding(page()->proxy()->mapToSource(page()->proxy()->index(row, 0)).row());
        if (finding->isBlocked() || !finding->furtherActions.isEmpty() || people.contains(finding->principal.id) ||
            (finding->action.op != ActionOp::RemoveRole && finding->action.op != ActionOp::RemoveMember))
            continue;
        rows.append(row);
        people.insert(finding->principal.id);
    }
    QCOMPARE(rows.size(), 2);
    QItemSelectionModel* selection = page()->view()->selectionModel();
    selection->clearSelection();
    for (const int row : rows)
        selection->select(page()->proxy()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QList<Finding> chosen = page()->selectedFindings();
    QCOMPARE(chosen.size(), 2);
    page()->fixSelectedAction()->trigger();
    ReviewChangesDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->remediation()->dialog()) != nullptr, kLoadTimeoutMs);
    m_tester = std::make_unique<QAbstractItemModelTester>(dialog->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The moment the batch is done — before the re-review — both findings say so and are out of every fix.
    QList<Finding> fixed;
    bool markedAtOnce = false;
    const QMetaObject::Connection marked =
        connect(m_window->remediation(), &RemediationController::findingsFixed, this, [&](const QList<Finding>& done) {
            fixed = done;
            markedAtOnce = std::all_of(done.cbegin(), done.cend(),
                                       [this](const Finding& f) { return page()->model()->isFixed(f); });
        });
    QTRY_VERIFY(dialog->applyButton()->isEnabled());
    dialog->applyButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isDone(), kLoadTimeoutMs);
    QTRY_COMPARE(fixed.size(), 2);
    disconnect(marked);
    QVERIFY(markedAtOnce);
    for (const Finding& finding : chosen)
        QVERIFY2(fixed.contains(finding), qPrintable(finding.principal.userName));
    closeAndSettle(dialog);
}

#include "tst_gui_remediation.moc"
