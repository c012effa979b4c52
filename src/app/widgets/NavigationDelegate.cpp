#include "NavigationDelegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

namespace scimitar::gui {

NavigationDelegate::NavigationDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

void NavigationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect.adjust(4, 0, 0, 0);          // a little air between the edge and the icon
    opt.state &= ~QStyle::State_HasFocus; // the selection already shows where focus is
    const QString count = index.data(CountRole).toString();
    // The count keeps its place on the right; a label that does not fit beside it is elided (its tooltip has it
    // whole), never drawn underneath it.
    const int countRoom = count.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(count) + 18;
    const int textRoom = opt.rect.width() - opt.decorationSize.width() - 16 - countRoom;
    opt.text = opt.fontMetrics.elidedText(opt.text, Qt::ElideRight, std::max(textRoom, 0));
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (count.isEmpty())
        return;
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    painter->drawText(option.rect.adjusted(0, 0, -10, 0), Qt::AlignRight | Qt::AlignVCenter, count);
    painter->restore();
}

QSize NavigationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height()) + 14);
    return size;
}

} // namespace scimitar::gui
