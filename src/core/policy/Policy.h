#pragma once

#include "policy/IdpSettings.h"
#include "policy/PolicyRule.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar {

// How a Databricks user is recognised in the IdP. Always compared case-insensitively: AWS and some IdPs change
// the case of user names, and a case change must never look like a different person (field notes #13).
enum class MatchAttribute
{
    UserName, // Databricks userName == IdP login
    Email,    // Databricks userName or one of its emails == IdP email
};

QString matchAttributeName(MatchAttribute match); // "userName", "email"

// An access policy: which IdP groups grant which Databricks access, and who must never be changed
// automatically. A team keeps it in git as JSON (docs/policy.md); PolicyParser reads it, toJson() writes it back.
//
// Only what a rule names is managed: roles, entitlements and Databricks groups no rule mentions are never
// reported, whoever holds them. All name comparisons (groups, roles, entitlements, users) ignore case; queries
// return names as the policy first spells them, in policy order, without duplicates.
class Policy
{
public:
    Policy() = default;
    Policy(IdpSettings idp, MatchAttribute match, QList<PolicyRule> rules, QStringList protectedUsers = {},
           QStringList protectedGroups = {});

    const IdpSettings& idp() const { return m_idp; }
    // The same IdP completed from where the user saved it (IdpBinding::combine), before a review reads it.
    void setIdp(const IdpSettings& idp) { m_idp = idp; }
    MatchAttribute match() const { return m_match; }
    const QList<PolicyRule>& rules() const { return m_rules; }
    const QStringList& protectedUsers() const { return m_protectedUsers; }
    const QStringList& protectedGroups() const { return m_protectedGroups; }
    QString description() const { return m_description; }
    void setDescription(const QString& description) { m_description = description; }

    // The folder of the file the policy came from; a relative `idp.path` is resolved against it.
    QString baseDirectory() const { return m_baseDirectory; }
    void setBaseDirectory(const QString& directory) { m_baseDirectory = directory; }
    // The IdP file's absolute path (type file), or empty.
    QString idpFilePath() const;

    QStringList idpGroups() const; // every IdP group a rule names: what a review loads
    QStringList managedGroups() const;
    QStringList managedRoles() const;
    QStringList managedEntitlements() const;
    bool managesGroup(const QString& databricksGroup) const;
    bool managesRole(const QString& role) const;
    bool managesEntitlement(const QString& entitlement) const;

    // The IdP groups whose members should have this access (empty when it is not managed).
    QStringList idpGroupsGrantingGroup(const QString& databricksGroup) const;
    QStringList idpGroupsGrantingRole(const QString& role) const;
    QStringList idpGroupsGrantingEntitlement(const QString& entitlement) const;
    // Indexes into rules() of the rules that manage this value, e.g. for "rules[2]" in messages.
    QList<int> rulesFor(PolicyRule::Target target, const QString& value) const;

    bool isProtectedUser(const QString& userName) const;
    bool isProtectedGroup(const QString& displayName) const;

    // The policy file format (docs/policy.md); PolicyParser::parse(toJson()) gives an equal policy back.
    QJsonObject toJson() const;

    bool operator==(const Policy& other) const = default;

private:
    QStringList managed(PolicyRule::Target target) const;
    QStringList granting(PolicyRule::Target target, const QString& value) const;

    IdpSettings m_idp;
    MatchAttribute m_match = MatchAttribute::UserName;
    QList<PolicyRule> m_rules;
    QStringList m_protectedUsers;
    QStringList m_protectedGroups;
    QString m_description;
    QString m_baseDirectory;
};

} // namespace scimitar
