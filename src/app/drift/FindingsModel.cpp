#include "FindingsModel.h"

#include "AppIcons.h"
#include "drift/FindingText.h"

#include <QApplication>
#include <QPalette>

namespace scimitar::gui {

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FindingsModel::setFindings(QList<Finding> findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    m_stale = false;
    m_fixed.clear();
    endResetModel();
}

void FindingsModel::markFixed(const QList<Finding>& findings)
{
    for (int row = 0; row < m_findings.size(); ++row) {
        if (m_fixed.contains(row) || !findings.contains(m_findings.at(row)))
            continue;
        m_fixed.insert(row);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

bool FindingsModel::isFixed(int row) const
{
    return m_fixed.contains(row);
}

bool FindingsModel::isFixed(const Finding& finding) const
{
    return std::any_of(m_fixed.cbegin(), m_fixed.cend(), [&](int row) { return m_findings.at(row) == finding; });
}

const Finding* FindingsModel::finding(int row) const
{
    return row >= 0 && row < m_findings.size() ? &m_findings[row] : nullptr;
}

void FindingsModel::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    if (!m_findings.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding& f = m_findings[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return FindingText::severityLabel(f.severity);
        case KindColumn:
            return FindingText::kindLabel(f.kind);
        case PrincipalColumn:
            return f.principal.userName;
        case TargetColumn:
            // Instance-profile ARNs are long; people know them by the profile name (the tooltip has it all).
            return FindingText::shortTarget(f.target);
        case ViaColumn:
            return f.via;
        case IdpGroupsColumn:
            return f.idpGroups.join(QStringLiteral(", "));
        case ActionColumn:
            return m_fixed.contains(index.row()) ? tr("Fixed — pending re-check") : FindingText::actionSentence(f);
        case BlockedColumn:
            return f.isBlocked() ? FindingText::blockedText(f) : QString();
        case ExplanationColumn:
            return f.explanation;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return FindingText::severityIcon(f.severity);
        // Blocked shows where the eye starts, not only in the Blocked column far to the right.
        if (index.column() == PrincipalColumn && f.isBlocked())
            return AppIcons::blocked();
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TargetColumn && !f.target.isEmpty())
            return f.target;
        if (index.column() == PrincipalColumn && f.isBlocked())
            return tr("Blocked: %1").arg(f.blockedBy);
        return index.column() == BlockedColumn && f.isBlocked() ? f.blockedBy : f.explanation;
    case Qt::ForegroundRole:
        if (m_stale || m_fixed.contains(index.row()))
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case SeverityRole:
        return int(f.severity);
    case KindRole:
        return int(f.kind);
    case SearchTextRole:
        return QStringList{
            f.principal.userName,           f.target,   f.via, f.idpGroups.join(QLatin1Char(' ')), f.explanation,
            FindingText::kindLabel(f.kind), f.blockedBy}
            .join(QLatin1Char('\n'))
            .toLower();
    case SortRole:
        switch (index.column()) {
        case SeverityColumn:
            return int(f.severity);
        case KindColumn:
            return int(f.kind);
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case KindColumn:
        return tr("Kind");
    case PrincipalColumn:
        return tr("Principal");
    case TargetColumn:
        return tr("Target");
    case ViaColumn:
        return tr("Via");
    case IdpGroupsColumn:
        return tr("IdP groups");
    case ActionColumn:
        return tr("Action");
    case BlockedColumn:
        return tr("Blocked");
    case ExplanationColumn:
        return tr("Explanation");
    }
    return {};
}

} // namespace scimitar::gui
