#include "PersonAccess.h"

#include "details/AccessDescriber.h"

#include <QCoreApplication>

namespace scimitar::gui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PersonAccess", text);
}

bool matches(const DriftReviewResult& result, const User& user, const IdpUser& idp)
{
    if (result.policy.match() == MatchAttribute::UserName)
        return idp.login.compare(user.userName, Qt::CaseInsensitive) == 0;
    if (idp.email.isEmpty())
        return false;
    if (idp.email.compare(user.userName, Qt::CaseInsensitive) == 0)
        return true;
    return std::any_of(user.emails.cbegin(), user.emails.cend(),
                       [&idp](const QString& email) { return email.compare(idp.email, Qt::CaseInsensitive) == 0; });
}

QString chain(const DirectorySnapshot& snapshot, const QStringList& path)
{
    QStringList names;
    for (const QString& id : path)
        names.append(snapshot.groupName(id));
    return names.join(QStringLiteral(" → "));
}

QString source(const QStringList& granting, const QStringList& userGroups)
{
    QStringList grantedBy;
    for (const QString& group : granting) {
        if (userGroups.contains(group, Qt::CaseInsensitive))
            grantedBy.append(group);
    }
    if (grantedBy.isEmpty())
        return tr("no IdP group grants it");
    return grantedBy.size() == 1 ? tr("granted by IdP group %1").arg(grantedBy.first())
                                 : tr("granted by IdP groups %1").arg(grantedBy.join(QStringLiteral(", ")));
}

} // namespace

QString PersonAccess::idpStatus(const DriftReviewResult& result, const User& user, QStringList* idpGroups)
{
    const IdpUser* found = nullptr;
    for (const IdpGroup& group : result.idp.groups) {
        for (const IdpUser& member : group.members) {
            if (matches(result, user, member)) {
                found = &member;
                if (idpGroups)
                    idpGroups->append(group.name);
                break;
            }
        }
    }
    if (!found) {
        for (const IdpUser& person : result.idp.lookedUp) {
            if (matches(result, user, person))
                found = &person;
        }
    }
    if (!found)
        return result.idp.notFound.contains(user.userName, Qt::CaseInsensitive)
                   ? tr("not known to the IdP")
                   : tr("in no IdP group the policy names");
    switch (found->status) {
    case IdpUserStatus::Active:
        return tr("active in the IdP");
    case IdpUserStatus::Deprovisioned:
        return tr("deprovisioned in the IdP");
    case IdpUserStatus::Suspended:
        return tr("suspended in the IdP");
    case IdpUserStatus::Disabled:
        return tr("disabled in the IdP");
    }
    return {};
}

QStringList PersonAccess::sentences(const DriftReviewResult& result, const User& user)
{
    QStringList out;
    if (!result.snapshot)
        return out;
    const DirectorySnapshot& snapshot = *result.snapshot;
    const Policy& policy = result.policy;
    QStringList userGroups;
    idpStatus(result, user, &userGroups);
    auto how = [&snapshot](bool direct, const QStringList& path) {
        return direct ? tr("directly") : tr("through %1").arg(chain(snapshot, path));
    };
    for (const EffectiveGrant& grant : snapshot.rolesOf(PrincipalKind::User, user.id)) {
        if (!policy.managesRole(grant.value))
            continue;
        out.append(tr("holds %1 %2 — %3")
                       .arg(shortRoleName(grant.value), how(grant.direct, grant.path),
                            source(policy.idpGroupsGrantingRole(grant.value), userGroups)));
    }
    for (const EffectiveGrant& grant : snapshot.entitlementsOf(PrincipalKind::User, user.id)) {
        if (!policy.managesEntitlement(grant.value))
            continue;
        out.append(tr("holds %1 %2 — %3")
                       .arg(grant.value, how(grant.direct, grant.path),
                            source(policy.idpGroupsGrantingEntitlement(grant.value), userGroups)));
    }
    for (const EffectiveGroup& membership : snapshot.groupsOf(PrincipalKind::User, user.id)) {
        const QString name = snapshot.groupName(membership.groupId);
        if (!policy.managesGroup(name))
            continue;
        QStringList path = membership.path;
        out.append(tr("member of %1 %2 — %3")
                       .arg(name, membership.direct ? tr("directly") : tr("through %1").arg(chain(snapshot, path)),
                            source(policy.idpGroupsGrantingGroup(name), userGroups)));
    }
    return out;
}

QString PersonAccess::html(const DriftReviewResult& result, const QString& userId, const QPalette& palette, bool stale)
{
    if (!result.snapshot)
        return {};
    const User* user = result.snapshot->findUser(userId);
    if (!user)
        return {};
    const QString muted = AccessDescriber::mutedColor(palette).name();
    QStringList idpGroups;
    const QString status = idpStatus(result, *user, &idpGroups);
    QString html = QStringLiteral("<h4>%1</h4>").arg(tr("Managed access (policy)").toHtmlEscaped());
    if (stale)
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(muted, tr("From the previous review; the last one did not finish.").toHtmlEscaped());
    html += QStringLiteral("<p>%1%2</p>")
                .arg(status.at(0).toUpper() + status.mid(1).toHtmlEscaped(),
                     idpGroups.isEmpty() ? QString()
                                         : QStringLiteral("; ") +
                                               tr("in %1").arg(idpGroups.join(QStringLiteral(", "))).toHtmlEscaped());
    const QStringList lines = sentences(result, *user);
    if (lines.isEmpty()) {
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(muted, tr("Holds nothing the policy manages.").toHtmlEscaped());
        return html;
    }
    html += QStringLiteral("<ul>");
    for (const QString& line : lines)
        html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    return html;
}

} // namespace scimitar::gui
