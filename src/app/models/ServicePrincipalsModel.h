#pragma once

#include "models/GrantSummary.h"
#include "models/SnapshotTableModel.h"

#include <vector>

namespace scimitar::gui {

// Every service principal of the snapshot. The application id (what jobs and tools sign in with) and the SCIM
// id (what the API addresses) are separate columns, because confusing them is a classic mistake.
class ServicePrincipalsModel final : public SnapshotTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DisplayNameColumn,
        ApplicationIdColumn,
        StatusColumn,
        RolesColumn,
        EntitlementsColumn,
        IdColumn,
        ColumnCount
    };

    explicit ServicePrincipalsModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Preparer preparer() const override;
    int widthHint(int column) const override;
    bool hiddenByDefault(int column) const override { return column == IdColumn; }
    QString itemsName() const override { return QStringLiteral("service principals"); }

protected:
    void adopt(Prepared rows) override;
    int rows() const override { return m_rows ? int(m_rows->size()) : 0; }
    int columns() const override { return ColumnCount; }

private:
    struct Row
    {
        GrantSummary roles;
        GrantSummary entitlements;
    };

    QVariant display(const ServicePrincipal& sp, const Row& row, int column) const;

    static std::vector<Row> buildRows(const DirectorySnapshot& snapshot);

    std::shared_ptr<const std::vector<Row>> m_rows;
};

} // namespace scimitar::gui
