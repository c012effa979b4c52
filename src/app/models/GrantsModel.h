#pragma once

#include "models/SnapshotTableModel.h"

#include <vector>

namespace scimitar::gui {

// One row per role (or entitlement) value with how many principals hold it and how. RolesModel and
// EntitlementsModel are this model with the kind fixed; the counting is the same for both.
class GrantsModel : public SnapshotTableModel
{
    Q_OBJECT

public:
    enum class Grant
    {
        Role,
        Entitlement,
    };

    enum Column
    {
        ValueColumn,
        AwsAccountColumn,
        HoldersColumn,
        DirectHoldersColumn,
        InheritedHoldersColumn,
        UsersColumn,
        GroupsColumn,
        ServicePrincipalsColumn,
        DeactivatedHoldersColumn,
        ColumnCount
    };

    explicit GrantsModel(Grant grant, QObject* parent = nullptr);

    Grant grant() const { return m_grant; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Preparer preparer() const override;
    int widthHint(int column) const override;
    bool hiddenByDefault(int column) const override;
    QString itemsName() const override;

protected:
    void adopt(Prepared rows) override;
    int rows() const override { return m_rows ? int(m_rows->size()) : 0; }
    int columns() const override { return ColumnCount; }

private:
    struct Row
    {
        QString value;
        QString shown;
        QString awsAccount;
        int holders = 0;       // distinct principals
        int direct = 0;        // distinct principals holding it directly (maybe also through a group)
        int inheritedOnly = 0; // distinct principals holding it only through groups
        int users = 0;
        int groups = 0;
        int servicePrincipals = 0;
        int deactivated = 0; // distinct users and service principals among the holders who cannot sign in
    };

    QVariant display(const Row& row, int column) const;
    int number(const Row& row, int column) const;

    Grant m_grant;
    static std::vector<Row> buildRows(const DirectorySnapshot& snapshot, Grant grant);

    std::shared_ptr<const std::vector<Row>> m_rows;
};

} // namespace scimitar::gui
