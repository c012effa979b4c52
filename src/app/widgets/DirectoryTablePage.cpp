#include "DirectoryTablePage.h"

#include "models/PrincipalFilterProxy.h"
#include "models/SnapshotTableModel.h"
#include "widgets/ColumnChooser.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace scimitar::gui {

DirectoryTablePage::DirectoryTablePage(SnapshotTableModel* model, const QString& settingsKey, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new PrincipalFilterProxy(this))
    , m_view(new QTableView(this))
    , m_settingsKey(settingsKey)
{
    m_model->setParent(this);
    m_proxy->setSourceModel(m_model);
    setObjectName(settingsKey + QStringLiteral("Page"));
    m_view->setObjectName(settingsKey + QStringLiteral("Table"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Breathing room inside cells, so a right-aligned number does not touch the next column's text.
    m_view->setStyleSheet(QStringLiteral("QTableView::item { padding-left: 6px; padding-right: 6px; }"));
    m_view->setTabKeyNavigation(false); // Tab leaves the table for the details pane, as people expect
    m_view->verticalHeader()->setVisible(false);
    // Fixed row heights keep 10,000-row tables fast: the view never measures rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView* header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(tr("Right-click to choose columns"));
    connect(header, &QHeaderView::customContextMenuRequested, this, &DirectoryTablePage::showHeaderMenu);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, &DirectoryTablePage::showTableMenu);

    auto* copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &DirectoryTablePage::copySelection);
    m_view->addAction(copy);

    // The placeholder sits on the viewport, so it scrolls with nothing and covers only the empty area.
    m_placeholder = new QLabel(m_view->viewport());
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_view->viewport()->installEventFilter(this);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emit currentTargetChanged(currentTarget()); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DirectoryTablePage::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DirectoryTablePage::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DirectoryTablePage::updatePlaceholder);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DirectoryTablePage::updatePlaceholder);
    applyDefaultLayout();
    updatePlaceholder();
}

void DirectoryTablePage::applyDefaultLayout()
{
    QHeaderView* header = m_view->horizontalHeader();
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        header->resizeSection(column, m_model->widthHint(column) * charWidth + 16);
        header->setSectionHidden(column, m_model->hiddenByDefault(column));
    }
    syncSearchableColumns();
    // Fit to the real data once it arrives; from then on the widths are the user's.
    m_fitColumnsPending = true;
    fitColumns();
}

void DirectoryTablePage::fitColumns()
{
    // Widths only make sense against the real viewport; a page not shown yet fits itself when it appears.
    if (!m_view->viewport()->isVisible())
        return;
    // Without rows, fit the headers only and try again when data arrives.
    m_fitColumnsPending = m_model->rowCount() == 0;
    QHeaderView* header = m_view->horizontalHeader();
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    QList<int> visible;
    for (int visual = 0; visual < header->count(); ++visual) {
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            visible.append(header->logicalIndex(visual));
    }
    if (visible.isEmpty())
        return;
    // The last visible column stretches into the room left; the others fit their content, capped by the model's
    // hint. Qt measures only the rows near the viewport (QHeaderView::resizeContentsPrecision), so this stays cheap
    // at 10,000 rows.
    const int last = visible.takeLast();
    QHash<int, int> width;
    QHash<int, int> floor;
    int total = header->sectionSizeHint(last) + 16;
    for (int column : std::as_const(visible)) {
        const int fitted = std::max(static_cast<const QAbstractItemView*>(m_view)->sizeHintForColumn(column),
                                    header->sectionSizeHint(column));
        // Never narrower than the header's own text: a right-aligned header cut on the left read "irect members".
        floor[column] = header->sectionSizeHint(column) + 8;
        width[column] = std::max(std::min(fitted + 16, m_model->widthHint(column) * charWidth + 16), floor[column]);
        total += width[column];
    }
    // Too wide for the view: take the excess from the columns in proportion to what they have above their
    // header's width, so nothing needs a horizontal scroll bar at the default window size.
    int available = m_view->viewport()->width();
    // Right after a reset the vertical scroll bar may not be there yet, though the rows will need it.
    const bool needsScrollBar =
        m_proxy->rowCount() * m_view->verticalHeader()->defaultSectionSize() > m_view->viewport()->height();
    if (needsScrollBar && !m_view->verticalScrollBar()->isVisible())
        available -= m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view->verticalScrollBar());
    int excess = total - available;
    int surplus = 0;
    for (int column : std::as_const(visible))
        surplus += width[column] - floor[column];
    if (excess > 0 && available > 200 && surplus > 0) {
        excess = std::min(excess, surplus);
        for (int column : std::as_const(visible))
            width[column] =
                std::max(floor[column], width[column] - ((width[column] - floor[column]) * excess / surplus + 1));
    }
    for (int column : std::as_const(visible))
        header->resizeSection(column, width[column]);
    header->resizeSection(last, header->sectionSizeHint(last) + 16);
}

void DirectoryTablePage::syncSearchableColumns()
{
    const QHeaderView* header = m_view->horizontalHeader();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_proxy->setColumnSearchable(column, !header->isSectionHidden(column));
}

void DirectoryTablePage::setSnapshot(SnapshotPtr snapshot)
{
    SnapshotTableModel::Prepared rows = snapshot ? m_model->preparer()(*snapshot) : nullptr;
    setPrepared(std::move(snapshot), std::move(rows));
}

void DirectoryTablePage::setPrepared(SnapshotPtr snapshot, std::shared_ptr<const void> rows)
{
    const std::optional<DetailsTarget> previous = currentTarget();
    m_model->setPrepared(std::move(snapshot), std::move(rows));
    if (m_fitColumnsPending)
        fitColumns();
    if (!previous || !selectId(previous->id))
        emit currentTargetChanged(currentTarget());
    updatePlaceholder();
}

void DirectoryTablePage::setSearchText(const QString& text)
{
    m_proxy->setSearchText(text);
    updatePlaceholder();
}

std::optional<DetailsTarget> DirectoryTablePage::currentTarget() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return DetailsTarget{ItemKind(current.data(KindRole).toInt()), current.data(IdRole).toString()};
}

bool DirectoryTablePage::selectId(const QString& id)
{
    const QModelIndexList found =
        m_proxy->match(m_proxy->index(0, 0), IdRole, id, 1, Qt::MatchExactly | Qt::MatchCaseSensitive);
    if (found.isEmpty())
        return false;
    m_view->selectionModel()->setCurrentIndex(found.first(),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(found.first(), QAbstractItemView::PositionAtCenter);
    return true;
}

void DirectoryTablePage::focusTable()
{
    m_view->setFocus(Qt::OtherFocusReason);
    if (!m_view->selectionModel()->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->index(0, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString DirectoryTablePage::settingsGroup() const
{
    return QStringLiteral("tables/") + m_settingsKey;
}

void DirectoryTablePage::saveState(QSettings& settings) const
{
    settings.setValue(settingsGroup() + QStringLiteral("/header"), m_view->horizontalHeader()->saveState());
}

void DirectoryTablePage::restoreState(QSettings& settings)
{
    const QByteArray state = settings.value(settingsGroup() + QStringLiteral("/header")).toByteArray();
    // A saved header from a build with other columns would scramble the table; fall back to the defaults.
    if (!state.isEmpty() && m_view->horizontalHeader()->restoreState(state) &&
        m_view->horizontalHeader()->count() == m_model->columnCount()) {
        m_fitColumnsPending = false;
        syncSearchableColumns();
    } else {
        applyDefaultLayout();
    }
}

void DirectoryTablePage::showHeaderMenu(const QPoint& pos)
{
    QHeaderView* header = m_view->horizontalHeader();
    QMenu menu(this);
    menu.addSection(tr("Columns"));
    ColumnChooser::fill(&menu, header, [this] { syncSearchableColumns(); });
    menu.addSeparator();
    connect(menu.addAction(tr("Reset columns")), &QAction::triggered, this, &DirectoryTablePage::applyDefaultLayout);
    menu.exec(header->mapToGlobal(pos));
}

void DirectoryTablePage::showTableMenu(const QPoint& pos)
{
    if (!m_view->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    QAction* copy = menu.addAction(tr("Copy rows"));
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this, &DirectoryTablePage::copySelection);
    connect(menu.addAction(tr("Copy IDs")), &QAction::triggered, this, &DirectoryTablePage::copyIds);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void DirectoryTablePage::copySelection() const
{
    // Tab-separated visible columns in view order, with a header line: pastes cleanly into a spreadsheet.
    const QHeaderView* header = m_view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    if (rows.isEmpty())
        return;
    QStringList lines;
    QStringList titles;
    for (int column : std::as_const(columns))
        titles.append(m_proxy->headerData(column, Qt::Horizontal).toString());
    lines.append(titles.join(QLatin1Char('\t')));
    for (const QModelIndex& row : std::as_const(rows)) {
        QStringList cells;
        for (int column : std::as_const(columns))
            cells.append(m_proxy->index(row.row(), column).data().toString());
        lines.append(cells.join(QLatin1Char('\t')));
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

void DirectoryTablePage::copyIds() const
{
    QStringList ids;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
        ids.append(row.data(IdRole).toString());
    QApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
}

void DirectoryTablePage::updatePlaceholder()
{
    if (m_proxy->rowCount() > 0) {
        m_placeholder->hide();
        return;
    }
    if (!m_model->snapshot())
        m_placeholder->setText(tr("Nothing loaded yet."));
    else if (m_model->rowCount() == 0)
        m_placeholder->setText(tr("This directory has no %1.").arg(m_model->itemsName()));
    else
        m_placeholder->setText(tr("No %1 match “%2”.").arg(m_model->itemsName(), m_proxy->searchText()));
    m_placeholder->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
    m_placeholder->show();
}

void DirectoryTablePage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // A larger font makes every header and cell wider: fit again, or headers are cut.
    if (event->type() == QEvent::FontChange) {
        m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
        m_fitColumnsPending = true;
        fitColumns();
    }
}

bool DirectoryTablePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show)) {
        m_placeholder->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
        if (m_fitColumnsPending)
            QMetaObject::invokeMethod(this, &DirectoryTablePage::fitColumns, Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace scimitar::gui
