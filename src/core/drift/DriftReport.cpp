#include "drift/DriftReport.h"

#include <algorithm>
#include <utility>

namespace scimitar {

DriftReport::DriftReport(QList<Finding> findings, QList<ServicePrincipalAccess> servicePrincipalAccess,
                         QStringList notes, QList<ManagedGroupDiff> groupDiffs)
    : m_findings(std::move(findings))
    , m_servicePrincipalAccess(std::move(servicePrincipalAccess))
    , m_notes(std::move(notes))
    , m_groupDiffs(std::move(groupDiffs))
{
}

const ManagedGroupDiff* DriftReport::groupDiff(const QString& databricksGroup) const
{
    for (const ManagedGroupDiff& diff : m_groupDiffs)
        if (diff.group.compare(databricksGroup, Qt::CaseInsensitive) == 0)
            return &diff;
    return nullptr;
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
