#include "AccessDescriber.h"

#include "DisplayFormat.h"
#include "models/RoleNames.h"
#include "models/UsersModel.h"

#include <QSet>

namespace scimitar::gui {

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

ItemKind itemKindOf(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return ItemKind::User;
    case PrincipalKind::Group:
        return ItemKind::Group;
    case PrincipalKind::ServicePrincipal:
        return ItemKind::ServicePrincipal;
    }
    return ItemKind::User;
}

QString kindWord(PrincipalKind kind)
{
    return principalKindLabel(kind).toLower();
}

} // namespace

AccessDescriber::AccessDescriber(const DirectorySnapshot& snapshot, const QPalette& palette)
    : m_snapshot(snapshot)
    , m_palette(palette)
{
}

QString AccessDescriber::html(const DetailsTarget& target) const
{
    switch (target.kind) {
    case ItemKind::User:
        if (const User* found = m_snapshot.findUser(target.id))
            return document(user(*found));
        break;
    case ItemKind::Group:
        if (const Group* found = m_snapshot.findGroup(target.id))
            return document(group(*found));
        break;
    case ItemKind::ServicePrincipal:
        if (const ServicePrincipal* found = m_snapshot.findServicePrincipal(target.id))
            return document(servicePrincipal(*found));
        break;
    case ItemKind::Role:
    case ItemKind::Entitlement:
        return document(grant(target.kind, target.id));
    }
    return document(notFound(target));
}

QString AccessDescriber::document(const QString& body) const
{
    // QTextDocument understands a small CSS subset; keep to margins, sizes and colours.
    const QString css = QStringLiteral("h2 { margin-bottom: 0px; } "
                                       "h3 { margin-top: 14px; margin-bottom: 4px; } "
                                       "ul { margin-top: 0px; margin-bottom: 0px; -qt-list-indent: 1; } "
                                       "li { margin-bottom: 2px; } "
                                       "td { vertical-align: top; }");
    return QStringLiteral("<html><head><style>%1</style></head><body>%2</body></html>").arg(css, body);
}

QColor AccessDescriber::mutedColor(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::PlaceholderText);
    const QColor base = palette.color(QPalette::Base);
    const qreal a = text.alphaF();
    return QColor::fromRgbF(text.redF() * a + base.redF() * (1 - a), text.greenF() * a + base.greenF() * (1 - a),
                            text.blueF() * a + base.blueF() * (1 - a));
}

QString AccessDescriber::muted(const QString& html) const
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(mutedColor(m_palette).name(), html);
}

QString AccessDescriber::header(const QString& title, const QString& subtitle) const
{
    return QStringLiteral("<h2>%1</h2><p style=\"margin-top:2px; margin-bottom:8px\">%2</p>")
        .arg(esc(title), muted(subtitle));
}

QString AccessDescriber::fields(const QList<std::pair<QString, QString>>& rows) const
{
    // QTextDocument ignores most CSS on cells; attributes and a spacer column are what it honours.
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const auto& [label, value] : rows) {
        if (value.isEmpty())
            continue;
        html += QStringLiteral("<tr><td>%1</td><td width=\"12\"></td><td>%2</td></tr>").arg(muted(esc(label)), value);
    }
    return html + QStringLiteral("</table>");
}

QString AccessDescriber::section(const QString& title, int count, const QStringList& items, const QString& empty) const
{
    QString html = QStringLiteral("<h3>%1 %2</h3>").arg(esc(title), muted(QStringLiteral("(%1)").arg(count)));
    if (items.isEmpty())
        return html + QStringLiteral("<p>%1</p>").arg(muted(esc(empty)));
    html += QStringLiteral("<ul>");
    const qsizetype shown = std::min<qsizetype>(items.size(), kMaxListItems);
    for (qsizetype i = 0; i < shown; ++i)
        html += QStringLiteral("<li>%1</li>").arg(items[i]);
    html += QStringLiteral("</ul>");
    if (items.size() > shown)
        html += QStringLiteral("<p>%1</p>")
                    .arg(muted(QStringLiteral("… and %1 more").arg(DisplayFormat::number(items.size() - shown))));
    return html;
}

QString AccessDescriber::link(ItemKind kind, const QString& id, const QString& text) const
{
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(esc(DetailsLink::to({kind, id}).toString(QUrl::FullyEncoded)), esc(text));
}

QString AccessDescriber::principalLink(PrincipalKind kind, const QString& id) const
{
    return link(itemKindOf(kind), id, m_snapshot.nameOf(kind, id));
}

bool AccessDescriber::isDeactivated(PrincipalKind kind, const QString& id) const
{
    if (kind == PrincipalKind::User) {
        const User* user = m_snapshot.findUser(id);
        return user && !user->active;
    }
    if (kind == PrincipalKind::ServicePrincipal) {
        const ServicePrincipal* sp = m_snapshot.findServicePrincipal(id);
        return sp && !sp->active;
    }
    return false;
}

QString AccessDescriber::holderText(PrincipalKind kind, const QString& id) const
{
    const QString who = kindWord(kind) + QLatin1Char(' ') + principalLink(kind, id);
    return isDeactivated(kind, id) ? muted(who + QStringLiteral(" (deactivated)")) : who;
}

QString AccessDescriber::groupPath(const QStringList& groupIds) const
{
    QStringList links;
    for (const QString& id : groupIds)
        links.append(principalLink(PrincipalKind::Group, id));
    return links.join(QStringLiteral(" → "));
}

QStringList AccessDescriber::membershipSentences(PrincipalKind kind, const QString& id) const
{
    QStringList items;
    for (const EffectiveGroup& membership : m_snapshot.groupsOf(kind, id)) {
        const QString group = principalLink(PrincipalKind::Group, membership.groupId);
        items.append(membership.direct
                         ? QStringLiteral("member of %1 directly").arg(group)
                         : QStringLiteral("member of %1 through %2").arg(group, groupPath(membership.path)));
    }
    return items;
}

QStringList AccessDescriber::grantSentences(ItemKind grantKind, const QList<EffectiveGrant>& grants) const
{
    QStringList items;
    for (const EffectiveGrant& grant : grants) {
        const QString value = link(grantKind, grant.value, grant.value);
        items.append(grant.direct ? QStringLiteral("holds %1 directly").arg(value)
                                  : QStringLiteral("holds %1 through group %2").arg(value, groupPath(grant.path)));
    }
    return items;
}

QString AccessDescriber::user(const User& user) const
{
    const bool isMe = !m_snapshot.info().meId.isEmpty() && m_snapshot.info().meId == user.id;
    QString subtitle = QStringLiteral("User · ") + UsersModel::statusText(user.active);
    if (isMe)
        subtitle += QStringLiteral(" · owner of the token Scimitar uses");
    const QString title = user.displayName.isEmpty() ? user.userName : user.displayName;
    QStringList name;
    if (!user.givenName.isEmpty() || !user.familyName.isEmpty())
        name << user.givenName << user.familyName;
    QString html = header(title, subtitle);
    html += fields({
        {QStringLiteral("User name"), esc(user.userName)},
        {QStringLiteral("Display name"), esc(user.displayName)},
        {QStringLiteral("Name"), esc(name.join(QLatin1Char(' ')).trimmed())},
        {QStringLiteral("Emails"), esc(user.emails.join(QStringLiteral(", ")))},
        {QStringLiteral("Status"),
         user.active ? QStringLiteral("Active") : QStringLiteral("<b>Deactivated</b> — cannot sign in")},
        {QStringLiteral("ID"), esc(user.id)},
        {QStringLiteral("External ID"), esc(user.externalId)},
    });
    const QStringList groups = membershipSentences(PrincipalKind::User, user.id);
    html += section(QStringLiteral("Groups"), int(groups.size()), groups, QStringLiteral("Not a member of any group."));
    html += grantSections(PrincipalKind::User, user.id);
    return html;
}

QString AccessDescriber::grantSections(PrincipalKind kind, const QString& id) const
{
    // Counted as distinct values: an entitlement held directly and through a group is one entitlement, held two
    // ways, and its section says so.
    auto one = [this](const QString& title, ItemKind item, const QList<EffectiveGrant>& grants, const QString& empty) {
        QSet<QString> values;
        for (const EffectiveGrant& grant : grants)
            values.insert(grant.value);
        const QStringList sentences = grantSentences(item, grants);
        QString heading = title;
        if (sentences.size() > values.size())
            heading += QStringLiteral(" · %1 ways").arg(sentences.size());
        return section(heading, int(values.size()), sentences, empty);
    };
    return one(QStringLiteral("Roles"), ItemKind::Role, m_snapshot.rolesOf(kind, id),
               QStringLiteral("Holds no roles.")) +
           one(QStringLiteral("Entitlements"), ItemKind::Entitlement, m_snapshot.entitlementsOf(kind, id),
               QStringLiteral("Holds no entitlements."));
}

QString AccessDescriber::group(const Group& group) const
{
    QString html = header(group.displayName, QStringLiteral("Group · %1").arg(groupSourceLabel(group.source)));
    const QList<Holder> members = m_snapshot.transitiveMembers(group.id);
    QStringList direct;
    QStringList nested;
    int deactivated = 0;
    // People and service principals are counted once each; a nested group is listed, never counted as a member.
    QSet<QString> principals;
    QSet<QString> directPrincipals;
    QSet<QString> groups;
    for (const Holder& member : members) {
        const QString who = holderText(member.kind, member.id);
        const QString key = principalKindName(member.kind) + QLatin1Char('/') + member.id;
        if (member.kind == PrincipalKind::Group) {
            groups.insert(member.id);
        } else {
            if (!principals.contains(key))
                deactivated += isDeactivated(member.kind, member.id) ? 1 : 0;
            principals.insert(key);
            if (member.direct)
                directPrincipals.insert(key);
        }
        if (member.direct)
            direct.append(who);
        else
            nested.append(QStringLiteral("%1 through %2").arg(who, groupPath(member.path)));
    }
    html += fields({
        {QStringLiteral("Source"), esc(groupSourceLabel(group.source))},
        {QStringLiteral("Members"),
         esc(QStringLiteral("%1 directly, %2 in all")
                 .arg(DisplayFormat::number(directPrincipals.size()), DisplayFormat::number(principals.size())) +
             (groups.isEmpty() ? QString()
                               : QStringLiteral(" (and %1)")
                                     .arg(DisplayFormat::count(groups.size(), QStringLiteral("nested group"),
                                                               QStringLiteral("nested groups"))))) +
             (deactivated > 0
                  ? QStringLiteral("<br>") +
                        muted(esc(QStringLiteral("%1 of them deactivated").arg(DisplayFormat::number(deactivated))))
                  : QString())},
        {QStringLiteral("ID"), esc(group.id)},
        {QStringLiteral("External ID"), esc(group.externalId)},
    });
    html += section(QStringLiteral("Direct members"), int(direct.size()), direct, QStringLiteral("No direct members."));
    html += section(QStringLiteral("Members through nested groups"), int(nested.size()), nested,
                    QStringLiteral("No nested members."));
    const QStringList parents = membershipSentences(PrincipalKind::Group, group.id);
    html += section(QStringLiteral("Parent groups"), int(parents.size()), parents,
                    QStringLiteral("Not a member of any other group."));
    html += grantSections(PrincipalKind::Group, group.id);
    return html;
}

QString AccessDescriber::servicePrincipal(const ServicePrincipal& sp) const
{
    const QString title = sp.displayName.isEmpty() ? sp.applicationId : sp.displayName;
    QString html = header(title, QStringLiteral("Service principal · ") + UsersModel::statusText(sp.active));
    html += fields({
        {QStringLiteral("Display name"), esc(sp.displayName)},
        {QStringLiteral("Application ID"), esc(sp.applicationId) + QStringLiteral("<br>") +
                                               muted(QStringLiteral("what jobs and tools authenticate with"))},
        {QStringLiteral("SCIM ID"), esc(sp.id) + QStringLiteral("<br>") +
                                        muted(QStringLiteral("what the SCIM API addresses; not the application ID"))},
        {QStringLiteral("Status"),
         sp.active ? QStringLiteral("Active") : QStringLiteral("<b>Deactivated</b> — cannot authenticate")},
        {QStringLiteral("External ID"), esc(sp.externalId)},
    });
    const QStringList groups = membershipSentences(PrincipalKind::ServicePrincipal, sp.id);
    html += section(QStringLiteral("Groups"), int(groups.size()), groups, QStringLiteral("Not a member of any group."));
    html += grantSections(PrincipalKind::ServicePrincipal, sp.id);
    return html;
}

QString AccessDescriber::grant(ItemKind kind, const QString& value) const
{
    const bool isRole = kind == ItemKind::Role;
    const QList<Holder>& holders = isRole ? m_snapshot.holdersOfRole(value) : m_snapshot.holdersOfEntitlement(value);
    QString html = header(isRole ? RoleNames::shortName(value) : value,
                          isRole ? QStringLiteral("Role") : QStringLiteral("Entitlement"));
    QSet<QString> principals;
    QSet<QString> directPrincipals;
    QSet<QString> deactivatedPrincipals;
    QStringList direct;
    QStringList inherited;
    for (const Holder& holder : holders) {
        const QString key = QString::number(int(holder.kind)) + QLatin1Char(':') + holder.id;
        principals.insert(key);
        if (isDeactivated(holder.kind, holder.id))
            deactivatedPrincipals.insert(key);
        const QString who = holderText(holder.kind, holder.id);
        if (holder.direct) {
            directPrincipals.insert(key);
            direct.append(QStringLiteral("%1 holds it directly").arg(who));
        } else {
            inherited.append(QStringLiteral("%1 holds it through group %2").arg(who, groupPath(holder.path)));
        }
    }
    QList<std::pair<QString, QString>> rows;
    if (isRole) {
        rows.append({QStringLiteral("Value"), esc(value)});
        rows.append({QStringLiteral("Type"), esc(RoleNames::resourceType(value))});
        rows.append({QStringLiteral("AWS account"), esc(RoleNames::awsAccount(value))});
    }
    // Active and deactivated counted apart: a deactivated holder cannot use the access (but still holds it, and is
    // still drift).
    const qsizetype inactive = deactivatedPrincipals.size();
    const QString who =
        DisplayFormat::count(principals.size(), QStringLiteral("principal"), QStringLiteral("principals"));
    const QString holdersText =
        esc(QStringLiteral("%1: %2 assigned directly, %3 only through groups")
                .arg(inactive == 0 ? who
                                   : QStringLiteral("%1 (%2 active, %3 deactivated)")
                                         .arg(who, DisplayFormat::number(principals.size() - inactive),
                                              DisplayFormat::number(inactive)),
                     DisplayFormat::number(directPrincipals.size()),
                     DisplayFormat::number(principals.size() - directPrincipals.size())));
    rows.append({QStringLiteral("Holders"), holdersText});
    html += fields(rows);
    html += section(QStringLiteral("Assigned directly"), int(direct.size()), direct,
                    QStringLiteral("Nobody holds it directly."));
    html += section(QStringLiteral("Held through groups"), int(inherited.size()), inherited,
                    QStringLiteral("Nobody holds it through a group."));
    return html;
}

QString AccessDescriber::notFound(const DetailsTarget& target) const
{
    return QStringLiteral("<p>%1</p>")
        .arg(muted(
            esc(QStringLiteral("'%1' is not in the loaded snapshot; it may have been removed since.").arg(target.id))));
}

QString AccessDescriber::overview() const
{
    const SnapshotInfo& info = m_snapshot.info();
    QString owner = info.meUserName;
    if (!info.meDisplayName.isEmpty() && info.meDisplayName != info.meUserName)
        owner = QStringLiteral("%1 (%2)").arg(info.meDisplayName, info.meUserName);
    QString html =
        header(info.connectionName, info.level == DirectoryLevel::Account ? QStringLiteral("Databricks account")
                                                                          : QStringLiteral("Databricks workspace"));
    html += fields({
        {QStringLiteral("Users"), DisplayFormat::number(m_snapshot.users().size())},
        {QStringLiteral("Groups"), DisplayFormat::number(m_snapshot.groups().size())},
        {QStringLiteral("Service principals"), DisplayFormat::number(m_snapshot.servicePrincipals().size())},
        {QStringLiteral("Roles"), DisplayFormat::number(m_snapshot.roleValues().size())},
        {QStringLiteral("Entitlements"), DisplayFormat::number(m_snapshot.entitlementValues().size())},
        {QStringLiteral("Loaded"), esc(QLocale().toString(info.loadedAt.toLocalTime(), QLocale::ShortFormat))},
        {QStringLiteral("Signed in as"), esc(owner)},
    });
    if (!info.warnings.isEmpty()) {
        QStringList warnings;
        for (const QString& warning : info.warnings)
            warnings.append(esc(warning));
        html += section(QStringLiteral("This snapshot is incomplete"), int(warnings.size()), warnings, {});
    }
    html += QStringLiteral("<p>%1</p>").arg(muted(QStringLiteral("Select a row to see who holds what, and how.")));
    return html;
}

} // namespace scimitar::gui
