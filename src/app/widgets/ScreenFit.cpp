#include "widgets/ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace scimitar::gui::ScreenFit {

void fit(QWidget* window)
{
    const QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize most(available.width() * 9 / 10, available.height() * 9 / 10);
    window->setMaximumSize(available.size());
    window->resize(window->sizeHint().expandedTo(window->size()).boundedTo(most));
    QRect frame = window->frameGeometry();
    if (!available.contains(frame)) {
        frame.moveCenter(available.center());
        window->move(frame.topLeft());
    }
}

} // namespace scimitar::gui::ScreenFit
