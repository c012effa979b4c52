#include "remediation/ChangeVerifier.h"

#include <QJsonArray>
#include <optional>

namespace scimitar {

namespace {

bool holdsDirectly(const QJsonObject& object, const QString& attribute, const QString& value)
{
    for (const QJsonValue& item : object.value(attribute).toArray()) {
        const QJsonObject entry = item.toObject();
        if (entry.value(QStringLiteral("type")).toString() == QLatin1String("indirect"))
            continue;
        if (entry.value(QStringLiteral("value")).toString() == value)
            return true;
    }
    return false;
}

// `active` arrives as a JSON boolean, or as the string some servers echo back.
std::optional<bool> activeOf(const QJsonObject& object)
{
    const QJsonValue value = object.value(QStringLiteral("active"));
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        const QString text = value.toString().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return text == QLatin1String("true");
    }
    return std::nullopt;
}

} // namespace

QStringList ChangeVerifier::attributesFor(const Change& change)
{
    switch (change.op) {
    case ChangeOp::RemoveRole:
    case ChangeOp::AddRole:
        return {QStringLiteral("id"), QStringLiteral("roles")};
    case ChangeOp::RemoveEntitlement:
    case ChangeOp::AddEntitlement:
        return {QStringLiteral("id"), QStringLiteral("entitlements")};
    case ChangeOp::RemoveMember:
    case ChangeOp::AddMember:
        return {QStringLiteral("id"), QStringLiteral("displayName"), QStringLiteral("members")};
    case ChangeOp::Deactivate:
    case ChangeOp::Reactivate:
        return {QStringLiteral("id"), QStringLiteral("userName"), QStringLiteral("active")};
    }
    return {};
}

ChangeVerifier::Verdict ChangeVerifier::check(const Change& change, const QJsonObject& object)
{
    switch (change.op) {
    case ChangeOp::RemoveRole:
        return holdsDirectly(object, QStringLiteral("roles"), change.value)
                   ? Verdict{false, QStringLiteral("role still held on re-read")}
                   : Verdict{true, QStringLiteral("role gone on re-read")};
    case ChangeOp::AddRole:
        return holdsDirectly(object, QStringLiteral("roles"), change.value)
                   ? Verdict{true, QStringLiteral("role held on re-read")}
                   : Verdict{false, QStringLiteral("role not there on re-read")};
    case ChangeOp::RemoveEntitlement:
        return holdsDirectly(object, QStringLiteral("entitlements"), change.value)
                   ? Verdict{false, QStringLiteral("entitlement still held on re-read")}
                   : Verdict{true, QStringLiteral("entitlement gone on re-read")};
    case ChangeOp::AddEntitlement:
        return holdsDirectly(object, QStringLiteral("entitlements"), change.value)
                   ? Verdict{true, QStringLiteral("entitlement held on re-read")}
                   : Verdict{false, QStringLiteral("entitlement not there on re-read")};
    case ChangeOp::RemoveMember:
        return holdsDirectly(object, QStringLiteral("members"), change.value)
                   ? Verdict{false, QStringLiteral("still a member on re-read")}
                   : Verdict{true, QStringLiteral("no longer a member on re-read")};
    case ChangeOp::AddMember:
        return holdsDirectly(object, QStringLiteral("members"), change.value)
                   ? Verdict{true, QStringLiteral("a member on re-read")}
                   : Verdict{false, QStringLiteral("not a member on re-read")};
    case ChangeOp::Deactivate:
    case ChangeOp::Reactivate: {
        const bool wanted = change.op == ChangeOp::Reactivate;
        const std::optional<bool> active = activeOf(object);
        if (!active)
            return {false, QStringLiteral("the re-read carries no active flag")};
        if (*active == wanted)
            return {true, wanted ? QStringLiteral("active on re-read") : QStringLiteral("inactive on re-read")};
        return {false,
                wanted ? QStringLiteral("still inactive on re-read") : QStringLiteral("still active on re-read")};
    }
    }
    return {};
}

} // namespace scimitar
