#include "PolicyKindDelegate.h"

#include "policy/PolicyRulesModel.h"

#include <QComboBox>

namespace scimitar::gui {

QWidget* PolicyKindDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* combo = new QComboBox(parent);
    combo->addItems(PolicyRulesModel::kindLabels());
    return combo;
}

void PolicyKindDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    static_cast<QComboBox*>(editor)->setCurrentIndex(index.data(Qt::EditRole).toInt());
}

void PolicyKindDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    model->setData(index, static_cast<QComboBox*>(editor)->currentIndex(), Qt::EditRole);
}

} // namespace scimitar::gui
