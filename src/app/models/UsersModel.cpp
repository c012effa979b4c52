#include "UsersModel.h"

#include "DisplayFormat.h"

namespace scimitar::gui {

UsersModel::UsersModel(QObject* parent)
    : SnapshotTableModel(parent)
{
}

std::vector<UsersModel::Row> UsersModel::buildRows(const DirectorySnapshot& snapshot)
{
    std::vector<Row> rows;
    rows.reserve(snapshot.users().size());
    for (const User& user : snapshot.users()) {
        Row row;
        const QList<EffectiveGroup>& groups = snapshot.groupsOf(PrincipalKind::User, user.id);
        row.allGroups = int(groups.size());
        row.directGroups = int(std::count_if(groups.begin(), groups.end(), [](const auto& g) { return g.direct; }));
        QStringList names;
        names.reserve(groups.size());
        for (const EffectiveGroup& group : groups)
            if (const Group* found = snapshot.findGroup(group.groupId))
                names.append(found->displayName);
        row.groupNames = names.join(QLatin1Char('\n'));
        row.roles = GrantSummary::from(snapshot, snapshot.rolesOf(PrincipalKind::User, user.id), true);
        row.entitlements = GrantSummary::from(snapshot, snapshot.entitlementsOf(PrincipalKind::User, user.id), false);
        row.emails = user.emails.join(QStringLiteral(", "));
        rows.push_back(std::move(row));
    }
    return rows;
}

QVariant UsersModel::display(const User& user, const Row& row, int column) const
{
    switch (column) {
    case UserNameColumn:
        return user.userName;
    case DisplayNameColumn:
        return user.displayName;
    case StatusColumn:
        return statusText(user.active);
    case GroupsColumn:
        return DisplayFormat::number(row.allGroups);
    case RolesColumn:
        return row.roles.text;
    case EntitlementsColumn:
        return row.entitlements.text;
    case EmailsColumn:
        return row.emails;
    case IdColumn:
        return user.id;
    default:
        return {};
    }
}

QVariant UsersModel::sortValue(const User& user, const Row& row, int column) const
{
    if (column == GroupsColumn)
        return row.allGroups;
    return display(user, row, column);
}

SnapshotTableModel::Preparer UsersModel::preparer() const
{
    return [](const DirectorySnapshot& snapshot) -> Prepared {
        return std::make_shared<const std::vector<Row>>(buildRows(snapshot));
    };
}

void UsersModel::adopt(Prepared rows)
{
    m_rows = std::static_pointer_cast<const std::vector<Row>>(std::move(rows));
}

QVariant UsersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_snapshot)
        return {};
    const User& user = m_snapshot->users().at(index.row());
    const Row& row = m_rows->at(std::size_t(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(user, row, column);
    case Qt::ToolTipRole:
        switch (column) {
        case StatusColumn:
            return user.active ? QStringLiteral("The user can sign in.")
                               : QStringLiteral("Deactivated: the user cannot sign in, but keeps their groups.");
        case GroupsColumn:
            return QStringLiteral("%1 directly, %2 through nested groups")
                .arg(row.directGroups)
                .arg(row.allGroups - row.directGroups);
        case RolesColumn:
            return row.roles.tooltip.isEmpty() ? QVariant() : row.roles.tooltip;
        case EntitlementsColumn:
            return row.entitlements.tooltip.isEmpty() ? QVariant() : row.entitlements.tooltip;
        default:
            return display(user, row, column);
        }
    case Qt::TextAlignmentRole:
        if (column == GroupsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        return inactiveForeground(!user.active);
    case Qt::FontRole:
        return inactiveFont(!user.active);
    case SortRole:
        return sortValue(user, row, column);
    case FieldSearchRole:
        return column == GroupsColumn ? QVariant(row.groupNames) : QVariant();
    case SearchRole:
        switch (column) {
        case RolesColumn:
            return row.roles.search;
        case EntitlementsColumn:
            return row.entitlements.search;
        default:
            return display(user, row, column);
        }
    case IdRole:
        return user.id;
    case KindRole:
        return int(ItemKind::User);
    case InactiveRole:
        return !user.active;
    default:
        return {};
    }
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const titles[] = {"User name", "Display name", "Status", "Groups",
                                         "Roles",     "Entitlements", "Emails", "ID"};
    static const char* const tips[] = {
        "The name the user signs in with (usually their email address)",
        "The name people see",
        "Active or Deactivated",
        "Groups the user belongs to, directly or through nested groups",
        "AWS instance profiles the user holds, directly or through groups",
        "Workspace entitlements the user holds, directly or through groups",
        "Email addresses",
        "Databricks' SCIM id of the user",
    };
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    if (role == Qt::TextAlignmentRole && section == GroupsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

int UsersModel::widthHint(int column) const
{
    static const int widths[] = {30, 22, 12, 8, 21, 34, 34, 18};
    return column >= 0 && column < ColumnCount ? widths[column] : 12;
}

bool UsersModel::hiddenByDefault(int column) const
{
    return column == IdColumn || column == EmailsColumn;
}

} // namespace scimitar::gui
