#include "drift/DriftEngine.h"

#include "drift/IdpIndex.h"
#include "drift/ManagedGroupDiff.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <utility>

namespace scimitar {

namespace {

const QString kArrow = QStringLiteral(" → ");

QString lower(const QString& text)
{
    return text.toLower();
}

QString listNames(const QStringList& names)
{
    return names.join(QStringLiteral(", "));
}

// The policy's managed values as lower-case sets, built once per review: the engine asks about every grant of
// every user, and Policy's queries build their lists on each call.
class Managed
{
public:
    explicit Managed(const Policy& policy)
    {
        for (const QString& value : policy.managedRoles())
            m_roles.insert(lower(value));
        for (const QString& value : policy.managedEntitlements())
            m_entitlements.insert(lower(value));
        for (const QString& value : policy.managedGroups())
            m_groups.insert(lower(value));
    }
    bool role(const QString& value) const { return m_roles.contains(lower(value)); }
    bool entitlement(const QString& value) const { return m_entitlements.contains(lower(value)); }
    bool group(const QString& name) const { return m_groups.contains(lower(name)); }

private:
    QSet<QString> m_roles;
    QSet<QString> m_entitlements;
    QSet<QString> m_groups;
};

// Managed access a user holds, for sentences: role names, entitlements, then group names.
QStringList managedAccessOf(const DirectorySnapshot& snapshot, const Managed& managed, const User& user)
{
    QStringList held;
    for (const EffectiveGrant& grant : snapshot.rolesOf(PrincipalKind::User, user.id))
        if (managed.role(grant.value) && !held.contains(shortRoleName(grant.value)))
            held.append(shortRoleName(grant.value));
    for (const EffectiveGrant& grant : snapshot.entitlementsOf(PrincipalKind::User, user.id))
        if (managed.entitlement(grant.value) && !held.contains(grant.value))
            held.append(grant.value);
    for (const EffectiveGroup& membership : snapshot.groupsOf(PrincipalKind::User, user.id)) {
        const QString name = snapshot.groupName(membership.groupId);
        if (managed.group(name) && !held.contains(name))
            held.append(name);
    }
    return held;
}

bool intersects(const QStringList& a, const QStringList& b)
{
    for (const QString& name : a)
        if (b.contains(name, Qt::CaseInsensitive))
            return true;
    return false;
}

class Review
{
public:
    Review(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy)
        : m_snapshot(snapshot)
        , m_policy(policy)
        , m_index(idp, policy.match())
        , m_managed(policy)
    {
        for (const QString& role : policy.managedRoles())
            m_roleGrants.append({role, policy.idpGroupsGrantingRole(role)});
        for (const QString& entitlement : policy.managedEntitlements())
            m_entitlementGrants.append({entitlement, policy.idpGroupsGrantingEntitlement(entitlement)});
        const DatabricksUserIndex users(snapshot, policy.match());
        for (const QString& name : policy.managedGroups())
            m_groupDiffs.append(ManagedGroupDiff::compute(snapshot, idp, policy, m_index, users, name));
    }

    DriftReport run()
    {
        for (const User& user : m_snapshot.users()) {
            if (!user.active)
                continue;
            const IdpPerson* person = m_index.find(user);
            grants(user, person, FindingKind::RoleWithoutGrant);
            grants(user, person, FindingKind::EntitlementWithoutGrant);
            identity(user, person);
        }
        groupMembers();
        block();
        std::sort(m_findings.begin(), m_findings.end(), &Review::before);
        return DriftReport(m_findings, servicePrincipalAccess(), notes(), m_groupDiffs);
    }

private:
    QString describeWay(const EffectiveGrant& way) const
    {
        if (way.direct)
            return QStringLiteral("directly");
        QStringList names;
        for (const QString& id : way.path)
            names.append(m_snapshot.groupName(id));
        return QStringLiteral("through ") + names.join(kArrow);
    }

    void grants(const User& user, const IdpPerson* person, FindingKind kind)
    {
        const bool roles = kind == FindingKind::RoleWithoutGrant;
        const QList<EffectiveGrant>& held = roles ? m_snapshot.rolesOf(PrincipalKind::User, user.id)
                                                  : m_snapshot.entitlementsOf(PrincipalKind::User, user.id);
        if (held.isEmpty())
            return;
        for (const auto& [value, granting] : roles ? m_roleGrants : m_entitlementGrants) {
            QList<EffectiveGrant> ways;
            for (const EffectiveGrant& grant : held)
                if (grant.value.compare(value, Qt::CaseInsensitive) == 0)
                    ways.append(grant);
            if (ways.isEmpty())
                continue;
            if (person && person->active() && intersects(person->groups, granting))
                continue;

            // Direct first (one PATCH on the user removes it), then the snapshot's shortest-path order.
            std::stable_sort(ways.begin(), ways.end(),
                             [](const EffectiveGrant& a, const EffectiveGrant& b) { return a.direct && !b.direct; });
            const EffectiveGrant& first = ways.first();
            Finding finding;
            finding.kind = kind;
            finding.principal = {user.id, user.userName, PrincipalKind::User};
            finding.target = first.value;
            finding.idpGroups = granting;
            // One change per path, each cutting it where the user is attached: their own grant, and every group
            // they are a direct member of from which a granting group can be reached (the snapshot names one path
            // per granting group; other routes to it are found here). Together they leave the target held by none.
            QList<FindingAction> actions;
            const auto addAction = [&actions](const FindingAction& action) {
                if (!actions.contains(action))
                    actions.append(action);
            };
            QSet<QString> grantingGroups;
            for (const EffectiveGrant& way : std::as_const(ways)) {
                if (way.direct)
                    addAction(
                        {roles ? ActionOp::RemoveRole : ActionOp::RemoveEntitlement, user.id, QString(), way.value});
                else
                    grantingGroups.insert(way.grantingGroupId);
            }
            if (!first.direct)
                addAction({ActionOp::RemoveMember, user.id, first.path.first(), QString()});
            QList<const Group*> attached;
            for (const EffectiveGroup& membership : m_snapshot.groupsOf(PrincipalKind::User, user.id)) {
                if (!membership.direct || !reachesAny(membership.groupId, grantingGroups))
                    continue;
                if (const Group* group = m_snapshot.findGroup(membership.groupId))
                    attached.append(group);
            }
            std::sort(attached.begin(), attached.end(), [](const Group* a, const Group* b) {
                return a->displayName.compare(b->displayName, Qt::CaseInsensitive) < 0;
            });
            for (const Group* group : std::as_const(attached))
                addAction({ActionOp::RemoveMember, user.id, group->id, QString()});
            finding.action = actions.takeFirst();
            finding.furtherActions = actions;
            if (!first.direct)
                finding.via = m_snapshot.groupName(first.path.first());

            QString waysText = describeWay(first);
            if (ways.size() > 1) {
                QStringList others;
                for (qsizetype i = 1; i < ways.size(); ++i)
                    others.append(describeWay(ways[i]));
                waysText += QStringLiteral(" (also held %1)").arg(others.join(QStringLiteral(" and ")));
            }
            const QString shown = roles ? shortRoleName(first.value) : first.value;
            QString why;
            if (person && !person->active() && intersects(person->groups, granting))
                why = QStringLiteral("but is %1 in the IdP, so %2 no longer grants it")
                          .arg(idpUserStatusName(person->user.status), listNames(granting));
            else
                why = QStringLiteral("but is in no IdP group that grants it (%1)").arg(listNames(granting));
            finding.explanation = QStringLiteral("%1 holds %2 %3, %4.").arg(user.userName, shown, waysText, why);
            add(finding);
        }
    }

    // Whether `groupId` is one of `targets` or nested (at any depth) in one of them.
    bool reachesAny(const QString& groupId, const QSet<QString>& targets) const
    {
        if (targets.contains(groupId))
            return true;
        for (const EffectiveGroup& ancestor : m_snapshot.groupsOf(PrincipalKind::Group, groupId))
            if (targets.contains(ancestor.groupId))
                return true;
        return false;
    }

    void identity(const User& user, const IdpPerson* person)
    {
        if (person && !person->active()) {
            Finding finding;
            finding.kind = FindingKind::DeprovisionedActive;
            finding.principal = {user.id, user.userName, PrincipalKind::User};
            finding.idpGroups = person->groups;
            finding.action = {ActionOp::Deactivate, user.id, QString(), QString()};
            // The IdP's own word when it says more than ours ("DEPROVISIONED" adds nothing to "deprovisioned").
            const QString& rawStatus = person->user.rawStatus;
            const QString raw = rawStatus.isEmpty() || rawStatus.compare(idpUserStatusName(person->user.status),
                                                                         Qt::CaseInsensitive) == 0
                                    ? QString()
                                    : QStringLiteral(" (%1)").arg(rawStatus);
            const QStringList access = managedAccessOf(m_snapshot, m_managed, user);
            // Several IdP users behind one email: say so, since the status shown is the most restrictive of theirs.
            const QString shared = person->logins.size() < 2
                                       ? QString()
                                       : QStringLiteral(" (%1 IdP users share this %2: %3; the most restrictive "
                                                        "status counts)")
                                             .arg(person->logins.size())
                                             .arg(m_policy.match() == MatchAttribute::Email ? QStringLiteral("email")
                                                                                            : QStringLiteral("login"),
                                                  listNames(person->logins));
            finding.explanation =
                QStringLiteral("%1 is %2 in the IdP%3%4, but active in Databricks%5.")
                    .arg(user.userName, idpUserStatusName(person->user.status), raw, shared,
                         access.isEmpty() ? QString() : QStringLiteral(", where they hold %1").arg(listNames(access)));
            add(finding);
            return;
        }
        if (!person && m_index.isNotFound(user)) {
            const QStringList access = managedAccessOf(m_snapshot, m_managed, user);
            if (access.isEmpty())
                return;
            Finding finding;
            finding.kind = FindingKind::UnknownInIdp;
            finding.principal = {user.id, user.userName, PrincipalKind::User};
            finding.action = {ActionOp::Deactivate, user.id, QString(), QString()};
            finding.explanation =
                QStringLiteral("%1 is active in Databricks and holds %2, but the IdP has no user "
                               "with this %3.")
                    .arg(user.userName, listNames(access),
                         m_policy.match() == MatchAttribute::Email ? QStringLiteral("email") : QStringLiteral("login"));
            add(finding);
        }
    }

    // Member findings are the managed groups' diffs read as findings: Extra rows are member-without-grant, Missing
    // rows missing-member or not-provisioned. Nested members without a grant are not this group's to remove; their
    // access to anything managed is reported on its own (role-, entitlement-without-grant via the nested group).
    void groupMembers()
    {
        for (const ManagedGroupDiff& diff : std::as_const(m_groupDiffs)) {
            const Group* group = m_snapshot.findGroup(diff.groupId);
            if (!group)
                continue; // check() makes this an error before a review runs
            for (const ManagedGroupDiff::Row& row : diff.rows) {
                if (row.state == ManagedGroupDiff::State::Extra)
                    memberWithoutGrant(*group, diff.idpGroups, row);
                else if (row.state == ManagedGroupDiff::State::Missing)
                    missingMember(*group, row);
            }
        }
    }

    void memberWithoutGrant(const Group& group, const QStringList& mapped, const ManagedGroupDiff::Row& row)
    {
        Finding finding;
        finding.kind = FindingKind::MemberWithoutGrant;
        finding.principal = {row.userId, row.userName, PrincipalKind::User};
        finding.target = group.displayName;
        finding.idpGroups = mapped;
        finding.action = {ActionOp::RemoveMember, row.userId, group.id, QString()};
        if (row.idpKnown && !shouldHaveAccess(row.idpStatus) && !row.idpGroups.isEmpty())
            finding.explanation =
                QStringLiteral("%1 is a direct member of %2, but is %3 in the IdP, so %4 no longer "
                               "puts them there.")
                    .arg(row.userName, group.displayName, idpUserStatusName(row.idpStatus), listNames(mapped));
        else
            finding.explanation = QStringLiteral("%1 is a direct member of %2, but is in none of the IdP groups "
                                                 "mapped to it (%3).")
                                      .arg(row.userName, group.displayName, listNames(mapped));
        add(finding);
    }

    void missingMember(const Group& group, const ManagedGroupDiff::Row& row)
    {
        Finding finding;
        finding.target = group.displayName;
        finding.idpGroups = row.idpGroups;
        if (!row.userId.isEmpty()) {
            finding.kind = FindingKind::MissingMember;
            finding.principal = {row.userId, row.userName, PrincipalKind::User};
            finding.action = {ActionOp::AddMember, row.userId, group.id, QString()};
            finding.explanation =
                QStringLiteral("%1 is in %2 in the IdP, but not a member of %3 in Databricks%4.")
                    .arg(row.userName, listNames(row.idpGroups), group.displayName,
                         row.userActive ? QString() : QStringLiteral(" (where the user is deactivated)"));
        } else {
            finding.kind = FindingKind::NotProvisioned;
            finding.principal = {QString(), row.userName, PrincipalKind::User};
            finding.action = {ActionOp::None, QString(), QString(), QString()};
            finding.explanation = QStringLiteral("%1 is in %2 in the IdP, but no Databricks user has this %3, so they "
                                                 "cannot be added to %4 until the IdP provisions them.")
                                      .arg(row.userName, listNames(row.idpGroups),
                                           m_policy.match() == MatchAttribute::Email ? QStringLiteral("email")
                                                                                     : QStringLiteral("userName"),
                                           group.displayName);
        }
        add(finding);
    }

    void add(Finding finding)
    {
        finding.severity = severityOf(finding.kind);
        m_findings.append(std::move(finding));
    }

    // Why a finding's fix must not be applied automatically: the first of its changes that may not be, most
    // specific reason first. One blocked path blocks the whole fix, since the others alone would not revoke it.
    QString blockReason(const Finding& finding) const
    {
        for (const FindingAction& action : finding.actions())
            if (const QString reason = blockReason(finding, action); !reason.isEmpty())
                return reason;
        return {};
    }

    QString blockReason(const Finding& finding, const FindingAction& action) const
    {
        const QString& meId = m_snapshot.info().meId;
        if (!meId.isEmpty() && finding.principal.id == meId)
            return QStringLiteral("%1 owns the token Scimitar uses (/Me); changing its access could lock Scimitar "
                                  "out.")
                .arg(finding.principal.userName);
        if (m_policy.isProtectedUser(finding.principal.userName))
            return QStringLiteral("%1 is protected by the policy (protected.users).").arg(finding.principal.userName);
        if (!action.groupId.isEmpty()) {
            const QString groupName = m_snapshot.groupName(action.groupId);
            if (m_policy.isProtectedGroup(groupName))
                return QStringLiteral("The group %1 is protected by the policy (protected.groups).").arg(groupName);
            // Protected even when the policy forgets to say so: leaving `users` loses the workspace, and `admins`
            // changes are for people to make.
            const Group* group = m_snapshot.findGroup(action.groupId);
            if (group && group->source == GroupSource::System)
                return QStringLiteral("The group %1 is a Databricks system group; Scimitar never changes its "
                                      "membership automatically.")
                    .arg(groupName);
        }
        if (action.op == ActionOp::RemoveMember && finding.kind != FindingKind::MemberWithoutGrant) {
            // Removing someone from a group the policy itself puts them in would be undone by the next review
            // and fight the other rule; the access comes with the group, so the group (or the policy) is wrong.
            const QString groupName = m_snapshot.groupName(action.groupId);
            const User* user = m_snapshot.findUser(finding.principal.id);
            const IdpPerson* person = user ? m_index.find(*user) : nullptr;
            const QStringList mapped = m_policy.idpGroupsGrantingGroup(groupName);
            if (person && person->active() && intersects(person->groups, mapped))
                return QStringLiteral("The policy puts %1 in %2 (through %3), and %2 itself grants %4; change %2 "
                                      "or the policy rather than the membership.")
                    .arg(finding.principal.userName, groupName, listNames(mapped),
                         finding.kind == FindingKind::RoleWithoutGrant ? shortRoleName(finding.target)
                                                                       : finding.target);
        }
        return {};
    }

    void block()
    {
        for (Finding& finding : m_findings)
            if (finding.action.op != ActionOp::None)
                finding.blockedBy = blockReason(finding);

        // Mass-change guard, per rule target and group: an IdP group that comes back empty (a sync outage, a
        // renamed group) would otherwise empty the Databricks group (field notes #16).
        QHash<QString, QList<qsizetype>> removals;
        QHash<QString, QString> groupOfKey;
        QStringList order;
        for (qsizetype i = 0; i < m_findings.size(); ++i) {
            const Finding& finding = m_findings[i];
            for (const FindingAction& action : finding.actions()) {
                if (action.op != ActionOp::RemoveMember)
                    continue;
                const QString key = findingKindName(finding.kind) + QLatin1Char('\n') + lower(finding.target) +
                                    QLatin1Char('\n') + action.groupId;
                if (!removals.contains(key)) {
                    order.append(key);
                    groupOfKey.insert(key, action.groupId);
                }
                removals[key].append(i);
            }
        }
        for (const QString& key : std::as_const(order)) {
            const QList<qsizetype>& indexes = removals[key];
            const QString groupId = groupOfKey.value(key);
            const Group* group = m_snapshot.findGroup(groupId);
            const qsizetype members = group ? group->members.size() : 0;
            const qsizetype count = indexes.size();
            if (count <= DriftEngine::kMassChangeMinimum || count * 2 <= members)
                continue;
            const Finding& sample = m_findings[indexes.first()];
            const QString reason =
                QStringLiteral("Suspicious mass change: the rules for %1 would remove %2 of the %3 members of %4 at "
                               "once; check the IdP group before changing anything.")
                    .arg(sample.kind == FindingKind::RoleWithoutGrant ? shortRoleName(sample.target) : sample.target)
                    .arg(count)
                    .arg(members)
                    .arg(group ? group->displayName : groupId);
            for (qsizetype i : indexes)
                if (m_findings[i].blockedBy.isEmpty())
                    m_findings[i].blockedBy = reason;
        }

        // The same for deactivations: an IdP that suddenly knows nobody (a wrong org, an expired filter) must not
        // turn into deactivating everyone with managed access.
        QList<qsizetype> deactivations;
        for (qsizetype i = 0; i < m_findings.size(); ++i)
            if (m_findings[i].action.op == ActionOp::Deactivate)
                deactivations.append(i);
        qsizetype population = 0;
        for (const User& user : m_snapshot.users())
            if (user.active && !managedAccessOf(m_snapshot, m_managed, user).isEmpty())
                ++population;
        population = std::max(population, deactivations.size());
        if (deactivations.size() > DriftEngine::kMassChangeMinimum && deactivations.size() * 2 > population) {
            const QString reason =
                QStringLiteral("Suspicious mass change: %1 of the %2 active users holding managed access would be "
                               "deactivated at once; check the IdP connection before changing anything.")
                    .arg(deactivations.size())
                    .arg(population);
            for (qsizetype i : std::as_const(deactivations))
                if (m_findings[i].blockedBy.isEmpty())
                    m_findings[i].blockedBy = reason;
        }
    }

    static bool before(const Finding& a, const Finding& b)
    {
        if (a.kind != b.kind)
            return a.kind < b.kind;
        if (const int c = a.principal.userName.compare(b.principal.userName, Qt::CaseInsensitive))
            return c < 0;
        if (const int c = a.target.compare(b.target, Qt::CaseInsensitive))
            return c < 0;
        // Ties only between names that differ in case or ids; compare exactly so the order is total.
        if (a.principal.userName != b.principal.userName)
            return a.principal.userName < b.principal.userName;
        if (a.target != b.target)
            return a.target < b.target;
        return a.principal.id < b.principal.id;
    }

    QList<ServicePrincipalAccess> servicePrincipalAccess() const
    {
        QList<ServicePrincipalAccess> result;
        auto names = [this](const QStringList& ids) {
            QStringList list;
            for (const QString& id : ids)
                list.append(m_snapshot.groupName(id));
            return list;
        };
        for (const ServicePrincipal& sp : m_snapshot.servicePrincipals()) {
            auto entry = [&sp](ServicePrincipalAccess::Kind kind, const QString& target, bool direct,
                               const QStringList& path) {
                return ServicePrincipalAccess{sp.id, sp.applicationId, sp.displayName, kind, target, direct, path};
            };
            for (const EffectiveGrant& grant : m_snapshot.rolesOf(PrincipalKind::ServicePrincipal, sp.id))
                if (m_managed.role(grant.value))
                    result.append(
                        entry(ServicePrincipalAccess::Kind::Role, grant.value, grant.direct, names(grant.path)));
            for (const EffectiveGrant& grant : m_snapshot.entitlementsOf(PrincipalKind::ServicePrincipal, sp.id))
                if (m_managed.entitlement(grant.value))
                    result.append(
                        entry(ServicePrincipalAccess::Kind::Entitlement, grant.value, grant.direct, names(grant.path)));
            for (const EffectiveGroup& membership : m_snapshot.groupsOf(PrincipalKind::ServicePrincipal, sp.id)) {
                const QString name = m_snapshot.groupName(membership.groupId);
                if (m_managed.group(name))
                    result.append(
                        entry(ServicePrincipalAccess::Kind::Group, name, membership.direct, names(membership.path)));
            }
        }
        return result;
    }

    QStringList notes() const
    {
        // A managed value nobody holds is usually a value spelt differently from Databricks (an ARN with another
        // account id, a typo); the review cannot tell, so it says so instead of reporting a reassuring nothing.
        QStringList result;
        for (const QString& role : m_policy.managedRoles()) {
            const bool held = std::any_of(m_snapshot.roleValues().cbegin(), m_snapshot.roleValues().cend(),
                                          [&](const QString& v) { return v.compare(role, Qt::CaseInsensitive) == 0; });
            if (!held)
                result.append(QStringLiteral("Nobody in Databricks holds the role %1 that the policy manages; check "
                                             "its spelling against `roles list`.")
                                  .arg(role));
        }
        for (const QString& entitlement : m_policy.managedEntitlements()) {
            const QStringList& values = m_snapshot.entitlementValues();
            const bool held = std::any_of(values.cbegin(), values.cend(), [&](const QString& v) {
                return v.compare(entitlement, Qt::CaseInsensitive) == 0;
            });
            if (!held)
                result.append(QStringLiteral("Nobody in Databricks holds the entitlement %1 that the policy manages; "
                                             "check its spelling.")
                                  .arg(entitlement));
        }
        return result;
    }

    const DirectorySnapshot& m_snapshot;
    const Policy& m_policy;
    IdpIndex m_index;
    Managed m_managed;
    QList<std::pair<QString, QStringList>> m_roleGrants; // managed value -> IdP groups granting it
    QList<std::pair<QString, QStringList>> m_entitlementGrants;
    QList<ManagedGroupDiff> m_groupDiffs; // per managed group, in the policy's order
    QList<Finding> m_findings;
};

} // namespace

DriftReport DriftEngine::run(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy)
{
    return Review(snapshot, idp, policy).run();
}

DriftEngine::Lookups DriftEngine::lookupsNeeded(const DirectorySnapshot& snapshot, const QList<IdpGroup>& groupsLoaded,
                                                const Policy& policy)
{
    IdpDirectory loaded;
    loaded.groups = groupsLoaded;
    const IdpIndex index(loaded, policy.match());
    const Managed managed(policy);
    Lookups lookups;
    lookups.key = policy.match() == MatchAttribute::Email ? IdpLookupKey::Email : IdpLookupKey::Login;
    QSet<QString> seen;
    for (const User& user : snapshot.users()) {
        if (!user.active || index.find(user) || managedAccessOf(snapshot, managed, user).isEmpty())
            continue;
        for (const QString& value : matchValues(user, policy.match())) {
            if (!value.isEmpty() && !seen.contains(lower(value))) {
                seen.insert(lower(value));
                lookups.values.append(value);
            }
        }
    }
    return lookups;
}

QStringList DriftEngine::check(const DirectorySnapshot& snapshot, const IdpDirectory& idp, const Policy& policy)
{
    QStringList errors;
    const QString where = snapshot.info().connectionName.isEmpty()
                              ? QStringLiteral("Databricks")
                              : QStringLiteral("Databricks (%1)").arg(snapshot.info().connectionName);
    for (const QString& name : policy.managedGroups()) {
        if (snapshot.findGroupByName(name))
            continue;
        QStringList fields;
        for (int index : policy.rulesFor(PolicyRule::Target::DatabricksGroup, name))
            fields.append(QStringLiteral("rules[%1]").arg(index));
        errors.append(QStringLiteral("The policy's %1 names the Databricks group %2, which does not exist in %3.")
                          .arg(fields.join(QStringLiteral(", ")), name, where));
    }
    const QString source = idp.sourceLabel.isEmpty() ? QStringLiteral("The IdP") : idp.sourceLabel;
    for (const QString& name : policy.idpGroups())
        if (!idp.findGroup(name))
            errors.append(QStringLiteral("%1 has no group %2, which the policy names.").arg(source, name));
    for (const IdpGroup& group : idp.groups) {
        for (const IdpUser& member : group.members) {
            const QString key = policy.match() == MatchAttribute::Email ? member.email : member.login;
            if (!key.trimmed().isEmpty())
                continue;
            const QString who = member.login.isEmpty() ? member.displayName : member.login;
            errors.append(QStringLiteral("%1 lists %2 in %3 without %4, which the policy matches people by.")
                              .arg(source, who.isEmpty() ? QStringLiteral("a member") : who, group.name,
                                   policy.match() == MatchAttribute::Email ? QStringLiteral("an email")
                                                                           : QStringLiteral("a login")));
            break; // one per group is enough to act on
        }
    }
    return errors;
}

} // namespace scimitar
