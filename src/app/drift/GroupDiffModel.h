#pragma once

#include "drift/GroupDiff.h"

#include <QAbstractTableModel>

namespace scimitar::gui {

// A GroupDiff as a side-by-side table: IdP member | state | Databricks member. Extra rows are tinted red and
// missing rows green, and the state column always says so in words with an icon: never colour alone.
class GroupDiffModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdpColumn,
        StateColumn,
        DatabricksColumn,
        ColumnCount,
    };
    static constexpr int StateRole = Qt::UserRole + 200; // int(GroupDiff::State)

    explicit GroupDiffModel(QObject* parent = nullptr);

    void setDiff(GroupDiff diff);
    const GroupDiff& diff() const { return m_diff; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    GroupDiff m_diff;
};

} // namespace scimitar::gui
