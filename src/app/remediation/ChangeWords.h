#pragma once

#include "drift/Finding.h"
#include "remediation/Change.h"

#include <QString>
#include <QUrl>

namespace scimitar::gui {

// The words the GUI's change actions use, so a button, its confirmation and the review dialog agree.
class ChangeWords
{
public:
    // "Revoke role", "Remove entitlement", "Remove from group", "Add to group", "Deactivate", "Reactivate", …
    static QString verb(ChangeOp op);
    // The one-click label of a finding's action; empty for `none`.
    static QString verb(ActionOp op);
    // Said wherever a reactivation is offered or reviewed: Databricks keeps an IdP-managed user inactive in the
    // workspace while the account says so.
    static QString reactivationNote();
    // "PATCH Users/123", the full URL, then the pretty JSON body: the exact request, for the review pane; then who
    // the ids in it are ("Groups/123 is pii-analysts.", "Member 456 is ana@acme.example.").
    static QString request(const Change& change, const QUrl& scimBase);
};

} // namespace scimitar::gui
