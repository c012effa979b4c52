#pragma once

#include <Qt>

namespace scimitar::gui {

// What a row of a directory table stands for, so the details pane and navigation can look it up.
enum class ItemKind
{
    User,
    Group,
    ServicePrincipal,
    Role,
    Entitlement,
};

// Custom item roles shared by every directory model, starting at Qt::UserRole as Qt asks.
enum ModelRole
{
    // The principal's SCIM id, or the full role/entitlement value (never shortened).
    IdRole = Qt::UserRole + 1,
    // ItemKind as int.
    KindRole,
    // What the proxy sorts by: numbers for numeric columns, text otherwise.
    SortRole,
    // What the search box matches: the displayed text plus anything the display shortens (full role ARNs).
    SearchRole,
    // bool: the principal is deactivated (users and service principals).
    InactiveRole,
    // What a "column:text" search term matches in the column, when it is more than SearchRole (the names of a
    // user's groups, where the column shows their count). Unset: SearchRole.
    FieldSearchRole,
};

} // namespace scimitar::gui
