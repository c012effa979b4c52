#pragma once

#include "model/DirectorySnapshot.h"

#include <QString>

namespace scimitar::gui {

// One table cell's worth of roles or entitlements: the distinct values as a short comma list, a tooltip that
// says how each is held, and search text with the full values. Computed once per snapshot, not per paint.
struct GrantSummary
{
    QString text;    // "pii-read, analyst"
    QString tooltip; // one line per way a value is held
    QString search;  // full values, for the search box
    int count = 0;   // distinct values

    // `shorten` turns role ARNs into their readable names; entitlements are shown as they are.
    static GrantSummary from(const DirectorySnapshot& snapshot, const QList<EffectiveGrant>& grants, bool shorten);
};

} // namespace scimitar::gui
