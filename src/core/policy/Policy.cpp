#include "policy/Policy.h"

#include <QDir>
#include <QJsonArray>
#include <utility>

namespace scimitar {

namespace {

bool containsName(const QStringList& names, const QString& name)
{
    return names.contains(name, Qt::CaseInsensitive);
}

void appendUnique(QStringList* names, const QString& name)
{
    if (!containsName(*names, name))
        names->append(name);
}

} // namespace

QString matchAttributeName(MatchAttribute match)
{
    return match == MatchAttribute::Email ? QStringLiteral("email") : QStringLiteral("userName");
}

Policy::Policy(IdpSettings idp, MatchAttribute match, QList<PolicyRule> rules, QStringList protectedUsers,
               QStringList protectedGroups)
    : m_idp(std::move(idp))
    , m_match(match)
    , m_rules(std::move(rules))
    , m_protectedUsers(std::move(protectedUsers))
    , m_protectedGroups(std::move(protectedGroups))
{
}

QString Policy::idpFilePath() const
{
    if (m_idp.type != IdpType::File || m_idp.path.isEmpty())
        return {};
    const QString base = m_baseDirectory.isEmpty() ? QDir::currentPath() : m_baseDirectory;
    return QDir::cleanPath(QDir(base).absoluteFilePath(m_idp.path));
}

QStringList Policy::idpGroups() const
{
    QStringList names;
    for (const PolicyRule& rule : m_rules)
        appendUnique(&names, rule.idpGroup);
    return names;
}

QStringList Policy::managed(PolicyRule::Target target) const
{
    QStringList values;
    for (const PolicyRule& rule : m_rules)
        if (rule.target == target)
            for (const QString& value : rule.targets())
                appendUnique(&values, value);
    return values;
}

QStringList Policy::granting(PolicyRule::Target target, const QString& value) const
{
    QStringList names;
    for (const PolicyRule& rule : m_rules)
        if (rule.target == target && containsName(rule.targets(), value))
            appendUnique(&names, rule.idpGroup);
    return names;
}

QStringList Policy::managedGroups() const
{
    return managed(PolicyRule::Target::DatabricksGroup);
}

QStringList Policy::managedRoles() const
{
    return managed(PolicyRule::Target::Role);
}

QStringList Policy::managedEntitlements() const
{
    return managed(PolicyRule::Target::Entitlements);
}

bool Policy::managesGroup(const QString& databricksGroup) const
{
    return containsName(managedGroups(), databricksGroup);
}

bool Policy::managesRole(const QString& role) const
{
    return containsName(managedRoles(), role);
}

bool Policy::managesEntitlement(const QString& entitlement) const
{
    return containsName(managedEntitlements(), entitlement);
}

QStringList Policy::idpGroupsGrantingGroup(const QString& databricksGroup) const
{
    return granting(PolicyRule::Target::DatabricksGroup, databricksGroup);
}

QStringList Policy::idpGroupsGrantingRole(const QString& role) const
{
    return granting(PolicyRule::Target::Role, role);
}

QStringList Policy::idpGroupsGrantingEntitlement(const QString& entitlement) const
{
    return granting(PolicyRule::Target::Entitlements, entitlement);
}

QList<int> Policy::rulesFor(PolicyRule::Target target, const QString& value) const
{
    QList<int> indexes;
    for (int i = 0; i < m_rules.size(); ++i)
        if (m_rules[i].target == target && containsName(m_rules[i].targets(), value))
            indexes.append(i);
    return indexes;
}

bool Policy::isProtectedUser(const QString& userName) const
{
    return containsName(m_protectedUsers, userName);
}

bool Policy::isProtectedGroup(const QString& displayName) const
{
    return containsName(m_protectedGroups, displayName);
}

QJsonObject Policy::toJson() const
{
    // Key order in the file is alphabetical (QJsonObject); only what is set is written, so a saved policy reads
    // like one a person wrote.
    QJsonObject idp{{QStringLiteral("type"), idpTypeName(m_idp.type)}};
    switch (m_idp.type) {
    case IdpType::Okta:
        if (!m_idp.url.isEmpty())
            idp.insert(QStringLiteral("url"), m_idp.url.toString());
        break;
    case IdpType::Entra:
        idp.insert(QStringLiteral("tenant"), m_idp.tenant);
        idp.insert(QStringLiteral("clientId"), m_idp.clientId);
        if (!m_idp.authority.isEmpty())
            idp.insert(QStringLiteral("authority"), m_idp.authority.toString());
        if (!m_idp.graph.isEmpty())
            idp.insert(QStringLiteral("graph"), m_idp.graph.toString());
        break;
    case IdpType::File:
        idp.insert(QStringLiteral("path"), m_idp.path);
        break;
    }

    QJsonArray rules;
    for (const PolicyRule& rule : m_rules) {
        QJsonObject object{{QStringLiteral("idpGroup"), rule.idpGroup}};
        switch (rule.target) {
        case PolicyRule::Target::DatabricksGroup:
            object.insert(QStringLiteral("databricksGroup"), rule.databricksGroup);
            break;
        case PolicyRule::Target::Role:
            object.insert(QStringLiteral("role"), rule.role);
            break;
        case PolicyRule::Target::Entitlements:
            object.insert(QStringLiteral("entitlements"), QJsonArray::fromStringList(rule.entitlements));
            break;
        }
        rules.append(object);
    }

    QJsonObject policy{{QStringLiteral("idp"), idp},
                       {QStringLiteral("match"), matchAttributeName(m_match)},
                       {QStringLiteral("rules"), rules}};
    if (!m_description.isEmpty())
        policy.insert(QStringLiteral("description"), m_description);
    if (!m_protectedUsers.isEmpty() || !m_protectedGroups.isEmpty())
        policy.insert(QStringLiteral("protected"),
                      QJsonObject{{QStringLiteral("users"), QJsonArray::fromStringList(m_protectedUsers)},
                                  {QStringLiteral("groups"), QJsonArray::fromStringList(m_protectedGroups)}});
    return policy;
}

} // namespace scimitar
