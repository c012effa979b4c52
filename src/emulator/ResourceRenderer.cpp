#include "ResourceRenderer.h"

#include <QJsonArray>
#include <QSet>

namespace scimitar::emulator {

QString ResourceRenderer::schemaFor(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::User:
        return QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User");
    case ResourceKind::Group:
        return QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group");
    case ResourceKind::ServicePrincipal:
        return QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal");
    }
    return {};
}

QString ResourceRenderer::refFor(ResourceKind kind, const QString& id)
{
    return resourceKindName(kind) + QLatin1Char('/') + id;
}

QJsonObject ResourceRenderer::render(ResourceKind kind, const QString& id, const AttributeProjection& projection,
                                     bool includeMembers) const
{
    QJsonObject out = m_dataset.resource(kind, id);
    out.insert(QStringLiteral("schemas"), QJsonArray{schemaFor(kind)});

    QString resourceType;
    switch (kind) {
    case ResourceKind::User:
        resourceType = QStringLiteral("User");
        break;
    case ResourceKind::ServicePrincipal:
        resourceType = QStringLiteral("ServicePrincipal");
        break;
    case ResourceKind::Group:
        resourceType =
            m_face == ApiFace::Account
                ? QStringLiteral("Group")
                : out.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString();
        if (resourceType.isEmpty())
            resourceType = QStringLiteral("Group");
        break;
    }
    out.insert(QStringLiteral("meta"), QJsonObject{{QStringLiteral("resourceType"), resourceType}});

    if (m_face == ApiFace::Account)
        out.remove(QStringLiteral("entitlements"));

    if (kind == ResourceKind::Group) {
        if (includeMembers && projection.wants(QStringLiteral("members")))
            out.insert(QStringLiteral("members"), renderMembers(out.value(QStringLiteral("members")).toArray()));
        else
            out.remove(QStringLiteral("members"));
    }

    // Derived fields are only computed when asked for: on big workspaces they dominate the cost.
    if (projection.wants(QStringLiteral("groups")))
        out.insert(QStringLiteral("groups"), renderGroups(id));
    if (kind != ResourceKind::Group && projection.wants(QStringLiteral("roles"))) {
        const QJsonArray roles = renderRoles(id, out.value(QStringLiteral("roles")).toArray());
        if (roles.isEmpty())
            out.remove(QStringLiteral("roles"));
        else
            out.insert(QStringLiteral("roles"), roles);
    }
    return projection.apply(out);
}

QJsonArray ResourceRenderer::renderMembers(const QJsonArray& stored) const
{
    QJsonArray members;
    for (const QJsonValue& member : stored) {
        const QString memberId = member.toObject().value(QStringLiteral("value")).toString();
        const std::optional<ResourceKind> memberKind = m_dataset.kindOf(memberId);
        QJsonObject rendered{{QStringLiteral("value"), memberId}};
        if (memberKind) {
            rendered.insert(QStringLiteral("display"), m_dataset.displayOf(memberId));
            rendered.insert(QStringLiteral("$ref"), refFor(*memberKind, memberId));
        }
        members.append(rendered);
    }
    return members;
}

QJsonArray ResourceRenderer::renderGroups(const QString& id) const
{
    QJsonArray groups;
    for (const Dataset::Membership& membership : m_dataset.ancestors(id)) {
        groups.append(QJsonObject{
            {QStringLiteral("value"), membership.groupId},
            {QStringLiteral("display"), m_dataset.displayOf(membership.groupId)},
            {QStringLiteral("$ref"), refFor(ResourceKind::Group, membership.groupId)},
            {QStringLiteral("type"), membership.direct ? QStringLiteral("direct") : QStringLiteral("indirect")},
        });
    }
    return groups;
}

QJsonArray ResourceRenderer::renderRoles(const QString& id, const QJsonArray& stored) const
{
    // Databricks lists a principal's own roles as "direct" and those it gets through any of its
    // groups (nested included) as "indirect"; the same ARN can appear once of each kind.
    QJsonArray roles;
    for (const QJsonValue& role : stored) {
        QJsonObject direct = role.toObject();
        direct.insert(QStringLiteral("type"), QStringLiteral("direct"));
        roles.append(direct);
    }
    QSet<QString> inherited;
    for (const Dataset::Membership& membership : m_dataset.ancestors(id)) {
        const QJsonArray groupRoles =
            m_dataset.resource(ResourceKind::Group, membership.groupId).value(QStringLiteral("roles")).toArray();
        for (const QJsonValue& role : groupRoles) {
            const QString value = role.toObject().value(QStringLiteral("value")).toString();
            if (inherited.contains(value))
                continue;
            inherited.insert(value);
            roles.append(
                QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("type"), QStringLiteral("indirect")}});
        }
    }
    return roles;
}

} // namespace scimitar::emulator
