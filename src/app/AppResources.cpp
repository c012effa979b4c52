#include "AppResources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initScimitarResources()
{
    Q_INIT_RESOURCE(scimitar);
}

namespace scimitar::gui {

void AppResources::ensureLoaded()
{
    static const bool loaded = [] {
        initScimitarResources();
        return true;
    }();
    Q_UNUSED(loaded);
}

} // namespace scimitar::gui
