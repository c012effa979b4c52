#pragma once

#include "models/GrantSummary.h"
#include "models/SnapshotTableModel.h"

#include <vector>

namespace scimitar::gui {

// Every user of the snapshot, one row each, with their effective (direct + inherited) groups, roles and
// entitlements.
class UsersModel final : public SnapshotTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        UserNameColumn,
        DisplayNameColumn,
        StatusColumn,
        GroupsColumn,
        RolesColumn,
        EntitlementsColumn,
        EmailsColumn,
        IdColumn,
        ColumnCount
    };

    explicit UsersModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Preparer preparer() const override;
    int widthHint(int column) const override;
    bool hiddenByDefault(int column) const override;
    QString itemsName() const override { return QStringLiteral("users"); }

    static QString statusText(bool active) { return active ? QStringLiteral("Active") : QStringLiteral("Deactivated"); }

protected:
    void adopt(Prepared rows) override;
    int rows() const override { return m_rows ? int(m_rows->size()) : 0; }
    int columns() const override { return ColumnCount; }

private:
    struct Row
    {
        int directGroups = 0;
        int allGroups = 0;
        GrantSummary roles;
        GrantSummary entitlements;
        QString emails;
        QString groupNames; // every group, direct or nested, one per line: for "group:" searches
    };

    QVariant display(const User& user, const Row& row, int column) const;
    QVariant sortValue(const User& user, const Row& row, int column) const;

    static std::vector<Row> buildRows(const DirectorySnapshot& snapshot);

    std::shared_ptr<const std::vector<Row>> m_rows;
};

} // namespace scimitar::gui
