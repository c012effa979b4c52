#include "NavigationDelegate.h"

#include <QApplication>
#include <QPainter>

namespace scimitar::gui {

NavigationDelegate::NavigationDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

void NavigationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    opt.rect.adjust(4, 0, 0, 0);          // a little air between the edge and the icon
    opt.state &= ~QStyle::State_HasFocus; // the selection already shows where focus is
    QStyledItemDelegate::paint(painter, opt, index);
    const QString count = index.data(CountRole).toString();
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
