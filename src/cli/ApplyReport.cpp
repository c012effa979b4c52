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

QJsonObject ApplyReport::item(const Change& change, const ItemStatus& status, const Finding& source)
{
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
        {QStringLiteral("finding"), FindingJson::finding(source)},
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
        {QStringLiteral("journalId"), null},
        {QStringLiteral("finding"), FindingJson::finding(skipped.finding)},
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

QJsonArray ApplyReport::json(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    QJsonArray results;
    for (qsizetype i = 0; i < plan.changes.size(); ++i)
        results.append(item(plan.changes.at(i), statuses.value(i), plan.sources.value(i)));
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

int ApplyReport::exitCode(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    if (!plan.failed.isEmpty())
        return CliApplication::kExitIncomplete;
    for (const ItemStatus& status : statuses) {
        switch (status.state) {
        case ItemStatus::State::Failed:
        case ItemStatus::State::Unknown:
        case ItemStatus::State::Cancelled:
        case ItemStatus::State::Pending:
        case ItemStatus::State::Sending:
            return CliApplication::kExitIncomplete;
        case ItemStatus::State::Done:
        case ItemStatus::State::AlreadyInState:
        case ItemStatus::State::Refused:
        case ItemStatus::State::DryRun:
            break;
        }
    }
    return CliApplication::kExitOk;
}

} // namespace scimitar::cli
