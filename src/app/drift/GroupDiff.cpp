#include "GroupDiff.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace scimitar::gui {

QString GroupDiff::summary() const
{
    return QCoreApplication::translate("GroupDiff", "%1 in both · %2 extra · %3 missing")
        .arg(both)
        .arg(extra)
        .arg(missing);
}

GroupDiff GroupDiff::compute(const DriftReviewResult& result, const QString& databricksGroup)
{
    GroupDiff diff;
    diff.group = databricksGroup;
    diff.idpGroups = result.policy.idpGroupsGrantingGroup(databricksGroup);
    const bool byEmail = result.policy.match() == MatchAttribute::Email;

    // IdP side: everyone in any granting group, keyed by the match attribute, first spelling wins.
    QHash<QString, IdpUser> idpPeople;
    QStringList idpOrder;
    for (const QString& name : std::as_const(diff.idpGroups)) {
        const IdpGroup* group = result.idp.findGroup(name);
        if (!group)
            continue;
        for (const IdpUser& user : group->members) {
            const QString key = (byEmail ? user.email : user.login).toLower();
            if (key.isEmpty() || idpPeople.contains(key))
                continue;
            idpPeople.insert(key, user);
            idpOrder.append(key);
        }
    }

    // Databricks side: every user who is in the group, directly or through nested groups, as Databricks grants
    // access. Inherited members carry the chain, since removing them means changing the nested group.
    QSet<QString> matched;
    const Group* group = result.snapshot ? result.snapshot->findGroupByName(databricksGroup) : nullptr;
    if (group) {
        for (const User& user : result.snapshot->users()) {
            const QList<EffectiveGroup>& groups = result.snapshot->groupsOf(PrincipalKind::User, user.id);
            const auto membership = std::find_if(groups.cbegin(), groups.cend(),
                                                 [group](const EffectiveGroup& g) { return g.groupId == group->id; });
            if (membership == groups.cend())
                continue;
            QStringList keys = {user.userName.toLower()};
            if (byEmail) {
                for (const QString& email : user.emails)
                    keys.append(email.toLower());
            }
            Row row;
            row.databricksMember = user.userName;
            if (!membership->direct) {
                QStringList names;
                for (const QString& id : membership->path)
                    names.append(result.snapshot->groupName(id));
                row.through = names.join(QStringLiteral(" → "));
            }
            row.state = State::Extra;
            for (const QString& key : std::as_const(keys)) {
                const auto it = idpPeople.constFind(key);
                if (it == idpPeople.cend() || matched.contains(key))
                    continue;
                matched.insert(key);
                // In the IdP group but switched off there: the membership is extra all the same.
                row.state = shouldHaveAccess(it->status) ? State::Both : State::Extra;
                row.idpMember = byEmail ? it->email : it->login;
                row.idpStatus = idpUserStatusName(it->status);
                break;
            }
            diff.rows.append(row);
        }
    }
    for (const QString& key : std::as_const(idpOrder)) {
        if (matched.contains(key))
            continue;
        const IdpUser& user = idpPeople[key];
        // Someone the IdP has switched off is not missing: they should not get the access.
        if (!shouldHaveAccess(user.status))
            continue;
        Row row;
        row.state = State::Missing;
        row.idpMember = byEmail ? user.email : user.login;
        row.idpStatus = idpUserStatusName(user.status);
        diff.rows.append(row);
    }
    std::sort(diff.rows.begin(), diff.rows.end(), [](const Row& a, const Row& b) {
        const QString& left = a.databricksMember.isEmpty() ? a.idpMember : a.databricksMember;
        const QString& right = b.databricksMember.isEmpty() ? b.idpMember : b.databricksMember;
        return left.compare(right, Qt::CaseInsensitive) < 0;
    });
    for (const Row& row : std::as_const(diff.rows)) {
        diff.both += row.state == State::Both ? 1 : 0;
        diff.extra += row.state == State::Extra ? 1 : 0;
        diff.missing += row.state == State::Missing ? 1 : 0;
    }
    return diff;
}

} // namespace scimitar::gui
