#pragma once

#include <QStyledItemDelegate>

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
    };

    explicit NavigationDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace scimitar::gui
