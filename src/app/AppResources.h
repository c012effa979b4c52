#pragma once

namespace scimitar::gui {

// Registers resources/scimitar.qrc (icons, demo dataset). The resources are compiled into a static library, whose
// initialiser the linker may drop, so every user calls this before its first ":/" path. Idempotent.
class AppResources
{
public:
    static void ensureLoaded();
};

} // namespace scimitar::gui
