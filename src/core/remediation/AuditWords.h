#pragma once

#include "remediation/AuditJournal.h"

#include <QString>

namespace scimitar {

// How journal entries read, shared by the JSON, the CSV, the CLI table and the Audit view so they never disagree.
class AuditWords
{
public:
    // What a change is about, besides whose access it is: the role or entitlement value, the group for member
    // ops, the user for (de|re)activate.
    static QString target(const Change& change);
    // For people: "done", "already absent", "failed (HTTP 400)", "unknown — verify", "unknown, verified on re-read".
    static QString resultLabel(const JournalEntry& entry);
    // "2024-05-01T12:00:00.123Z": how every time leaves the journal.
    static QString time(const QDateTime& at);
};

} // namespace scimitar
