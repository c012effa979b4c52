#include "FindingText.h"

#include "AppIcons.h"
#include "details/AccessDescriber.h"

#include <QCoreApplication>

namespace scimitar::gui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FindingText", text);
}

} // namespace

QString FindingText::kindLabel(FindingKind kind)
{
    switch (kind) {
    case FindingKind::RoleWithoutGrant:
        return tr("Role without grant");
    case FindingKind::EntitlementWithoutGrant:
        return tr("Entitlement without grant");
    case FindingKind::MemberWithoutGrant:
        return tr("Member without grant");
    case FindingKind::DeprovisionedActive:
        return tr("Deprovisioned in IdP, active");
    case FindingKind::UnknownInIdp:
        return tr("Unknown in IdP");
    case FindingKind::MissingMember:
        return tr("Missing member");
    case FindingKind::NotProvisioned:
        return tr("Not provisioned");
    }
    return {};
}

QString FindingText::severityLabel(Severity severity)
{
    switch (severity) {
    case Severity::High:
        return tr("High");
    case Severity::Medium:
        return tr("Medium");
    case Severity::Low:
        return tr("Low");
    }
    return {};
}

QIcon FindingText::severityIcon(Severity severity)
{
    switch (severity) {
    case Severity::High:
        return AppIcons::severityHigh();
    case Severity::Medium:
        return AppIcons::severityMedium();
    case Severity::Low:
        return AppIcons::severityLow();
    }
    return {};
}

QColor FindingText::severityColor(Severity severity)
{
    // The same hues as the severity icons.
    switch (severity) {
    case Severity::High:
        return QColor(0xd9, 0x3a, 0x3a);
    case Severity::Medium:
        return QColor(0xe8, 0xa3, 0x17);
    case Severity::Low:
        return QColor(0x3f, 0x7f, 0xd0);
    }
    return {};
}

QString FindingText::shortTarget(const QString& target)
{
    return shortRoleName(target);
}

QString FindingText::actionSentence(const Finding& finding)
{
    const QString who = finding.principal.userName;
    switch (finding.action.op) {
    case ActionOp::RemoveRole:
        return tr("Remove role %1 from %2").arg(shortRoleName(finding.action.value), who);
    case ActionOp::RemoveEntitlement:
        return tr("Remove entitlement %1 from %2").arg(finding.action.value, who);
    case ActionOp::RemoveMember:
        return tr("Remove %1 from group %2").arg(who, finding.via.isEmpty() ? finding.target : finding.via);
    case ActionOp::AddMember:
        return tr("Add %1 to group %2").arg(who, finding.target);
    case ActionOp::Deactivate:
        return tr("Deactivate %1 in Databricks").arg(who);
    case ActionOp::None:
        return tr("No automatic action");
    }
    return {};
}

QString FindingText::blockedText(const Finding& finding)
{
    return finding.isBlocked() ? tr("Blocked: %1").arg(finding.blockedBy) : QString();
}

QString FindingText::detailsHtml(const Finding& finding, const QPalette& palette, bool stale)
{
    const QString muted = AccessDescriber::mutedColor(palette).name();
    QString html;
    html += QStringLiteral("<h3>%1</h3>").arg(kindLabel(finding.kind).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> severity · %2</p>")
                .arg(severityLabel(finding.severity).toHtmlEscaped(), finding.principal.userName.toHtmlEscaped());
    if (stale)
        html +=
            QStringLiteral("<p style=\"color:%1\">%2</p>")
                .arg(
                    muted,
                    tr("From an earlier review: the last refresh failed, so this may be out of date.").toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(finding.explanation.toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                .arg(tr("Action").toHtmlEscaped(), actionSentence(finding).toHtmlEscaped());
    if (finding.isBlocked())
        html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                    .arg(tr("Blocked — no automatic change").toHtmlEscaped(), finding.blockedBy.toHtmlEscaped());
    if (!finding.target.isEmpty())
        html +=
            QStringLiteral("<p><b>%1</b><br>%2</p>").arg(tr("Target").toHtmlEscaped(), finding.target.toHtmlEscaped());
    if (!finding.via.isEmpty())
        html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                    .arg(tr("Through group").toHtmlEscaped(), finding.via.toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                .arg(tr("IdP groups").toHtmlEscaped(),
                     finding.idpGroups.isEmpty()
                         ? QStringLiteral("<span style=\"color:%1\">%2</span>").arg(muted, tr("none").toHtmlEscaped())
                         : finding.idpGroups.join(QStringLiteral(", ")).toHtmlEscaped());
    return html;
}

} // namespace scimitar::gui
