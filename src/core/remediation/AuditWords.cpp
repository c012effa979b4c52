#include "remediation/AuditWords.h"

namespace scimitar {

QString AuditWords::target(const Change& change)
{
    switch (change.op) {
    case ChangeOp::RemoveMember:
    case ChangeOp::AddMember:
    case ChangeOp::Deactivate:
    case ChangeOp::Reactivate:
        return change.objectName.isEmpty() ? change.objectId : change.objectName;
    case ChangeOp::RemoveRole:
    case ChangeOp::AddRole:
    case ChangeOp::RemoveEntitlement:
    case ChangeOp::AddEntitlement:
        break;
    }
    return change.value;
}

QString AuditWords::resultLabel(const JournalEntry& entry)
{
    const ChangeResult result = entry.effectiveResult();
    switch (result) {
    case ChangeResult::Done:
        return QStringLiteral("done");
    case ChangeResult::AlreadyInState:
        return QStringLiteral("already absent");
    case ChangeResult::Failed:
        return entry.outcome && entry.outcome->httpStatus > 0
                   ? QStringLiteral("failed (HTTP %1)").arg(entry.outcome->httpStatus)
                   : QStringLiteral("failed");
    case ChangeResult::Unknown:
        break;
    }
    // The answer was lost: only a re-read tells, so say whether one happened and what it saw.
    if (!entry.verification)
        return QStringLiteral("unknown — verify");
    return entry.verification->verified ? QStringLiteral("unknown, verified on re-read")
                                        : QStringLiteral("unknown, not in effect on re-read");
}

QString AuditWords::time(const QDateTime& at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace scimitar
