#include "NavigationDelegate.h"

#include <QApplication>
#include <QListWidget>
#include <QPainter>
#include <algorithm>

namespace scimitar::gui {

namespace {
constexpr int kLeftAir = 4;      // between the edge and the icon
constexpr int kIconPadding = 16; // around the icon, as the style draws it
constexpr int kCountPadding = 18;
} // namespace

NavigationDelegate::NavigationDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

void NavigationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.rect.adjust(kLeftAir, 0, 0, 0);   // a little air between the edge and the icon
    opt.state &= ~QStyle::State_HasFocus; // the selection already shows where focus is
    const QString count = index.data(CountRole).toString();
    // The count keeps its place on the right; a label that does not fit beside it is elided (its tooltip has it
    // whole), never drawn underneath it.
    const int countRoom = count.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(count) + kCountPadding;
    const int textRoom = opt.rect.width() - opt.decorationSize.width() - kIconPadding - countRoom;
    opt.text = opt.fontMetrics.elidedText(opt.text, Qt::ElideRight, std::max(textRoom, 0));
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (count.isEmpty())
        return;
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const bool filtered = index.data(FilteredRole).toBool();
    painter->setPen(option.palette.color(selected   ? QPalette::HighlightedText
                                         : filtered ? QPalette::Link
                                                    : QPalette::PlaceholderText));
    if (filtered) {
        QFont font = painter->font();
        font.setBold(true);
        painter->setFont(font);
    }
    painter->drawText(option.rect.adjusted(0, 0, -10, 0), Qt::AlignRight | Qt::AlignVCenter, count);
    painter->restore();
}

QSize NavigationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height()) + 14);
    return size;
}

int NavigationDelegate::fullWidth(const QListWidget* list)
{
    const QFontMetrics metrics = list->fontMetrics();
    int widest = 0;
    for (int row = 0; row < list->count(); ++row) {
        const QListWidgetItem* item = list->item(row);
        const QString count = item->data(CountRole).toString();
        // Room for a count of five digits even before one is known, so loading does not move the panes.
        const int countRoom =
            std::max(metrics.horizontalAdvance(count), metrics.horizontalAdvance(QStringLiteral("00,000")));
        widest = std::max(widest, metrics.horizontalAdvance(item->text()) + countRoom);
    }
    const int frame = 2 * list->frameWidth() + 2 * list->spacing();
    return kLeftAir + list->iconSize().width() + kIconPadding + widest + kCountPadding + frame + 8;
}

} // namespace scimitar::gui
