#include "drift/Finding.h"

namespace scimitar {

namespace {

template <typename Enum> bool fromName(const QString& name, const QList<Enum>& all, QString (*nameOf)(Enum), Enum* out)
{
    for (Enum candidate : all) {
        if (nameOf(candidate) == name) {
            *out = candidate;
            return true;
        }
    }
    return false;
}

} // namespace

QString findingKindName(FindingKind kind)
{
    switch (kind) {
    case FindingKind::RoleWithoutGrant:
        return QStringLiteral("role-without-grant");
    case FindingKind::EntitlementWithoutGrant:
        return QStringLiteral("entitlement-without-grant");
    case FindingKind::MemberWithoutGrant:
        return QStringLiteral("member-without-grant");
    case FindingKind::DeprovisionedActive:
        return QStringLiteral("deprovisioned-active");
    case FindingKind::UnknownInIdp:
        return QStringLiteral("unknown-in-idp");
    case FindingKind::MissingMember:
        return QStringLiteral("missing-member");
    case FindingKind::NotProvisioned:
        return QStringLiteral("not-provisioned");
    }
    return {};
}

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::Low:
        return QStringLiteral("low");
    }
    return {};
}

QString actionOpName(ActionOp op)
{
    switch (op) {
    case ActionOp::RemoveRole:
        return QStringLiteral("remove-role");
    case ActionOp::RemoveEntitlement:
        return QStringLiteral("remove-entitlement");
    case ActionOp::RemoveMember:
        return QStringLiteral("remove-member");
    case ActionOp::AddMember:
        return QStringLiteral("add-member");
    case ActionOp::Deactivate:
        return QStringLiteral("deactivate");
    case ActionOp::None:
        return QStringLiteral("none");
    }
    return {};
}

QList<FindingKind> allFindingKinds()
{
    return {FindingKind::RoleWithoutGrant,   FindingKind::EntitlementWithoutGrant,
            FindingKind::MemberWithoutGrant, FindingKind::DeprovisionedActive,
            FindingKind::UnknownInIdp,       FindingKind::MissingMember,
            FindingKind::NotProvisioned};
}

QList<Severity> allSeverities()
{
    return {Severity::High, Severity::Medium, Severity::Low};
}

bool findingKindFromName(const QString& name, FindingKind* kind)
{
    return fromName(name, allFindingKinds(), &findingKindName, kind);
}

bool severityFromName(const QString& name, Severity* severity)
{
    return fromName(name, allSeverities(), &severityName, severity);
}

bool actionOpFromName(const QString& name, ActionOp* op)
{
    return fromName(name,
                    QList<ActionOp>{ActionOp::RemoveRole, ActionOp::RemoveEntitlement, ActionOp::RemoveMember,
                                    ActionOp::AddMember, ActionOp::Deactivate, ActionOp::None},
                    &actionOpName, op);
}

Severity severityOf(FindingKind kind)
{
    switch (kind) {
    case FindingKind::RoleWithoutGrant:
    case FindingKind::DeprovisionedActive:
    case FindingKind::UnknownInIdp:
        return Severity::High;
    case FindingKind::EntitlementWithoutGrant:
    case FindingKind::MemberWithoutGrant:
        return Severity::Medium;
    case FindingKind::MissingMember:
    case FindingKind::NotProvisioned:
        return Severity::Low;
    }
    return Severity::Low;
}

} // namespace scimitar
