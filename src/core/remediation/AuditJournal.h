#pragma once

#include "remediation/Change.h"

#include <QDateTime>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <memory>
#include <optional>

namespace scimitar {

// What became of one sent change, as the journal keeps it.
enum class ChangeResult
{
    Done,           // the server accepted it (2xx)
    AlreadyInState, // the target was already as wanted ("already absent"): counts as done
    Failed,         // the server refused it, or it never reached the server; `detail` has the server's words
    Unknown,        // the answer was lost (a dropped connection, a crash): only a re-read can tell
};

QString changeResultName(ChangeResult result); // "done", "already-absent", "failed", "unknown"
bool changeResultFromName(const QString& name, ChangeResult* result);

// Written before the request is sent, and committed: if Scimitar dies on the way, the intent is still there.
struct JournalIntent
{
    qint64 id = 0; // assigned by the journal
    QDateTime at;  // UTC
    QString osUser;
    QString tokenOwner; // userName from /Me
    QString connection; // the connection's name
    QString scimBase;   // where it was sent
    Change change;
    QString method; // "PATCH"
    QString path;   // "Groups/7", relative to scimBase
    QByteArray body;
    qint64 undoOf = 0; // the intent this one undoes; 0 when none
    QString batch;     // the batch it was sent in (a UUID), to group rows
};

// Written after the answer (or its absence).
struct JournalOutcome
{
    qint64 intentId = 0;
    QDateTime at;
    ChangeResult result = ChangeResult::Unknown;
    int httpStatus = 0; // 0: no HTTP answer
    QString detail;     // the server's words, or the transport error
    QString requestId;  // X-Request-Id or the like, when the server sent one
};

// Written after a re-read of the changed object.
struct JournalVerification
{
    qint64 intentId = 0;
    QDateTime at;
    bool verified = false; // the re-read shows the wanted state
    QString detail;        // "role gone on re-read", "still a member on re-read", …
};

// One intent with everything recorded about it since.
struct JournalEntry
{
    JournalIntent intent;
    std::optional<JournalOutcome> outcome;           // none: sent (or about to be) and never answered
    std::optional<JournalVerification> verification; // the latest re-read, if any
    QList<qint64> undoneBy;                          // intents that undo this one

    // The result a person should see: the outcome's, or Unknown when there is none ("unknown — verify").
    ChangeResult effectiveResult() const;
    // Whether an undo may be offered: a change that took effect (done, or verified after an unknown) and has not
    // been undone successfully yet.
    bool canUndo() const;
};

struct JournalFilter
{
    QDateTime from; // inclusive; invalid: no bound
    QDateTime to;   // exclusive; invalid: no bound
    QString connection;
    QString text; // case-insensitive, in the change's words, target and principal names
    std::optional<ChangeResult> result;
    int limit = 0; // 0: all; newest first
};

// The audit journal: an append-only SQLite database (WAL) in the application data folder. Intents, outcomes and
// verifications are separate tables of rows that are never edited or deleted (triggers refuse UPDATE and DELETE),
// so what was recorded before a crash stays as it was. One instance per thread; each opens its own connection.
class AuditJournal
{
public:
    AuditJournal();
    ~AuditJournal();
    AuditJournal(const AuditJournal&) = delete;
    AuditJournal& operator=(const AuditJournal&) = delete;

    // Points the desktop app and scimitar-cli at another journal file (tests, a copy to inspect).
    static constexpr const char* kPathVariable = "SCIMITAR_AUDIT_JOURNAL";

    // <AppDataLocation>/audit.sqlite
    static QString defaultPath();
    // $SCIMITAR_AUDIT_JOURNAL from `env`, trimmed; empty when unset.
    static QString pathFromEnvironment(const QProcessEnvironment& env);
    // Where the desktop app reads and writes: $SCIMITAR_AUDIT_JOURNAL, else defaultPath().
    static QString configuredPath();

    // Opens (creating the file, folder and schema when needed). False with a sentence naming the file and the
    // reason when it cannot be used: then nothing may be sent.
    bool open(const QString& path, QString* error);
    // Opens an existing journal to read it and nothing else (audit list, the Audit page): no file, folder or schema
    // is created, no write-ahead-log switch or other write is attempted, so a journal on a read-only file, folder
    // or mount can be read, and a missing one is an error rather than a new empty file. Writes are refused.
    bool openForReading(const QString& path, QString* error);
    bool isOpen() const;
    bool isReadOnly() const;
    QString path() const;

    // Each call is one committed transaction. Returns the new intent's id, or 0 with `error` set.
    // A secret that must never be written (the token the changes are sent with): every text recorded after this is
    // scrubbed of it, the second line of defence behind HttpClient's own scrubbing.
    void addSecret(const QByteArray& secret);
    qint64 recordIntent(const JournalIntent& intent, QString* error);
    bool recordOutcome(const JournalOutcome& outcome, QString* error);
    bool recordVerification(const JournalVerification& verification, QString* error);

    QList<JournalEntry> entries(const JournalFilter& filter, QString* error) const;
    std::optional<JournalEntry> entry(qint64 intentId, QString* error) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace scimitar
