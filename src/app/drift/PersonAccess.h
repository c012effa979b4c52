#pragma once

#include "drift/DriftReviewResult.h"

#include <QPalette>
#include <QString>

namespace scimitar::gui {

// A person's managed access under the policy, each piece with where it comes from, as the sentences the design
// asks for: "holds pii-read through pii-readers → pii-analysts — granted by IdP group dbx-pii-analysts" or
// "— no IdP group grants it", plus what the IdP says about them. Appended to a user's details when a review is
// on screen.
class PersonAccess
{
public:
    // The user's IdP status in words ("active in the IdP", "deprovisioned in the IdP", "not known to the IdP") and
    // the IdP groups the policy loaded that list them.
    static QString idpStatus(const DriftReviewResult& result, const User& user, QStringList* idpGroups);
    // One sentence per managed role, entitlement and group membership the user holds.
    static QStringList sentences(const DriftReviewResult& result, const User& user);
    static QString html(const DriftReviewResult& result, const QString& userId, const QPalette& palette, bool stale);
};

} // namespace scimitar::gui
