#pragma once

#include "drift/DriftReport.h"

#include <QAbstractTableModel>
#include <QSet>

namespace scimitar::gui {

// The findings of one drift review, one row each, in the report's order (grouped by kind, then principal). The
// explanation is a column of its own so every row reads as a sentence; severity shows icon + word. A stale model
// (the last refresh failed) greys every row instead of hiding it: old evidence, clearly marked.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SeverityColumn,
        KindColumn,
        PrincipalColumn,
        TargetColumn,
        ViaColumn,
        IdpGroupsColumn,
        ActionColumn,
        BlockedColumn,
        ExplanationColumn,
        ColumnCount,
    };
    enum Role
    {
        SeverityRole = Qt::UserRole + 100, // int(Severity)
        KindRole,                          // int(FindingKind)
        SearchTextRole,                    // everything a search matches, lower-case
        SortRole,
    };

    explicit FindingsModel(QObject* parent = nullptr);

    void setFindings(QList<Finding> findings);
    const QList<Finding>& findings() const { return m_findings; }
    const Finding* finding(int row) const;
    void setStale(bool stale);
    bool isStale() const { return m_stale; }
    // Findings whose fix went out and took effect: shown as "Fixed — pending re-check" (greyed) until the next
    // review replaces the list, and never offered for fixing again meanwhile.
    void markFixed(const QList<Finding>& findings);
    bool isFixed(int row) const;
    bool isFixed(const Finding& finding) const;
    int fixedCount() const { return int(m_fixed.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Finding> m_findings;
    bool m_stale = false;
    QSet<int> m_fixed; // rows
};

} // namespace scimitar::gui
