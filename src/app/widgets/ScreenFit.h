#pragma once

class QWidget;

namespace scimitar::gui {

// Every window fits the screen it is on, its buttons visible: a dialog that grew with its content (hundreds of
// findings left out of a batch) is cut to the screen's available area, and its scrollable parts take the loss.
namespace ScreenFit {

// Resizes `window` to its size hint, bounded by 90% of the available area of its screen, and keeps it on screen.
void fit(QWidget* window);

} // namespace ScreenFit

} // namespace scimitar::gui
