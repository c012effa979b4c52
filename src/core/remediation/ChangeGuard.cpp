#include "remediation/ChangeGuard.h"

#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"

#include <QRegularExpression>

namespace scimitar {

namespace {

bool containsIgnoringCase(const QStringList& names, const QString& name)
{
    return !name.isEmpty() && names.contains(name, Qt::CaseInsensitive);
}

} // namespace

GuardContext GuardContext::from(const DirectorySnapshot& snapshot, const Policy* policy, bool readOnly)
{
    GuardContext context;
    context.tokenOwnerId = snapshot.info().meId;
    context.tokenOwnerUserName = snapshot.info().meUserName;
    context.lifeline = OwnerLifeline::fromSnapshot(snapshot, context.tokenOwnerId);
    context.connectionName = snapshot.info().connectionName;
    context.readOnly = readOnly;
    if (policy) {
        context.protectedUsers = policy->protectedUsers();
        context.protectedGroups = policy->protectedGroups();
    }
    return context;
}

ChangeGuard::ChangeGuard(GuardContext context)
    : m_context(std::move(context))
{
}

bool ChangeGuard::isDatabricksId(const QString& id)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,32}$"));
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return digits.match(id).hasMatch() || uuid.match(id).hasMatch();
}

QStringList ChangeGuard::systemGroups()
{
    return {QStringLiteral("admins"), QStringLiteral("users"), QStringLiteral("account users")};
}

bool ChangeGuard::isSystemGroup(const QString& displayName)
{
    static const QStringList kSystemGroups = systemGroups();
    return containsIgnoringCase(kSystemGroups, displayName);
}

QString ChangeGuard::refusal(const Change& change, bool inBatch) const
{
    if (m_context.readOnly)
        return QStringLiteral("The connection %1 is marked read-only; Scimitar sends no changes through it.")
            .arg(m_context.connectionName.isEmpty() ? QStringLiteral("in use") : m_context.connectionName);

    // The id becomes a path segment of the PATCH: only the forms Databricks issues are accepted, so `..` or
    // `x/../y` from a findings file (or an odd reply) can never change which object a request goes to.
    if (!isDatabricksId(change.objectId))
        return QStringLiteral("The id '%1' of %2 is not a Databricks id (digits or a UUID); the change is not sent.")
            .arg(change.objectId, change.objectName);
    if ((change.op == ChangeOp::RemoveMember || change.op == ChangeOp::AddMember) && !isDatabricksId(change.value))
        return QStringLiteral("The member id '%1' of %2 is not a Databricks id (digits or a UUID); the change is not "
                              "sent.")
            .arg(change.value, change.memberName);

    const bool isTokenOwner = !m_context.tokenOwnerId.isEmpty() && change.principalId() == m_context.tokenOwnerId;
    const QString owner =
        m_context.tokenOwnerUserName.isEmpty() ? change.principalName() : m_context.tokenOwnerUserName;
    if (isTokenOwner && change.op == ChangeOp::Deactivate)
        return QStringLiteral("%1 owns the token Scimitar signs in with; deactivating it would lock Scimitar out.")
            .arg(owner);
    if (isTokenOwner && change.op == ChangeOp::RemoveMember && isSystemGroup(change.objectName))
        return QStringLiteral("%1 owns the token Scimitar signs in with; removing it from %2 would lock Scimitar "
                              "out.")
            .arg(owner, change.objectName);
    // Whatever it is, Scimitar does not take its own access away: the rights it signs in with are what every later
    // fix, verification and undo needs.
    if (isTokenOwner && change.revokesAccess())
        return QStringLiteral("%1 owns the token Scimitar signs in with; Scimitar never takes its own access away "
                              "(change it with another account).")
            .arg(owner);
    if (const QString cut = m_context.lifeline.cut(change, owner); !cut.isEmpty())
        return cut;

    if (containsIgnoringCase(m_context.protectedUsers, change.principalName()))
        return QStringLiteral("%1 is protected by the policy (protected.users).").arg(change.principalName());
    if (change.objectKind == PrincipalKind::Group && containsIgnoringCase(m_context.protectedGroups, change.objectName))
        return m_context.noPolicy
                   ? QStringLiteral("%1 is a Databricks system group, left alone when no policy says otherwise (pass "
                                    "--policy to change it).")
                         .arg(change.objectName)
                   : QStringLiteral("The group %1 is protected by the policy (protected.groups).")
                         .arg(change.objectName);

    if (inBatch && change.objectKind == PrincipalKind::Group && isSystemGroup(change.objectName))
        return QStringLiteral("%1 is a Databricks system group; it is never changed as part of a batch, only one "
                              "change at a time.")
            .arg(change.objectName);
    return {};
}

QString ChangeGuard::guardedLoss(const Change& change, const QList<SideEffect>& effects) const
{
    QStringList guarded;
    for (const SideEffect& effect : effects) {
        QString what;
        if (effect.kind == SideEffect::Kind::Group &&
            effect.value.compare(QLatin1String("admins"), Qt::CaseInsensitive) == 0)
            what = QStringLiteral("the group admins (workspace admin rights)");
        else if (effect.kind == SideEffect::Kind::Group && isSystemGroup(effect.value))
            what = QStringLiteral("the system group %1 (access to the workspace itself)").arg(effect.value);
        else if (effect.kind == SideEffect::Kind::Group &&
                 containsIgnoringCase(m_context.protectedGroups, effect.value))
            what = QStringLiteral("the group %1, which the policy protects").arg(effect.value);
        else if (effect.kind == SideEffect::Kind::Role &&
                 effect.value.compare(QLatin1String("account_admin"), Qt::CaseInsensitive) == 0)
            what = QStringLiteral("the role account_admin (account admin rights)");
        if (what.isEmpty())
            continue;
        if (!effect.principal.isEmpty())
            what += QStringLiteral(" from %1").arg(effect.principal);
        if (!guarded.contains(what))
            guarded.append(what);
    }
    if (guarded.isEmpty())
        return {};
    return QStringLiteral("%1 also takes away %2.").arg(change.describe(), guarded.join(QStringLiteral(" and ")));
}

} // namespace scimitar
