#include "SnapshotTableModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace scimitar::gui {

SnapshotTableModel::SnapshotTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SnapshotTableModel::setSnapshot(SnapshotPtr snapshot)
{
    Prepared rows = snapshot ? preparer()(*snapshot) : nullptr;
    setPrepared(std::move(snapshot), std::move(rows));
}

void SnapshotTableModel::setPrepared(SnapshotPtr snapshot, Prepared rows)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    adopt(m_snapshot ? std::move(rows) : nullptr);
    endResetModel();
}

bool SnapshotTableModel::hiddenByDefault(int) const
{
    return false;
}

int SnapshotTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rows();
}

int SnapshotTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : columns();
}

QVariant SnapshotTableModel::inactiveForeground(bool inactive)
{
    if (!inactive)
        return {};
    // The palette's disabled text colour is grey in light and dark themes alike; asked for at paint time, so a
    // theme switch is followed without a reset.
    return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
}

QVariant SnapshotTableModel::inactiveFont(bool inactive)
{
    if (!inactive)
        return {};
    QFont font = QGuiApplication::font();
    font.setItalic(true);
    return font;
}

} // namespace scimitar::gui
