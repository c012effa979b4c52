#pragma once

#include "ListCommand.h"

namespace scimitar::cli {

// `roles list`: every role value (instance profiles, account roles) and who holds it, directly or through groups.
class RolesListCommand : public ListCommand
{
public:
    QString name() const override { return QStringLiteral("roles list"); }
    QString summary() const override { return QStringLiteral("Roles and who holds them, directly or via groups"); }

    QJsonArray json(const DirectorySnapshot& snapshot) const override;
    QString csv(const DirectorySnapshot& snapshot) const override;
    TextTable table(const DirectorySnapshot& snapshot) const override;
};

} // namespace scimitar::cli
