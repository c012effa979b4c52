#include "MainWindow.h"

#include "AppIcons.h"
#include "DisplayFormat.h"
#include "RefreshController.h"
#include "SnapshotPreparer.h"
#include "TokenVault.h"
#include "connections/ConnectionDialog.h"
#include "connections/ConnectionStore.h"
#include "details/DetailsView.h"
#include "models/EntitlementsModel.h"
#include "models/GroupsModel.h"
#include "models/PrincipalFilterProxy.h"
#include "models/RolesModel.h"
#include "models/ServicePrincipalsModel.h"
#include "models/UsersModel.h"
#include "scim/DirectoryLoader.h"
#include "ui_MainWindow.h"
#include "widgets/DirectoryTablePage.h"
#include "widgets/MessageBar.h"
#include "widgets/NavigationDelegate.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

namespace scimitar::gui {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kPageKey = QStringLiteral("mainWindow/page");

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

MainWindow::MainWindow(ConnectionStore& connections, TokenVault& tokens, QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_connections(connections)
    , m_tokens(tokens)
    , m_settings(settings)
    , m_refresh(new RefreshController(tokens, this))
    , m_preparer(new SnapshotPreparer(this))
    , m_searchTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    setWindowIcon(AppIcons::application());
    m_ui->actionRefresh->setIcon(AppIcons::refresh());
    m_ui->actionCancel->setIcon(AppIcons::cancel());
    m_ui->actionManageConnections->setIcon(AppIcons::connections());
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);

    setupToolBar();
    setupStatusBar();
    setupPages();

    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setStretchFactor(2, 0);
    m_ui->splitter->setSizes({178, 772, 320});
    m_ui->detailsView->showPlaceholder(tr("Choose a connection and press Refresh to load its users, groups and "
                                          "service principals."));

    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_ui->actionCancel, &QAction::triggered, this, &MainWindow::cancelRefresh);
    connect(m_ui->actionManageConnections, &QAction::triggered, this, &MainWindow::manageConnections);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_ui->detailsView, &DetailsView::navigateRequested, this, &MainWindow::navigateTo);
    connect(m_ui->messageBar, &MessageBar::actionTriggered, this, [this] {
        if (m_messageAction)
            m_messageAction();
    });

    connect(m_refresh, &RefreshController::started, this, &MainWindow::onRefreshStarted);
    connect(m_refresh, &RefreshController::progress, this, &MainWindow::onRefreshProgress);
    connect(m_refresh, &RefreshController::finished, this, &MainWindow::onRefreshFinished);
    connect(m_refresh, &RefreshController::failed, this, &MainWindow::onRefreshFailed);
    connect(m_refresh, &RefreshController::cancelled, this, &MainWindow::onRefreshCancelled);
    connect(m_preparer, &SnapshotPreparer::prepared, this, &MainWindow::onPrepared);
    connect(&m_connections, &ConnectionStore::changed, this, &MainWindow::populateConnections);

    populateConnections();
    restoreSettings();
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

    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(300);
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
    bar->addWidget(m_countsLabel);
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
    m_refreshedLabel = new QLabel(bar);
    m_refreshedLabel->setObjectName(QStringLiteral("refreshedLabel"));
    m_progressBar = new QProgressBar(bar);
    m_progressBar->setObjectName(QStringLiteral("refreshProgress"));
    m_progressBar->setMinimumWidth(240);
    m_progressBar->setMaximumWidth(520);
    m_progressBar->setMaximumHeight(18);
    m_progressBar->setTextVisible(true);
    m_progressBar->setVisible(false);
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
    bar->addPermanentWidget(m_cancelButton);
}

void MainWindow::setupPages()
{
    QListWidget* nav = m_ui->navigationList;
    nav->setItemDelegate(new NavigationDelegate(nav));
    nav->setIconSize(QSize(20, 20));
    nav->setFrameShape(QFrame::NoFrame);
    nav->setSpacing(1);
    QPalette navPalette = nav->palette();
    navPalette.setColor(QPalette::Base, navPalette.color(QPalette::Window));
    nav->setPalette(navPalette);

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

    connect(nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        const auto navPage =
            NavigationPage(m_ui->navigationList->item(row)->data(NavigationDelegate::PageRole).toInt());
        DirectoryTablePage* widget = page(navPage);
        m_ui->pages->setCurrentWidget(widget);
        m_search->setPlaceholderText(tr("Search %1  (Ctrl+F)").arg(widget->model()->itemsName()));
        applySearch();
        showCurrentDetails();
    });
    nav->setCurrentRow(0);
}

void MainWindow::addPage(NavigationPage navPage, const QString& label, const QIcon& icon, DirectoryTablePage* widget)
{
    auto* item = new QListWidgetItem(icon, label, m_ui->navigationList);
    item->setData(NavigationDelegate::PageRole, int(navPage));
    // Ctrl+1, Ctrl+2, …: every page one chord away, listed in the View menu so people can discover them.
    if (m_pages.isEmpty())
        m_ui->menuView->addSeparator();
    QAction* go = m_ui->menuView->addAction(icon, label);
    go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + m_pages.size())));
    connect(go, &QAction::triggered, this, [this, navPage] { setCurrentPage(navPage); });
    m_ui->pages->addWidget(widget);
    m_pages.insert(navPage, widget);
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
    setCurrentPage(pageFor(target.kind));
    DirectoryTablePage* widget = page(pageFor(target.kind));
    if (!widget->selectId(target.id) && !m_search->text().isEmpty()) {
        // The search hides it: clear the search rather than fail to follow the link.
        m_search->clear();
        applySearch();
        widget->selectId(target.id);
    }
    widget->view()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::applySearch()
{
    m_searchTimer->stop();
    if (DirectoryTablePage* widget = page(currentPage()))
        widget->setSearchText(m_search->text().trimmed());
}

void MainWindow::showCurrentDetails()
{
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

void MainWindow::setDemoMode(bool demo)
{
    m_demoMode = demo;
    updateTitle();
}

void MainWindow::populateConnections()
{
    const QSignalBlocker blocker(m_connectionPicker);
    m_connectionPicker->clear();
    for (const Connection& connection : std::as_const(m_transientConnections))
        m_connectionPicker->addItem(AppIcons::demo(), connection.name, connection.id);
    for (const Connection& connection : m_connections.list())
        m_connectionPicker->addItem(connection.name, connection.id);
    const int index = m_connectionPicker->findData(m_currentConnectionId);
    m_connectionPicker->setCurrentIndex(index);
    if (index < 0 && !m_currentConnectionId.isEmpty()) {
        // The current connection was deleted: its data no longer belongs to anything the user can pick.
        m_currentConnectionId.clear();
        cancelRefresh();
        clearSnapshot();
    }
    m_ui->actionRefresh->setEnabled(!isRefreshing() && m_connectionPicker->count() > 0);
    updateTitle();
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
    setBusy(false);
    m_currentConnectionId = id;
    const bool transient = std::any_of(m_transientConnections.cbegin(), m_transientConnections.cend(),
                                       [&id](const Connection& c) { return c.id == id; });
    if (!transient)
        m_connections.setLastConnectionId(id);
    m_ui->messageBar->dismiss();
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
    m_refresh->start(*connection);
}

void MainWindow::cancelRefresh()
{
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
    return m_refresh->isRunning() || !m_preparingId.isEmpty();
}

void MainWindow::setBusy(bool busy)
{
    m_ui->actionRefresh->setEnabled(!busy && m_connectionPicker->count() > 0);
    m_ui->actionCancel->setEnabled(busy);
    m_progressBar->setVisible(busy);
    m_cancelButton->setVisible(busy);
    // While loading, the bar and its Cancel button take the place of the "refreshed" time (about to be stale).
    m_refreshedLabel->setVisible(!busy);
    m_ownerLabel->setVisible(!busy);
    if (!busy)
        m_noteLabel->clear();
}

void MainWindow::onRefreshStarted(const QString& connectionId)
{
    if (connectionId != m_currentConnectionId)
        return;
    setBusy(true);
    m_progressBar->setRange(0, 0);
    m_progressBar->setFormat(tr("Connecting…"));
    m_noteLabel->setText(tr("Refreshing %1…").arg(currentConnection() ? currentConnection()->name : QString()));
}

void MainWindow::onRefreshProgress(const QString& connectionId, const LoadProgress& progress)
{
    if (connectionId != m_currentConnectionId)
        return;
    const int total = progress.total();
    if (total > 0) {
        m_progressBar->setRange(0, total);
        m_progressBar->setValue(std::min(progress.done(), total));
    }
    const QString text = DisplayFormat::progress(progress);
    m_progressBar->setFormat(text);
    m_progressBar->setToolTip(text);
    // Grow with the text (up to the maximum) so it is not wrapped inside the bar.
    m_progressBar->setMinimumWidth(
        std::clamp(m_progressBar->fontMetrics().horizontalAdvance(text) + 48, 240, m_progressBar->maximumWidth()));
    // Throttling notes matter ("why is this slow?"); everything else is in the bar.
    m_noteLabel->setText(progress.note);
    m_noteLabel->setToolTip(progress.note);
}

void MainWindow::onRefreshFinished(const QString& connectionId, SnapshotPtr snapshot)
{
    if (connectionId != m_currentConnectionId) {
        setBusy(isRefreshing());
        return;
    }
    // Still busy: the tables' rows are computed off the GUI thread before the new data is swapped in.
    m_preparingId = connectionId;
    m_progressBar->setRange(0, 0);
    m_progressBar->setFormat(tr("Preparing tables…"));
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
    setBusy(isRefreshing());
    if (connectionId != m_currentConnectionId)
        return;
    if (m_ui->messageBar->level() == MessageBar::Level::Error)
        m_ui->messageBar->dismiss();
    applySnapshot(prepared);
}

void MainWindow::onRefreshFailed(const QString& connectionId, const QString& message, bool connectionProblem)
{
    setBusy(isRefreshing());
    if (connectionId != m_currentConnectionId)
        return;
    const std::optional<Connection> connection = currentConnection();
    QString text = tr("Could not refresh “%1”: %2").arg(connection ? connection->name : QString(), message.trimmed());
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    if (m_snapshot)
        text += QLatin1Char(' ') + tr("The data shown is from %1.").arg(timeText(m_snapshot->info().loadedAt));
    if (connectionProblem)
        showMessage(MessageBar::Level::Error, text, tr("Manage connections…"), [this] { manageConnections(); });
    else
        showMessage(MessageBar::Level::Error, text, tr("Retry"), [this] { refresh(); });
}

void MainWindow::onRefreshCancelled(const QString& connectionId)
{
    setBusy(isRefreshing());
    if (connectionId != m_currentConnectionId)
        return;
    m_noteLabel->setText(
        m_snapshot ? tr("Refresh cancelled; showing the data from %1.").arg(timeText(m_snapshot->info().loadedAt))
                   : tr("Refresh cancelled."));
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
}

void MainWindow::clearSnapshot()
{
    m_snapshot.reset();
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->setSnapshot(nullptr);
    m_ui->detailsView->setSnapshot(nullptr);
    m_ui->detailsView->showPlaceholder(tr("Nothing loaded for this connection yet. Press Refresh (F5)."));
    updateStatus();
    updateNavigationCounts();
}

void MainWindow::updateStatus()
{
    if (!m_snapshot) {
        m_countsLabel->setText(tr("No data loaded"));
        m_ownerLabel->clear();
        m_refreshedLabel->clear();
        m_warningButton->setVisible(false);
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
    m_refreshedLabel->setToolTip(QLocale().toString(info.loadedAt.toLocalTime(), QLocale::LongFormat));
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
}

void MainWindow::updateNavigationCounts()
{
    QListWidget* nav = m_ui->navigationList;
    for (int row = 0; row < nav->count(); ++row) {
        QListWidgetItem* item = nav->item(row);
        const DirectoryTablePage* widget = page(NavigationPage(item->data(NavigationDelegate::PageRole).toInt()));
        item->setData(NavigationDelegate::CountRole,
                      m_snapshot ? DisplayFormat::number(widget->model()->rowCount()) : QString());
    }
}

void MainWindow::updateTitle()
{
    const std::optional<Connection> connection = currentConnection();
    const QString app = m_demoMode ? tr("Scimitar (Demo)") : tr("Scimitar");
    setWindowTitle(connection ? QStringLiteral("%1 — %2").arg(connection->name, app) : app);
}

void MainWindow::showMessage(MessageBar::Level level, const QString& text, const QString& actionText,
                             std::function<void()> action)
{
    m_messageAction = std::move(action);
    m_ui->messageBar->showMessage(level, text, actionText);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Scimitar"),
                       tr("<h3>Scimitar %1</h3><p>See who holds which Databricks access: users, groups, service "
                          "principals, roles and entitlements, loaded over SCIM.</p><p>Tokens are kept in the OS "
                          "keychain, or in memory for one run when you choose so; never in files.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

// ---- settings and events ----

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(m_settings.value(kGeometryKey).toByteArray()))
        resize(1280, 800);
    restoreState(m_settings.value(kStateKey).toByteArray());
    const QByteArray splitter = m_settings.value(kSplitterKey).toByteArray();
    if (!splitter.isEmpty())
        m_ui->splitter->restoreState(splitter);
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->restoreState(m_settings);
    setCurrentPage(NavigationPage(m_settings.value(kPageKey, int(NavigationPage::Users)).toInt()));
}

void MainWindow::saveSettings() const
{
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kStateKey, saveState());
    m_settings.setValue(kSplitterKey, m_ui->splitter->saveState());
    m_settings.setValue(kPageKey, int(currentPage()));
    for (DirectoryTablePage* widget : std::as_const(m_pages))
        widget->saveState(m_settings);
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    cancelRefresh();
    QMainWindow::closeEvent(event);
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
