#include "UsersListCommand.h"

#include "TableCells.h"
#include "output/DirectoryCsv.h"
#include "output/DirectoryJson.h"

namespace scimitar::cli {

QJsonArray UsersListCommand::json(const DirectorySnapshot& snapshot) const
{
    return DirectoryJson::users(snapshot);
}

QString UsersListCommand::csv(const DirectorySnapshot& snapshot) const
{
    return DirectoryCsv::users(snapshot);
}

TextTable UsersListCommand::table(const DirectorySnapshot& snapshot) const
{
    // Entitlements exist only in workspaces; an always-empty column would only take room.
    const bool entitlements = snapshot.info().level == DirectoryLevel::Workspace;
    QStringList headers{QStringLiteral("USER NAME"), QStringLiteral("DISPLAY NAME"), QStringLiteral("ACTIVE"),
                        QStringLiteral("GROUPS"), QStringLiteral("ROLES")};
    if (entitlements)
        headers.append(QStringLiteral("ENTITLEMENTS"));
    TextTable table(headers);
    table.setColumnMinWidth(0, 32); // user names are how people find a row
    for (const User& user : snapshot.users()) {
        QStringList row{user.userName, user.displayName, TableCells::yesNo(user.active),
                        TableCells::groups(snapshot, snapshot.groupsOf(PrincipalKind::User, user.id)),
                        TableCells::grants(snapshot.rolesOf(PrincipalKind::User, user.id))};
        if (entitlements)
            row.append(TableCells::grants(snapshot.entitlementsOf(PrincipalKind::User, user.id)));
        table.addRow(row);
    }
    return table;
}

} // namespace scimitar::cli
