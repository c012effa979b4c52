#pragma once

#include "ListCommand.h"

namespace scimitar::cli {

// `groups list`: every group with its direct members, roles and entitlements.
class GroupsListCommand : public ListCommand
{
public:
    QString name() const override { return QStringLiteral("groups list"); }
    QString summary() const override { return QStringLiteral("Groups with their members, roles and entitlements"); }

    QJsonArray json(const DirectorySnapshot& snapshot) const override;
    QString csv(const DirectorySnapshot& snapshot) const override;
    TextTable table(const DirectorySnapshot& snapshot) const override;
};

} // namespace scimitar::cli
