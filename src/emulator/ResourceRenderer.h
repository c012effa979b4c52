#pragma once

#include "AttributeProjection.h"
#include "Dataset.h"

#include <QJsonArray>
#include <QJsonObject>

namespace scimitar::emulator {

// Which Databricks API the request came through. The account API differs in shape: no
// entitlements anywhere, every group is a "Group", and (since 2025-08-22) group lists omit members.
enum class ApiFace
{
    Workspace,
    Account
};

// Turns a stored resource into what Databricks serves: schemas, meta, member display/$ref,
// transitive `groups` with direct/indirect type, and roles inherited from groups.
class ResourceRenderer
{
public:
    ResourceRenderer(const Dataset& dataset, ApiFace face)
        : m_dataset(dataset)
        , m_face(face)
    {
    }

    // includeMembers=false drops group members (list responses at account level, or the
    // omitMembersInLists fault); GET of a single group always includes them.
    QJsonObject render(ResourceKind kind, const QString& id, const AttributeProjection& projection,
                       bool includeMembers = true) const;

    static QString schemaFor(ResourceKind kind);
    static QString refFor(ResourceKind kind, const QString& id); // "Users/<id>", ...

private:
    QJsonArray renderMembers(const QJsonArray& stored) const;
    QJsonArray renderGroups(const QString& id) const;
    QJsonArray renderRoles(const QString& id, const QJsonArray& stored) const;

    const Dataset& m_dataset;
    ApiFace m_face;
};

} // namespace scimitar::emulator
