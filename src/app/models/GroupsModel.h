#pragma once

#include "models/GrantSummary.h"
#include "models/SnapshotTableModel.h"

#include <vector>

namespace scimitar::gui {

// Every group of the snapshot with its direct and nested membership counts and the access it carries.
class GroupsModel final : public SnapshotTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DisplayNameColumn,
        SourceColumn,
        DirectMembersColumn,
        AllMembersColumn,
        RolesColumn,
        EntitlementsColumn,
        IdColumn,
        ExternalIdColumn,
        ColumnCount
    };

    explicit GroupsModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Preparer preparer() const override;
    int widthHint(int column) const override;
    bool hiddenByDefault(int column) const override;
    QString itemsName() const override { return QStringLiteral("groups"); }

protected:
    void adopt(Prepared rows) override;
    int rows() const override { return m_rows ? int(m_rows->size()) : 0; }
    int columns() const override { return ColumnCount; }

private:
    struct Row
    {
        int directMembers = 0;
        int allMembers = 0;
        int allUsers = 0;
        int allServicePrincipals = 0;
        int allGroups = 0;
        GrantSummary roles;
        GrantSummary entitlements;
    };

    QVariant display(const Group& group, const Row& row, int column) const;

    static std::vector<Row> buildRows(const DirectorySnapshot& snapshot);

    std::shared_ptr<const std::vector<Row>> m_rows;
};

} // namespace scimitar::gui
