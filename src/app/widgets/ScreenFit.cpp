#include "widgets/ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace scimitar::gui::ScreenFit {

void fit(QWidget* window)
{
    // No maximum size is set: the window may be moved to a larger screen and grown there.
    const QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize most(available.width() * 9 / 10, available.height() * 9 / 10);
    window->resize(window->sizeHint().expandedTo(window->size()).boundedTo(most));
    QRect frame = window->frameGeometry();
    if (!available.contains(frame)) {
        frame.moveCenter(available.center());
        window->move(frame.topLeft());
    }
}

} // namespace scimitar::gui::ScreenFit
