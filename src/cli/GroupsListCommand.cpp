#include "GroupsListCommand.h"

#include "TableCells.h"
#include "output/DirectoryCsv.h"
#include "output/DirectoryJson.h"

namespace scimitar::cli {

QJsonArray GroupsListCommand::json(const DirectorySnapshot& snapshot) const
{
    return DirectoryJson::groups(snapshot);
}

QString GroupsListCommand::csv(const DirectorySnapshot& snapshot) const
{
    return DirectoryCsv::groups(snapshot);
}

TextTable GroupsListCommand::table(const DirectorySnapshot& snapshot) const
{
    const bool entitlements = snapshot.info().level == DirectoryLevel::Workspace;
    QStringList headers{QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("SOURCE"),
                        QStringLiteral("MEMBERS"), QStringLiteral("ROLES")};
    if (entitlements)
        headers.append(QStringLiteral("ENTITLEMENTS"));
    TextTable table(headers);
    table.setColumnMinWidth(1, 32);
    for (const Group& group : snapshot.groups()) {
        // A count: member names of big groups would push every other column off the screen.
        QStringList row{group.id, group.displayName, groupSourceLabel(group.source),
                        QString::number(group.members.size()),
                        TableCells::grants(snapshot.rolesOf(PrincipalKind::Group, group.id))};
        if (entitlements)
            row.append(TableCells::grants(snapshot.entitlementsOf(PrincipalKind::Group, group.id)));
        table.addRow(row);
    }
    return table;
}

} // namespace scimitar::cli
