#include "ServicePrincipalsListCommand.h"

#include "TableCells.h"
#include "output/DirectoryCsv.h"
#include "output/DirectoryJson.h"

namespace scimitar::cli {

QJsonArray ServicePrincipalsListCommand::json(const DirectorySnapshot& snapshot) const
{
    return DirectoryJson::servicePrincipals(snapshot);
}

QString ServicePrincipalsListCommand::csv(const DirectorySnapshot& snapshot) const
{
    return DirectoryCsv::servicePrincipals(snapshot);
}

TextTable ServicePrincipalsListCommand::table(const DirectorySnapshot& snapshot) const
{
    constexpr PrincipalKind kind = PrincipalKind::ServicePrincipal;
    const bool entitlements = snapshot.info().level == DirectoryLevel::Workspace;
    QStringList headers{QStringLiteral("APPLICATION ID"), QStringLiteral("DISPLAY NAME"), QStringLiteral("ACTIVE"),
                        QStringLiteral("GROUPS"), QStringLiteral("ROLES")};
    if (entitlements)
        headers.append(QStringLiteral("ENTITLEMENTS"));
    TextTable table(headers);
    table.setColumnMinWidth(0, 36); // a whole application id (UUID) can be pasted elsewhere
    table.setColumnMinWidth(1, 24);
    for (const ServicePrincipal& sp : snapshot.servicePrincipals()) {
        QStringList row{sp.applicationId, sp.displayName, TableCells::yesNo(sp.active),
                        TableCells::groups(snapshot, snapshot.groupsOf(kind, sp.id)),
                        TableCells::grants(snapshot.rolesOf(kind, sp.id))};
        if (entitlements)
            row.append(TableCells::grants(snapshot.entitlementsOf(kind, sp.id)));
        table.addRow(row);
    }
    return table;
}

} // namespace scimitar::cli
