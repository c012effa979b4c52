#pragma once

#include "ListCommand.h"

namespace scimitar::cli {

// `users list`: every user with their groups, roles and entitlements, direct and inherited.
class UsersListCommand : public ListCommand
{
public:
    QString name() const override { return QStringLiteral("users list"); }
    QString summary() const override { return QStringLiteral("Users with their groups, roles and entitlements"); }

    QJsonArray json(const DirectorySnapshot& snapshot) const override;
    QString csv(const DirectorySnapshot& snapshot) const override;
    TextTable table(const DirectorySnapshot& snapshot) const override;
};

} // namespace scimitar::cli
