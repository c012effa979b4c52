#include "drift/DriftReport.h"

#include <algorithm>
#include <utility>

namespace scimitar {

DriftReport::DriftReport(QList<Finding> findings, QList<ServicePrincipalAccess> servicePrincipalAccess,
                         QStringList notes)
    : m_findings(std::move(findings))
    , m_servicePrincipalAccess(std::move(servicePrincipalAccess))
    , m_notes(std::move(notes))
{
}

int DriftReport::count(FindingKind kind) const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
                             [kind](const Finding& finding) { return finding.kind == kind; }));
}

int DriftReport::count(Severity severity) const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
                             [severity](const Finding& finding) { return finding.severity == severity; }));
}

int DriftReport::blockedCount() const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
                             [](const Finding& finding) { return finding.isBlocked(); }));
}

QString DriftReport::summary() const
{
    if (m_findings.isEmpty())
        return QStringLiteral("No drift");
    QStringList parts;
    for (Severity severity : allSeverities())
        if (const int n = count(severity))
            parts.append(QStringLiteral("%1 %2").arg(n).arg(severityName(severity)));
    QString text = QStringLiteral("%1 finding%2: %3")
                       .arg(m_findings.size())
                       .arg(m_findings.size() == 1 ? QString() : QStringLiteral("s"))
                       .arg(parts.join(QStringLiteral(", ")));
    if (const int blocked = blockedCount())
        text += QStringLiteral("; %1 blocked").arg(blocked);
    return text;
}

} // namespace scimitar
