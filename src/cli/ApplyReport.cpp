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

QJsonArray ApplyReport::json(const FindingChanges::Plan& plan, const QList<ItemStatus>& statuses)
{
    QJsonArray array;
    for (qsizetype i = 0; i < plan.changes.size(); ++i)
        array.append(item(plan.changes.at(i), statuses.value(i), plan.sources.value(i)));
    for (const FindingChanges::Skipped& entry : plan.skipped)
        array.append(skipped(entry));
    return array;
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

QString ApplyReport::summary(const QList<ItemStatus>& statuses, qsizetype skipped)
{
    const QList<ItemStatus::State> order{ItemStatus::State::Done,    ItemStatus::State::AlreadyInState,
                                         ItemStatus::State::Failed,  ItemStatus::State::Unknown,
                                         ItemStatus::State::Refused, ItemStatus::State::Cancelled,
                                         ItemStatus::State::DryRun};
    QStringList parts;
    for (ItemStatus::State state : order) {
        qsizetype count = 0;
        for (const ItemStatus& status : statuses)
            count += status.state == state ? 1 : 0;
        if (count > 0)
            parts.append(QStringLiteral("%1 %2").arg(count).arg(stateLabel(state)));
    }
    if (parts.isEmpty())
        parts.append(QStringLiteral("no changes"));
    QString text = parts.join(QStringLiteral(", "));
    if (skipped > 0)
        text +=
            QStringLiteral("; %1 finding%2 skipped").arg(skipped).arg(skipped == 1 ? QString() : QStringLiteral("s"));
    return text + QLatin1Char('.');
}

int ApplyReport::exitCode(const QList<ItemStatus>& statuses)
{
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
