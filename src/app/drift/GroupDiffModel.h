#pragma once

#include "drift/ManagedGroupDiff.h"

#include <QAbstractTableModel>

namespace scimitar::gui {

// A managed group's diff (core ManagedGroupDiff, the same rows the member findings were read from) as a
// side-by-side table: IdP member | state | Databricks member. Extra rows are tinted red, missing rows green and
// inherited members without a grant amber; the state column always says so in words with an icon: never colour
// alone.
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
    static constexpr int StateRole = Qt::UserRole + 200; // int(ManagedGroupDiff::State)

    explicit GroupDiffModel(QObject* parent = nullptr);

    void setDiff(ManagedGroupDiff diff);
    const ManagedGroupDiff& diff() const { return m_diff; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString stateText(const ManagedGroupDiff::Row& row) const;
    QString stateToolTip(const ManagedGroupDiff::Row& row) const;

    ManagedGroupDiff m_diff;
};

} // namespace scimitar::gui
