#include "GrantsModel.h"

#include "DisplayFormat.h"
#include "models/RoleNames.h"

#include <QSet>

namespace scimitar::gui {

GrantsModel::GrantsModel(Grant grant, QObject* parent)
    : SnapshotTableModel(parent)
    , m_grant(grant)
{
}

QString GrantsModel::itemsName() const
{
    return m_grant == Grant::Role ? QStringLiteral("roles") : QStringLiteral("entitlements");
}

std::vector<GrantsModel::Row> GrantsModel::buildRows(const DirectorySnapshot& snapshot, Grant grant)
{
    std::vector<Row> rows;
    const QStringList& values = grant == Grant::Role ? snapshot.roleValues() : snapshot.entitlementValues();
    rows.reserve(values.size());
    for (const QString& value : values) {
        Row row;
        row.value = value;
        row.shown = grant == Grant::Role ? RoleNames::shortName(value) : value;
        row.awsAccount = RoleNames::awsAccount(value);
        const QList<Holder>& holders =
            grant == Grant::Role ? snapshot.holdersOfRole(value) : snapshot.holdersOfEntitlement(value);
        // A principal can hold one value several ways (directly and through two groups): count people, not ways.
        QSet<QString> all;
        QSet<QString> direct;
        for (const Holder& holder : holders) {
            const QString key = QString::number(int(holder.kind)) + QLatin1Char(':') + holder.id;
            if (holder.direct)
                direct.insert(key);
            if (all.contains(key))
                continue;
            all.insert(key);
            switch (holder.kind) {
            case PrincipalKind::User: {
                ++row.users;
                const User* user = snapshot.findUser(holder.id);
                row.deactivated += user && !user->active ? 1 : 0;
                break;
            }
            case PrincipalKind::Group:
                ++row.groups;
                break;
            case PrincipalKind::ServicePrincipal: {
                ++row.servicePrincipals;
                const ServicePrincipal* sp = snapshot.findServicePrincipal(holder.id);
                row.deactivated += sp && !sp->active ? 1 : 0;
                break;
            }
            }
        }
        row.holders = int(all.size());
        row.direct = int(direct.size());
        row.inheritedOnly = row.holders - row.direct;
        rows.push_back(std::move(row));
    }
    return rows;
}

int GrantsModel::number(const Row& row, int column) const
{
    switch (column) {
    case HoldersColumn:
        return row.holders;
    case DirectHoldersColumn:
        return row.direct;
    case InheritedHoldersColumn:
        return row.inheritedOnly;
    case UsersColumn:
        return row.users;
    case GroupsColumn:
        return row.groups;
    case ServicePrincipalsColumn:
        return row.servicePrincipals;
    case DeactivatedHoldersColumn:
        return row.deactivated;
    default:
        return 0;
    }
}

QVariant GrantsModel::display(const Row& row, int column) const
{
    switch (column) {
    case ValueColumn:
        return row.shown;
    case AwsAccountColumn:
        return row.awsAccount;
    case HoldersColumn:
    case DirectHoldersColumn:
    case InheritedHoldersColumn:
    case UsersColumn:
    case GroupsColumn:
    case ServicePrincipalsColumn:
    case DeactivatedHoldersColumn:
        return DisplayFormat::number(number(row, column));
    default:
        return {};
    }
}

SnapshotTableModel::Preparer GrantsModel::preparer() const
{
    return [grant = m_grant](const DirectorySnapshot& snapshot) -> Prepared {
        return std::make_shared<const std::vector<Row>>(buildRows(snapshot, grant));
    };
}

void GrantsModel::adopt(Prepared rows)
{
    m_rows = std::static_pointer_cast<const std::vector<Row>>(std::move(rows));
}

QVariant GrantsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_snapshot)
        return {};
    const Row& row = m_rows->at(std::size_t(index.row()));
    const int column = index.column();
    const bool numeric = column >= HoldersColumn;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        if (column == ValueColumn)
            return row.value;
        if (column == InheritedHoldersColumn)
            return QStringLiteral("Principals that hold it only through a group");
        if (column == HoldersColumn && row.deactivated > 0)
            return QStringLiteral("%1 active, %2 deactivated")
                .arg(DisplayFormat::number(row.holders - row.deactivated), DisplayFormat::number(row.deactivated));
        return display(row, column);
    case Qt::TextAlignmentRole:
        if (numeric)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        if (numeric)
            return number(row, column);
        return display(row, column);
    case SearchRole:
        if (column == ValueColumn)
            return row.shown + QLatin1Char(' ') + row.value;
        return display(row, column);
    case IdRole:
        return row.value;
    case KindRole:
        return int(m_grant == Grant::Role ? ItemKind::Role : ItemKind::Entitlement);
    case InactiveRole:
        return false;
    default:
        return {};
    }
}

QVariant GrantsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static constexpr const char* titles[] = {nullptr,  "AWS account",        "Holders",
                                             "Direct", "Inherited only",     "Users",
                                             "Groups", "Service principals", "Deactivated"};
    static const char* const tips[] = {
        nullptr,
        "The AWS account of the instance profile",
        "Principals holding it in any way",
        "Principals it is assigned to directly (some of them may also inherit it)",
        "Principals that hold it only through a group",
        "Users holding it, directly or through groups",
        "Groups holding it, directly or through parent groups",
        "Service principals holding it, directly or through groups",
        "Holders who are deactivated: they hold it on paper but cannot sign in (counted in Holders too)",
    };
    static_assert(std::size(titles) == ColumnCount && std::size(tips) == ColumnCount, "one title and tip per column");
    if (role == Qt::DisplayRole) {
        if (section == ValueColumn)
            return m_grant == Grant::Role ? QStringLiteral("Role") : QStringLiteral("Entitlement");
        return QString::fromLatin1(titles[section]);
    }
    if (role == Qt::ToolTipRole) {
        if (section == ValueColumn)
            return m_grant == Grant::Role ? QStringLiteral("The instance profile's name; the tooltip of a cell shows "
                                                           "the full ARN")
                                          : QStringLiteral("The entitlement, as Databricks names it");
        return QString::fromLatin1(tips[section]);
    }
    if (role == Qt::TextAlignmentRole && section >= HoldersColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

int GrantsModel::widthHint(int column) const
{
    static const int widths[] = {34, 15, 9, 9, 13, 9, 9, 17, 12};
    static_assert(std::size(widths) == ColumnCount, "one width per column");
    return column >= 0 && column < ColumnCount ? widths[column] : 12;
}

bool GrantsModel::hiddenByDefault(int column) const
{
    // Entitlements have no AWS account.
    return m_grant == Grant::Entitlement && column == AwsAccountColumn;
}

} // namespace scimitar::gui
