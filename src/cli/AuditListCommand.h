#pragma once

#include "Command.h"
#include "OutputFormat.h"
#include "output/TextTable.h"
#include "remediation/AuditJournal.h"

#include <QByteArray>
#include <QProcessEnvironment>

namespace scimitar::cli {

// `audit list`: the changes Scimitar sent, newest first, from the audit journal of this machine (the desktop
// app's, so both show the same history) — a table for people, AuditJson or AuditCsv for scripts. Talks to no
// server. Exit 0, also for an empty journal; 2 when the journal cannot be read.
class AuditListCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("audit list"); }
    QString summary() const override { return QStringLiteral("Changes Scimitar made, from the audit journal"); }
    bool readsJournal() const override { return true; }

    int execute(const CommandContext& context) const override;

    // --journal, else $SCIMITAR_AUDIT_JOURNAL, else the desktop app's journal.
    static QString journalPath(const QString& option, const QProcessEnvironment& env);
    // The desktop app's AuditJournal::defaultPath(): the CLI runs under its own application name, the journal
    // lives under the app's.
    static QString appJournalPath();

    static QByteArray render(const QList<JournalEntry>& entries, OutputFormat format);
    static TextTable table(const QList<JournalEntry>& entries);
};

} // namespace scimitar::cli
