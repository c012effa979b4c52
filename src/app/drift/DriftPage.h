#pragma once

#include "drift/DriftReviewResult.h"
#include "drift/ManagedGroupDiff.h"

#include <QWidget>
#include <optional>

class QAction;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTabWidget;
class QToolButton;

namespace scimitar::gui {

class FindingFilterProxy;
class FindingsModel;
class GroupDiffModel;

// The Drift page: what the last review found, counted by severity and by kind (a chart, each bar labelled with
// its words and count), then the findings themselves, filterable by severity and kind and searchable from the
// window's search box, exportable as CSV and JSON (the CLI's formats). When the last refresh failed the previous
// review stays, greyed and marked stale: a reviewer never sees a result computed from partial data.
class DriftPage final : public QWidget
{
    Q_OBJECT

public:
    enum class ExportFormat
    {
        Csv,
        Json,
    };

    explicit DriftPage(QWidget* parent = nullptr);
    ~DriftPage() override;

    // No policy: explains what the page is for, with a way to open one.
    void showNoPolicy(const QString& text);
    // A policy is active but no review has finished yet.
    void showWaiting(const QString& text);
    void setResult(const DriftReviewResult& result);
    void setStale(bool stale, const QString& reason = {});
    // Their fix went out and took effect: marked "Fixed — pending re-check" at once, and out of every fix action,
    // until the next review's list replaces them.
    void markFixed(const QList<Finding>& findings);
    bool isStale() const;
    const std::optional<DriftReviewResult>& result() const { return m_result; }

    void setSearchText(const QString& text);
    const Finding* currentFinding() const;
    // Every selected finding, in the table's order.
    QList<Finding> selectedFindings() const;
    // With two or more selected: "6 findings selected: 5 can be fixed, 1 blocked."; else empty.
    QString selectionSummary() const;

    // Why no change may be offered at all (a read-only connection, …); empty: findings offer their fix. Blocked
    // findings and those without an action never offer one; their tooltip says why.
    void setActionsUnavailable(const QString& reason);
    // The current finding's one-click fix ("Revoke role", "Remove from group", …), also the default action of the
    // row's context menu; and "Fix selected…" for a selection (the review dialog).
    QAction* fixAction() const { return m_fixAction; }
    QAction* fixSelectedAction() const { return m_fixSelectedAction; }
    void focusTable();

    // Writes, in the CLI's format, the findings shown — filters and search applied, in the table's order — never the
    // hidden ones too. On success *written says what was written ("Wrote 8 of 21 findings (those shown) to …").
    bool exportFindings(const QString& path, ExportFormat format, QString* error, QString* written = nullptr) const;
    // The findings the table shows, in its order.
    QList<Finding> shownFindings() const;

    // For tests and the window.
    QTableView* view() const { return m_view; }
    FindingsModel* model() const { return m_model; }
    FindingFilterProxy* proxy() const { return m_proxy; }
    QComboBox* severityFilter() const { return m_severityFilter; }
    QComboBox* kindFilter() const { return m_kindFilter; }
    QChart* chart() const { return m_chart; }
    QChartView* chartView() const { return m_chartView; }
    QToolButton* chartToggle() const { return m_chartToggle; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* placeholderLabel() const { return m_placeholder; }

    // The group diff tab: one managed Databricks group beside the IdP groups that grant it.
    void showGroupDiff(const QString& databricksGroup);
    QComboBox* groupPicker() const { return m_groupPicker; }
    GroupDiffModel* groupDiffModel() const { return m_diffModel; }
    QLabel* groupDiffSummary() const { return m_diffSummary; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableView* groupDiffView() const { return m_diffView; }
    bool showsGroupDiff() const;
    // The group diff's current row, while that tab is shown.
    std::optional<ManagedGroupDiff::Row> currentDiffRow() const;

signals:
    void currentFindingChanged();
    void openPolicyRequested();
    void fixRequested(const scimitar::Finding& finding);
    void fixSelectedRequested(const QList<scimitar::Finding>& findings);
    // An export from the page's own menu finished: one sentence for the message bar.
    void exported(const QString& sentence);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuildChart();
    void fitChartToFont();
    void exportWithDialog(ExportFormat format);
    void applyFilters();
    void updateGroupDiff();
    void updateFixActions();
    void showContextMenu(const QPoint& position);
    // Empty when `finding` may be fixed in one click; else why not.
    QString whyNoFix(const Finding& finding) const;
    // The findings at these rows of the (filtered, sorted) table, in the order given.
    QList<Finding> findingsAtRows(const QList<int>& proxyRows) const;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QPushButton* m_openPolicy = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_staleLabel = nullptr;
    QLabel* m_severityCounts = nullptr;
    QLabel* m_notes = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QToolButton* m_chartToggle = nullptr;
    QComboBox* m_severityFilter = nullptr;
    QComboBox* m_kindFilter = nullptr;
    QTableView* m_view = nullptr;
    FindingsModel* m_model = nullptr;
    FindingFilterProxy* m_proxy = nullptr;
    QTabWidget* m_tabs = nullptr;
    QComboBox* m_groupPicker = nullptr;
    QLabel* m_diffSummary = nullptr;
    QTableView* m_diffView = nullptr;
    GroupDiffModel* m_diffModel = nullptr;
    QAction* m_fixAction = nullptr;
    QAction* m_fixSelectedAction = nullptr;
    QToolButton* m_fixButton = nullptr;
    QToolButton* m_fixSelectedButton = nullptr;
    QString m_actionsUnavailable;
    std::optional<DriftReviewResult> m_result;
};

} // namespace scimitar::gui
