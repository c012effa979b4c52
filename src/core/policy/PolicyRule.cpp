#include "policy/PolicyRule.h"

namespace scimitar {

PolicyRule PolicyRule::group(const QString& idpGroup, const QString& databricksGroup)
{
    PolicyRule rule;
    rule.idpGroup = idpGroup;
    rule.target = Target::DatabricksGroup;
    rule.databricksGroup = databricksGroup;
    return rule;
}

PolicyRule PolicyRule::grantsRole(const QString& idpGroup, const QString& role)
{
    PolicyRule rule;
    rule.idpGroup = idpGroup;
    rule.target = Target::Role;
    rule.role = role;
    return rule;
}

PolicyRule PolicyRule::grantsEntitlements(const QString& idpGroup, const QStringList& entitlements)
{
    PolicyRule rule;
    rule.idpGroup = idpGroup;
    rule.target = Target::Entitlements;
    rule.entitlements = entitlements;
    return rule;
}

QStringList PolicyRule::targets() const
{
    switch (target) {
    case Target::DatabricksGroup:
        return {databricksGroup};
    case Target::Role:
        return {role};
    case Target::Entitlements:
        return entitlements;
    }
    return {};
}

} // namespace scimitar
