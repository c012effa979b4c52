#pragma once

#include "remediation/AuditJournal.h"

#include <QPalette>
#include <QString>

namespace scimitar::gui {

// How the Audit view reads a journal entry, beyond the words it shares with the CLI (AuditWords): the columns
// that only the view has, and the details pane.
class AuditEntryText
{
public:
    // "alice / admin@acme.example": who sent it, and with whose token.
    static QString who(const JournalEntry& entry);
    // "yes", "no", or empty when never re-read.
    static QString verified(const JournalEntry& entry);
    // "undoes #12", "undone by #15", both, or empty.
    static QString undoLink(const JournalEntry& entry);
    // Whether the result needs a person: no answer was heard and no re-read has told what happened.
    static bool needsVerification(const JournalEntry& entry);
    // Whether undoing the entry would reactivate a user.
    static bool undoReactivates(const JournalEntry& entry);
    // Said wherever an undo reactivates a user: Databricks may refuse it at workspace level.
    static QString reactivationNote();
    // The details pane: the exact request (method, path, the body pretty-printed), the outcome, the latest
    // verification, the request id and the undo links.
    static QString detailsHtml(const JournalEntry& entry, const QPalette& palette);
};

} // namespace scimitar::gui
