#pragma once

#include "Dataset.h"
#include "ResourceRenderer.h"
#include "ScimError.h"

#include <QJsonObject>
#include <optional>

namespace scimitar::emulator {

// Applies a SCIM PatchOp body the way Databricks does, including its strictness: `remove` with a
// `value` field is rejected, removing an absent role/entitlement is a 400 invalidPath. It is
// stricter than Databricks in one place on purpose: a `remove` without a [value eq "..."] filter
// is refused, because the real service would silently empty the whole attribute.
// All operations apply to a copy; the dataset changes only when every operation succeeded.
class PatchApplier
{
public:
    PatchApplier(Dataset& dataset, ApiFace face)
        : m_dataset(dataset)
        , m_face(face)
    {
    }

    std::optional<ScimError> apply(ResourceKind kind, const QString& id, const QJsonObject& body);

private:
    std::optional<ScimError> applyOne(ResourceKind kind, QJsonObject& resource, const QJsonObject& operation);
    std::optional<ScimError> add(ResourceKind kind, QJsonObject& resource, const QString& attribute,
                                 const QJsonValue& value);
    std::optional<ScimError> remove(ResourceKind kind, QJsonObject& resource, const QString& path);
    std::optional<ScimError> replace(ResourceKind kind, QJsonObject& resource, const QString& path,
                                     const QJsonValue& value);
    std::optional<ScimError> checkMultiValued(ResourceKind kind, const QString& attribute, const QString& path) const;

    Dataset& m_dataset;
    ApiFace m_face;
};

} // namespace scimitar::emulator
