#include "remediation/AuditCsv.h"

#include "output/CsvWriter.h"
#include "remediation/AuditWords.h"

namespace scimitar {

QStringList AuditCsv::columns()
{
    return {QStringLiteral("id"),          QStringLiteral("at"),
            QStringLiteral("osUser"),      QStringLiteral("tokenOwner"),
            QStringLiteral("connection"),  QStringLiteral("op"),
            QStringLiteral("target"),      QStringLiteral("principalKind"),
            QStringLiteral("principalId"), QStringLiteral("principalName"),
            QStringLiteral("description"), QStringLiteral("method"),
            QStringLiteral("path"),        QStringLiteral("body"),
            QStringLiteral("result"),      QStringLiteral("httpStatus"),
            QStringLiteral("detail"),      QStringLiteral("requestId"),
            QStringLiteral("verified"),    QStringLiteral("verificationDetail"),
            QStringLiteral("undoOf"),      QStringLiteral("undoneBy"),
            QStringLiteral("batch"),       QStringLiteral("scimBase")};
}

QStringList AuditCsv::row(const JournalEntry& entry)
{
    const JournalIntent& intent = entry.intent;
    const Change& change = intent.change;
    const std::optional<JournalOutcome>& outcome = entry.outcome;
    const std::optional<JournalVerification>& verification = entry.verification;
    QStringList undoneBy;
    for (qint64 id : entry.undoneBy)
        undoneBy.append(QString::number(id));
    // Empty cells stand for JSON's nulls: no HTTP answer, never verified, not an undo.
    return {QString::number(intent.id),
            AuditWords::time(intent.at),
            intent.osUser,
            intent.tokenOwner,
            intent.connection,
            changeOpName(change.op),
            AuditWords::target(change),
            principalKindName(change.principalKind()),
            change.principalId(),
            change.principalName(),
            change.describe(),
            intent.method,
            intent.path,
            QString::fromUtf8(intent.body),
            changeResultName(entry.effectiveResult()),
            outcome && outcome->httpStatus > 0 ? QString::number(outcome->httpStatus) : QString(),
            outcome ? outcome->detail : QString(),
            outcome ? outcome->requestId : QString(),
            verification ? (verification->verified ? QStringLiteral("true") : QStringLiteral("false")) : QString(),
            verification ? verification->detail : QString(),
            intent.undoOf > 0 ? QString::number(intent.undoOf) : QString(),
            undoneBy.join(QLatin1Char(';')),
            intent.batch,
            intent.scimBase};
}

QString AuditCsv::write(const QList<JournalEntry>& entries)
{
    CsvWriter csv;
    csv.addRow(columns());
    for (const JournalEntry& entry : entries)
        csv.addRow(row(entry));
    return csv.text();
}

} // namespace scimitar
