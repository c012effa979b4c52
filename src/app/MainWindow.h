#pragma once

#include "NavigationHistory.h"
#include "NavigationPage.h"
#include "connections/Connection.h"
#include "details/DetailsLink.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"
#include "widgets/MessageBar.h"

#include <QHash>
#include <QMainWindow>
#include <QMap>
#include <functional>
#include <memory>
#include <optional>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSettings;
class QSplitter;
class QListWidget;
class QTimer;
class QToolButton;

namespace Ui {
class MainWindow;
}

namespace scimitar {

class ConnectionStore;
class IdpConnectionStore;
struct IdpConnection;
class TokenVault;
struct DriftReviewResult;
struct LoadProgress;

namespace gui {

class AuditPage;
class DetailsView;
class DriftController;
class DriftPage;
class NoteCountdown;
class DirectoryTablePage;
class RefreshController;
class RemediationController;
class SnapshotPreparer;
struct PreparedSnapshot;

// The one window: navigation on the left, a directory table in the middle, the selected item's access on the
// right. Loads run in the background (RefreshController); the window stays responsive, shows progress, can cancel,
// and keeps the last good snapshot on screen when a refresh fails.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ConnectionStore& connections, IdpConnectionStore& idpConnections, TokenVault& tokens,
               QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    // A connection that exists only for this run (the demo); listed first in the picker, never saved.
    void addTransientConnection(const Connection& connection);
    // An IdP connection for this session only (the demo's): never saved, its secret in memory.
    void addTransientIdpConnection(const IdpConnection& connection);
    void setDemoMode(bool demo);
    // Where changes made in this window are journaled and what the Audit page shows (the demo's throwaway
    // journal). Without it: the configured journal ($SCIMITAR_AUDIT_JOURNAL, else the user's).
    void setJournalPath(const QString& path);
    // Makes `id` the current connection, showing what was loaded for it this run (if anything). False if unknown.
    bool selectConnection(const QString& id);
    std::optional<Connection> currentConnection() const;

    void refresh();
    void cancelRefresh();
    bool isRefreshing() const;

    void setCurrentPage(NavigationPage page);
    NavigationPage currentPage() const;
    void navigateTo(const DetailsTarget& target);

    // For tests and the session: the parts people interact with.
    DirectoryTablePage* page(NavigationPage page) const;
    QLineEdit* searchBox() const { return m_search; }
    QComboBox* connectionPicker() const { return m_connectionPicker; }
    DetailsView* detailsView() const;
    QSplitter* splitter() const;
    QListWidget* navigationList() const;
    MessageBar* messageBar() const;
    QAction* refreshAction() const;
    QAction* cancelAction() const;
    QLabel* statusCounts() const { return m_countsLabel; }
    // "8 of 15 users shown" while a search or filter hides rows of the current page.
    QLabel* shownCounts() const { return m_shownLabel; }
    NoteCountdown* noteCountdown() const { return m_noteCountdown; }
    SnapshotPtr snapshot() const { return m_snapshot; }
    DriftPage* driftPage() const { return m_driftPage; }
    // The Audit page: connect its undoRequested/verifyRequested, call its reload() after a batch.
    AuditPage* auditPage() const { return m_auditPage; }
    // Every change to access goes through here (findings, details, the Audit page's undo and verify).
    RemediationController* remediation() const { return m_remediation; }
    // "Change access": what the selected user, group or service principal offers (rebuilt each time it opens).
    QMenu* changeAccessMenu() const { return m_changeAccessMenu; }
    void fillChangeAccessMenu();

    // The access policy drift reviews run under; every refresh reviews the fresh snapshot against it. `path` is
    // remembered in the settings (empty: this run only, e.g. the demo's).
    // `modified`: the policy differs from its file (the editor shows it as unsaved).
    void setPolicy(const Policy& policy, const QString& path = {}, bool modified = false);
    std::optional<Policy> policy() const { return m_policy; }
    bool isPolicyModified() const { return m_policyModified; }
    // Asks for a policy file and makes it the active one; errors are shown in the message bar.
    void openPolicy();
    // The policy editor, on the active policy (or a new one).
    void editPolicy();
    // The IdP connection of the active policy: where it is and the secret (keychain).
    void editIdpConnection();
    bool loadPolicy(const QString& path, QString* error);
    // The policy files opened last, newest first (File ▸ Recent policies).
    QStringList recentPolicies() const;
    QMenu* recentPoliciesMenu() const { return m_recentPolicies; }
    void fillRecentPolicies();
    // The policy file bound to a connection (empty: none chosen for it yet).
    QString policyPathOf(const QString& connectionId) const;
    bool isReviewing() const;

    // Shown when there is nothing to load yet (no saved connections).
    void showWelcome();

public slots:
    void manageConnections();

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void setupToolBar();
    void setupKeyboard();
    void rememberRecentPolicy(const QString& path);
    void setupTabOrder();
    NavigationHistory::Place currentPlace() const;
    void showPlace(const NavigationHistory::Place& place);
    void goBack();
    void goForward();
    void updateHistoryActions();
    void openContextMenuOfFocus();
    void showShortcuts();
    void setupStatusBar();
    void setupPages();
    void addPage(NavigationPage page, const QString& label, const QIcon& icon, DirectoryTablePage* widget);
    void populateConnections();
    void switchConnection(const QString& id);
    // After a switch: the policy this connection had this run, else its bound file, else — for the first
    // connection of the run — the policy chosen before it (the demo's); else none, and the user is asked.
    void choosePolicyFor(const QString& id, bool firstConnection);
    void bindPolicy(const QString& connectionId, const QString& path);
    void clearPolicy(const QString& why);
    void applySnapshot(const PreparedSnapshot& prepared);
    void clearSnapshot();
    void onPrepared(const QString& connectionId, const PreparedSnapshot& prepared);
    void updateStatus();
    void fitStatusBar();
    void updateTitle();
    void updateNavigationCounts();
    struct ShownCount
    {
        int shown = 0;
        int total = -1; // -1: nothing loaded
        QString noun;   // "users", "findings", …
    };
    ShownCount shownCount(NavigationPage page) const;
    void watchShownCounts(QAbstractItemModel* proxy);
    // Shows what is running: a progress bar per source (Databricks, the IdP), Cancel while either runs.
    void updateBusy();
    void applySearch();
    void showCurrentDetails();
    void showMessage(MessageBar::Level level, const QString& text, const QString& actionText = {},
                     std::function<void()> action = {}, const QString& secondText = {},
                     std::function<void()> second = {});
    void showAbout();
    void restoreSettings();
    void saveSettings() const;

    void onRefreshStarted(const QString& connectionId);
    void onRefreshProgress(const QString& connectionId, const LoadProgress& progress);
    void onRefreshFinished(const QString& connectionId, SnapshotPtr snapshot);
    void onRefreshFailed(const QString& connectionId, const QString& message, bool connectionProblem);
    void onRefreshCancelled(const QString& connectionId);
    void addNavigationItem(NavigationPage page, const QString& label, const QIcon& icon);
    void startReview();
    void startReviewWithRefresh(const Connection& connection);
    void showReviewStarting();
    QString idpName() const; // "Okta", "Entra ID", … for the IdP's progress bar
    void onReviewProgress(int done, int total, const QString& note);
    void onReviewFinished(const DriftReviewResult& result);
    void onReviewFailed(const QString& message);
    // Offers changes only where they may be made: never on a read-only connection, never without data.
    void updateChangeAvailability();
    void addToGroup(const DetailsTarget& target);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ConnectionStore& m_connections;
    IdpConnectionStore& m_idpConnections;
    TokenVault& m_tokens;
    QSettings& m_settings;
    RefreshController* m_refresh = nullptr;
    SnapshotPreparer* m_preparer = nullptr;
    DriftController* m_drift = nullptr;
    DriftPage* m_driftPage = nullptr;
    AuditPage* m_auditPage = nullptr;
    RemediationController* m_remediation = nullptr;
    QMenu* m_changeAccessMenu = nullptr;
    std::optional<Policy> m_policy;
    QString m_policyPath;
    // m_policy has changes (e.g. its idp block) that its file does not have.
    bool m_policyModified = false;
    // Each connection is reviewed under its own policy. The one a connection had this run is kept when switching
    // away (unsaved changes included); its file path is remembered with the connection (transient ones: here).
    struct ActivePolicy
    {
        Policy policy;
        QString path;
        bool modified = false;
    };
    QHash<QString, ActivePolicy> m_policyOf;
    NavigationHistory m_history;
    QAction* m_backAction = nullptr;
    QMenu* m_recentPolicies = nullptr;
    QAction* m_forwardAction = nullptr;
    QHash<QString, QString> m_transientPolicyPaths;
    QString m_preparingId; // connection whose fresh snapshot is being turned into table rows

    QComboBox* m_connectionPicker = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchTimer = nullptr;
    QTimer* m_countsTimer = nullptr; // coalesces the navigation's and status bar's counts
    QLabel* m_countsLabel = nullptr;
    QLabel* m_shownLabel = nullptr;
    QString m_refreshedToolTip;
    NoteCountdown* m_noteCountdown = nullptr;
    QLabel* m_noteLabel = nullptr;
    QLabel* m_ownerLabel = nullptr;
    QLabel* m_refreshedLabel = nullptr;
    QToolButton* m_warningButton = nullptr;
    QProgressBar* m_progressBar = nullptr;    // Databricks
    QProgressBar* m_idpProgressBar = nullptr; // the IdP, while a review loads it
    bool m_idpLookingUp = false;              // the IdP bar counts look-ups rather than groups
    bool m_databricksFailed = false;          // this refresh's Databricks load failed: the review's failure is its echo
    bool m_reviewFailed = false;              // this refresh's review failed: its error outlives the fresh tables
    bool m_reviewWhenPrepared = false;        // a policy arrived while the tables were prepared: review what they show
    QToolButton* m_cancelButton = nullptr;

    QMap<NavigationPage, DirectoryTablePage*> m_pages;
    QList<Connection> m_transientConnections;
    QString m_currentConnectionId;
    QHash<QString, std::shared_ptr<const PreparedSnapshot>> m_snapshots; // last good one per connection, this run
    SnapshotPtr m_snapshot;
    bool m_demoMode = false;
    std::function<void()> m_messageAction; // what the message bar's button does for the message shown
    std::function<void()> m_messageSecondAction;
    bool m_reviewErrorShown = false; // the message bar shows a review's error (cleared by the next success)
};

} // namespace gui
} // namespace scimitar
