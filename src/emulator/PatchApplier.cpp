#include "PatchApplier.h"

#include <QJsonArray>

namespace scimitar::emulator {

namespace {

const QString kPatchSchema = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp");

// The attribute names PATCH understands, in canonical spelling.
QString canonicalAttribute(const QString& name)
{
    for (const char* known : {"roles", "entitlements", "members", "active"}) {
        if (name.compare(QLatin1String(known), Qt::CaseInsensitive) == 0)
            return QLatin1String(known);
    }
    return {};
}

struct ValuePath
{
    QString attribute;
    std::optional<QString> filterValue; // set when the path is attr[value eq "..."]
    bool valid = false;
};

// Parses `attr` or `attr[value eq "v"]`, honouring \" and \\ inside the quoted value so ARNs or
// names containing quotes or brackets are handled like a JSON string.
ValuePath parsePath(const QString& path)
{
    ValuePath result;
    const QString trimmed = path.trimmed();
    const qsizetype bracket = trimmed.indexOf(QLatin1Char('['));
    result.attribute = (bracket < 0 ? trimmed : trimmed.left(bracket)).trimmed();
    if (bracket < 0) {
        result.valid = !result.attribute.isEmpty();
        return result;
    }
    if (!trimmed.endsWith(QLatin1Char(']')))
        return result;
    QString inner = trimmed.mid(bracket + 1, trimmed.size() - bracket - 2).trimmed();
    static const QLatin1String prefix("value");
    if (!inner.startsWith(prefix, Qt::CaseInsensitive))
        return result;
    inner = inner.mid(prefix.size()).trimmed();
    if (!inner.startsWith(QLatin1String("eq"), Qt::CaseInsensitive))
        return result;
    inner = inner.mid(2).trimmed();
    if (!inner.startsWith(QLatin1Char('"')))
        return result;
    QString value;
    qsizetype i = 1;
    for (; i < inner.size(); ++i) {
        const QChar c = inner.at(i);
        if (c == u'\\' && i + 1 < inner.size()) {
            value.append(inner.at(++i));
            continue;
        }
        if (c == u'"')
            break;
        value.append(c);
    }
    if (i >= inner.size() || !inner.mid(i + 1).trimmed().isEmpty())
        return result; // unterminated string or trailing garbage
    result.filterValue = value;
    result.valid = !result.attribute.isEmpty();
    return result;
}

bool containsValue(const QJsonArray& array, const QString& value)
{
    for (const QJsonValue& item : array) {
        if (item.toObject().value(QStringLiteral("value")).toString() == value)
            return true;
    }
    return false;
}

// Accepts JSON true/false, "true"/"false", and the [{"value":"false"}] form Terraform sends.
std::optional<bool> parseBoolean(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        if (value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return true;
        if (value.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return false;
        return std::nullopt;
    }
    if (value.isArray() && value.toArray().size() == 1)
        return parseBoolean(value.toArray().at(0).toObject().value(QStringLiteral("value")));
    if (value.isObject())
        return parseBoolean(value.toObject().value(QStringLiteral("value")));
    return std::nullopt;
}

} // namespace

std::optional<ScimError> PatchApplier::apply(ResourceKind kind, const QString& id, const QJsonObject& body)
{
    if (!body.value(QStringLiteral("schemas")).toArray().contains(kPatchSchema))
        return ScimError::invalidSyntax(QStringLiteral("Request must carry schemas [\"%1\"]").arg(kPatchSchema));
    const QJsonValue operations = body.value(QStringLiteral("Operations"));
    if (!operations.isArray() || operations.toArray().isEmpty())
        return ScimError::invalidSyntax(QStringLiteral("Request must carry a non-empty \"Operations\" array"));

    QJsonObject resource = m_dataset.resource(kind, id);
    for (const QJsonValue& operation : operations.toArray()) {
        if (!operation.isObject())
            return ScimError::invalidSyntax(QStringLiteral("Each operation must be a JSON object"));
        if (std::optional<ScimError> error = applyOne(kind, resource, operation.toObject()))
            return error;
    }
    m_dataset.upsert(kind, resource);
    return std::nullopt;
}

std::optional<ScimError> PatchApplier::applyOne(ResourceKind kind, QJsonObject& resource, const QJsonObject& operation)
{
    const QString op = operation.value(QStringLiteral("op")).toString().toLower();
    const QString path = operation.value(QStringLiteral("path")).toString();
    const QJsonValue value = operation.value(QStringLiteral("value"));

    if (op == QLatin1String("remove")) {
        // Databricks deserialises remove operations into a class without a value field and fails
        // hard on unknown fields (terraform-provider-databricks #3299, #3374).
        if (operation.contains(QStringLiteral("value")))
            return ScimError::invalidSyntax(
                QStringLiteral("Unrecognized field \"value\" (class com.databricks.scim.api.patch.RemoveOperation), "
                               "not marked as ignorable"));
        return remove(kind, resource, path);
    }
    if (op == QLatin1String("add")) {
        const ValuePath parsed = parsePath(path);
        if (!parsed.valid || parsed.filterValue)
            return ScimError::invalidPath(QStringLiteral("Unsupported path for add: %1").arg(path));
        return add(kind, resource, parsed.attribute, value);
    }
    if (op == QLatin1String("replace"))
        return replace(kind, resource, path, value);
    return ScimError::invalidValue(
        QStringLiteral("Unsupported op: %1").arg(operation.value(QStringLiteral("op")).toString()));
}

std::optional<ScimError> PatchApplier::checkMultiValued(ResourceKind kind, const QString& attribute,
                                                        const QString& path) const
{
    if (attribute.isEmpty() || attribute == QLatin1String("active"))
        return ScimError::invalidPath(QStringLiteral("Unsupported path: %1").arg(path));
    if (attribute == QLatin1String("members") && kind != ResourceKind::Group)
        return ScimError::invalidPath(QStringLiteral("Only groups have members: %1").arg(path));
    if (attribute == QLatin1String("entitlements") && m_face == ApiFace::Account)
        return ScimError::invalidPath(QStringLiteral("entitlements can only be managed at the workspace level"));
    return std::nullopt;
}

std::optional<ScimError> PatchApplier::add(ResourceKind kind, QJsonObject& resource, const QString& rawAttribute,
                                           const QJsonValue& value)
{
    const QString attribute = canonicalAttribute(rawAttribute);
    if (std::optional<ScimError> error = checkMultiValued(kind, attribute, rawAttribute))
        return error;

    QJsonArray items;
    if (value.isArray())
        items = value.toArray();
    else if (value.isObject())
        items.append(value);
    else
        return ScimError::invalidValue(QStringLiteral("add %1 needs a value array of {\"value\": ...}").arg(attribute));

    QJsonArray current = resource.value(attribute).toArray();
    for (const QJsonValue& item : items) {
        const QString itemValue = item.toObject().value(QStringLiteral("value")).toString();
        if (itemValue.isEmpty())
            return ScimError::invalidValue(QStringLiteral("add %1: each item needs a string \"value\"").arg(attribute));
        if (attribute == QLatin1String("members")) {
            if (!m_dataset.kindOf(itemValue))
                return ScimError::notFound(QStringLiteral("Principal with id %1 not found").arg(itemValue));
            if (itemValue == resource.value(QStringLiteral("id")).toString())
                return ScimError::invalidValue(QStringLiteral("A group cannot be a member of itself"));
        }
        if (!containsValue(current, itemValue))
            current.append(QJsonObject{{QStringLiteral("value"), itemValue}});
    }
    resource.insert(attribute, current);
    return std::nullopt;
}

std::optional<ScimError> PatchApplier::remove(ResourceKind kind, QJsonObject& resource, const QString& path)
{
    const ValuePath parsed = parsePath(path);
    const QString attribute = canonicalAttribute(parsed.attribute);
    if (!parsed.valid)
        return ScimError::invalidPath(QStringLiteral("Invalid path: %1").arg(path));
    if (std::optional<ScimError> error = checkMultiValued(kind, attribute, path))
        return error;
    if (!parsed.filterValue) {
        return ScimError{400, QStringLiteral("noTarget"),
                         QStringLiteral("Refusing remove of every %1: use a path like %1[value eq \"...\"] "
                                        "(Databricks would empty the attribute)")
                             .arg(attribute)};
    }

    QJsonArray current = resource.value(attribute).toArray();
    bool removed = false;
    for (qsizetype i = current.size() - 1; i >= 0; --i) {
        if (current.at(i).toObject().value(QStringLiteral("value")).toString() == *parsed.filterValue) {
            current.removeAt(i);
            removed = true;
        }
    }
    // Databricks answers 400 for an absent role or entitlement (Terraform treats it as done);
    // an absent member is silently fine.
    if (!removed && attribute != QLatin1String("members"))
        return ScimError::invalidPath(QStringLiteral("No such attribute with the name : %1").arg(path));
    resource.insert(attribute, current);
    return std::nullopt;
}

std::optional<ScimError> PatchApplier::replace(ResourceKind kind, QJsonObject& resource, const QString& path,
                                               const QJsonValue& value)
{
    QString attribute = canonicalAttribute(path.trimmed());
    QJsonValue newValue = value;
    // Path-less replace carries {"active": false} in the value, as RFC 7644 allows.
    if (path.trimmed().isEmpty() && value.isObject() && value.toObject().contains(QStringLiteral("active"))) {
        attribute = QStringLiteral("active");
        newValue = value.toObject().value(QStringLiteral("active"));
    }
    if (attribute != QLatin1String("active"))
        return ScimError::invalidPath(QStringLiteral("Unsupported path for replace: %1").arg(path));
    if (kind == ResourceKind::Group)
        return ScimError::invalidPath(QStringLiteral("Groups have no attribute active"));
    const std::optional<bool> active = parseBoolean(newValue);
    if (!active)
        return ScimError::invalidValue(QStringLiteral("active must be true or false"));
    resource.insert(QStringLiteral("active"), *active);
    return std::nullopt;
}

} // namespace scimitar::emulator
