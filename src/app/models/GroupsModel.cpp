#include "GroupsModel.h"

#include "DisplayFormat.h"

namespace scimitar::gui {

GroupsModel::GroupsModel(QObject* parent)
    : SnapshotTableModel(parent)
{
}

std::vector<GroupsModel::Row> GroupsModel::buildRows(const DirectorySnapshot& snapshot)
{
    std::vector<Row> rows;
    rows.reserve(snapshot.groups().size());
    for (const Group& group : snapshot.groups()) {
        Row row;
        row.directMembers = int(group.members.size());
        const QList<Holder> members = snapshot.transitiveMembers(group.id);
        row.allMembers = int(members.size());
        for (const Holder& member : members) {
            switch (member.kind) {
            case PrincipalKind::User:
                ++row.allUsers;
                break;
            case PrincipalKind::Group:
                ++row.allGroups;
                break;
            case PrincipalKind::ServicePrincipal:
                ++row.allServicePrincipals;
                break;
            }
        }
        row.roles = GrantSummary::from(snapshot, snapshot.rolesOf(PrincipalKind::Group, group.id), true);
        row.entitlements = GrantSummary::from(snapshot, snapshot.entitlementsOf(PrincipalKind::Group, group.id), false);
        rows.push_back(std::move(row));
    }
    return rows;
}

QVariant GroupsModel::display(const Group& group, const Row& row, int column) const
{
    switch (column) {
    case DisplayNameColumn:
        return group.displayName;
    case SourceColumn:
        return groupSourceLabel(group.source);
    case DirectMembersColumn:
        return DisplayFormat::number(row.directMembers);
    case AllMembersColumn:
        return DisplayFormat::number(row.allMembers);
    case RolesColumn:
        return row.roles.text;
    case EntitlementsColumn:
        return row.entitlements.text;
    case IdColumn:
        return group.id;
    case ExternalIdColumn:
        return group.externalId;
    default:
        return {};
    }
}

SnapshotTableModel::Preparer GroupsModel::preparer() const
{
    return [](const DirectorySnapshot& snapshot) -> Prepared {
        return std::make_shared<const std::vector<Row>>(buildRows(snapshot));
    };
}

void GroupsModel::adopt(Prepared rows)
{
    m_rows = std::static_pointer_cast<const std::vector<Row>>(std::move(rows));
}

QVariant GroupsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_snapshot)
        return {};
    const Group& group = m_snapshot->groups().at(index.row());
    const Row& row = m_rows->at(std::size_t(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(group, row, column);
    case Qt::ToolTipRole:
        switch (column) {
        case SourceColumn:
            switch (group.source) {
            case GroupSource::Account:
                return QStringLiteral("Account group: managed in the account console, shared by workspaces");
            case GroupSource::Workspace:
                return QStringLiteral("Workspace-local group: exists only in this workspace");
            case GroupSource::System:
                return QStringLiteral("System group created by Databricks");
            case GroupSource::Unknown:
                return QStringLiteral("The server did not say where this group comes from");
            }
            return {};
        case DirectMembersColumn:
            return QStringLiteral("Members listed on the group itself (users, service principals and groups)");
        case AllMembersColumn:
            return QStringLiteral(
                       "%1 users, %2 service principals, %3 nested groups, counting members of nested groups")
                .arg(DisplayFormat::number(row.allUsers), DisplayFormat::number(row.allServicePrincipals),
                     DisplayFormat::number(row.allGroups));
        case RolesColumn:
            return row.roles.tooltip.isEmpty() ? QVariant() : row.roles.tooltip;
        case EntitlementsColumn:
            return row.entitlements.tooltip.isEmpty() ? QVariant() : row.entitlements.tooltip;
        default:
            return display(group, row, column);
        }
    case Qt::TextAlignmentRole:
        if (column == DirectMembersColumn || column == AllMembersColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        if (column == DirectMembersColumn)
            return row.directMembers;
        if (column == AllMembersColumn)
            return row.allMembers;
        return display(group, row, column);
    case SearchRole:
        if (column == RolesColumn)
            return row.roles.search;
        if (column == EntitlementsColumn)
            return row.entitlements.search;
        return display(group, row, column);
    case IdRole:
        return group.id;
    case KindRole:
        return int(ItemKind::Group);
    case InactiveRole:
        return false;
    default:
        return {};
    }
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const titles[] = {"Group",        "Source", "Direct members", "All members", "Roles",
                                         "Entitlements", "ID",     "External ID"};
    static const char* const tips[] = {
        "The group's display name",
        "Where the group comes from: Account, Workspace or System",
        "Members listed on the group itself",
        "Everyone in the group, members of nested groups included",
        "AWS instance profiles the group holds, directly or through parent groups",
        "Workspace entitlements the group holds, directly or through parent groups",
        "Databricks' SCIM id of the group",
        "The id the identity provider gave the group",
    };
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    if (role == Qt::TextAlignmentRole && (section == DirectMembersColumn || section == AllMembersColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

int GroupsModel::widthHint(int column) const
{
    static const int widths[] = {30, 11, 13, 12, 30, 28, 18, 20};
    return column >= 0 && column < ColumnCount ? widths[column] : 12;
}

bool GroupsModel::hiddenByDefault(int column) const
{
    return column == IdColumn || column == ExternalIdColumn;
}

} // namespace scimitar::gui
