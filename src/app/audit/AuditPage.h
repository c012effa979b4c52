#pragma once

#include "remediation/AuditJournal.h"

#include <QUrl>
#include <QWidget>
#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace scimitar::gui {

class AuditCsvExport;
class AuditFilterProxy;
class AuditLoader;
class AuditModel;
struct AuditLoadResult;

// The Audit page: every change Scimitar sent from this machine, newest first, read from the audit journal in the
// background whenever the page is shown or reload() is called. Filters by result, connection and days, and the
// window's search box; exports what the filters show as the CLI's CSV. Offers Undo… for changes that took effect
// and Verify… for changes that never got an answer — it sends nothing itself, it asks (undoRequested,
// verifyRequested) and the window sends after a review.
class AuditPage final : public QWidget
{
    Q_OBJECT

public:
    explicit AuditPage(const QString& journalPath, QWidget* parent = nullptr);
    ~AuditPage() override;

    QString journalPath() const { return m_journalPath; }
    void setJournalPath(const QString& path);

    void setSearchText(const QString& text);
    void focusTable();
    bool isLoading() const;
    // Entries loaded (before filters); empty when the journal is missing or cannot be read.
    qsizetype entryCount() const;
    std::optional<JournalEntry> currentEntry() const;
    QList<JournalEntry> selectedEntries() const;

    // Selects these journal rows (clearing filters that hide them) once the journal is read again, and with
    // `thenUndo` asks to undo them (undoRequested) as the Undo… button would: the message after a one-click fix.
    void showIntents(const QList<qint64>& intentIds, bool thenUndo = false);
    // The connection changes go through now: Undo is offered only for rows sent through the same SCIM base.
    void setCurrentConnection(const QString& name, const QUrl& scimBase);

    // Writes the entries the filters show, in the order shown, as AuditCsv, in the background; answers with
    // exportFinished. False when an export is already running.
    bool exportTo(const QString& path);

    // For tests and the window.
    QTableView* view() const { return m_view; }
    AuditModel* model() const { return m_model; }
    AuditFilterProxy* proxy() const { return m_proxy; }
    QComboBox* resultFilter() const { return m_resultFilter; }
    QComboBox* connectionFilter() const { return m_connectionFilter; }
    QDateEdit* fromFilter() const { return m_from; }
    QDateEdit* toFilter() const { return m_to; }
    QPushButton* undoButton() const { return m_undo; }
    QPushButton* verifyButton() const { return m_verify; }
    QLabel* placeholderLabel() const { return m_placeholder; }
    QLabel* noteLabel() const { return m_note; }
    QLabel* summaryLabel() const { return m_summary; }
    QProgressBar* busyIndicator() const { return m_busy; }
    bool showsEntries() const;

public slots:
    // Reads the journal again (after a batch, or on demand); the rows stay on screen until the new ones arrive.
    void reload();

signals:
    void loaded();
    void currentEntryChanged();
    // The selected entries, each of which canUndo(). The receiver reviews and sends their inverses.
    void undoRequested(const QList<scimitar::JournalEntry>& entries);
    // The selected entries, each unknown and never re-read. The receiver re-reads the objects and journals it.
    void verifyRequested(const QList<scimitar::JournalEntry>& entries);
    void exportFinished(const QString& path, const QString& error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onLoaded(const AuditLoadResult& result);
    void applyFilters();
    void updateConnections();
    void updateActions();
    void applyPendingSelection();
    // Why `entry` may not be undone through the current connection; empty when it may.
    QString whyNotUndoable(const JournalEntry& entry) const;
    void updateSummary();
    void exportWithDialog();
    void onExported(const QString& path, const QString& error);

    QString m_journalPath;
    QString m_connectionName;
    QUrl m_scimBase;
    QList<qint64> m_pendingSelection;
    bool m_pendingUndo = false;
    AuditLoader* m_loader = nullptr;
    AuditCsvExport* m_export = nullptr;
    AuditModel* m_model = nullptr;
    AuditFilterProxy* m_proxy = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_exportStatus = nullptr;
    qsizetype m_exportCount = 0; // rows in the export under way
    QProgressBar* m_busy = nullptr;
    QComboBox* m_resultFilter = nullptr;
    QComboBox* m_connectionFilter = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QPushButton* m_exportButton = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_verify = nullptr;
    QLabel* m_note = nullptr;
    bool m_loadedOnce = false;
};

} // namespace scimitar::gui
