#include "MainWindow.h"

#include "AppIcons.h"
#include "DisplayFormat.h"
#include "HelpText.h"
#include "RefreshController.h"
#include "SnapshotPreparer.h"
#include "TokenVault.h"
#include "audit/AuditEntryText.h"
#include "audit/AuditFilterProxy.h"
#include "audit/AuditPage.h"
#include "connections/ConnectionDialog.h"
#include "connections/ConnectionStore.h"
#include "details/DetailsView.h"
#include "drift/DriftController.h"
#include "drift/DriftPage.h"
#include "drift/FindingFilterProxy.h"
#include "drift/FindingText.h"
#include "drift/FindingsModel.h"
#include "drift/PersonAccess.h"
#include "idp/IdpConnectionDialog.h"
#include "models/EntitlementsModel.h"
#include "models/GroupsModel.h"
#include "models/PrincipalFilterProxy.h"
#include "models/RolesModel.h"
#include "models/ServicePrincipalsModel.h"
#include "models/UsersModel.h"
#include "policy/PolicyEditorDialog.h"
#include "policy/PolicyParser.h"
#include "remediation/AuditJournal.h"
#include "remediation/ChangeWords.h"
#include "remediation/PrincipalActions.h"
#include "remediation/RemediationController.h"
#include "scim/DirectoryLoader.h"
#include "secrets/PrivateFile.h"
#include "ui_MainWindow.h"
#include "widgets/DirectoryTablePage.h"
#include "widgets/MessageBar.h"
#include "widgets/NavigationDelegate.h"
#include "widgets/NoteCountdown.h"
#include "widgets/ScreenFit.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

namespace scimitar::gui {

namespace {

// The details pane keeps a readable column (at 130 px it wrapped "Entitlem ents"), and no more, so the table has
// the rest at 1024 px, and at 1280 px with a 12 pt font.
constexpr int kDetailsMinChars = 32;
constexpr qsizetype kRecentPolicies = 8;

int detailsMinimumWidth(const QFontMetrics& metrics)
{
    return metrics.averageCharWidth() * kDetailsMinChars;
}

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kPageKey = QStringLiteral("mainWindow/page");
const QString kPolicyKey = QStringLiteral("policy/path");

// Tables up to this size filter on every keystroke; bigger ones wait for a short pause in typing.
constexpr int kInstantSearchRows = 3000;
constexpr int kSearchDelayMs = 150;

NavigationPage pageFor(ItemKind kind)
{
    switch (kind) {
    case ItemKind::User:
        return NavigationPage::Users;
    case ItemKind::Group:
        return NavigationPage::Groups;
    case ItemKind::ServicePrincipal:
        return NavigationPage::ServicePrincipals;
    case ItemKind::Role:
        return NavigationPage::Roles;
    case ItemKind::Entitlement:
        return NavigationPage::Entitlements;
    }
    return NavigationPage::Users;
}

QString timeText(const QDateTime& when)
{
    return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
}

} // namespace

MainWindow::MainWindow(ConnectionStore& connections, IdpConnectionStore& idpConnections, TokenVault& tokens,
                       QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_connections(connections)
    , m_idpConnections(idpConnections)
    , m_tokens(tokens)
    , m_settings(settings)
    , m_refresh(new RefreshController(tokens, this))
    , m_preparer(new SnapshotPreparer(this))
    , m_drift(new DriftController(tokens, idpConnections, this))
    , m_remediation(new RemediationController(tokens, this))
    , m_searchTimer(new QTimer(this))
    , m_countsTimer(new QTimer(this))
{
    m_countsTimer->setSingleShot(true);
    m_countsTimer->setInterval(0);
    connect(m_countsTimer, &QTimer::timeout, this, &MainWindow::updateNavigationCounts);
    m_ui->setupUi(this);
    setWindowIcon(AppIcons::application());
    m_ui->actionRefresh->setIcon(AppIcons::refresh());
    m_ui->actionCancel->setIcon(AppIcons::cancel());
    m_ui->actionManageConnections->setIcon(AppIcons::connections());
    // Ctrl+Q everywhere: the platform's Quit binding is empty on some desktops (Windows has none).
    QList<QKeySequence> quit = QKeySequence::keyBindings(QKeySequence::Quit);
    if (!quit.contains(QKeySequence(Qt::CTRL | Qt::Key_Q)))
        quit.prepend(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_ui->actionQuit->setShortcuts(quit);

    setupToolBar();
    setupStatusBar();
    setupPages();

    // Only the table gives way when the window narrows: the navigation keeps room for whole labels, the details a
    // readable column (at 130 px it wrapped "Entitlem ents"; an e-mail address longer than the column still breaks
    // at its end rather than scroll sideways). The panes keep their sizes otherwise; only the user moves them, by
    // dragging a handle.
    m_ui->navigationList->setMinimumWidth(NavigationDelegate::fullWidth(m_ui->navigationList));
    m_ui->detailsView->setMinimumWidth(detailsMinimumWidth(fontMetrics()));
    m_ui->detailsView->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setStretchFactor(2, 0);
    m_ui->splitter->setSizes({m_ui->navigationList->minimumWidth(), 772, 320});
    m_ui->detailsView->showPlaceholder(tr("Choose a connection and press Refresh to load its users, groups and "
                                          "service principals."));

    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_ui->actionCancel, &QAction::triggered, this, &MainWindow::cancelRefresh);
    connect(m_ui->actionManageConnections, &QAction::triggered, this, &MainWindow::manageConnections);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    auto* openPolicyAction = new QAction(tr("Open &policy…"), this);
    openPolicyAction->setObjectName(QStringLiteral("actionOpenPolicy"));
    openPolicyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_ui->menuFile->insertAction(m_ui->actionQuit, openPolicyAction);
    connect(openPolicyAction, &QAction::triggered, this, &MainWindow::openPolicy);
    auto* editPolicyAction = new QAction(tr("&Edit policy…"), this);
    editPolicyAction->setObjectName(QStringLiteral("actionEditPolicy"));
    editPolicyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_ui->menuFile->insertAction(m_ui->actionQuit, editPolicyAction);
    connect(editPolicyAction, &QAction::triggered, this, &MainWindow::editPolicy);
    m_recentPolicies = new QMenu(tr("&Recent policies"), this);
    m_recentPolicies->setObjectName(QStringLiteral("recentPolicies"));
    m_ui->menuFile->insertMenu(m_ui->actionQuit, m_recentPolicies);
    connect(m_recentPolicies, &QMenu::aboutToShow, this, &MainWindow::fillRecentPolicies);
    auto* idpAction = new QAction(tr("&Identity provider…"), this);
    idpAction->setObjectName(QStringLiteral("actionIdpConnection"));
    m_ui->menuFile->insertAction(m_ui->actionQuit, idpAction);
    connect(idpAction, &QAction::triggered, this, &MainWindow::editIdpConnection);
    m_ui->menuFile->insertSeparator(m_ui->actionQuit);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    setupKeyboard();
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        // In a window too narrow for the whole toolbar the search box sits in its overflow menu: open that first,
        // or Ctrl+F would type into the table.
        if (!m_search->isVisible()) {
            if (auto* more = m_ui->mainToolBar->findChild<QToolButton*>(QStringLiteral("qt_toolbar_ext_button")))
                more->click();
        }
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_ui->detailsView, &DetailsView::navigateRequested, this, &MainWindow::navigateTo);
    connect(m_ui->messageBar, &MessageBar::actionTriggered, this, [this] {
        if (m_messageAction)
            m_messageAction();
    });
    connect(m_ui->messageBar, &MessageBar::secondActionTriggered, this, [this] {
        if (m_messageSecondAction)
            m_messageSecondAction();
    });

    connect(m_refresh, &RefreshController::started, this, &MainWindow::onRefreshStarted);
    connect(m_refresh, &RefreshController::progress, this, &MainWindow::onRefreshProgress);
    connect(m_refresh, &RefreshController::finished, this, &MainWindow::onRefreshFinished);
    connect(m_refresh, &RefreshController::failed, this, &MainWindow::onRefreshFailed);
    connect(m_refresh, &RefreshController::cancelled, this, &MainWindow::onRefreshCancelled);
    connect(m_preparer, &SnapshotPreparer::prepared, this, &MainWindow::onPrepared);
    connect(m_drift, &DriftController::progress, this, &MainWindow::onReviewProgress);
    connect(m_drift, &DriftController::lookupsStarted, this, [this](int count) {
        m_idpLookingUp = true;
        onReviewProgress(0, count, QString());
    });
    connect(m_drift, &DriftController::finished, this, &MainWindow::onReviewFinished);
    connect(m_drift, &DriftController::failed, this, &MainWindow::onReviewFailed);
    connect(m_drift, &DriftController::cancelled, this, [this] {
        updateBusy();
        m_noteCountdown->show(tr("Drift review cancelled."));
        if (m_driftPage->result())
            m_driftPage->setStale(true, tr("The review was cancelled."));
        else if (m_policy)
            m_driftPage->showWaiting(tr("Press Refresh (F5) to review drift under this policy."));
    });
    connect(&m_connections, &ConnectionStore::changed, this, &MainWindow::populateConnections);

    m_remediation->setContextProvider([this] { return RemediationContext{currentConnection(), m_snapshot, m_policy}; });
    connect(m_remediation, &RemediationController::message, this,
            [this](MessageBar::Level level, const QString& text) { showMessage(level, text); });
    // What was sent is read back with everything else, and drift is recomputed from what Databricks now says.
    connect(m_remediation, &RemediationController::changesApplied, this, &MainWindow::refresh);
    connect(m_remediation, &RemediationController::oneClickJournaled, this,
            [this](MessageBar::Level level, const QString& text, const QList<qint64>& intents) {
                auto showInAudit = [this, intents](bool thenUndo) {
                    m_search->clear(); // it would filter the Audit page too
                    setCurrentPage(NavigationPage::Audit);
                    m_auditPage->showIntents(intents, thenUndo);
                };
                showMessage(
                    level, text, tr("Undo…"), [showInAudit] { showInAudit(true); }, tr("Show in Audit"),
                    [showInAudit] { showInAudit(false); });
            });
    connect(m_driftPage, &DriftPage::fixRequested, m_remediation, &RemediationController::fixFinding);
    connect(m_driftPage, &DriftPage::fixSelectedRequested, m_remediation, &RemediationController::reviewFindings);

    setupTabOrder();
    populateConnections();
    restoreSettings();
    updateChangeAvailability();
    updateStatus();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupToolBar()
{
    QToolBar* bar = m_ui->mainToolBar;
    bar->setIconSize(QSize(20, 20));
    auto* connectionLabel = new QLabel(tr("Connection:"), bar);
    connectionLabel->setContentsMargins(4, 0, 4, 0);
    bar->addWidget(connectionLabel);
    m_connectionPicker = new QComboBox(bar);
    m_connectionPicker->setObjectName(QStringLiteral("connectionPicker"));
    m_connectionPicker->setAccessibleName(tr("Connection"));
    m_connectionPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_connectionPicker->setMinimumContentsLength(24);
    m_connectionPicker->setPlaceholderText(tr("No connections yet"));
    connectionLabel->setBuddy(m_connectionPicker);
    bar->addWidget(m_connectionPicker);
    connect(m_connectionPicker, &QComboBox::activated, this,
            [this](int index) { switchConnection(m_connectionPicker->itemData(index).toString()); });
    bar->addAction(m_ui->actionRefresh);
    bar->addAction(m_ui->actionCancel);
    bar->addSeparator();
    bar->addAction(m_ui->actionManageConnections);
    bar->addSeparator();
    m_changeAccessMenu = new QMenu(tr("Change access"), this);
    m_changeAccessMenu->setObjectName(QStringLiteral("changeAccessMenu"));
    connect(m_changeAccessMenu, &QMenu::aboutToShow, this, &MainWindow::fillChangeAccessMenu);
    auto* changeAccess = new QToolButton(bar);
    changeAccess->setObjectName(QStringLiteral("changeAccessButton"));
    changeAccess->setText(tr("Change access"));
    changeAccess->setToolTip(tr("Revoke a role, remove from a group, deactivate or reactivate the selected "
                                "principal, or add it to a group"));
    changeAccess->setMenu(m_changeAccessMenu);
    changeAccess->setPopupMode(QToolButton::InstantPopup);
    changeAccess->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(changeAccess);

    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    // Narrow enough that the whole toolbar fits a 1024 px window; wide enough for its placeholder.
    m_search->setMinimumWidth(220);
    m_search->setMaximumWidth(420);
    m_search->addAction(AppIcons::search(), QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);
    bar->addWidget(m_search);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &MainWindow::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        const DirectoryTablePage* current = page(currentPage());
        if (current && current->model()->rowCount() > kInstantSearchRows)
            m_searchTimer->start();
        else
            applySearch();
    });
}

void MainWindow::setupStatusBar()
{
    QStatusBar* bar = m_ui->statusBar;
    m_countsLabel = new QLabel(bar);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_countsLabel->setContentsMargins(6, 0, 6, 0);
    m_noteLabel = new QLabel(bar);
    m_noteLabel->setObjectName(QStringLiteral("noteLabel"));
    m_noteLabel->setForegroundRole(QPalette::PlaceholderText);
    m_shownLabel = new QLabel(bar);
    m_shownLabel->setObjectName(QStringLiteral("shownLabel"));
    m_shownLabel->setContentsMargins(6, 0, 6, 0);
    // Waits announced in notes ("retrying in 58 s") count down there.
    m_noteCountdown = new NoteCountdown(this);
    connect(m_noteCountdown, &NoteCountdown::textChanged, this, [this](const QString& text) {
        m_noteLabel->setText(text);
        fitStatusBar();
    });
    // The status labels never hold the window wider than its screen: fitStatusBar() shows what fits, whole.
    for (QLabel* label : {m_countsLabel, m_noteLabel})
        label->setMinimumWidth(1);
    bar->addWidget(m_countsLabel);
    bar->addWidget(m_shownLabel);
    bar->addWidget(m_noteLabel, 1);

    m_warningButton = new QToolButton(bar);
    m_warningButton->setObjectName(QStringLiteral("incompleteWarning"));
    m_warningButton->setAutoRaise(true);
    m_warningButton->setIcon(AppIcons::warning());
    m_warningButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_warningButton->setText(tr("Incomplete snapshot"));
    m_warningButton->setVisible(false);
    connect(m_warningButton, &QToolButton::clicked, this, [this] {
        if (m_snapshot)
            showMessage(
                MessageBar::Level::Warning,
                tr("This snapshot is incomplete: %1").arg(m_snapshot->info().warnings.join(QStringLiteral(" "))));
    });
    m_ownerLabel = new QLabel(bar);
    m_ownerLabel->setObjectName(QStringLiteral("ownerLabel"));
    m_ownerLabel->setMinimumWidth(1);
    m_refreshedLabel = new QLabel(bar);
    m_refreshedLabel->setObjectName(QStringLiteral("refreshedLabel"));
    m_progressBar = new QProgressBar(bar);
    m_progressBar->setObjectName(QStringLiteral("refreshProgress"));
    m_progressBar->setMinimumWidth(240);
    m_progressBar->setMaximumWidth(520);
    m_progressBar->setMaximumHeight(18);
    m_progressBar->setTextVisible(true);
    m_progressBar->setVisible(false);
    m_progressBar->setAccessibleName(tr("Databricks progress"));
    // The IdP loads at the same time as Databricks, so it has its own bar; each disappears when its side ends.
    m_idpProgressBar = new QProgressBar(bar);
    m_idpProgressBar->setObjectName(QStringLiteral("idpProgress"));
    m_idpProgressBar->setMinimumWidth(200);
    m_idpProgressBar->setMaximumWidth(360);
    m_idpProgressBar->setMaximumHeight(18);
    m_idpProgressBar->setTextVisible(true);
    m_idpProgressBar->setVisible(false);
    m_idpProgressBar->setAccessibleName(tr("Identity provider progress"));
    m_cancelButton = new QToolButton(bar);
    m_cancelButton->setDefaultAction(m_ui->actionCancel);
    m_cancelButton->setAutoRaise(true);
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelButton->setVisible(false);
    // Status texts may be clipped, but must never make the window wider than the screen.
    for (QLabel* label : {m_countsLabel, m_noteLabel, m_ownerLabel, m_refreshedLabel})
        label->setMinimumWidth(1);
    bar->addPermanentWidget(m_warningButton);
    bar->addPermanentWidget(m_ownerLabel);
    bar->addPermanentWidget(m_refreshedLabel);
    bar->addPermanentWidget(m_progressBar);
    bar->addPermanentWidget(m_idpProgressBar);
    bar->addPermanentWidget(m_cancelButton);
}

void MainWindow::setupPages()
{
    QListWidget* nav = m_ui->navigationList;
    nav->setItemDelegate(new NavigationDelegate(nav));
    nav->setIconSize(QSize(20, 20));
    nav->setFrameShape(QFrame::NoFrame);
    nav->setSpacing(1);
    // The window's colour, by role: a palette copied here kept the light colour after a switch to a dark one.
    nav->viewport()->setBackgroundRole(QPalette::Window);

    addPage(NavigationPage::Users, tr("Users"), AppIcons::user(),
            new DirectoryTablePage(new UsersModel, QStringLiteral("users")));
    addPage(NavigationPage::Groups, tr("Groups"), AppIcons::group(),
            new DirectoryTablePage(new GroupsModel, QStringLiteral("groups")));
    addPage(NavigationPage::ServicePrincipals, tr("Service principals"), AppIcons::servicePrincipal(),
            new DirectoryTablePage(new ServicePrincipalsModel, QStringLiteral("servicePrincipals")));
    addPage(NavigationPage::Roles, tr("Roles"), AppIcons::role(),
            new DirectoryTablePage(new RolesModel, QStringLiteral("roles")));
    addPage(NavigationPage::Entitlements, tr("Entitlements"), AppIcons::entitlement(),
            new DirectoryTablePage(new EntitlementsModel, QStringLiteral("entitlements")));
    m_driftPage = new DriftPage;
    m_ui->pages->addWidget(m_driftPage);
    watchShownCounts(m_driftPage->proxy());
    addNavigationItem(NavigationPage::Drift, tr("Drift"), AppIcons::drift());
    connect(m_driftPage, &DriftPage::currentFindingChanged, this, [this] {
        if (currentPage() == NavigationPage::Drift)
            showCurrentDetails();
    });
    connect(m_driftPage, &DriftPage::openPolicyRequested, this, &MainWindow::openPolicy);
    connect(m_remediation, &RemediationController::findingsFixed, m_driftPage, &DriftPage::markFixed);
    connect(m_driftPage, &DriftPage::exported, this,
            [this](const QString& sentence) { showMessage(MessageBar::Level::Information, sentence); });
    m_driftPage->view()->installEventFilter(this);

    // $SCIMITAR_AUDIT_JOURNAL, else the app's own journal: the file the CLI's audit list reads too.
    m_auditPage = new AuditPage(AuditJournal::configuredPath());
    m_ui->pages->addWidget(m_auditPage);
    addNavigationItem(NavigationPage::Audit, tr("Audit"), AppIcons::audit());
    connect(m_auditPage, &AuditPage::currentEntryChanged, this, [this] {
        if (currentPage() == NavigationPage::Audit)
            showCurrentDetails();
    });
    connect(m_auditPage, &AuditPage::loaded, this, &MainWindow::updateNavigationCounts);
    // The Audit page asks; the remediation controller previews, sends and journals, then the page reads again.
    connect(m_auditPage, &AuditPage::undoRequested, m_remediation, &RemediationController::reviewUndo);
    connect(m_auditPage, &AuditPage::verifyRequested, m_remediation, &RemediationController::reviewVerify);
    connect(m_remediation, &RemediationController::journalChanged, m_auditPage, &AuditPage::reload);
    m_auditPage->view()->installEventFilter(this);
    watchShownCounts(m_auditPage->proxy());

    connect(nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        const auto navPage =
            NavigationPage(m_ui->navigationList->item(row)->data(NavigationDelegate::PageRole).toInt());
        if (navPage == NavigationPage::Drift) {
            m_ui->pages->setCurrentWidget(m_driftPage);
            m_search->setPlaceholderText(tr("Search findings  (Ctrl+F)"));
        } else if (navPage == NavigationPage::Audit) {
            m_ui->pages->setCurrentWidget(m_auditPage); // shown: it reads the journal again
            m_search->setPlaceholderText(tr("Search changes  (Ctrl+F)"));
        } else {
            DirectoryTablePage* widget = page(navPage);
            m_ui->pages->setCurrentWidget(widget);
            m_search->setPlaceholderText(tr("Search %1  (Ctrl+F)").arg(widget->model()->itemsName()));
            m_search->setToolTip(tr("Every word must match. \"column:text\" looks in one column only: "
                                    "group:pii-analysts, status:inactive, role:pii-read."));
        }
        applySearch();
        showCurrentDetails();
        m_countsTimer->start(); // the status bar's "8 of 15 shown" is the current page's
    });
    nav->setCurrentRow(0);
}

void MainWindow::addNavigationItem(NavigationPage navPage, const QString& label, const QIcon& icon)
{
    auto* item = new QListWidgetItem(icon, label, m_ui->navigationList);
    item->setData(NavigationDelegate::PageRole, int(navPage));
    item->setToolTip(label); // a narrow panel elides the label
    // Ctrl+1, Ctrl+2, …: every page one chord away, listed in the View menu so people can discover them.
    const int position = m_ui->navigationList->count() - 1;
    if (position == 0)
        m_ui->menuView->addSeparator();
    QAction* go = m_ui->menuView->addAction(icon, label);
    go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + position)));
    connect(go, &QAction::triggered, this, [this, navPage] { setCurrentPage(navPage); });
}

void MainWindow::addPage(NavigationPage navPage, const QString& label, const QIcon& icon, DirectoryTablePage* widget)
{
    addNavigationItem(navPage, label, icon);
    m_ui->pages->addWidget(widget);
    m_pages.insert(navPage, widget);
    watchShownCounts(widget->proxy());
    connect(widget, &DirectoryTablePage::currentTargetChanged, this, [this, widget] {
        if (m_ui->pages->currentWidget() == widget)
            showCurrentDetails();
    });
    widget->view()->installEventFilter(this);
}

DirectoryTablePage* MainWindow::page(NavigationPage navPage) const
{
    return m_pages.value(navPage);
}

DetailsView* MainWindow::detailsView() const
{
    return m_ui->detailsView;
}

QSplitter* MainWindow::splitter() const
{
    return m_ui->splitter;
}

QListWidget* MainWindow::navigationList() const
{
    return m_ui->navigationList;
}

MessageBar* MainWindow::messageBar() const
{
    return m_ui->messageBar;
}

QAction* MainWindow::refreshAction() const
{
    return m_ui->actionRefresh;
}

QAction* MainWindow::cancelAction() const
{
    return m_ui->actionCancel;
}

void MainWindow::setCurrentPage(NavigationPage navPage)
{
    QListWidget* nav = m_ui->navigationList;
    for (int row = 0; row < nav->count(); ++row) {
        if (nav->item(row)->data(NavigationDelegate::PageRole).toInt() == int(navPage)) {
            nav->setCurrentRow(row);
            return;
        }
    }
}

NavigationPage MainWindow::currentPage() const
{
    const QListWidgetItem* item = m_ui->navigationList->currentItem();
    return item ? NavigationPage(item->data(NavigationDelegate::PageRole).toInt()) : NavigationPage::Users;
}

void MainWindow::navigateTo(const DetailsTarget& target)
{
    m_history.leave(currentPlace());
    showPlace({pageFor(target.kind), target});
    updateHistoryActions();
}

NavigationHistory::Place MainWindow::currentPlace() const
{
    NavigationHistory::Place place{currentPage(), std::nullopt};
    if (const DirectoryTablePage* widget = page(place.page))
        place.item = widget->currentTarget();
    return place;
}

void MainWindow::showPlace(const NavigationHistory::Place& place)
{
    setCurrentPage(place.page);
    DirectoryTablePage* widget = page(place.page);
    if (!widget)
        return;
    if (place.item && !widget->selectId(place.item->id) && !m_search->text().isEmpty()) {
        // The search hides it: clear the search rather than fail to follow the link.
        m_search->clear();
        applySearch();
        widget->selectId(place.item->id);
    }
    widget->view()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::goBack()
{
    if (const std::optional<NavigationHistory::Place> place = m_history.back(currentPlace()))
        showPlace(*place);
    updateHistoryActions();
}

void MainWindow::goForward()
{
    if (const std::optional<NavigationHistory::Place> place = m_history.forward(currentPlace()))
        showPlace(*place);
    updateHistoryActions();
}

void MainWindow::updateHistoryActions()
{
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void MainWindow::setupKeyboard()
{
    // Back and Forward after following a details link, as in a browser.
    m_backAction = new QAction(AppIcons::back(), tr("&Back"), this);
    m_backAction->setObjectName(QStringLiteral("actionBack"));
    m_backAction->setShortcuts(QKeySequence::Back); // Alt+Left
    m_forwardAction = new QAction(AppIcons::forward(), tr("&Forward"), this);
    m_forwardAction->setObjectName(QStringLiteral("actionForward"));
    m_forwardAction->setShortcuts(QKeySequence::Forward); // Alt+Right
    QAction* firstPage = m_ui->menuView->actions().value(m_ui->menuView->actions().indexOf(m_ui->actionFind) + 1);
    m_ui->menuView->insertActions(firstPage, {m_backAction, m_forwardAction});
    connect(m_backAction, &QAction::triggered, this, &MainWindow::goBack);
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::goForward);
    updateHistoryActions();

    // Shift+F10 opens the focused widget's context menu, as the Menu key does (Qt handles only the latter).
    auto* contextMenu = new QAction(tr("Open context menu"), this);
    contextMenu->setObjectName(QStringLiteral("actionContextMenu"));
    contextMenu->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10));
    contextMenu->setShortcutContext(Qt::WindowShortcut);
    addAction(contextMenu);
    connect(contextMenu, &QAction::triggered, this, &MainWindow::openContextMenuOfFocus);

    auto* shortcuts = new QAction(tr("&Keyboard shortcuts"), this);
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    shortcuts->setShortcuts(QKeySequence::HelpContents); // F1
    auto* docs = new QAction(tr("&Documentation"), this);
    docs->setObjectName(QStringLiteral("actionDocumentation"));
    m_ui->menuHelp->insertActions(m_ui->actionAbout, {shortcuts, docs});
    m_ui->menuHelp->insertSeparator(m_ui->actionAbout);
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(docs, &QAction::triggered, this, [this] {
        const QString folder = HelpText::documentationFolder();
        if (folder.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
            showMessage(MessageBar::Level::Warning,
                        folder.isEmpty() ? tr("The documentation is not installed with this copy of Scimitar.")
                                         : tr("Could not open %1.").arg(folder));
    });
}

void MainWindow::setupTabOrder()
{
    // Left to right, as the window reads: the toolbar's controls, the navigation, the page's own controls and
    // table, then the details and their links. The pages are made after the details pane, so by creation order
    // Tab went from the navigation to the details and reached the table last.
    QList<QWidget*> order;
    for (QAction* action : m_ui->mainToolBar->actions()) {
        QWidget* control = m_ui->mainToolBar->widgetForAction(action);
        if (control && (control->focusPolicy() & Qt::TabFocus))
            order.append(control);
    }
    order.append(m_ui->navigationList);
    for (int i = 0; i < m_ui->pages->count(); ++i) {
        QWidget* pageWidget = m_ui->pages->widget(i);
        QList<QWidget*> inside;
        for (QWidget* next = pageWidget->nextInFocusChain(); next != pageWidget && pageWidget->isAncestorOf(next);
             next = next->nextInFocusChain()) {
            if ((next->focusPolicy() & Qt::TabFocus) && !inside.contains(next))
                inside.append(next);
        }
        order += inside;
    }
    order.append(m_ui->detailsView);
    for (qsizetype i = 0; i + 1 < order.size(); ++i)
        QWidget::setTabOrder(order.at(i), order.at(i + 1));
}

void MainWindow::openContextMenuOfFocus()
{
    QWidget* focus = QApplication::focusWidget();
    if (!focus || !isAncestorOf(focus))
        return;
    QWidget* target = focus;
    QPoint position = focus->rect().center();
    if (auto* view = qobject_cast<QAbstractItemView*>(focus)) {
        // At the current row, where the Menu key puts it; item views take the event on their viewport.
        target = view->viewport();
        const QRect row = view->visualRect(view->currentIndex());
        position = row.isValid() ? row.center() : target->rect().topLeft();
    }
    QContextMenuEvent event(QContextMenuEvent::Keyboard, position, target->mapToGlobal(position));
    QCoreApplication::sendEvent(target, &event);
}

void MainWindow::showShortcuts()
{
    QList<HelpText::Shortcut> listed;
    for (const QAction* action : findChildren<QAction*>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& sequence : action->shortcuts())
            keys.append(sequence.toString(QKeySequence::NativeText));
        listed.append({action->text().remove(QLatin1Char('&')), keys.join(tr(" or "))});
    }
    auto* box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard shortcuts"), HelpText::shortcutsHtml(listed),
                                QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("shortcutsBox"));
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::applySearch()
{
    m_searchTimer->stop();
    if (currentPage() == NavigationPage::Drift)
        m_driftPage->setSearchText(m_search->text().trimmed());
    else if (currentPage() == NavigationPage::Audit)
        m_auditPage->setSearchText(m_search->text().trimmed());
    else if (DirectoryTablePage* widget = page(currentPage()))
        widget->setSearchText(m_search->text().trimmed());
}

void MainWindow::showCurrentDetails()
{
    if (currentPage() == NavigationPage::Drift && m_driftPage->showsGroupDiff()) {
        // The diff's row, not a finding selected on the other tab: the person, with where their access comes from.
        const std::optional<ManagedGroupDiff::Row> row = m_driftPage->currentDiffRow();
        if (row && !row->userId.isEmpty() && m_snapshot && m_snapshot->findUser(row->userId))
            m_ui->detailsView->showTarget(DetailsTarget{ItemKind::User, row->userId});
        else
            m_ui->detailsView->showPlaceholder(
                row ? tr("%1 has no Databricks user (not provisioned).").arg(row->userName)
                    : tr("Select a person in the group diff to see their access and findings."));
        return;
    }
    if (currentPage() == NavigationPage::Drift) {
        if (const QString summary = m_driftPage->selectionSummary(); !summary.isEmpty()) {
            m_ui->detailsView->showPlaceholder(summary + QStringLiteral("\n\n") +
                                               tr("Fix selected… reviews the changes for those that can be fixed "
                                                  "and lists the others with the reason."));
            return;
        }
        const Finding* finding = m_driftPage->currentFinding();
        if (!finding) {
            m_ui->detailsView->showPlaceholder(m_driftPage->result()
                                                   ? tr("Select a finding to see why it was reported and what "
                                                        "would fix it.")
                                                   : tr("No drift review yet."));
            return;
        }
        const Finding copy = *finding;
        const bool stale = m_driftPage->isStale();
        m_ui->detailsView->showHtml(
            [copy, stale](const QPalette& palette) { return FindingText::detailsHtml(copy, palette, stale); });
        return;
    }
    if (currentPage() == NavigationPage::Audit) {
        const std::optional<JournalEntry> entry = m_auditPage->currentEntry();
        if (!entry) {
            m_ui->detailsView->showPlaceholder(
                tr("Select a change to see the exact request, what the server answered and what a re-read showed."));
            return;
        }
        m_ui->detailsView->showHtml(
            [copy = *entry](const QPalette& palette) { return AuditEntryText::detailsHtml(copy, palette); });
        return;
    }
    if (!m_snapshot)
        return;
    m_ui->detailsView->showTarget(page(currentPage())->currentTarget());
}

// ---- connections ----

void MainWindow::addTransientConnection(const Connection& connection)
{
    m_transientConnections.append(connection);
    populateConnections();
}

void MainWindow::addTransientIdpConnection(const IdpConnection& connection)
{
    m_drift->addTransientConnection(connection);
}

void MainWindow::setJournalPath(const QString& path)
{
    m_remediation->setJournalPath(path);
    m_auditPage->setJournalPath(path.isEmpty() ? AuditJournal::configuredPath() : path);
}

void MainWindow::setDemoMode(bool demo)
{
    m_demoMode = demo;
    // The demo is a sandbox: its journal is thrown away, so a real connection is neither listed nor managed here,
    // or a change to real access would be journaled where nobody will find it.
    m_ui->actionManageConnections->setEnabled(!demo);
    m_ui->actionManageConnections->setToolTip(
        demo ? tr("The demo shows only its own workspace; start Scimitar without --demo to use your connections.")
             : m_ui->actionManageConnections->text().remove(QLatin1Char('&')));
    populateConnections();
    updateTitle();
}

void MainWindow::populateConnections()
{
    const QSignalBlocker blocker(m_connectionPicker);
    m_connectionPicker->clear();
    for (const Connection& connection : std::as_const(m_transientConnections))
        m_connectionPicker->addItem(AppIcons::demo(), connection.name, connection.id);
    if (!m_demoMode) {
        for (const Connection& connection : m_connections.list())
            m_connectionPicker->addItem(connection.name, connection.id);
    }
    const int index = m_connectionPicker->findData(m_currentConnectionId);
    m_connectionPicker->setCurrentIndex(index);
    // A deleted connection's policy is not kept for a connection that may later reuse nothing of it.
    m_policyOf.removeIf(
        [this](decltype(m_policyOf)::iterator kept) { return m_connectionPicker->findData(kept.key()) < 0; });
    if (index < 0 && !m_currentConnectionId.isEmpty()) {
        // The current connection was deleted: its data no longer belongs to anything the user can pick.
        m_currentConnectionId.clear();
        cancelRefresh();
        clearSnapshot();
    }
    m_ui->actionRefresh->setEnabled(!isRefreshing() && m_connectionPicker->count() > 0);
    updateTitle();
    updateChangeAvailability();
}

std::optional<Connection> MainWindow::currentConnection() const
{
    if (m_currentConnectionId.isEmpty())
        return std::nullopt;
    for (const Connection& connection : m_transientConnections) {
        if (connection.id == m_currentConnectionId)
            return connection;
    }
    return m_connections.find(m_currentConnectionId);
}

bool MainWindow::selectConnection(const QString& id)
{
    const int index = m_connectionPicker->findData(id);
    if (index < 0)
        return false;
    m_connectionPicker->setCurrentIndex(index);
    switchConnection(id);
    return true;
}

void MainWindow::switchConnection(const QString& id)
{
    if (id == m_currentConnectionId)
        return;
    cancelRefresh();
    updateBusy();
    const QString previous = m_currentConnectionId;
    if (!previous.isEmpty() && m_policy)
        m_policyOf.insert(previous, {*m_policy, m_policyPath, m_policyModified});
    m_currentConnectionId = id;
    const bool transient = std::any_of(m_transientConnections.cbegin(), m_transientConnections.cend(),
                                       [&id](const Connection& c) { return c.id == id; });
    if (!transient)
        m_connections.setLastConnectionId(id);
    m_ui->messageBar->dismiss();
    // A review belongs to the connection it was made for, and so does its policy.
    if (m_policy) {
        m_driftPage->showNoPolicy({});
        m_driftPage->showWaiting(tr("Press Refresh (F5) to review drift under this policy."));
    }
    choosePolicyFor(id, previous.isEmpty());
    if (const auto cached = m_snapshots.value(id))
        applySnapshot(*cached);
    else
        clearSnapshot();
    updateTitle();
    // Nothing loaded for it yet this run: load now, there is nothing else to show.
    if (!m_snapshot)
        refresh();
}

void MainWindow::manageConnections()
{
    if (m_demoMode)
        return; // see setDemoMode
    auto* dialog = new ConnectionDialog(m_connections, m_tokens, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const std::optional<Connection> current = currentConnection())
        dialog->selectConnection(current->id);
    connect(dialog, &ConnectionDialog::connectionSaved, this, [this](const QString& id) {
        if (id == m_currentConnectionId)
            refresh(); // its host or token may have changed
        else if (m_currentConnectionId.isEmpty() || !m_snapshot)
            selectConnection(id); // the window had nothing better to show
    });
    dialog->open();
}

void MainWindow::showWelcome()
{
    showMessage(MessageBar::Level::Information,
                tr("Add a Databricks workspace or account connection to see who holds which access. To look around "
                   "first, start Scimitar with --demo."),
                tr("Manage connections…"), [this] { manageConnections(); });
}

// ---- refresh ----

void MainWindow::refresh()
{
    const std::optional<Connection> connection = currentConnection();
    if (!connection) {
        showWelcome();
        return;
    }
    // One Refresh reloads both sides at once: the IdP starts before Databricks (whose start may fail at once, which
    // the review must then hear) and gets the snapshot when it is in.
    m_databricksFailed = false;
    m_reviewFailed = false;
    m_reviewWhenPrepared = false;
    if (m_policy)
        startReviewWithRefresh(*connection);
    m_refresh->start(*connection);
}

void MainWindow::cancelRefresh()
{
    if (m_drift->isRunning())
        m_drift->cancel(); // answers with cancelled()
    if (m_refresh->isRunning()) {
        m_refresh->cancel(); // answers with cancelled()
        return;
    }
    if (!m_preparingId.isEmpty()) {
        // Loaded but not shown yet: drop it, keep what is on screen.
        const QString id = m_preparingId;
        m_preparer->discard();
        m_preparingId.clear();
        onRefreshCancelled(id);
    }
}

bool MainWindow::isRefreshing() const
{
    return m_refresh->isRunning() || !m_preparingId.isEmpty() || m_drift->isRunning();
}

bool MainWindow::isReviewing() const
{
    return m_drift->isRunning();
}

void MainWindow::updateBusy()
{
    const bool databricks = m_refresh->isRunning() || !m_preparingId.isEmpty();
    const bool idp = m_drift->isRunning();
    const bool busy = databricks || idp;
    m_ui->actionRefresh->setEnabled(!busy && m_connectionPicker->count() > 0);
    m_ui->actionCancel->setEnabled(busy);
    m_progressBar->setVisible(databricks);
    m_idpProgressBar->setVisible(idp);
    m_cancelButton->setVisible(busy);
    // While loading, the bar and its Cancel button take the place of the "refreshed" time (about to be stale).
    m_refreshedLabel->setVisible(!busy);
    m_ownerLabel->setVisible(!busy);
    if (!busy)
        m_noteCountdown->show(QString());
    fitStatusBar();
}

void MainWindow::onRefreshStarted(const QString& connectionId)
{
    if (connectionId != m_currentConnectionId)
        return;
    updateBusy();
    m_progressBar->setRange(0, 0);
    m_progressBar->setFormat(tr("Databricks: connecting…"));
    m_noteCountdown->show(tr("Refreshing %1…").arg(currentConnection() ? currentConnection()->name : QString()));
}

void MainWindow::onRefreshProgress(const QString& connectionId, const LoadProgress& progress)
{
    if (connectionId != m_currentConnectionId)
        return;
    // The text first, so it is current whenever the value changes.
    const QString text = tr("Databricks: %1").arg(DisplayFormat::progress(progress));
    m_progressBar->setFormat(text);
    m_progressBar->setToolTip(text);
    const int total = progress.total();
    if (total > 0) {
        m_progressBar->setRange(0, total);
        m_progressBar->setValue(std::min(progress.done(), total));
    }
    // Grow with the text (up to the maximum) so it is not wrapped inside the bar.
    m_progressBar->setMinimumWidth(
        std::clamp(m_progressBar->fontMetrics().horizontalAdvance(text) + 48, 240, m_progressBar->maximumWidth()));
    // Throttling notes matter ("why is this slow?"); everything else is in the bar.
    m_noteCountdown->show(progress.note);
    m_noteLabel->setToolTip(progress.note);
}

void MainWindow::onRefreshFinished(const QString& connectionId, SnapshotPtr snapshot)
{
    if (connectionId != m_currentConnectionId) {
        updateBusy();
        return;
    }
    // The review compares this very snapshot with the IdP, whose side may already be in.
    m_drift->provideSnapshot(snapshot);
    // Still busy: the tables' rows are computed off the GUI thread before the new data is swapped in.
    m_preparingId = connectionId;
    m_progressBar->setRange(0, 0);
    m_progressBar->setFormat(tr("Databricks: preparing tables…"));
    QList<SnapshotTableModel::Preparer> preparers;
    for (const DirectoryTablePage* widget : std::as_const(m_pages))
        preparers.append(widget->model()->preparer());
    m_preparer->prepare(connectionId, std::move(snapshot), std::move(preparers));
}

void MainWindow::onPrepared(const QString& connectionId, const PreparedSnapshot& prepared)
{
    if (connectionId.isEmpty() || !prepared.snapshot)
        return;
    m_snapshots.insert(connectionId, std::make_shared<const PreparedSnapshot>(prepared));
    if (connectionId == m_preparingId)
        m_preparingId.clear();
    updateBusy();
    if (connectionId != m_currentConnectionId)
        return;
    // An IdP error of this refresh stays up: the tables are fresh, the review is not.
    if (m_ui->messageBar->level() == MessageBar::Level::Error && !m_reviewFailed)
        m_ui->messageBar->dismiss();
    applySnapshot(prepared);
    if (std::exchange(m_reviewWhenPrepared, false) && m_policy && !m_drift->isRunning())
        startReview();
}

void MainWindow::onRefreshFailed(const QString& connectionId, const QString& message, bool connectionProblem)
{
    if (connectionId == m_currentConnectionId && m_drift->isRunning()) {
        // Never drift from partial data: the review ends too. Its failure repeats this one, so it stays quiet.
        m_databricksFailed = true;
        m_drift->databricksFailed(message);
    }
    updateBusy();
    if (connectionId != m_currentConnectionId)
        return;
    const std::optional<Connection> connection = currentConnection();
    QString text = tr("Could not refresh “%1”: %2").arg(connection ? connection->name : QString(), message.trimmed());
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    if (m_snapshot)
        text += QLatin1Char(' ') + tr("The data shown is from %1.").arg(timeText(m_snapshot->info().loadedAt));
    if (m_driftPage->result())
        m_driftPage->setStale(true, tr("The last refresh failed."));
    if (connectionProblem)
        showMessage(MessageBar::Level::Error, text, tr("Manage connections…"), [this] { manageConnections(); });
    else
        showMessage(MessageBar::Level::Error, text, tr("Retry"), [this] { refresh(); });
}

void MainWindow::onRefreshCancelled(const QString& connectionId)
{
    // Cancel stops both sides; a review waiting for this snapshot would wait forever.
    if (connectionId == m_currentConnectionId && m_drift->isRunning())
        m_drift->cancel();
    updateBusy();
    if (connectionId != m_currentConnectionId)
        return;
    m_noteCountdown->show(
        m_snapshot ? tr("Refresh cancelled; showing the data from %1.").arg(timeText(m_snapshot->info().loadedAt))
                   : tr("Refresh cancelled."));
}

// ---- drift ----

QString MainWindow::policyPathOf(const QString& connectionId) const
{
    if (m_transientPolicyPaths.contains(connectionId))
        return m_transientPolicyPaths.value(connectionId);
    return m_connections.policyPath(connectionId);
}

void MainWindow::bindPolicy(const QString& connectionId, const QString& path)
{
    if (connectionId.isEmpty() || path.isEmpty())
        return;
    const bool transient = std::any_of(m_transientConnections.cbegin(), m_transientConnections.cend(),
                                       [&connectionId](const Connection& c) { return c.id == connectionId; });
    if (transient)
        m_transientPolicyPaths.insert(connectionId, path); // the demo leaves the user's settings alone
    else
        m_connections.setPolicyPath(connectionId, path);
}

void MainWindow::clearPolicy(const QString& why)
{
    m_policy.reset();
    m_policyPath.clear();
    m_policyModified = false;
    m_driftPage->showNoPolicy(why);
}

void MainWindow::choosePolicyFor(const QString& id, bool firstConnection)
{
    if (const auto kept = m_policyOf.find(id); kept != m_policyOf.end()) {
        m_policy = kept->policy;
        m_policyPath = kept->path;
        m_policyModified = kept->modified;
        return;
    }
    const std::optional<Connection> connection = currentConnection();
    const QString name = connection ? connection->name : id;
    if (const QString bound = policyPathOf(id); !bound.isEmpty()) {
        if (m_policy && !m_policyModified && m_policyPath == bound)
            return;
        QString error;
        std::optional<Policy> policy = PolicyParser::load(bound, &error);
        if (policy) {
            m_policy = *policy;
            m_policyPath = bound;
            m_policyModified = false;
            return;
        }
        clearPolicy(tr("The access policy chosen for %1 cannot be used: %2").arg(name, error));
        showMessage(MessageBar::Level::Error, error, tr("Open policy…"), [this] { openPolicy(); });
        return;
    }
    if (firstConnection) {
        // A policy chosen before any connection (the demo's) belongs to the first one.
        if (m_policy)
            bindPolicy(id, m_policyPath);
        return;
    }
    if (!m_policy)
        return;
    // Never carried over silently: the other connection's policy names another IdP, other groups, other roles.
    const ActivePolicy offered{*m_policy, m_policyPath, m_policyModified};
    const QString offeredName = offered.path.isEmpty() ? tr("the unsaved policy") : QFileInfo(offered.path).fileName();
    clearPolicy(tr("No access policy has been chosen for %1 yet, so its drift is not reviewed. Open one, or use %2 "
                   "here too.")
                    .arg(name, offeredName));
    showMessage(
        MessageBar::Level::Information,
        tr("No access policy has been chosen for %1 yet; drift is not reviewed until you choose one.").arg(name),
        tr("Use %1 here").arg(offeredName), [this, id, offered] {
            if (id == m_currentConnectionId)
                setPolicy(offered.policy, offered.path, offered.modified);
        });
}

void MainWindow::setPolicy(const Policy& policy, const QString& path, bool modified)
{
    m_policy = policy;
    m_policyPath = path;
    m_policyModified = modified;
    bindPolicy(m_currentConnectionId, path);
    rememberRecentPolicy(path);
    m_driftPage->showWaiting(tr("Press Refresh (F5) to review drift under this policy."));
    if (m_drift->isRunning())
        return; // under the previous policy; the next Refresh uses this one
    // A refresh under way is reviewed too: join its Databricks load, or review its snapshot once it is shown.
    const std::optional<Connection> connection = currentConnection();
    if (m_refresh->isRunning() && connection)
        startReviewWithRefresh(*connection);
    else if (!m_preparingId.isEmpty())
        m_reviewWhenPrepared = true;
    else if (m_snapshot)
        startReview();
}

bool MainWindow::loadPolicy(const QString& path, QString* error)
{
    std::optional<Policy> policy = PolicyParser::load(path, error);
    if (!policy)
        return false;
    setPolicy(*policy, QFileInfo(path).absoluteFilePath());
    return true;
}

void MainWindow::rememberRecentPolicy(const QString& path)
{
    if (path.isEmpty() || m_demoMode)
        return; // the demo's policy is its own, and the demo leaves the user's settings alone
    QStringList recent = m_settings.value(QStringLiteral("policy/recent")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    m_settings.setValue(QStringLiteral("policy/recent"), recent.mid(0, kRecentPolicies));
}

QStringList MainWindow::recentPolicies() const
{
    return m_settings.value(QStringLiteral("policy/recent")).toStringList();
}

void MainWindow::fillRecentPolicies()
{
    m_recentPolicies->clear();
    const QStringList recent = recentPolicies();
    if (recent.isEmpty()) {
        m_recentPolicies->addAction(tr("No policy opened yet"))->setEnabled(false);
        return;
    }
    for (const QString& path : recent) {
        QAction* open = m_recentPolicies->addAction(QFileInfo(path).fileName());
        open->setToolTip(path);
        open->setData(path);
        open->setEnabled(QFileInfo::exists(path));
        connect(open, &QAction::triggered, this, [this, path] {
            QString error;
            if (!loadPolicy(path, &error))
                showMessage(MessageBar::Level::Error, error, tr("Open policy…"), [this] { openPolicy(); });
        });
    }
}

void MainWindow::openPolicy()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open access policy"), m_policyPath.isEmpty() ? QString() : QFileInfo(m_policyPath).path(),
        tr("Access policies (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadPolicy(path, &error))
        showMessage(MessageBar::Level::Error, error, tr("Open policy…"), [this] { openPolicy(); });
}

void MainWindow::editPolicy()
{
    auto* dialog = new PolicyEditorDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPolicy(m_policy ? *m_policy : Policy(), m_policyPath, m_policyModified);
    connect(dialog, &PolicyEditorDialog::policyChosen, this, [this, dialog](const Policy& policy, const QString& path) {
        setPolicy(policy, path, dialog->isModified());
    });
    dialog->open();
}

void MainWindow::editIdpConnection()
{
    auto* dialog = new IdpConnectionDialog(m_tokens, m_idpConnections, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList groups = m_policy ? m_policy->idpGroups() : QStringList();
    dialog->setSettings(m_policy ? m_policy->idp() : IdpSettings(), groups.value(0));
    connect(dialog, &IdpConnectionDialog::settingsSaved, this, [this](const IdpSettings& idp) {
        if (!m_policy)
            return;
        if (idp == m_policy->idp())
            return;
        // Where the IdP is belongs to the policy: used from now on, kept in the file when the policy is saved.
        Policy updated(idp, m_policy->match(), m_policy->rules(), m_policy->protectedUsers(),
                       m_policy->protectedGroups());
        updated.setDescription(m_policy->description());
        updated.setBaseDirectory(m_policy->baseDirectory());
        m_policy = updated;
        m_policyModified = true;
        showMessage(MessageBar::Level::Information,
                    tr("The policy now names this identity provider; save the policy to keep it in its file."),
                    tr("Edit policy…"), [this] { editPolicy(); });
    });
    dialog->open();
}

void MainWindow::startReview()
{
    if (!m_policy || !m_snapshot)
        return;
    m_databricksFailed = false;
    m_reviewFailed = false;
    m_drift->start(m_snapshot, *m_policy);
    showReviewStarting();
}

void MainWindow::startReviewWithRefresh(const Connection& connection)
{
    m_drift->start(*m_policy, connection.name);
    showReviewStarting();
}

void MainWindow::showReviewStarting()
{
    if (!m_driftPage->result())
        m_driftPage->showWaiting(tr("Reviewing drift…"));
    m_idpLookingUp = false;
    m_idpProgressBar->setRange(0, 0);
    m_idpProgressBar->setFormat(tr("%1: connecting…").arg(idpName()));
    m_idpProgressBar->setToolTip(QString());
    updateBusy();
}

QString MainWindow::idpName() const
{
    if (!m_policy)
        return tr("Identity provider");
    switch (m_policy->idp().type) {
    case IdpType::Okta:
        return tr("Okta");
    case IdpType::Entra:
        return tr("Entra ID");
    case IdpType::File:
        return tr("IdP file");
    }
    return tr("Identity provider");
}

void MainWindow::onReviewProgress(int done, int total, const QString& note)
{
    // The text first, so it is current whenever the value changes.
    if (total > 0) {
        m_idpProgressBar->setFormat(m_idpLookingUp ? tr("%1: %2 of %3 look-ups").arg(idpName()).arg(done).arg(total)
                                                   : tr("%1: %2 of %3 groups").arg(idpName()).arg(done).arg(total));
        m_idpProgressBar->setRange(0, total);
        m_idpProgressBar->setValue(std::min(done, total));
    } else if (m_idpLookingUp) {
        m_idpProgressBar->setFormat(tr("%1: checking…").arg(idpName()));
        m_idpProgressBar->setRange(0, 1);
        m_idpProgressBar->setValue(1);
    } else {
        m_idpProgressBar->setFormat(tr("%1: loading…").arg(idpName()));
    }
    if (note.isEmpty())
        return;
    m_idpProgressBar->setToolTip(note);
    // The note line belongs to Databricks while it loads (its throttling notes explain a slow refresh).
    if (!m_progressBar->isVisible()) {
        m_noteCountdown->show(note);
        m_noteLabel->setToolTip(note);
    }
}

void MainWindow::onReviewFinished(const DriftReviewResult& result)
{
    updateBusy();
    // The error of an earlier review is over: this one succeeded. Other messages (a fix's outcome) stay.
    if (std::exchange(m_reviewErrorShown, false) && m_ui->messageBar->level() == MessageBar::Level::Error)
        m_ui->messageBar->dismiss();
    m_driftPage->setResult(result);
    updateNavigationCounts();
    // Users' details now also say where each piece of their managed access comes from.
    m_ui->detailsView->setSupplement([page = m_driftPage](const DetailsTarget& target, const QPalette& palette) {
        const auto& current = page->result();
        if (target.kind != ItemKind::User || !current)
            return QString();
        return PersonAccess::html(*current, target.id, palette, page->isStale());
    });
    if (currentPage() == NavigationPage::Drift)
        showCurrentDetails();
}

void MainWindow::onReviewFailed(const QString& message)
{
    updateBusy();
    if (std::exchange(m_databricksFailed, false)) {
        // Databricks failed, and its error is already on screen; the review just did not happen.
        if (!m_driftPage->result())
            m_driftPage->showNoPolicy(tr("No drift review: Databricks could not be loaded; see the message above."));
        if (currentPage() == NavigationPage::Drift)
            showCurrentDetails();
        return;
    }
    m_reviewFailed = true;
    QString text = tr("Could not review drift: %1").arg(message.trimmed());
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    // Never a result from partial data: the previous review stays, marked out of date.
    if (m_driftPage->result()) {
        m_driftPage->setStale(true, tr("The last review failed."));
        text += QLatin1Char(' ') + tr("The findings shown are from the previous review.");
    } else {
        m_driftPage->showNoPolicy(tr("The drift review failed; see the message above."));
    }
    showMessage(MessageBar::Level::Error, text, tr("Retry"), [this] { refresh(); });
    m_reviewErrorShown = true;
    if (currentPage() == NavigationPage::Drift)
        showCurrentDetails();
}

void MainWindow::applySnapshot(const PreparedSnapshot& prepared)
{
    m_snapshot = prepared.snapshot;
    qsizetype index = 0;
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->setPrepared(m_snapshot, prepared.tables.value(index++));
    m_ui->detailsView->setSnapshot(m_snapshot);
    showCurrentDetails();
    updateStatus();
    updateNavigationCounts();
    updateChangeAvailability();
}

void MainWindow::clearSnapshot()
{
    m_snapshot.reset();
    m_history.clear(); // its places belong to what was loaded
    updateHistoryActions();
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->setSnapshot(nullptr);
    m_ui->detailsView->setSnapshot(nullptr);
    m_ui->detailsView->showPlaceholder(tr("Nothing loaded for this connection yet. Press Refresh (F5)."));
    updateStatus();
    updateNavigationCounts();
    updateChangeAvailability();
}

void MainWindow::updateStatus()
{
    if (!m_snapshot) {
        m_countsLabel->setText(tr("No data loaded"));
        m_ownerLabel->clear();
        m_refreshedLabel->clear();
        m_refreshedToolTip.clear();
        m_warningButton->setVisible(false);
        fitStatusBar();
        return;
    }
    const DirectorySnapshot& snapshot = *m_snapshot;
    const SnapshotInfo& info = snapshot.info();
    m_countsLabel->setText(QStringList{
        DisplayFormat::count(snapshot.users().size(), tr("user"), tr("users")),
        DisplayFormat::count(snapshot.groups().size(), tr("group"), tr("groups")),
        DisplayFormat::count(snapshot.servicePrincipals().size(), tr("service principal"), tr("service principals")),
        DisplayFormat::count(snapshot.roleValues().size(), tr("role"), tr("roles")),
    }
                               .join(QStringLiteral(" · ")));
    m_refreshedLabel->setText(
        tr("Refreshed %1 (took %2)").arg(timeText(info.loadedAt), DisplayFormat::duration(info.loadMillis)));
    m_refreshedToolTip = QLocale().toString(info.loadedAt.toLocalTime(), QLocale::LongFormat);
    m_refreshedLabel->setToolTip(m_refreshedToolTip);
    if (!info.meUserName.isEmpty()) {
        m_ownerLabel->setText(tr("Signed in as %1").arg(info.meUserName));
        m_ownerLabel->setToolTip(
            tr("The token belongs to %1").arg(info.meDisplayName.isEmpty() ? info.meUserName : info.meDisplayName));
    } else {
        m_ownerLabel->setText(tr("Token owner unknown"));
        m_ownerLabel->setToolTip(tr("The server did not say who owns the token."));
    }
    m_warningButton->setVisible(!snapshot.isComplete());
    m_warningButton->setToolTip(tr("Some data may be missing:\n• %1").arg(info.warnings.join(QStringLiteral("\n• "))));
    fitStatusBar();
}

MainWindow::ShownCount MainWindow::shownCount(NavigationPage navPage) const
{
    if (navPage == NavigationPage::Drift) {
        const auto& result = m_driftPage->result();
        return {m_driftPage->proxy()->rowCount(), result ? int(result->report.findings().size()) : -1, tr("findings")};
    }
    if (navPage == NavigationPage::Audit)
        return {m_auditPage->proxy()->rowCount(), m_auditPage->entryCount() > 0 ? int(m_auditPage->entryCount()) : -1,
                tr("changes")};
    const DirectoryTablePage* widget = page(navPage);
    return {widget->proxy()->rowCount(), m_snapshot ? widget->model()->rowCount() : -1, widget->model()->itemsName()};
}

void MainWindow::updateNavigationCounts()
{
    QListWidget* nav = m_ui->navigationList;
    for (int row = 0; row < nav->count(); ++row) {
        QListWidgetItem* item = nav->item(row);
        const auto navPage = NavigationPage(item->data(NavigationDelegate::PageRole).toInt());
        const ShownCount count = shownCount(navPage);
        // A search or filter that hides rows shows what is left, marked, so "Users 8" is never read as all.
        const bool filtered = count.total >= 0 && count.shown != count.total;
        item->setData(NavigationDelegate::CountRole,
                      count.total < 0 ? QString() : DisplayFormat::number(filtered ? count.shown : count.total));
        item->setData(NavigationDelegate::FilteredRole, filtered);
        item->setToolTip(filtered ? tr("%1 — %2 of %3 shown").arg(item->text()).arg(count.shown).arg(count.total)
                                  : item->text());
    }
    nav->setMinimumWidth(NavigationDelegate::fullWidth(nav));
    const ShownCount current = shownCount(currentPage());
    const bool filtered = current.total >= 0 && current.shown != current.total;
    m_shownLabel->setVisible(filtered);
    m_shownLabel->setText(
        filtered ? tr("%1 of %2 %3 shown")
                       .arg(DisplayFormat::number(current.shown), DisplayFormat::number(current.total), current.noun)
                 : QString());
    fitStatusBar();
}

void MainWindow::watchShownCounts(QAbstractItemModel* proxy)
{
    // Coalesced: a search re-filters in one go, a load inserts rows in many.
    connect(proxy, &QAbstractItemModel::modelReset, m_countsTimer, qOverload<>(&QTimer::start));
    connect(proxy, &QAbstractItemModel::layoutChanged, m_countsTimer, qOverload<>(&QTimer::start));
    connect(proxy, &QAbstractItemModel::rowsInserted, m_countsTimer, qOverload<>(&QTimer::start));
    connect(proxy, &QAbstractItemModel::rowsRemoved, m_countsTimer, qOverload<>(&QTimer::start));
}

void MainWindow::updateTitle()
{
    // The platform appends " — Scimitar" (the application's display name) itself; naming it here too showed it
    // twice ("Demo workspace — Scimitar (Demo) — Scimitar").
    const std::optional<Connection> connection = currentConnection();
    QString title = connection ? connection->name : QString();
    if (m_demoMode && !title.contains(tr("Demo"), Qt::CaseInsensitive))
        title = title.isEmpty() ? tr("Demo") : tr("%1 (demo)").arg(title);
    setWindowTitle(title);
}

void MainWindow::showMessage(MessageBar::Level level, const QString& text, const QString& actionText,
                             std::function<void()> action, const QString& secondText, std::function<void()> second)
{
    m_messageAction = std::move(action);
    m_messageSecondAction = std::move(second);
    m_ui->messageBar->showMessage(level, text, actionText, secondText);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Scimitar"),
                       tr("<h3>Scimitar %1</h3><p>See who holds which Databricks access: users, groups, service "
                          "principals, roles and entitlements, loaded over SCIM.</p><p>Tokens are kept in the OS "
                          "keychain, or in memory for one run when you choose so; never in files.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

// ---- changes ----

void MainWindow::updateChangeAvailability()
{
    m_driftPage->setActionsUnavailable(m_remediation->unavailableReason());
    const std::optional<Connection> connection = currentConnection();
    m_auditPage->setCurrentConnection(connection ? connection->name : QString(),
                                      connection ? connection->scimBaseUrl() : QUrl());
}

void MainWindow::fillChangeAccessMenu()
{
    QMenu* menu = m_changeAccessMenu;
    menu->clear();
    auto explain = [menu](const QString& text) { menu->addAction(text)->setEnabled(false); };
    if (const QString why = m_remediation->unavailableReason(); !why.isEmpty()) {
        explain(why);
        return;
    }
    const DirectoryTablePage* widget = currentPage() == NavigationPage::Drift ? nullptr : page(currentPage());
    const std::optional<DetailsTarget> target = widget ? widget->currentTarget() : std::nullopt;
    if (!target || target->kind == ItemKind::Role || target->kind == ItemKind::Entitlement) {
        explain(tr("Select a user, group or service principal first."));
        return;
    }
    const QList<Change> offers = PrincipalActions::offers(*m_snapshot, *target);
    for (const Change& change : offers) {
        QAction* action = menu->addAction(change.describe() + QStringLiteral("…"));
        action->setObjectName(QStringLiteral("change-") + changeOpName(change.op));
        if (change.op == ChangeOp::Reactivate)
            action->setToolTip(ChangeWords::reactivationNote());
        connect(action, &QAction::triggered, this, [this, change] { m_remediation->reviewChanges({{change, 0}}); });
    }
    if (!offers.isEmpty())
        menu->addSeparator();
    QAction* add = menu->addAction(tr("Add to group…"));
    add->setObjectName(QStringLiteral("change-add-member"));
    connect(add, &QAction::triggered, this, [this, target = *target] { addToGroup(target); });
    menu->setToolTipsVisible(true);
}

void MainWindow::addToGroup(const DetailsTarget& target)
{
    if (!m_snapshot)
        return;
    const SnapshotPtr snapshot = m_snapshot;
    QStringList names;
    for (const Group* group : PrincipalActions::groupsToJoin(*snapshot, target))
        names.append(group->displayName);
    if (names.isEmpty()) {
        showMessage(MessageBar::Level::Information, tr("It is a direct member of every group already."));
        return;
    }
    auto* picker = new QInputDialog(this);
    picker->setObjectName(QStringLiteral("groupPicker"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setWindowTitle(tr("Add to group"));
    picker->setLabelText(
        tr("Add %1 to:")
            .arg(snapshot->nameOf(target.kind == ItemKind::Group              ? PrincipalKind::Group
                                  : target.kind == ItemKind::ServicePrincipal ? PrincipalKind::ServicePrincipal
                                                                              : PrincipalKind::User,
                                  target.id)));
    picker->setComboBoxItems(names);
    picker->setComboBoxEditable(false);
    connect(picker, &QInputDialog::textValueSelected, this, [this, snapshot, target](const QString& name) {
        if (const Group* group = snapshot->findGroupByName(name))
            m_remediation->reviewChanges({{PrincipalActions::addToGroup(*snapshot, target, *group), 0}});
    });
    picker->open();
}

// ---- settings and events ----

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(m_settings.value(kGeometryKey).toByteArray())) {
        resize(1280, 800);
        ScreenFit::fit(this); // a first start on a 1024×700 screen gets a window that fits it
    }
    restoreState(m_settings.value(kStateKey).toByteArray());
    const QByteArray splitter = m_settings.value(kSplitterKey).toByteArray();
    if (!splitter.isEmpty())
        m_ui->splitter->restoreState(splitter);
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->restoreState(m_settings);
    setCurrentPage(NavigationPage(m_settings.value(kPageKey, int(NavigationPage::Users)).toInt()));
    // Before policies were bound to connections there was one for the whole window: it becomes the last
    // connection's, the one it was last used with.
    if (const QString path = m_settings.value(kPolicyKey).toString(); !path.isEmpty()) {
        const QString last = m_connections.lastConnectionId();
        if (m_connections.find(last) && m_connections.policyPath(last).isEmpty())
            m_connections.setPolicyPath(last, path);
        m_settings.remove(kPolicyKey);
    }
}

void MainWindow::saveSettings() const
{
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kStateKey, saveState());
    m_settings.setValue(kSplitterKey, m_ui->splitter->saveState());
    m_settings.setValue(kPageKey, int(currentPage()));
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->saveState(m_settings);
    PrivateFile::sync(m_settings);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    cancelRefresh();
    QMainWindow::closeEvent(event);
}

void MainWindow::fitStatusBar()
{
    // Room for the note first ("why is this slow?"), whole: the totals give way (the navigation shows them
    // too), then who the token belongs to (kept in the time's tooltip). Nothing is cut to "…".
    QStatusBar* bar = m_ui->statusBar;
    auto widthOf = [](const QWidget* widget) {
        return widget->isVisibleTo(widget->parentWidget()) ? widget->sizeHint().width() + 8 : 0;
    };
    int permanent = 0;
    for (QWidget* widget : {static_cast<QWidget*>(m_warningButton), static_cast<QWidget*>(m_refreshedLabel),
                            static_cast<QWidget*>(m_progressBar), static_cast<QWidget*>(m_idpProgressBar),
                            static_cast<QWidget*>(m_cancelButton)})
        permanent += widthOf(widget);
    const int room = bar->width() - permanent - 24;
    const int note = m_noteLabel->text().isEmpty() ? 0 : m_noteLabel->sizeHint().width() + 8;
    const int shown = widthOf(m_shownLabel);
    const int counts = m_countsLabel->sizeHint().width() + 8;
    const int owner = m_ownerLabel->sizeHint().width() + 8;
    const bool ownerFits = note + shown + owner <= room || owner == 8;
    const bool countsFit = ownerFits && note + shown + owner + counts <= room;
    m_countsLabel->setVisible(countsFit);
    // While loading, the progress bars stand where the owner and the time were (updateBusy).
    const bool idle = !m_progressBar->isVisibleTo(bar) && !m_idpProgressBar->isVisibleTo(bar);
    m_ownerLabel->setVisible(idle && ownerFits);
    m_refreshedLabel->setToolTip(ownerFits ? m_refreshedToolTip
                                           : m_ownerLabel->text() + QLatin1Char('\n') + m_refreshedToolTip);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        // Widths follow the font: the details' readable column, the navigation's whole labels, the status line.
        m_ui->detailsView->setMinimumWidth(detailsMinimumWidth(fontMetrics()));
        m_ui->navigationList->setMinimumWidth(NavigationDelegate::fullWidth(m_ui->navigationList));
        QMetaObject::invokeMethod(this, &MainWindow::fitStatusBar, Qt::QueuedConnection);
    }
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    fitStatusBar();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QMainWindow::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_search) {
        // Arrow down or Enter moves from the search box into the results, so the keyboard never has to leave home.
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            applySearch();
            if (currentPage() == NavigationPage::Drift)
                m_driftPage->focusTable();
            else if (currentPage() == NavigationPage::Audit)
                m_auditPage->focusTable();
            else
                page(currentPage())->focusTable();
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    } else if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
        // Escape in a table clears the search, as in most list views.
        m_search->clear();
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace scimitar::gui
