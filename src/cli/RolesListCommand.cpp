#include "RolesListCommand.h"

#include "output/DirectoryCsv.h"
#include "output/DirectoryJson.h"

namespace scimitar::cli {

QJsonArray RolesListCommand::json(const DirectorySnapshot& snapshot) const
{
    return DirectoryJson::roles(snapshot);
}

QString RolesListCommand::csv(const DirectorySnapshot& snapshot) const
{
    return DirectoryCsv::roles(snapshot);
}

TextTable RolesListCommand::table(const DirectorySnapshot& snapshot) const
{
    // One line per way a role is held, like the CSV: "who has this role and why" reads straight down.
    TextTable table({QStringLiteral("ROLE"), QStringLiteral("HOLDER"), QStringLiteral("KIND"), QStringLiteral("TYPE"),
                     QStringLiteral("VIA")});
    table.setColumnMinWidth(0, 60); // a whole ARN; the account part matters when roles span accounts
    table.setColumnMinWidth(1, 28);
    for (const QString& value : snapshot.roleValues())
        for (const Holder& holder : snapshot.holdersOfRole(value))
            table.addRow({value, snapshot.nameOf(holder.kind, holder.id), principalKindLabel(holder.kind),
                          holder.direct ? QStringLiteral("direct") : QStringLiteral("indirect"),
                          holder.direct ? QString() : snapshot.groupName(holder.grantingGroupId)});
    return table;
}

} // namespace scimitar::cli
