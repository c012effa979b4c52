#pragma once

#include <QStyledItemDelegate>

namespace scimitar::gui {

// Edits a rule's kind of target with a combo box (Databricks group / Role / Entitlements) instead of a number.
class PolicyKindDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace scimitar::gui
