#pragma once

#include "drift/Finding.h"
#include "drift/ServicePrincipalAccess.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace scimitar {

// The outcome of one drift review: findings in their deterministic order, counts for summaries, the service
// principals holding managed access (display only) and notes — facts a reviewer should see that are not drift,
// such as a managed role nobody holds (often a typo in the policy).
class DriftReport
{
public:
    DriftReport() = default;
    DriftReport(QList<Finding> findings, QList<ServicePrincipalAccess> servicePrincipalAccess, QStringList notes);

    const QList<Finding>& findings() const { return m_findings; }
    const QList<ServicePrincipalAccess>& servicePrincipalAccess() const { return m_servicePrincipalAccess; }
    const QStringList& notes() const { return m_notes; }

    bool hasDrift() const { return !m_findings.isEmpty(); }
    int count(FindingKind kind) const;
    int count(Severity severity) const;
    int blockedCount() const;

    // "7 findings: 3 high, 2 medium, 2 low; 1 blocked", or "No drift".
    QString summary() const;

    bool operator==(const DriftReport& other) const = default;

private:
    QList<Finding> m_findings;
    QList<ServicePrincipalAccess> m_servicePrincipalAccess;
    QStringList m_notes;
};

} // namespace scimitar

Q_DECLARE_METATYPE(scimitar::DriftReport)
