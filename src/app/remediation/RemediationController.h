#pragma once

#include "connections/Connection.h"
#include "drift/Finding.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"
#include "remediation/AuditJournal.h"
#include "remediation/ChangeRunner.h"
#include "widgets/MessageBar.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class QWidget;

namespace scimitar {
class TokenVault;
}

namespace scimitar::gui {

class BackgroundChangeRunner;
class ReviewChangesDialog;
class RunSettingsProvider;

// What changes are made against: the window's current connection, its snapshot and the active policy.
struct RemediationContext
{
    std::optional<Connection> connection;
    SnapshotPtr snapshot;
    std::optional<Policy> policy;
};

// Every way the window changes access goes through here, so each one is journaled, guarded and verified alike:
// a finding's one-click fix (a small confirmation, no dialog), and everything else through the review dialog
// (a selection of findings, a principal's details, undo and verify from the Audit page).
class RemediationController : public QObject
{
    Q_OBJECT

public:
    RemediationController(TokenVault& tokens, QWidget* window);
    ~RemediationController() override;

    void setContextProvider(std::function<RemediationContext()> provider) { m_context = std::move(provider); }

    // Why no change may be offered at all right now (read-only connection, nothing loaded); empty when they may.
    QString unavailableReason() const;
    // The same for reading only (verify): a read-only connection may still be re-read.
    QString unreadableReason() const;

    // One finding, one click: asks once ("Revoke role …?"), then sends it journaled and verified, and reports in
    // the message bar.
    void fixFinding(const Finding& finding);
    // Several findings: the review dialog, with the findings that give no change listed and why.
    void reviewFindings(const QList<Finding>& findings);
    void reviewChanges(const QList<RunItem>& items);
    // The Audit page's undo: the inverse of each entry that can be undone, with undoOf set.
    void reviewUndo(const QList<JournalEntry>& entries);
    // The Audit page's verify: re-reads entries whose outcome is unknown; sends no change.
    void reviewVerify(const QList<JournalEntry>& entries);

    bool isFixing() const;
    // Where this session's changes are journaled (the demo's throwaway journal); empty: the configured journal.
    void setJournalPath(const QString& path);
    // The review dialog open now, if any (tests).
    ReviewChangesDialog* dialog() const;

signals:
    void message(scimitar::gui::MessageBar::Level level, const QString& text);
    // Something was sent: the window re-reads Databricks and recomputes drift.
    void changesApplied();
    // The journal has new rows (a batch, a one-click fix, a verification): the Audit page reads it again.
    void journalChanged();
    // Every change of these findings' fixes took effect: the Drift page marks them at once, before the re-review.
    void findingsFixed(const QList<scimitar::Finding>& findings);
    // A one-click fix took effect; its journal rows, for the message's Undo… and Show in Audit.
    void oneClickJournaled(scimitar::gui::MessageBar::Level level, const QString& text, const QList<qint64>& intentIds);

private:
    // Reads the token and builds the settings for the current connection, then calls `use`; reports failures.
    // `readsOnly`: verify, which sends no change, is allowed on a read-only connection.
    void withSettings(std::function<void(const RunSettings& settings)> use, bool readsOnly = false);
    ReviewChangesDialog* openDialog();
    void sendItems(const QList<RunItem>& items, const RunSettings& settings);
    void onOneFinished(const QList<ItemStatus>& statuses);
    // Entries sent through another connection cannot be undone or verified through this one.
    QStringList foreignEntries(const QList<JournalEntry>& entries, const RunSettings& settings) const;

    QWidget* m_window = nullptr;
    RunSettingsProvider* m_settings = nullptr;
    BackgroundChangeRunner* m_runner = nullptr; // one-click fixes
    std::function<RemediationContext()> m_context;
    QPointer<ReviewChangesDialog> m_dialog;
    QList<Change> m_oneChanges; // the one-click fix in flight
    std::optional<Finding> m_oneFinding; // …and the finding it fixes
};

} // namespace scimitar::gui
