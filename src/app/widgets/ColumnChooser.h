#pragma once

#include <functional>

class QHeaderView;
class QMenu;

namespace scimitar::gui {

// The "Columns" menu of a table: one checkable entry per column of `header`'s model, never hiding the last
// visible one (an empty table looks broken and the header menu would be unreachable). `changed` runs after each
// toggle (the directory pages stop searching hidden columns).
namespace ColumnChooser {

void fill(QMenu* menu, QHeaderView* header, const std::function<void()>& changed = {});

} // namespace ColumnChooser

} // namespace scimitar::gui
