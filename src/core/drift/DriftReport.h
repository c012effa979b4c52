#pragma once

#include "drift/Finding.h"
#include "drift/ManagedGroupDiff.h"
#include "drift/ServicePrincipalAccess.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace scimitar {

// The outcome of one drift review: findings in their deterministic order, counts for summaries, the service
// principals holding managed access (display only) and notes — facts a reviewer should see that are not drift,
// such as a managed role nobody holds (often a typo in the policy) — and the managed groups' diffs the member
// findings were read from, so a viewer shows exactly what the findings say.
class DriftReport
{
public:
    DriftReport() = default;
    DriftReport(QList<Finding> findings, QList<ServicePrincipalAccess> servicePrincipalAccess, QStringList notes,
                QList<ManagedGroupDiff> groupDiffs = {});

    const QList<Finding>& findings() const { return m_findings; }
    const QList<ServicePrincipalAccess>& servicePrincipalAccess() const { return m_servicePrincipalAccess; }
    const QStringList& notes() const { return m_notes; }
    // One per managed group, in the policy's order.
    const QList<ManagedGroupDiff>& groupDiffs() const { return m_groupDiffs; }
    // The diff of this managed group (case-insensitive), or nullptr.
    const ManagedGroupDiff* groupDiff(const QString& databricksGroup) const;

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
    QList<ManagedGroupDiff> m_groupDiffs;
};

} // namespace scimitar

Q_DECLARE_METATYPE(scimitar::DriftReport)
