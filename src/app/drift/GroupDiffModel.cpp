#include "GroupDiffModel.h"

#include "AppIcons.h"

#include <QColor>

namespace scimitar::gui {

namespace {

using State = ManagedGroupDiff::State;

QColor tint(State state)
{
    // Translucent, so the row stays readable on light and dark palettes alike.
    switch (state) {
    case State::Extra:
        return QColor(0xd9, 0x3a, 0x3a, 48);
    case State::Missing:
        return QColor(0x2e, 0x9d, 0x4f, 48);
    case State::InheritedNoGrant:
        return QColor(0xe0, 0x9b, 0x1a, 48);
    case State::Both:
    case State::DeactivatedNoGrant:
        break;
    }
    return {};
}

QString arrowPath(const QStringList& path)
{
    return path.join(QStringLiteral(" → "));
}

} // namespace

GroupDiffModel::GroupDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void GroupDiffModel::setDiff(ManagedGroupDiff diff)
{
    beginResetModel();
    m_diff = std::move(diff);
    endResetModel();
}

int GroupDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_diff.rows.size());
}

int GroupDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString GroupDiffModel::stateText(const ManagedGroupDiff::Row& row) const
{
    switch (row.state) {
    case State::Both:
        return tr("In both");
    case State::Extra:
        // Listed in a mapped IdP group but switched off there: say why it is extra.
        return row.idpKnown && !shouldHaveAccess(row.idpStatus) && !row.idpGroups.isEmpty()
                   ? tr("Extra — %1 in IdP").arg(idpUserStatusName(row.idpStatus))
                   : tr("Extra — Databricks only");
    case State::InheritedNoGrant:
        return tr("Inherited, no grant — via %1").arg(row.path.value(0));
    case State::Missing:
        if (row.userId.isEmpty())
            return tr("Missing — not provisioned");
        return row.userActive ? tr("Missing — IdP only") : tr("Missing — deactivated in Databricks");
    case State::DeactivatedNoGrant:
        return tr("Deactivated, no grant");
    }
    return {};
}

QString GroupDiffModel::stateToolTip(const ManagedGroupDiff::Row& row) const
{
    switch (row.state) {
    case State::Both:
        return tr("Granted by %1 and a member in Databricks.").arg(row.idpGroups.join(QStringLiteral(", ")));
    case State::Extra:
        return tr("A direct member no mapped IdP group grants: a member-without-grant finding (remove-member).");
    case State::InheritedNoGrant:
        return tr("A member only through %1, and no mapped IdP group grants it. Not counted as extra: removing them "
                  "means taking them out of %2.")
            .arg(arrowPath(row.path), row.path.value(0));
    case State::Missing:
        if (row.userId.isEmpty())
            return tr("In %1 in the IdP, but no Databricks user matches: a not-provisioned finding.")
                .arg(row.idpGroups.join(QStringLiteral(", ")));
        return tr("In %1 in the IdP, but not a member in Databricks: a missing-member finding (add-member).")
            .arg(row.idpGroups.join(QStringLiteral(", ")));
    case State::DeactivatedNoGrant:
        return tr("Deactivated in Databricks, so they can use nothing; not reported.");
    }
    return {};
}

QVariant GroupDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ManagedGroupDiff::Row& row = m_diff.rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdpColumn:
            if (row.idpName.isEmpty())
                return QString();
            return !row.idpKnown || shouldHaveAccess(row.idpStatus)
                       ? row.idpName
                       : tr("%1 (%2)").arg(row.idpName, idpUserStatusName(row.idpStatus));
        case StateColumn:
            return stateText(row);
        case DatabricksColumn: {
            if (!row.member)
                return QString();
            QString text =
                row.path.isEmpty() ? row.userName : tr("%1 (through %2)").arg(row.userName, arrowPath(row.path));
            if (!row.userActive)
                text = tr("%1, deactivated").arg(text);
            return text;
        }
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == StateColumn ? stateToolTip(row) : QVariant();
    case Qt::DecorationRole:
        if (index.column() != StateColumn)
            return {};
        switch (row.state) {
        case State::Extra:
            return AppIcons::diffExtra();
        case State::Missing:
            return AppIcons::diffMissing();
        case State::InheritedNoGrant:
            return AppIcons::warning();
        case State::DeactivatedNoGrant:
            return AppIcons::information();
        case State::Both:
            break;
        }
        return {};
    case Qt::BackgroundRole:
        if (const QColor color = tint(row.state); color.isValid())
            return color;
        return {};
    case StateRole:
        return int(row.state);
    }
    return {};
}

QVariant GroupDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdpColumn:
        return m_diff.idpGroups.isEmpty() ? tr("IdP members")
                                          : tr("IdP: %1").arg(m_diff.idpGroups.join(QStringLiteral(", ")));
    case StateColumn:
        return tr("Difference");
    case DatabricksColumn:
        return m_diff.group.isEmpty() ? tr("Databricks members") : tr("Databricks: %1").arg(m_diff.group);
    }
    return {};
}

} // namespace scimitar::gui
