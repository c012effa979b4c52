#pragma once

#include <QIcon>

namespace scimitar::gui {

// Scimitar's own icons (resources/icons). They are drawn in mid-tone colours with their own contrast, so they
// read on light and dark palettes alike, and do not depend on an icon theme being installed.
class AppIcons
{
public:
    static QIcon application();
    static QIcon user();
    static QIcon group();
    static QIcon servicePrincipal();
    static QIcon role();
    static QIcon entitlement();
    static QIcon refresh();
    static QIcon cancel();
    static QIcon back();
    static QIcon blocked();
    static QIcon forward();
    static QIcon connections();
    static QIcon warning();
    static QIcon error();
    static QIcon information();
    static QIcon demo();
    static QIcon search();
    static QIcon reveal();
    static QIcon drift();
    static QIcon audit();
    static QIcon severityHigh();
    static QIcon severityMedium();
    static QIcon severityLow();
    static QIcon diffExtra();
    static QIcon diffMissing();

private:
    static QIcon load(const char* name);
    static QIcon withSelectedSilhouette(const QIcon& svg);
};

} // namespace scimitar::gui
