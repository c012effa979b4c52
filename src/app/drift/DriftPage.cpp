#include "DriftPage.h"

#include "AppIcons.h"
#include "DisplayFormat.h"
#include "drift/FindingCsv.h"
#include "drift/FindingFilterProxy.h"
#include "drift/FindingJson.h"
#include "drift/FindingText.h"
#include "drift/FindingsModel.h"
#include "drift/GroupDiffModel.h"
#include "remediation/BlastRadius.h"
#include "remediation/ChangeWords.h"
#include "secrets/PrivateFile.h"
#include "widgets/ColumnChooser.h"
#include "widgets/PlainText.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QJsonDocument>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <numeric>

namespace scimitar::gui {

namespace {

// A text button that opens its own (empty) menu at once, as toolbars' drop-downs do.
QToolButton* menuButton(QWidget* parent, const QString& objectName, const QString& text, const QString& toolTip)
{
    auto* button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setMenu(new QMenu(button));
    return button;
}

} // namespace

DriftPage::DriftPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new FindingsModel(this))
    , m_proxy(new FindingFilterProxy(this))
    , m_diffModel(new GroupDiffModel(this))
{
    setObjectName(QStringLiteral("driftPage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    // Empty state: what the page is for and how to start.
    auto* empty = new QWidget(m_stack);
    auto* emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch(1);
    m_placeholder = new QLabel(empty);
    m_placeholder->setObjectName(QStringLiteral("driftPlaceholder"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    emptyLayout->addWidget(m_placeholder);
    m_openPolicy = new QPushButton(tr("Open policy…"), empty);
    m_openPolicy->setObjectName(QStringLiteral("openPolicyButton"));
    emptyLayout->addWidget(m_openPolicy, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    connect(m_openPolicy, &QPushButton::clicked, this, &DriftPage::openPolicyRequested);
    m_stack->addWidget(empty);

    auto* content = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 6, 8, 0);
    layout->setSpacing(6);

    auto* header = new QHBoxLayout;
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("driftSummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_summary->setFont(bold);
    // The header lines wrap rather than hold the window wider than a 1280 px screen at 12 pt.
    m_summary->setWordWrap(true);
    header->addWidget(m_summary, 1);
    m_source = new QLabel(content);
    m_source->setObjectName(QStringLiteral("driftSource"));
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_source->setWordWrap(true);
    // The chart can be folded away so the table gets the height; the choice is remembered.
    m_chartToggle = new QToolButton(content);
    m_chartToggle->setObjectName(QStringLiteral("chartToggle"));
    m_chartToggle->setCheckable(true);
    m_chartToggle->setAutoRaise(true);
    m_chartToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    header->addWidget(m_chartToggle, 0, Qt::AlignTop);
    layout->addLayout(header);
    layout->addWidget(m_source);

    m_staleLabel = new QLabel(content);
    m_staleLabel->setObjectName(QStringLiteral("driftStale"));
    m_staleLabel->setWordWrap(true);
    m_staleLabel->setVisible(false);
    layout->addWidget(m_staleLabel);

    m_severityCounts = new QLabel(content);
    m_severityCounts->setObjectName(QStringLiteral("driftSeverityCounts"));
    m_severityCounts->setTextFormat(Qt::RichText);
    m_severityCounts->setWordWrap(true);
    layout->addWidget(m_severityCounts);

    m_chart = new QChart;
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    // Below, not beside: the kinds' labels on the left need the width (Qt Charts cuts them to "…" otherwise).
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView = new QChartView(m_chart, content);
    m_chartView->setObjectName(QStringLiteral("driftChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    // Tall enough that every kind's label fits its band: Qt Charts elides category labels that do not.
    m_chartView->setAccessibleName(tr("Findings by kind and severity"));
    m_chartView->setToolTip(tr("Click a bar to show only findings of that kind; click it again to show all."));
    fitChartToFont();
    layout->addWidget(m_chartView);
    connect(m_chartToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_chartView->setVisible(shown);
        m_chartToggle->setText(shown ? tr("Hide chart") : tr("Show chart"));
        m_chartToggle->setArrowType(shown ? Qt::UpArrow : Qt::DownArrow);
        QSettings().setValue(QStringLiteral("drift/chartShown"), shown);
    });
    const bool chartShown = QSettings().value(QStringLiteral("drift/chartShown"), true).toBool();
    m_chartToggle->setChecked(chartShown);
    m_chartView->setVisible(chartShown);
    m_chartToggle->setText(chartShown ? tr("Hide chart") : tr("Show chart"));
    m_chartToggle->setArrowType(chartShown ? Qt::UpArrow : Qt::DownArrow);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("driftTabs"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    auto* findingsTab = new QWidget(m_tabs);
    auto* findingsLayout = new QVBoxLayout(findingsTab);
    findingsLayout->setContentsMargins(0, 6, 0, 0);
    m_tabs->addTab(findingsTab, tr("Findings"));

    auto* filters = new QHBoxLayout;
    m_severityFilter = new QComboBox(content);
    m_severityFilter->setObjectName(QStringLiteral("severityFilter"));
    m_severityFilter->addItem(tr("All severities"), -1);
    for (const Severity severity : allSeverities())
        m_severityFilter->addItem(FindingText::severityIcon(severity), FindingText::severityLabel(severity),
                                  int(severity));
    // No labels beside them: "All severities" and "All kinds" say what they filter, and the row keeps its room.
    m_severityFilter->setAccessibleName(tr("Severity filter"));
    m_severityFilter->setToolTip(tr("Show findings of one severity"));
    m_kindFilter = new QComboBox(content);
    m_kindFilter->setObjectName(QStringLiteral("kindFilter"));
    m_kindFilter->addItem(tr("All kinds"), -1);
    for (const FindingKind kind : allFindingKinds())
        m_kindFilter->addItem(FindingText::kindLabel(kind), int(kind));
    m_kindFilter->setAccessibleName(tr("Kind filter"));
    m_kindFilter->setToolTip(tr("Show findings of one kind (or click its bar in the chart)"));
    // Kind names are long ("Deprovisioned but active"): the combos keep a modest width and show them whole in
    // their popups, so the row fits a narrow window with a large font.
    for (QComboBox* combo : {m_severityFilter, m_kindFilter}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(combo == m_kindFilter ? 10 : 7);
    }
    QToolButton* exportButton = menuButton(content, QStringLiteral("exportFindings"), tr("Export"),
                                           tr("Write the findings shown to a file, as the CLI does"));
    QMenu* exportMenu = exportButton->menu();
    QAction* exportCsv = exportMenu->addAction(tr("Export CSV…"));
    exportCsv->setObjectName(QStringLiteral("exportCsv"));
    QAction* exportJson = exportMenu->addAction(tr("Export JSON…"));
    exportJson->setObjectName(QStringLiteral("exportJson"));
    filters->addWidget(m_severityFilter);
    filters->addSpacing(6);
    filters->addWidget(m_kindFilter);
    filters->addStretch(1);
    m_fixAction = new QAction(tr("Fix"), this);
    m_fixAction->setObjectName(QStringLiteral("fixFindingAction"));
    m_fixSelectedAction = new QAction(tr("Fix selected…"), this);
    m_fixSelectedAction->setObjectName(QStringLiteral("fixSelectedAction"));
    m_fixButton = new QToolButton(content);
    m_fixButton->setObjectName(QStringLiteral("fixFindingButton"));
    // A fixed label: the action's own text ("Remove from group…") changed the button's width with every selection,
    // moving the buttons beside it under the mouse. The verb is in its tooltip and the context menu.
    m_fixButton->setText(tr("Fix…"));
    m_fixButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_fixButton, &QToolButton::clicked, m_fixAction, &QAction::trigger);
    m_fixSelectedButton = new QToolButton(content);
    m_fixSelectedButton->setObjectName(QStringLiteral("fixSelectedButton"));
    m_fixSelectedButton->setDefaultAction(m_fixSelectedAction);
    m_fixSelectedButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    filters->addWidget(m_fixButton);
    filters->addWidget(m_fixSelectedButton);
    filters->addSpacing(6);
    filters->addWidget(exportButton);
    // Which columns show: here, and on the header's context menu, as on the directory pages.
    QToolButton* columns = menuButton(content, QStringLiteral("findingColumns"), tr("Columns"),
                                      tr("Choose the columns the findings table shows"));
    QMenu* columnsMenu = columns->menu();
    filters->addWidget(columns);
    findingsLayout->addLayout(filters);
    connect(m_severityFilter, &QComboBox::currentIndexChanged, this, &DriftPage::applyFilters);
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, &DriftPage::applyFilters);
    connect(exportCsv, &QAction::triggered, this, [this] { exportWithDialog(ExportFormat::Csv); });
    connect(exportJson, &QAction::triggered, this, [this] { exportWithDialog(ExportFormat::Json); });

    m_proxy->setSourceModel(m_model);
    m_view = new QTableView(content);
    m_view->setObjectName(QStringLiteral("findingsTable"));
    m_view->setAccessibleName(tr("Findings"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the report's own order: by kind, then principal
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setColumnHidden(FindingsModel::ViaColumn, false);
    connect(columnsMenu, &QMenu::aboutToShow, this, [this, columnsMenu] {
        columnsMenu->clear();
        ColumnChooser::fill(columnsMenu, m_view->horizontalHeader());
    });
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addSection(tr("Columns"));
        ColumnChooser::fill(&menu, m_view->horizontalHeader());
        menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
    });
    findingsLayout->addWidget(m_view, 1);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DriftPage::currentFindingChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DriftPage::updateFixActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DriftPage::updateFixActions);
    // The details pane summarises a selection of several findings.
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DriftPage::currentFindingChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DriftPage::updateFixActions);
    connect(m_view, &QTableView::customContextMenuRequested, this, &DriftPage::showContextMenu);
    connect(m_fixAction, &QAction::triggered, this, [this] {
        const Finding* finding = currentFinding();
        if (finding && whyNoFix(*finding).isEmpty())
            emit fixRequested(*finding);
    });
    connect(m_fixSelectedAction, &QAction::triggered, this, [this] {
        QList<Finding> findings = selectedFindings();
        // Those fixed a moment ago are not sent again while the re-check runs.
        findings.removeIf([this](const Finding& finding) { return m_model->isFixed(finding); });
        if (!findings.isEmpty() && m_actionsUnavailable.isEmpty())
            emit fixSelectedRequested(findings);
    });

    // Group diff tab.
    auto* diffTab = new QWidget(m_tabs);
    auto* diffLayout = new QVBoxLayout(diffTab);
    diffLayout->setContentsMargins(0, 6, 0, 0);
    auto* diffHeader = new QHBoxLayout;
    auto* groupLabel = new QLabel(tr("&Managed group:"), diffTab);
    m_groupPicker = new QComboBox(diffTab);
    m_groupPicker->setObjectName(QStringLiteral("groupPicker"));
    m_groupPicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_groupPicker->setMinimumContentsLength(16);
    groupLabel->setBuddy(m_groupPicker);
    m_diffSummary = new QLabel(diffTab);
    m_diffSummary->setObjectName(QStringLiteral("groupDiffSummary"));
    m_diffSummary->setFont(bold);
    m_diffSummary->setWordWrap(true); // a long summary must not hold the window wider than the screen
    diffHeader->addWidget(groupLabel);
    diffHeader->addWidget(m_groupPicker);
    diffHeader->addSpacing(16);
    diffHeader->addWidget(m_diffSummary, 1);
    diffLayout->addLayout(diffHeader);
    m_diffView = new QTableView(diffTab);
    m_diffView->setObjectName(QStringLiteral("groupDiffTable"));
    m_diffView->setAccessibleName(tr("Group members, IdP beside Databricks"));
    m_diffView->setModel(m_diffModel);
    m_diffView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diffView->verticalHeader()->setVisible(false);
    m_diffView->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_diffView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_diffView->horizontalHeader()->setSectionResizeMode(GroupDiffModel::StateColumn, QHeaderView::ResizeToContents);
    diffLayout->addWidget(m_diffView, 1);
    // The details pane follows what is in front: the findings' selection on that tab, the diff's row on this one.
    connect(m_tabs, &QTabWidget::currentChanged, this, &DriftPage::currentFindingChanged);
    connect(m_diffView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DriftPage::currentFindingChanged);
    m_tabs->addTab(diffTab, tr("Group diff"));
    connect(m_groupPicker, &QComboBox::currentIndexChanged, this, &DriftPage::updateGroupDiff);

    m_notes = new QLabel(content);
    m_notes->setObjectName(QStringLiteral("driftNotes"));
    m_notes->setWordWrap(true);
    m_notes->setForegroundRole(QPalette::PlaceholderText);
    m_notes->setVisible(false);
    layout->addWidget(m_notes);
    m_stack->addWidget(content);

    showNoPolicy(tr("No access policy is active. Open a policy file to compare Databricks with your identity "
                    "provider and see who holds access no IdP group grants."));
}

DriftPage::~DriftPage() = default;

void DriftPage::showNoPolicy(const QString& text)
{
    m_result.reset();
    m_model->setFindings({});
    m_placeholder->setText(text);
    m_openPolicy->setVisible(true);
    m_stack->setCurrentIndex(0);
}

void DriftPage::showWaiting(const QString& text)
{
    if (m_result)
        return; // keep the last review on screen while a new one runs
    m_placeholder->setText(text);
    m_openPolicy->setVisible(false);
    m_stack->setCurrentIndex(0);
}

void DriftPage::setResult(const DriftReviewResult& result)
{
    m_result = result;
    const DriftReport& report = result.report;
    m_model->setFindings(report.findings());
    m_summary->setText(report.summary());
    m_source->setText(tr("%1 · reviewed %2")
                          .arg(result.idp.sourceLabel,
                               QLocale().toString(result.idp.loadedAt.toLocalTime().time(), QLocale::ShortFormat)));
    m_source->setToolTip(m_source->text());
    QStringList counts;
    const int icon = fontMetrics().height();
    for (const Severity severity : allSeverities())
        counts.append(QStringLiteral("<img src=\":/icons/severity-%1.svg\" width=\"%2\" height=\"%2\"> %3 %4")
                          .arg(severityName(severity))
                          .arg(icon)
                          .arg(report.count(severity))
                          .arg(FindingText::severityLabel(severity).toLower().toHtmlEscaped()));
    if (report.blockedCount() > 0)
        counts.append(tr("%n blocked", nullptr, report.blockedCount()).toHtmlEscaped());
    m_severityCounts->setText(counts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    m_notes->setText(report.notes().join(QLatin1Char('\n')));
    m_notes->setVisible(!report.notes().isEmpty());
    setStale(false);
    updateFixActions();
    rebuildChart();
    {
        const QString previous = m_groupPicker->currentText();
        const QSignalBlocker blocker(m_groupPicker);
        m_groupPicker->clear();
        m_groupPicker->addItems(result.policy.managedGroups());
        const int index = m_groupPicker->findText(previous);
        m_groupPicker->setCurrentIndex(index >= 0 ? index : 0);
    }
    updateGroupDiff();
    m_view->resizeColumnsToContents();
    for (int column = 0; column < FindingsModel::ExplanationColumn; ++column)
        m_view->setColumnWidth(column, std::min(m_view->columnWidth(column), 280));
    m_stack->setCurrentIndex(1);
}

void DriftPage::setStale(bool stale, const QString& reason)
{
    m_model->setStale(stale);
    m_staleLabel->setVisible(stale);
    if (stale)
        m_staleLabel->setText(QStringLiteral("⚠ ") + tr("Out of date — this is the previous review. %1").arg(reason));
    m_chartView->setEnabled(!stale);
    updateFixActions();
}

bool DriftPage::isStale() const
{
    return m_model->isStale();
}

void DriftPage::setSearchText(const QString& text)
{
    m_proxy->setSearchText(text);
}

const Finding* DriftPage::currentFinding() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->finding(m_proxy->mapToSource(current).row());
}

QList<Finding> DriftPage::selectedFindings() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return findingsAtRows(rows);
}

QList<Finding> DriftPage::findingsAtRows(const QList<int>& proxyRows) const
{
    QList<Finding> findings;
    findings.reserve(proxyRows.size());
    for (const int row : proxyRows) {
        if (const Finding* finding = m_model->finding(m_proxy->mapToSource(m_proxy->index(row, 0)).row()))
            findings.append(*finding);
    }
    return findings;
}

void DriftPage::setActionsUnavailable(const QString& reason)
{
    m_actionsUnavailable = reason;
    updateFixActions();
}

void DriftPage::markFixed(const QList<Finding>& findings)
{
    m_model->markFixed(findings);
    updateFixActions();
}

QString DriftPage::whyNoFix(const Finding& finding) const
{
    if (!m_actionsUnavailable.isEmpty())
        return m_actionsUnavailable;
    if (m_model->isFixed(finding))
        return tr("Fixed — pending re-check: the change took effect; the next review confirms it.");
    if (isStale())
        return tr("These findings are out of date; refresh before changing anything.");
    if (finding.isBlocked())
        return tr("No automatic action: %1").arg(finding.blockedBy);
    if (finding.action.op == ActionOp::None)
        return tr("Nothing Scimitar can change fixes this; it needs a person (e.g. provisioning in the IdP).");
    return {};
}

QString DriftPage::selectionSummary() const
{
    const QList<Finding> findings = selectedFindings();
    if (findings.size() < 2)
        return {};
    qsizetype fixable = 0;
    qsizetype blocked = 0;
    qsizetype fixed = 0;
    qsizetype manual = 0;
    for (const Finding& finding : findings) {
        if (m_model->isFixed(finding))
            ++fixed;
        else if (finding.isBlocked())
            ++blocked;
        else if (finding.action.op == ActionOp::None)
            ++manual;
        else
            ++fixable;
    }
    QStringList parts{tr("%1 can be fixed").arg(fixable)};
    if (blocked > 0)
        parts.append(tr("%1 blocked").arg(blocked));
    if (manual > 0)
        parts.append(tr("%1 need a person").arg(manual));
    if (fixed > 0)
        parts.append(tr("%1 fixed, pending re-check").arg(fixed));
    return tr("%1 findings selected: %2.").arg(findings.size()).arg(parts.join(QStringLiteral(", ")));
}

void DriftPage::updateFixActions()
{
    const Finding* finding = currentFinding();
    const qsizetype selectedRows = m_view->selectionModel()->selectedRows().size();
    // One row's action with several selected would act on one the user may not even see: Fix selected… is for
    // those.
    const QString why =
        selectedRows > 1 ? tr("%1 findings are selected; use Fix selected… to review them together.").arg(selectedRows)
        : finding        ? whyNoFix(*finding)
                         : tr("Select a finding.");
    const QString verb = finding ? ChangeWords::verb(finding->action.op) : QString();
    m_fixAction->setText(verb.isEmpty() ? tr("Fix") : verb + QStringLiteral("…"));
    m_fixAction->setEnabled(why.isEmpty());
    m_fixAction->setToolTip(why.isEmpty() && finding ? FindingText::actionSentence(*finding) : why);
    qsizetype selected = 0;
    qsizetype fixed = 0;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        ++selected;
        fixed += m_model->isFixed(m_proxy->mapToSource(index).row()) ? 1 : 0;
    }
    const QString whySelected = !m_actionsUnavailable.isEmpty() ? m_actionsUnavailable
                                : isStale() ? tr("These findings are out of date; refresh before changing anything.")
                                : selected == 0     ? tr("Select the findings to fix.")
                                : selected == fixed ? tr("Fixed — pending re-check: the next review confirms it.")
                                                    : QString();
    selected -= fixed;
    m_fixSelectedAction->setEnabled(whySelected.isEmpty());
    m_fixSelectedAction->setToolTip(whySelected.isEmpty()
                                        ? tr("Review the changes that fix the selected %1")
                                              .arg(DisplayFormat::count(selected, tr("finding"), tr("findings")))
                                        : whySelected);
    // Buttons show their action's tooltip only while enabled; the reason matters most when they are not.
    m_fixButton->setEnabled(m_fixAction->isEnabled());
    m_fixButton->setToolTip(m_fixAction->isEnabled() ? m_fixAction->text().remove(QStringLiteral("…")) +
                                                           QStringLiteral(": ") + m_fixAction->toolTip()
                                                     : m_fixAction->toolTip());
    m_fixSelectedButton->setToolTip(m_fixSelectedAction->toolTip());
}

void DriftPage::showContextMenu(const QPoint& position)
{
    if (!m_view->indexAt(position).isValid())
        return;
    updateFixActions();
    QMenu menu(this);
    menu.addAction(m_fixAction);
    menu.setDefaultAction(m_fixAction);
    menu.addAction(m_fixSelectedAction);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void DriftPage::focusTable()
{
    m_view->setFocus(Qt::OtherFocusReason);
    if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
}

void DriftPage::applyFilters()
{
    const int severity = m_severityFilter->currentData().toInt();
    const int kind = m_kindFilter->currentData().toInt();
    m_proxy->setSeverity(severity < 0 ? std::nullopt : std::optional<Severity>(Severity(severity)));
    m_proxy->setKind(kind < 0 ? std::nullopt : std::optional<FindingKind>(FindingKind(kind)));
}

void DriftPage::rebuildChart()
{
    m_chart->removeAllSeries(); // deletes them
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis); // only gives up ownership: every refresh leaked two axes (found by LeakSanitizer)
        delete axis;
    }
    if (!m_result)
        return;
    const DriftReport& report = m_result->report;
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->legend()->setLabelColor(pal.color(QPalette::Text));

    // Bars from the top in the report's order (most serious kinds first); the category axis counts upwards, so
    // it gets them reversed. Each label carries the words and the count: the colour is never the only cue.
    QList<FindingKind> kinds = allFindingKinds();
    std::reverse(kinds.begin(), kinds.end());
    QStringList categories;
    int most = 0;
    for (const FindingKind kind : kinds) {
        categories.append(QStringLiteral("%1 (%2)").arg(FindingText::kindLabel(kind)).arg(report.count(kind)));
        most = std::max(most, report.count(kind));
    }
    auto* series = new QHorizontalStackedBarSeries;
    for (const Severity severity : allSeverities()) {
        auto* set = new QBarSet(FindingText::severityLabel(severity));
        set->setColor(FindingText::severityColor(severity));
        set->setBorderColor(FindingText::severityColor(severity).darker(130));
        for (const FindingKind kind : kinds) {
            int count = 0;
            for (const Finding& finding : report.findings())
                count += finding.kind == kind && finding.severity == severity ? 1 : 0;
            set->append(count);
        }
        series->append(set);
    }
    series->setBarWidth(0.7);
    m_chart->addSeries(series);
    // A bar filters the table to its kind; the same bar again, or the filter set back, shows all.
    connect(series, &QAbstractBarSeries::clicked, this, [this, kinds](int index, QBarSet*) {
        if (index < 0 || index >= kinds.size())
            return;
        const int wanted = m_kindFilter->findData(int(kinds.at(index)));
        m_kindFilter->setCurrentIndex(m_kindFilter->currentIndex() == wanted ? 0 : wanted);
    });
    auto* axisY = new QBarCategoryAxis;
    axisY->append(categories);
    axisY->setLabelsFont(font()); // the window's font (a larger one included), not the chart's own
    // Never "…": the labels are the kinds' names and counts, the chart's only words for what a bar is.
    axisY->setTruncateLabels(false);
    axisY->setLabelsColor(pal.color(QPalette::Text));
    axisY->setGridLineVisible(false);
    m_chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto* axisX = new QValueAxis;
    axisX->setLabelFormat(QStringLiteral("%d"));
    axisX->setRange(0, std::max(most, 1));
    axisX->setTickCount(std::min(std::max(most, 1), 10) + 1);
    if (most > 10)
        axisX->applyNiceNumbers();
    axisX->setLabelsFont(font());
    axisX->setLabelsColor(pal.color(QPalette::Text));
    axisX->setGridLineColor(pal.color(QPalette::Mid));
    m_chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
}

void DriftPage::showGroupDiff(const QString& databricksGroup)
{
    const int index = m_groupPicker->findText(databricksGroup, Qt::MatchFixedString);
    if (index >= 0)
        m_groupPicker->setCurrentIndex(index);
    m_tabs->setCurrentIndex(1);
}

void DriftPage::updateGroupDiff()
{
    if (!m_result || m_groupPicker->currentIndex() < 0) {
        m_diffModel->setDiff({});
        m_diffSummary->clear();
        return;
    }
    // Computed by the engine with the findings (off this thread): the rows the member findings were read from.
    const ManagedGroupDiff* diff = m_result->report.groupDiff(m_groupPicker->currentText());
    m_diffSummary->setText(diff ? diff->summary() : QString());
    m_diffModel->setDiff(diff ? *diff : ManagedGroupDiff());
}

bool DriftPage::showsGroupDiff() const
{
    return m_tabs->currentIndex() == 1;
}

std::optional<ManagedGroupDiff::Row> DriftPage::currentDiffRow() const
{
    const QModelIndex current = m_diffView->currentIndex();
    if (!showsGroupDiff() || !current.isValid() || current.row() >= m_diffModel->diff().rows.size())
        return std::nullopt;
    return m_diffModel->diff().rows.at(current.row());
}

QList<Finding> DriftPage::shownFindings() const
{
    QList<int> rows(m_proxy->rowCount());
    std::iota(rows.begin(), rows.end(), 0);
    return findingsAtRows(rows);
}

bool DriftPage::exportFindings(const QString& path, ExportFormat format, QString* error, QString* written) const
{
    const QList<Finding> findings = shownFindings();
    const QByteArray data =
        format == ExportFormat::Json
            ? QJsonDocument(BlastRadius::findingsJson(findings, m_result ? m_result->snapshot.get() : nullptr))
                  .toJson(QJsonDocument::Indented)
            : FindingCsv::write(findings).toUtf8();
    if (!PrivateFile::write(path, data, error)) // who holds what access: the user's alone (0600)
        return false;
    const qsizetype all = m_result ? m_result->report.findings().size() : 0;
    if (written)
        *written = findings.size() == all
                       ? tr("Wrote %1 to %2.").arg(DisplayFormat::count(all, tr("finding"), tr("findings")), path)
                       : tr("Wrote %1 of %2 findings (those shown; the filters hide the rest) to %3.")
                             .arg(findings.size())
                             .arg(all)
                             .arg(path);
    return true;
}

void DriftPage::exportWithDialog(ExportFormat format)
{
    const bool json = format == ExportFormat::Json;
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              (json ? QStringLiteral("/drift-findings.json") : QStringLiteral("/drift-findings.csv"));
    const QString path =
        QFileDialog::getSaveFileName(this, json ? tr("Export findings as JSON") : tr("Export findings as CSV"),
                                     suggested, json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    // Even 10,000 findings are a few MB of text: written here, it takes milliseconds.
    QString error;
    QString written;
    if (!exportFindings(path, format, &error, &written))
        PlainText::warning(this, tr("Export failed"), error);
    else
        emit exported(written);
}

void DriftPage::fitChartToFont()
{
    // Tall enough that every kind's label fits its band, at any font size: Qt Charts elides category labels
    // that do not ("Role without gr…" at 12 pt). A band per kind, plus the value axis and the margins.
    const QFontMetrics metrics(font());
    const int bands = int(allFindingKinds().size());
    // A band per kind at about twice the text's height (Qt Charts cuts a label taller than its band's share), then
    // the value axis and the legend below.
    const int height = bands * 2 * metrics.height() + 5 * metrics.height();
    m_chartView->setMinimumHeight(height);
    m_chartView->setMaximumHeight(height + 40);
    m_chart->legend()->setFont(font());
}

void DriftPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The chart does not follow the palette or the font by itself; redraw it (light/dark switch, a larger font).
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        if (event->type() == QEvent::FontChange)
            fitChartToFont();
        rebuildChart();
    }
}

} // namespace scimitar::gui
