#pragma once

#include <QStyledItemDelegate>

class QListWidget;

namespace scimitar::gui {

// Draws the navigation list's items roomier than a plain list, with the page's item count right-aligned in a
// muted colour ("Users ........ 10,000"), so the left column doubles as a summary.
class NavigationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum Role
    {
        PageRole = Qt::UserRole + 1, // NavigationPage as int
        CountRole,                   // text drawn on the right; empty for none
        FilteredRole,                // bool: the count is of the rows a search or filter leaves (drawn in the
                                     // link colour; the tooltip says "8 of 15 shown")
    };

    explicit NavigationDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The width at which every entry of `list` shows its whole label beside its count: the navigation's minimum,
    // so a narrow window squeezes the table (which scrolls), never the labels into "Us…".
    static int fullWidth(const QListWidget* list);
};

} // namespace scimitar::gui
