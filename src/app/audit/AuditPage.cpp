#include "AuditPage.h"

#include "AppIcons.h"
#include "DisplayFormat.h"
#include "audit/AuditCsvExport.h"
#include "audit/AuditEntryText.h"
#include "audit/AuditFilterProxy.h"
#include "audit/AuditLoader.h"
#include "audit/AuditModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShowEvent>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <utility>

namespace scimitar::gui {

namespace {

// A date edit at its minimum shows "any" and means no bound: QDateEdit has no empty state.
const QDate kNoBound(2000, 1, 1);

QDateEdit* dateFilter(const QString& objectName, QWidget* parent)
{
    auto* edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kNoBound);
    edit->setSpecialValueText(QObject::tr("any"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setDate(kNoBound);
    return edit;
}

QDate bound(const QDateEdit* edit)
{
    return edit->date() == kNoBound ? QDate() : edit->date();
}

} // namespace

AuditPage::AuditPage(const QString& journalPath, QWidget* parent)
    : QWidget(parent)
    , m_journalPath(journalPath)
    , m_loader(new AuditLoader(this))
    , m_export(new AuditCsvExport(this))
    , m_model(new AuditModel(this))
    , m_proxy(new AuditFilterProxy(this))
{
    setObjectName(QStringLiteral("auditPage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 6, 8, 0);
    outer->setSpacing(6);

    auto* header = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("auditSummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_summary->setFont(bold);
    m_summary->setText(tr("Changes sent from Scimitar"));
    header->addWidget(m_summary);
    header->addStretch(1);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("auditBusy"));
    m_busy->setRange(0, 0); // busy: a read has no meaningful progress
    m_busy->setMaximumWidth(160);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    m_busy->setAccessibleName(tr("Reading the audit journal"));
    m_busy->setVisible(false);
    header->addWidget(m_busy);
    auto* reloadButton = new QPushButton(AppIcons::refresh(), tr("&Reload"), this);
    reloadButton->setObjectName(QStringLiteral("auditReload"));
    reloadButton->setToolTip(tr("Read the audit journal again"));
    header->addWidget(reloadButton);
    outer->addLayout(header);
    connect(reloadButton, &QPushButton::clicked, this, &AuditPage::reload);

    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack, 1);

    m_placeholder = new QLabel(m_stack);
    m_placeholder->setObjectName(QStringLiteral("auditPlaceholder"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_placeholder);

    auto* content = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* filters = new QHBoxLayout;
    m_resultFilter = new QComboBox(content);
    m_resultFilter->setObjectName(QStringLiteral("auditResultFilter"));
    m_resultFilter->addItem(tr("All results"), -1);
    m_resultFilter->addItem(tr("done"), int(ChangeResult::Done));
    m_resultFilter->addItem(tr("already absent"), int(ChangeResult::AlreadyInState));
    m_resultFilter->addItem(AppIcons::error(), tr("failed"), int(ChangeResult::Failed));
    m_resultFilter->addItem(AppIcons::warning(), tr("unknown"), int(ChangeResult::Unknown));
    m_resultFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_resultFilter->setMinimumContentsLength(8);
    // No labels beside the two combos: "All results" and "All connections" say what they filter, and the row
    // fits a 1024 px window.
    m_resultFilter->setAccessibleName(tr("Result filter"));
    m_resultFilter->setToolTip(tr("Show changes with one result"));
    m_connectionFilter = new QComboBox(content);
    m_connectionFilter->setObjectName(QStringLiteral("auditConnectionFilter"));
    // Connection names can be long: a modest width here, whole names in the popup, so the row fits 1280 px at 12 pt.
    m_connectionFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_connectionFilter->setMinimumContentsLength(8);
    m_connectionFilter->addItem(tr("All connections"), QString());
    m_connectionFilter->setAccessibleName(tr("Connection filter"));
    m_connectionFilter->setToolTip(tr("Show changes sent through one connection"));
    auto* fromLabel = new QLabel(tr("&From:"), content);
    m_from = dateFilter(QStringLiteral("auditFrom"), content);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&To:"), content);
    m_to = dateFilter(QStringLiteral("auditTo"), content);
    toLabel->setBuddy(m_to);
    m_exportButton = new QPushButton(tr("Export CSV…"), content);
    m_exportButton->setObjectName(QStringLiteral("auditExportCsv"));
    m_exportButton->setToolTip(tr("Write the changes shown, as scimitar-cli audit list --output csv does"));
    filters->addWidget(m_resultFilter);
    filters->addSpacing(6);
    filters->addWidget(m_connectionFilter);
    filters->addSpacing(6);
    filters->addWidget(fromLabel);
    filters->addWidget(m_from);
    filters->addWidget(toLabel);
    filters->addWidget(m_to);
    filters->addStretch(1);
    layout->addLayout(filters);
    connect(m_resultFilter, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilters);
    connect(m_connectionFilter, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilters);
    connect(m_from, &QDateEdit::dateChanged, this, &AuditPage::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &AuditPage::applyFilters);
    connect(m_exportButton, &QPushButton::clicked, this, &AuditPage::exportWithDialog);

    m_proxy->setSourceModel(m_model);
    m_view = new QTableView(content);
    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setAccessibleName(tr("Changes sent"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the journal's order: newest first
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    layout->addWidget(m_view, 1);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::currentEntryChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AuditPage::updateActions);

    auto* actions = new QHBoxLayout;
    m_undo = new QPushButton(tr("&Undo…"), content);
    m_undo->setObjectName(QStringLiteral("auditUndo"));
    m_verify = new QPushButton(tr("&Verify…"), content);
    m_verify->setObjectName(QStringLiteral("auditVerify"));
    m_note = new QLabel(content);
    m_note->setObjectName(QStringLiteral("auditNote"));
    m_note->setWordWrap(true);
    m_note->setVisible(false);
    m_exportStatus = new QLabel(content);
    m_exportStatus->setObjectName(QStringLiteral("auditExportStatus"));
    m_exportStatus->setForegroundRole(QPalette::PlaceholderText);
    m_exportStatus->setMinimumWidth(1);
    actions->addWidget(m_undo);
    actions->addWidget(m_verify);
    actions->addWidget(m_note, 1);
    actions->addWidget(m_exportStatus);
    // With the other actions on what is shown, so the filter row fits a narrow window with a large font.
    actions->addWidget(m_exportButton);
    layout->addLayout(actions);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        const QList<JournalEntry> entries = selectedEntries();
        if (!entries.isEmpty())
            emit undoRequested(entries);
    });
    connect(m_verify, &QPushButton::clicked, this, [this] {
        const QList<JournalEntry> entries = selectedEntries();
        if (!entries.isEmpty())
            emit verifyRequested(entries);
    });
    m_stack->addWidget(content);

    connect(m_loader, &AuditLoader::loaded, this, &AuditPage::onLoaded);
    connect(m_export, &AuditCsvExport::finished, this, &AuditPage::onExported);

    m_placeholder->setText(tr("Reading the audit journal…"));
    updateActions();
}

AuditPage::~AuditPage() = default;

void AuditPage::setJournalPath(const QString& path)
{
    m_journalPath = path;
    reload();
}

void AuditPage::reload()
{
    m_busy->setVisible(true);
    m_loader->load(m_journalPath);
}

bool AuditPage::isLoading() const
{
    return m_loader->isLoading();
}

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Changes may have been sent (here, or by the CLI) since the page was last looked at.
    if (!event->spontaneous())
        reload();
}

void AuditPage::onLoaded(const AuditLoadResult& result)
{
    m_busy->setVisible(false);
    m_loadedOnce = true;
    if (result.missing || !result.error.isEmpty()) {
        m_model->setEntries({});
        m_placeholder->setText(result.missing ? tr("No changes have been made from Scimitar yet.") : result.error);
        m_placeholder->setForegroundRole(result.missing ? QPalette::PlaceholderText : QPalette::WindowText);
        m_stack->setCurrentIndex(0);
    } else {
        // Keep what was selected: the journal only grows, so the same ids still mean the same changes.
        QList<qint64> selected;
        for (const JournalEntry& entry : selectedEntries())
            selected.append(entry.intent.id);
        const std::optional<JournalEntry> current = currentEntry();
        const bool firstRows = m_model->rowCount() == 0;
        m_model->setEntries(result.entries);
        updateConnections();
        auto* selection = m_view->selectionModel();
        for (qint64 id : std::as_const(selected)) {
            const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOf(id), 0));
            if (index.isValid())
                selection->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        if (current) {
            const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOf(current->intent.id), 0));
            if (index.isValid())
                selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        }
        if (firstRows) { // later loads keep the widths people may have set
            m_view->resizeColumnsToContents();
            for (int column = 0; column < AuditModel::UndoColumn; ++column)
                m_view->setColumnWidth(column, std::min(m_view->columnWidth(column), 420));
        }
        m_stack->setCurrentIndex(1);
    }
    updateSummary();
    updateActions();
    applyPendingSelection();
    emit loaded();
    emit currentEntryChanged();
}

void AuditPage::showIntents(const QList<qint64>& intentIds, bool thenUndo)
{
    m_pendingSelection = intentIds;
    m_pendingUndo = thenUndo;
    // The rows were journaled a moment ago: they are in the next read, which may already be running.
    if (!isLoading())
        reload();
}

void AuditPage::applyPendingSelection()
{
    if (m_pendingSelection.isEmpty())
        return;
    const QList<qint64> ids = std::exchange(m_pendingSelection, {});
    const bool undo = std::exchange(m_pendingUndo, false);
    // Filters and search that would hide the rows are cleared: the user asked to see exactly these.
    m_resultFilter->setCurrentIndex(0);
    m_connectionFilter->setCurrentIndex(0);
    m_proxy->setSearchText({});
    auto* selection = m_view->selectionModel();
    selection->clearSelection();
    for (const qint64 id : ids) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOf(id), 0));
        if (!index.isValid())
            continue;
        selection->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        m_view->scrollTo(index);
    }
    updateActions();
    if (undo && m_undo->isEnabled())
        emit undoRequested(selectedEntries());
}

void AuditPage::setCurrentConnection(const QString& name, const QUrl& scimBase)
{
    m_connectionName = name;
    m_scimBase = scimBase.adjusted(QUrl::StripTrailingSlash);
    updateActions();
}

QString AuditPage::whyNotUndoable(const JournalEntry& entry) const
{
    if (!entry.canUndo())
        return tr("#%1 did not take effect, or was undone already.").arg(entry.intent.id);
    // Two demo runs share a connection name but not a port: the base decides, and is named.
    const QUrl sentTo = QUrl(entry.intent.scimBase).adjusted(QUrl::StripTrailingSlash);
    if (m_scimBase.isValid() && sentTo != m_scimBase)
        return tr("#%1 was sent through %2 (%3), not the current connection %4 (%5); switch to it to undo.")
            .arg(entry.intent.id)
            .arg(entry.intent.connection, sentTo.toString(), m_connectionName, m_scimBase.toString());
    return {};
}

bool AuditPage::showsEntries() const
{
    return m_stack->currentIndex() == 1;
}

qsizetype AuditPage::entryCount() const
{
    return m_model->entries().size();
}

void AuditPage::updateConnections()
{
    const QString chosen = m_connectionFilter->currentData().toString();
    const QSignalBlocker blocker(m_connectionFilter);
    while (m_connectionFilter->count() > 1)
        m_connectionFilter->removeItem(1);
    for (const QString& name : m_model->connections())
        m_connectionFilter->addItem(name, name);
    // A connection with no entries left stays choosable: the filter must not silently widen.
    if (!chosen.isEmpty() && m_connectionFilter->findData(chosen) < 0)
        m_connectionFilter->addItem(chosen, chosen);
    m_connectionFilter->setCurrentIndex(std::max(0, m_connectionFilter->findData(chosen)));
}

void AuditPage::updateSummary()
{
    const QList<JournalEntry>& entries = m_model->entries();
    qsizetype unknown = 0;
    for (const JournalEntry& entry : entries)
        unknown += AuditEntryText::needsVerification(entry) ? 1 : 0;
    QString text = tr("%1 sent from Scimitar").arg(DisplayFormat::count(entries.size(), tr("change"), tr("changes")));
    if (unknown > 0)
        text += QStringLiteral(" · ⚠ ") + tr("%1 unknown — verify").arg(DisplayFormat::number(unknown));
    m_summary->setText(text);
}

void AuditPage::applyFilters()
{
    const int result = m_resultFilter->currentData().toInt();
    m_proxy->setResult(result < 0 ? std::nullopt : std::optional<ChangeResult>(ChangeResult(result)));
    m_proxy->setConnection(m_connectionFilter->currentData().toString());
    m_proxy->setDateRange(bound(m_from), bound(m_to));
    updateActions();
}

void AuditPage::setSearchText(const QString& text)
{
    m_proxy->setSearchText(text);
    updateActions();
}

void AuditPage::focusTable()
{
    m_view->setFocus(Qt::OtherFocusReason);
    if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
}

std::optional<JournalEntry> AuditPage::currentEntry() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    const JournalEntry* entry = m_model->entry(m_proxy->mapToSource(current).row());
    return entry ? std::optional<JournalEntry>(*entry) : std::nullopt;
}

QList<JournalEntry> AuditPage::selectedEntries() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<JournalEntry> entries;
    for (const QModelIndex& row : std::as_const(rows))
        if (const JournalEntry* entry = m_model->entry(m_proxy->mapToSource(row).row()))
            entries.append(*entry);
    return entries;
}

void AuditPage::updateActions()
{
    // Every selected entry must qualify, so what is asked for is exactly what is selected.
    const QList<JournalEntry> entries = selectedEntries();
    bool verifiable = !entries.isEmpty();
    bool reactivates = false;
    QString whyNot = entries.isEmpty() ? tr("Select the changes to undo.") : QString();
    QStringList givesBack;
    for (const JournalEntry& entry : entries) {
        if (whyNot.isEmpty())
            whyNot = whyNotUndoable(entry);
        verifiable = verifiable && AuditEntryText::needsVerification(entry);
        reactivates = reactivates || AuditEntryText::undoReactivates(entry);
        if (givesBack.size() < 3)
            givesBack.append(entry.intent.change.inverse().describe());
    }
    const bool undoable = whyNot.isEmpty();
    m_undo->setEnabled(undoable);
    m_undo->setToolTip(undoable ? tr("Review and send: %1%2")
                                      .arg(givesBack.join(QStringLiteral("; ")),
                                           entries.size() > 3 ? tr(" and %1 more").arg(entries.size() - 3) : QString())
                                : tr("Cannot undo: %1").arg(whyNot));
    m_verify->setEnabled(verifiable);
    m_verify->setToolTip(verifiable ? tr("Re-read the objects to learn whether the selected changes happened")
                                    : tr("Only changes that never got an answer need verifying"));
    m_note->setVisible(undoable && reactivates);
    if (undoable && reactivates)
        m_note->setText(QStringLiteral("⚠ ") + AuditEntryText::reactivationNote());
}

bool AuditPage::exportTo(const QString& path)
{
    QList<JournalEntry> entries;
    entries.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        if (const JournalEntry* entry = m_model->entry(m_proxy->mapToSource(m_proxy->index(row, 0)).row()))
            entries.append(*entry);
    if (!m_export->start(entries, path))
        return false;
    m_exportButton->setEnabled(false);
    m_exportStatus->setText(tr("Exporting %1…").arg(DisplayFormat::count(entries.size(), tr("change"), tr("changes"))));
    m_exportCount = entries.size();
    return true;
}

void AuditPage::exportWithDialog()
{
    const QString suggested =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/scimitar-audit.csv");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the changes shown as CSV"), suggested, tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

void AuditPage::onExported(const QString& path, const QString& error)
{
    m_exportButton->setEnabled(true);
    // What was written, and that it is what the filters show: a filtered view exports only what it shows.
    const qsizetype all = m_model->rowCount();
    const QString written =
        m_exportCount == all ? tr("Wrote %1 to %2.").arg(DisplayFormat::count(all, tr("change"), tr("changes")), path)
                             : tr("Wrote %1 of %2 changes (those shown; the filters hide the rest) to %3.")
                                   .arg(m_exportCount)
                                   .arg(all)
                                   .arg(path);
    m_exportStatus->setText(error.isEmpty() ? written : error);
    m_exportStatus->setForegroundRole(error.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
    emit exportFinished(path, error);
}

} // namespace scimitar::gui
