#include "remediation/Change.h"

#include <array>
#include <utility>

namespace scimitar {

namespace {

constexpr std::array<std::pair<ChangeOp, const char*>, 8> kOpNames{{
    {ChangeOp::RemoveRole, "remove-role"},
    {ChangeOp::AddRole, "add-role"},
    {ChangeOp::RemoveEntitlement, "remove-entitlement"},
    {ChangeOp::AddEntitlement, "add-entitlement"},
    {ChangeOp::RemoveMember, "remove-member"},
    {ChangeOp::AddMember, "add-member"},
    {ChangeOp::Deactivate, "deactivate"},
    {ChangeOp::Reactivate, "reactivate"},
}};

bool isMemberOp(ChangeOp op)
{
    return op == ChangeOp::RemoveMember || op == ChangeOp::AddMember;
}

} // namespace

QString changeOpName(ChangeOp op)
{
    for (const auto& [candidate, name] : kOpNames)
        if (candidate == op)
            return QString::fromLatin1(name);
    return {};
}

bool changeOpFromName(const QString& name, ChangeOp* op)
{
    for (const auto& [candidate, text] : kOpNames) {
        if (name == QLatin1String(text)) {
            *op = candidate;
            return true;
        }
    }
    return false;
}

QList<ChangeOp> allChangeOps()
{
    QList<ChangeOp> ops;
    for (const auto& entry : kOpNames)
        ops.append(entry.first);
    return ops;
}

QString Change::principalId() const
{
    return isMemberOp(op) ? value : objectId;
}

QString Change::principalName() const
{
    return isMemberOp(op) ? memberName : objectName;
}

PrincipalKind Change::principalKind() const
{
    return isMemberOp(op) ? memberKind : objectKind;
}

namespace {

QString describeChange(ChangeOp op, const QString& who, const QString& member, const QString& value)
{
    switch (op) {
    case ChangeOp::RemoveRole:
        return QStringLiteral("Remove role %1 from %2").arg(value, who);
    case ChangeOp::AddRole:
        return QStringLiteral("Give %1 the role %2").arg(who, value);
    case ChangeOp::RemoveEntitlement:
        return QStringLiteral("Remove entitlement %1 from %2").arg(value, who);
    case ChangeOp::AddEntitlement:
        return QStringLiteral("Give %1 the entitlement %2").arg(who, value);
    case ChangeOp::RemoveMember:
        return QStringLiteral("Remove %1 from group %2").arg(member, who);
    case ChangeOp::AddMember:
        return QStringLiteral("Add %1 to group %2").arg(member, who);
    case ChangeOp::Deactivate:
        return QStringLiteral("Deactivate %1").arg(who);
    case ChangeOp::Reactivate:
        return QStringLiteral("Reactivate %1").arg(who);
    }
    return {};
}

QString quoted(const QString& text)
{
    return QStringLiteral("“%1”").arg(text);
}

} // namespace

QString Change::describe() const
{
    return describeChange(op, objectName.isEmpty() ? objectId : objectName, memberName.isEmpty() ? value : memberName,
                          value);
}

QString Change::describeQuoted() const
{
    return describeChange(op, quoted(objectName.isEmpty() ? objectId : objectName),
                          quoted(memberName.isEmpty() ? value : memberName), quoted(value));
}

Change Change::inverse() const
{
    Change undo = *this;
    switch (op) {
    case ChangeOp::RemoveRole:
        undo.op = ChangeOp::AddRole;
        break;
    case ChangeOp::AddRole:
        undo.op = ChangeOp::RemoveRole;
        break;
    case ChangeOp::RemoveEntitlement:
        undo.op = ChangeOp::AddEntitlement;
        break;
    case ChangeOp::AddEntitlement:
        undo.op = ChangeOp::RemoveEntitlement;
        break;
    case ChangeOp::RemoveMember:
        undo.op = ChangeOp::AddMember;
        break;
    case ChangeOp::AddMember:
        undo.op = ChangeOp::RemoveMember;
        break;
    case ChangeOp::Deactivate:
        undo.op = ChangeOp::Reactivate;
        break;
    case ChangeOp::Reactivate:
        undo.op = ChangeOp::Deactivate;
        break;
    }
    return undo;
}

bool Change::revokesAccess() const
{
    return op == ChangeOp::RemoveRole || op == ChangeOp::RemoveEntitlement || op == ChangeOp::RemoveMember ||
           op == ChangeOp::Deactivate;
}

} // namespace scimitar
