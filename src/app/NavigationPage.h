#pragma once

namespace scimitar::gui {

// The pages of the navigation list, in display order. Overview will join here; each page is a
// widget in the main window's stack, so adding one does not disturb the others.
enum class NavigationPage
{
    Users,
    Groups,
    ServicePrincipals,
    Roles,
    Entitlements,
    Drift,
    Audit,
};

} // namespace scimitar::gui
