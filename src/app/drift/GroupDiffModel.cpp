#include "GroupDiffModel.h"

#include "AppIcons.h"

#include <QColor>

namespace scimitar::gui {

namespace {

QColor tint(GroupDiff::State state)
{
    // Translucent, so the row stays readable on light and dark palettes alike.
    switch (state) {
    case GroupDiff::State::Extra:
        return QColor(0xd9, 0x3a, 0x3a, 48);
    case GroupDiff::State::Missing:
        return QColor(0x2e, 0x9d, 0x4f, 48);
    case GroupDiff::State::Both:
        break;
    }
    return {};
}

} // namespace

GroupDiffModel::GroupDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void GroupDiffModel::setDiff(GroupDiff diff)
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

QVariant GroupDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GroupDiff::Row& row = m_diff.rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdpColumn:
            if (row.idpMember.isEmpty())
                return QString();
            return row.idpStatus.isEmpty() || row.idpStatus == QLatin1String("active")
                       ? row.idpMember
                       : tr("%1 (%2)").arg(row.idpMember, row.idpStatus);
        case StateColumn:
            switch (row.state) {
            case GroupDiff::State::Both:
                return tr("In both");
            case GroupDiff::State::Extra:
                // In the IdP group but switched off there: say why it is extra.
                return row.idpStatus.isEmpty() ? tr("Extra — Databricks only")
                                               : tr("Extra — %1 in IdP").arg(row.idpStatus);
            case GroupDiff::State::Missing:
                return tr("Missing — IdP only");
            }
            return {};
        case DatabricksColumn:
            return row.through.isEmpty() ? row.databricksMember
                                         : tr("%1 (through %2)").arg(row.databricksMember, row.through);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != StateColumn)
            return {};
        if (row.state == GroupDiff::State::Extra)
            return AppIcons::diffExtra();
        if (row.state == GroupDiff::State::Missing)
            return AppIcons::diffMissing();
        return {};
    case Qt::BackgroundRole:
        if (row.state == GroupDiff::State::Both)
            return {};
        return tint(row.state);
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
