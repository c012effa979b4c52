#include "ApplyReport.h"

#include "CliApplication.h"
#include "drift/FindingJson.h"
#include "remediation/ScimPatch.h"

#include <QJsonDocument>

namespace scimitar::cli {

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

bool isMemberOp(ChangeOp op)
{
    return op == ChangeOp::RemoveMember || op == ChangeOp::AddMember;
}

QString stateLabel(ItemStatus::State state)
{
    return state == ItemStatus::State::AlreadyInState ? QStringLiteral("already absent") : itemStateName(state);
}

} // namespace

QJsonObject ApplyReport::change(const Change& change)
{
    return {
        {QStringLiteral("op"), changeOpName(change.op)},
        {QStringLiteral("objectKind"), principalKindName(change.objectKind)},
        {QStringLiteral("objectId"), change.objectId},
        {QStringLiteral("objectName"), change.objectName},
        {QStringLiteral("value"), stringOrNull(change.value)},
        {QStringLiteral("memberName"), isMemberOp(change.op) ? QJsonValue(change.memberName) : QJsonValue()},
        {QStringLiteral("description"), change.describe()},
    };
}

QJsonObject ApplyReport::request(const Change& change)
{
    return {
        {QStringLiteral("method"), QStringLiteral("PATCH")},
        {QStringLiteral("path"), ScimPatch::objectPath(change)},
        {QStringLiteral("body"), ScimPatch::body(change)},
    };
}

QJsonObject ApplyReport::item(const Change& change, const ItemStatus& status, const Finding& source,
                              const PlannedItem* planned)
{
    QJsonValue sideEffects;
    QJsonValue stillHeld;
    if (planned && planned->radiusKnown) {
        QJsonArray effects;
        for (const SideEffect& effect : planned->radius.sideEffects)
            effects.append(BlastRadius::json(effect));
        sideEffects = effects;
        stillHeld = QJsonArray::fromStringList(planned->radius.stillHeldThrough);
    }
    return {
        {QStringLiteral("change"), ApplyReport::change(change)},
        {QStringLiteral("request"), request(change)},
        {QStringLiteral("result"), itemStateName(status.state)},
        {QStringLiteral("httpStatus"), status.httpStatus > 0 ? QJsonValue(status.httpStatus) : QJsonValue()},
        {QStringLiteral("detail"), stringOrNull(status.detail)},
        {QStringLiteral("requestId"), stringOrNull(status.requestId)},
        {QStringLiteral("verified"), status.verified ? QJsonValue(*status.verified) : QJsonValue()},
        {QStringLiteral("verification"), stringOrNull(status.verification)},
        {QStringLiteral("journalId"), status.intentId > 0 ? QJsonValue(status.intentId) : QJsonValue()},
        {QStringLiteral("journalError"), stringOrNull(status.journalError)},
        {QStringLiteral("finding"), FindingJson::finding(source)},
        {QStringLiteral("sideEffects"), sideEffects},
        {QStringLiteral("stillHeldThrough"), stillHeld},
        {QStringLiteral("revoked"), status.revoked ? QJsonValue(*status.revoked) : QJsonValue()},
        {QStringLiteral("revocation"), stringOrNull(status.revocation)},
        {QStringLiteral("stillHeldAfter"),
         status.revoked ? QJsonValue(QJsonArray::fromStringList(status.stillHeldThrough)) : QJsonValue()},
    };
}

QJsonObject ApplyReport::skipped(const FindingChanges::Skipped& skipped)
{
    const QJsonValue null;
    return {
        {QStringLiteral("change"), null},
        {QStringLiteral("request"), null},
        {QStringLiteral("result"), QStringLiteral("skipped")},
        {QStringLiteral("httpStatus"), null},
        {QStringLiteral("detail"), skipped.reason},
        {QStringLiteral("requestId"), null},
        {QStringLiteral("verified"), null},
        {QStringLiteral("verification"), null},
        {QStringLiteral("journalError"), null},
        {QStringLiteral("journalId"), null},
        {QStringLiteral("finding"), FindingJson::finding(skipped.finding)},
        {QStringLiteral("sideEffects"), null},
        {QStringLiteral("stillHeldThrough"), null},
        {QStringLiteral("revoked"), null},
        {QStringLiteral("revocation"), null},
        {QStringLiteral("stillHeldAfter"), null},
    };
}

QJsonObject ApplyReport::failed(const FindingChanges::Plan::Failed& failed)
{
    QJsonObject object = skipped({failed.finding, failed.reason});
    object.insert(QStringLiteral("result"), QStringLiteral("failed"));
    if (failed.change) {
        object.insert(QStringLiteral("change"), change(*failed.change));
        object.insert(QStringLiteral("request"), request(*failed.change));
    }
    return object;
}

ApplyReport::Counts ApplyReport::count(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    Counts counts;
    for (const ItemStatus& status : statuses) {
        switch (status.state) {
        case ItemStatus::State::Done:
            ++counts.done;
            break;
        case ItemStatus::State::AlreadyInState:
            ++counts.alreadyAbsent;
            break;
        case ItemStatus::State::Refused:
            ++counts.refused;
            break;
        case ItemStatus::State::Failed:
            ++counts.failed;
            break;
        case ItemStatus::State::Unknown:
            ++counts.unknown;
            break;
        case ItemStatus::State::DryRun:
            ++counts.dryRun;
            break;
        case ItemStatus::State::Cancelled:
        case ItemStatus::State::Pending:
        case ItemStatus::State::Sending:
            ++counts.notSent;
            break;
        }
    }
    counts.failed += int(plan.failed.size());
    counts.skipped = int(plan.skipped.size());
    return counts;
}

QJsonArray ApplyReport::json(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses,
                             const QList<PlannedItem>& planned)
{
    QJsonArray results;
    for (qsizetype i = 0; i < plan.changes.size(); ++i)
        results.append(item(plan.changes.at(i), statuses.value(i), plan.sources.value(i),
                            i < planned.size() ? &planned.at(i) : nullptr));
    for (const FindingChanges::Plan::Failed& entry : plan.failed)
        results.append(failed(entry));
    for (const FindingChanges::Skipped& entry : plan.skipped)
        results.append(skipped(entry));
    return results;
}

QString ApplyReport::requestText(const Change& change)
{
    return QStringLiteral("PATCH %1 %2")
        .arg(ScimPatch::objectPath(change),
             QString::fromUtf8(QJsonDocument(ScimPatch::body(change)).toJson(QJsonDocument::Compact)));
}

QString ApplyReport::line(int index, int total, const Change& change, const ItemStatus& status)
{
    QString text = QStringLiteral("[%1/%2] %3  %4")
                       .arg(index + 1)
                       .arg(total)
                       .arg(stateLabel(status.state), -14)
                       .arg(change.describe());
    if (status.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(status.httpStatus);
    text += QLatin1Char('\n');
    if (status.state == ItemStatus::State::DryRun)
        text += QStringLiteral("        would send %1\n").arg(requestText(change));
    else if (!status.detail.isEmpty() && status.state != ItemStatus::State::Done)
        text += QStringLiteral("        %1\n").arg(status.detail);
    if (!status.journalError.isEmpty())
        text += QStringLiteral("        NOT JOURNALED: %1\n").arg(status.journalError);
    return text;
}

QString ApplyReport::summary(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    const Counts counts = count(plan, statuses);
    const QList<QPair<int, QString>> parts{
        {counts.done, QStringLiteral("done")},       {counts.alreadyAbsent, QStringLiteral("already absent")},
        {counts.refused, QStringLiteral("refused")}, {counts.failed, QStringLiteral("failed")},
        {counts.unknown, QStringLiteral("unknown")}, {counts.notSent, QStringLiteral("not sent (cancelled)")},
        {counts.dryRun, QStringLiteral("dry run")},  {counts.skipped, QStringLiteral("skipped")},
    };
    QStringList words;
    for (const auto& [number, word] : parts)
        words.append(QStringLiteral("%1 %2").arg(number).arg(word));
    return words.join(QStringLiteral(", ")) + QLatin1Char('.');
}

bool ApplyReport::isCertain(const ItemStatus& status)
{
    switch (status.state) {
    case ItemStatus::State::Done:
    case ItemStatus::State::AlreadyInState:
        // A re-read that found the change not in effect (or could not re-read) outweighs a 200, and so does a
        // target still held through another path: the edit worked, the revocation did not.
        return status.verified.value_or(true) && status.revoked.value_or(true) &&
               (status.revocation.isEmpty() || status.revoked.has_value());
    case ItemStatus::State::Refused:
    case ItemStatus::State::DryRun:
        return true;
    case ItemStatus::State::Failed:
    case ItemStatus::State::Unknown:
    case ItemStatus::State::Cancelled:
    case ItemStatus::State::Pending:
    case ItemStatus::State::Sending:
        break;
    }
    return false;
}

int ApplyReport::exitCode(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    if (!plan.failed.isEmpty())
        return CliApplication::kExitIncomplete;
    for (const ItemStatus& status : statuses) {
        if (!isCertain(status))
            return CliApplication::kExitIncomplete;
    }
    return CliApplication::kExitOk;
}

QString ApplyReport::problem(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    const qsizetype asked = plan.changes.size() + plan.failed.size();
    qsizetype uncertain = plan.failed.size();
    QString first;
    for (const FindingChanges::Plan::Failed& failed : plan.failed) {
        if (first.isEmpty())
            first = failed.change ? QStringLiteral("%1 (not sent): %2").arg(failed.change->describe(), failed.reason)
                                  : failed.reason;
    }
    for (qsizetype i = 0; i < statuses.size() && i < plan.changes.size(); ++i) {
        const ItemStatus& status = statuses.at(i);
        if (isCertain(status))
            continue;
        ++uncertain;
        if (!first.isEmpty())
            continue;
        QString why = status.tookEffect() ? QString() : status.detail.trimmed();
        if (status.verified && !*status.verified)
            why += (why.isEmpty() ? QString() : QStringLiteral(" ")) +
                   QStringLiteral("On re-read: %1.").arg(status.verification);
        else if (!status.revocation.isEmpty() && !status.revoked.value_or(false))
            why += (why.isEmpty() ? QString() : QStringLiteral(" ")) +
                   QStringLiteral("On re-read: %1.").arg(status.revocation);
        if (why.isEmpty())
            why = itemStateName(status.state);
        const QString description = plan.changes.at(i).describe();
        first = why.startsWith(description)
                    ? why
                    : QStringLiteral("%1 (%2): %3").arg(description, itemStateName(status.state), why);
    }
    if (uncertain == 0)
        return {};
    return QStringLiteral("%1 of %2 changes asked for %3 not certainly made; the first: %4")
        .arg(uncertain)
        .arg(asked)
        .arg(uncertain == 1 ? QStringLiteral("is") : QStringLiteral("are"), first.trimmed());
}

} // namespace scimitar::cli
