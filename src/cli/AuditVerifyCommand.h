#pragma once

#include "Command.h"
#include "remediation/AuditJournal.h"

#include <QUrl>

namespace scimitar::cli {

// `audit verify`: re-reads, through the connection given, the objects of every journal entry left "unknown —
// verify" (an intent without an outcome after a crash, or an outcome whose answer was lost) that no re-read has
// settled yet, and journals what each re-read shows (ChangeRunner::verify). Entries sent through another SCIM base
// URL are listed as skipped: this token may not be able to read them. Sends no changes.
// Exit 0 when every re-read shows its change in effect; 3 when any does not or could not be read; 2 on error.
class AuditVerifyCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("audit verify"); }
    QString summary() const override
    {
        return QStringLiteral("Re-read the changes the journal left unknown, and journal what they show");
    }
    bool usesJournal() const override { return true; }

    int execute(const CommandContext& context) const override;

    // The entries that need a re-read: unknown and never verified.
    static QList<JournalEntry> unsettled(const QList<JournalEntry>& entries);
    // Whether an entry was sent to `scimBase` (trailing slashes aside).
    static bool sentTo(const JournalEntry& entry, const QUrl& scimBase);
};

} // namespace scimitar::cli
