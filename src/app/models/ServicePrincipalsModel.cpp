#include "ServicePrincipalsModel.h"

#include "models/UsersModel.h"

namespace scimitar::gui {

ServicePrincipalsModel::ServicePrincipalsModel(QObject* parent)
    : SnapshotTableModel(parent)
{
}

std::vector<ServicePrincipalsModel::Row> ServicePrincipalsModel::buildRows(const DirectorySnapshot& snapshot)
{
    std::vector<Row> rows;
    rows.reserve(snapshot.servicePrincipals().size());
    for (const ServicePrincipal& sp : snapshot.servicePrincipals()) {
        Row row;
        row.roles = GrantSummary::from(snapshot, snapshot.rolesOf(PrincipalKind::ServicePrincipal, sp.id), true);
        row.entitlements =
            GrantSummary::from(snapshot, snapshot.entitlementsOf(PrincipalKind::ServicePrincipal, sp.id), false);
        rows.push_back(std::move(row));
    }
    return rows;
}

QVariant ServicePrincipalsModel::display(const ServicePrincipal& sp, const Row& row, int column) const
{
    switch (column) {
    case DisplayNameColumn:
        return sp.displayName;
    case ApplicationIdColumn:
        return sp.applicationId;
    case StatusColumn:
        return UsersModel::statusText(sp.active);
    case RolesColumn:
        return row.roles.text;
    case EntitlementsColumn:
        return row.entitlements.text;
    case IdColumn:
        return sp.id;
    default:
        return {};
    }
}

SnapshotTableModel::Preparer ServicePrincipalsModel::preparer() const
{
    return [](const DirectorySnapshot& snapshot) -> Prepared {
        return std::make_shared<const std::vector<Row>>(buildRows(snapshot));
    };
}

void ServicePrincipalsModel::adopt(Prepared rows)
{
    m_rows = std::static_pointer_cast<const std::vector<Row>>(std::move(rows));
}

QVariant ServicePrincipalsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_snapshot)
        return {};
    const ServicePrincipal& sp = m_snapshot->servicePrincipals().at(index.row());
    const Row& row = m_rows->at(std::size_t(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        return display(sp, row, column);
    case Qt::ToolTipRole:
        switch (column) {
        case StatusColumn:
            return sp.active ? QStringLiteral("The service principal can authenticate.")
                             : QStringLiteral("Deactivated: the service principal cannot authenticate.");
        case RolesColumn:
            return row.roles.tooltip.isEmpty() ? QVariant() : row.roles.tooltip;
        case EntitlementsColumn:
            return row.entitlements.tooltip.isEmpty() ? QVariant() : row.entitlements.tooltip;
        default:
            return display(sp, row, column);
        }
    case Qt::ForegroundRole:
        return inactiveForeground(!sp.active);
    case Qt::FontRole:
        return inactiveFont(!sp.active);
    case SearchRole:
        if (column == RolesColumn)
            return row.roles.search;
        if (column == EntitlementsColumn)
            return row.entitlements.search;
        return display(sp, row, column);
    case IdRole:
        return sp.id;
    case KindRole:
        return int(ItemKind::ServicePrincipal);
    case InactiveRole:
        return !sp.active;
    default:
        return {};
    }
}

QVariant ServicePrincipalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const titles[] = {"Service principal", "Application ID", "Status", "Roles",
                                         "Entitlements",      "SCIM ID"};
    static const char* const tips[] = {
        "The service principal's display name",
        "The application (client) id: what jobs and tools authenticate with",
        "Active or Deactivated",
        "AWS instance profiles it holds, directly or through groups",
        "Workspace entitlements it holds, directly or through groups",
        "Databricks' SCIM id: what the SCIM API addresses; not the application id",
    };
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    return {};
}

int ServicePrincipalsModel::widthHint(int column) const
{
    static const int widths[] = {30, 38, 11, 28, 28, 18};
    return column >= 0 && column < ColumnCount ? widths[column] : 12;
}

} // namespace scimitar::gui
