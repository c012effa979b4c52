#pragma once

#include <QString>
#include <QStringList>

namespace scimitar {

// One line of an access policy: members of `idpGroup` should have exactly one kind of Databricks access — a
// membership of a Databricks group, a role (an instance-profile ARN, account_admin) or some entitlements.
struct PolicyRule
{
    enum class Target
    {
        DatabricksGroup,
        Role,
        Entitlements,
    };

    QString idpGroup;
    Target target = Target::DatabricksGroup;
    QString databricksGroup;  // Target::DatabricksGroup
    QString role;             // Target::Role
    QStringList entitlements; // Target::Entitlements

    static PolicyRule group(const QString& idpGroup, const QString& databricksGroup);
    static PolicyRule grantsRole(const QString& idpGroup, const QString& role);
    static PolicyRule grantsEntitlements(const QString& idpGroup, const QStringList& entitlements);

    // The Databricks values this rule manages: one group name, one role or the entitlements.
    QStringList targets() const;

    bool operator==(const PolicyRule& other) const = default;
};

} // namespace scimitar
