#include "widgets/ColumnChooser.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QMenu>

namespace scimitar::gui::ColumnChooser {

void fill(QMenu* menu, QHeaderView* header, const std::function<void()>& changed)
{
    const QAbstractItemModel* model = header->model();
    if (!model)
        return;
    for (int column = 0; column < model->columnCount(); ++column) {
        QAction* action = menu->addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        QObject::connect(action, &QAction::toggled, header, [header, column, changed, action](bool visible) {
            if (!visible && header->count() - header->hiddenSectionCount() <= 1) {
                action->setChecked(true);
                return;
            }
            header->setSectionHidden(column, !visible);
            if (changed)
                changed();
        });
    }
}

} // namespace scimitar::gui::ColumnChooser
