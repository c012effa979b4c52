#pragma once

#include "ListCommand.h"

namespace scimitar::cli {

// `service-principals list`: every service principal with its groups, roles and entitlements.
class ServicePrincipalsListCommand : public ListCommand
{
public:
    QString name() const override { return QStringLiteral("service-principals list"); }
    QString summary() const override { return QStringLiteral("Service principals with their roles and entitlements"); }

    QJsonArray json(const DirectorySnapshot& snapshot) const override;
    QString csv(const DirectorySnapshot& snapshot) const override;
    TextTable table(const DirectorySnapshot& snapshot) const override;
};

} // namespace scimitar::cli
