#include "remediation/AuditJson.h"

#include "remediation/AuditWords.h"

#include <QJsonDocument>

namespace scimitar {

namespace {

QJsonValue orNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The body as sent: a JSON document, embedded as JSON so `jq` can look into it. Anything else (never written by
// Scimitar) comes out as null rather than as a string that would change the key's type.
QJsonValue bodyValue(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue::Null;
}

} // namespace

QJsonArray AuditJson::entries(const QList<JournalEntry>& entries)
{
    QJsonArray array;
    for (const JournalEntry& entry : entries)
        array.append(AuditJson::entry(entry));
    return array;
}

QJsonObject AuditJson::entry(const JournalEntry& entry)
{
    const JournalIntent& intent = entry.intent;
    const Change& change = intent.change;
    QJsonArray undoneBy;
    for (qint64 id : entry.undoneBy)
        undoneBy.append(id);

    QJsonObject object{
        {QStringLiteral("id"), intent.id},
        {QStringLiteral("at"), AuditWords::time(intent.at)},
        {QStringLiteral("osUser"), intent.osUser},
        {QStringLiteral("tokenOwner"), intent.tokenOwner},
        {QStringLiteral("connection"), intent.connection},
        {QStringLiteral("op"), changeOpName(change.op)},
        {QStringLiteral("target"), AuditWords::target(change)},
        {QStringLiteral("principal"), QJsonObject{{QStringLiteral("id"), change.principalId()},
                                                  {QStringLiteral("name"), change.principalName()},
                                                  {QStringLiteral("kind"), principalKindName(change.principalKind())}}},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), intent.method},
                                                {QStringLiteral("path"), intent.path},
                                                {QStringLiteral("body"), bodyValue(intent.body)}}},
        {QStringLiteral("result"), changeResultName(entry.effectiveResult())},
        {QStringLiteral("httpStatus"), entry.outcome && entry.outcome->httpStatus > 0
                                           ? QJsonValue(entry.outcome->httpStatus)
                                           : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("detail"), entry.outcome ? QJsonValue(entry.outcome->detail) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("requestId"), entry.outcome ? orNull(entry.outcome->requestId) : QJsonValue::Null},
        {QStringLiteral("verified"),
         entry.verification ? QJsonValue(entry.verification->verified) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("verificationDetail"),
         entry.verification ? QJsonValue(entry.verification->detail) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("undoOf"), intent.undoOf > 0 ? QJsonValue(intent.undoOf) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("undoneBy"), undoneBy},
        // Extras: what a person reads, and the exact object the PATCH went to.
        {QStringLiteral("description"), change.describe()},
        {QStringLiteral("object"), QJsonObject{{QStringLiteral("kind"), principalKindName(change.objectKind)},
                                               {QStringLiteral("id"), change.objectId},
                                               {QStringLiteral("name"), change.objectName}}},
        {QStringLiteral("value"), orNull(change.value)},
        {QStringLiteral("scimBase"), intent.scimBase},
        {QStringLiteral("batch"), orNull(intent.batch)},
        {QStringLiteral("outcomeAt"),
         entry.outcome ? QJsonValue(AuditWords::time(entry.outcome->at)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("verifiedAt"),
         entry.verification ? QJsonValue(AuditWords::time(entry.verification->at)) : QJsonValue(QJsonValue::Null)},
    };
    return object;
}

} // namespace scimitar
