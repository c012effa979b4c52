#include "drift/FindingCsv.h"

#include "output/CsvWriter.h"

namespace scimitar {

QStringList FindingCsv::columns()
{
    return {QStringLiteral("kind"),        QStringLiteral("severity"),      QStringLiteral("principalId"),
            QStringLiteral("userName"),    QStringLiteral("principalKind"), QStringLiteral("target"),
            QStringLiteral("via"),         QStringLiteral("idpGroups"),     QStringLiteral("op"),
            QStringLiteral("userId"),      QStringLiteral("groupId"),       QStringLiteral("value"),
            QStringLiteral("explanation"), QStringLiteral("blockedBy")};
}

QStringList FindingCsv::row(const Finding& finding)
{
    return {findingKindName(finding.kind),
            severityName(finding.severity),
            finding.principal.id,
            finding.principal.userName,
            principalKindName(finding.principal.kind),
            finding.target,
            finding.via,
            finding.idpGroups.join(QLatin1Char(';')),
            actionOpName(finding.action.op),
            finding.action.userId,
            finding.action.groupId,
            finding.action.value,
            finding.explanation,
            finding.blockedBy};
}

QString FindingCsv::write(const QList<Finding>& findings)
{
    CsvWriter writer;
    writer.addRow(columns());
    for (const Finding& finding : findings)
        writer.addRow(row(finding));
    return writer.text();
}

} // namespace scimitar
