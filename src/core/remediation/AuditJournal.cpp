#include "remediation/AuditJournal.h"

#include "secrets/SecretScrubber.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QVariant>
#include <array>
#include <atomic>
#include <utility>

namespace scimitar {

namespace {

// Bump only with a migration in open(); a journal from a newer Scimitar is refused rather than half-understood.
constexpr int kSchemaVersion = 1;

// Every table is append-only: the triggers make SQLite itself refuse UPDATE and DELETE, whoever asks (this code,
// a bug in a later version, a hand-typed sqlite3 session), so a row means what it meant when it was written.
const std::array<const char*, 4> kTables{"schema_version", "intents", "outcomes", "verifications"};

const std::array<const char*, 7> kSchema{
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER NOT NULL,"
    " at TEXT NOT NULL)",

    "CREATE TABLE IF NOT EXISTS intents ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " at TEXT NOT NULL,"
    " os_user TEXT NOT NULL,"
    " token_owner TEXT NOT NULL,"
    " connection TEXT NOT NULL,"
    " scim_base TEXT NOT NULL,"
    " op TEXT NOT NULL,"
    " object_kind TEXT NOT NULL,"
    " object_id TEXT NOT NULL,"
    " object_name TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " member_name TEXT NOT NULL,"
    " member_kind TEXT NOT NULL,"
    " method TEXT NOT NULL,"
    " path TEXT NOT NULL,"
    " body BLOB NOT NULL,"
    " undo_of INTEGER REFERENCES intents(id),"
    " batch TEXT NOT NULL)",

    "CREATE TABLE IF NOT EXISTS outcomes ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " intent_id INTEGER NOT NULL REFERENCES intents(id),"
    " at TEXT NOT NULL,"
    " result TEXT NOT NULL,"
    " http_status INTEGER NOT NULL,"
    " detail TEXT NOT NULL,"
    " request_id TEXT NOT NULL)",

    "CREATE TABLE IF NOT EXISTS verifications ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " intent_id INTEGER NOT NULL REFERENCES intents(id),"
    " at TEXT NOT NULL,"
    " verified INTEGER NOT NULL,"
    " detail TEXT NOT NULL)",

    "CREATE INDEX IF NOT EXISTS intents_at ON intents(at)",
    "CREATE INDEX IF NOT EXISTS outcomes_intent ON outcomes(intent_id)",
    "CREATE INDEX IF NOT EXISTS verifications_intent ON verifications(intent_id)",
};

const std::array<std::pair<ChangeResult, const char*>, 4> kResultNames{{
    {ChangeResult::Done, "done"},
    {ChangeResult::AlreadyInState, "already-absent"},
    {ChangeResult::Failed, "failed"},
    {ChangeResult::Unknown, "unknown"},
}};

std::atomic<quint64> s_connectionCounter{0};

// Sorts as text in time order: always UTC, always milliseconds, always "Z".
QString timeText(const QDateTime& at)
{
    return (at.isValid() ? at : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromText(const QString& text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

// A null QString binds as SQL NULL, which the NOT NULL columns refuse; an absent value is stored as ''.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

bool principalKindFromName(const QString& name, PrincipalKind* kind)
{
    for (PrincipalKind candidate : {PrincipalKind::User, PrincipalKind::Group, PrincipalKind::ServicePrincipal}) {
        if (principalKindName(candidate) == name) {
            *kind = candidate;
            return true;
        }
    }
    return false;
}

QString reason(const QSqlError& error)
{
    const QString text = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    return text.isEmpty() ? QStringLiteral("unknown SQLite error") : text;
}

// Whether the change is known to have taken effect: the server said so, or the answer was lost and a re-read
// showed the wanted state.
bool tookEffect(const std::optional<JournalOutcome>& outcome, const std::optional<JournalVerification>& verification)
{
    if (outcome && outcome->result == ChangeResult::Done)
        return true;
    const bool answerLost = !outcome || outcome->result == ChangeResult::Unknown;
    return answerLost && verification && verification->verified;
}

// An undo that put things back: an outcome of done or already-absent, or a lost answer verified by a re-read.
bool undoTookEffect(const std::optional<JournalOutcome>& outcome,
                    const std::optional<JournalVerification>& verification)
{
    if (outcome && outcome->result == ChangeResult::AlreadyInState)
        return true;
    return tookEffect(outcome, verification);
}

bool matchesText(const JournalEntry& entry, const QString& needle)
{
    const Change& change = entry.intent.change;
    for (const QString& haystack : {change.describe(), change.objectName, change.value, change.principalName()})
        if (haystack.contains(needle, Qt::CaseInsensitive))
            return true;
    return false;
}

const QString kIntentColumns =
    QStringLiteral("id, at, os_user, token_owner, connection, scim_base, op, object_kind, object_id, object_name, "
                   "value, member_name, member_kind, method, path, body, undo_of, batch");

} // namespace

QString changeResultName(ChangeResult result)
{
    for (const auto& [candidate, name] : kResultNames)
        if (candidate == result)
            return QString::fromLatin1(name);
    return {};
}

bool changeResultFromName(const QString& name, ChangeResult* result)
{
    for (const auto& [candidate, text] : kResultNames) {
        if (name == QLatin1String(text)) {
            *result = candidate;
            return true;
        }
    }
    return false;
}

ChangeResult JournalEntry::effectiveResult() const
{
    return outcome ? outcome->result : ChangeResult::Unknown;
}

bool JournalEntry::canUndo() const
{
    // undoneBy lists only undos that took effect (AuditJournal::entries), so one that failed can be retried.
    return tookEffect(outcome, verification) && undoneBy.isEmpty();
}

struct AuditJournal::Private
{
    SecretScrubber scrubber;
    QString connectionName;
    QString path;
    QSqlDatabase db;
    bool readOnly = false;
    bool empty = false; // opened for reading, and the file has no tables yet (a zero-byte file): nothing to list

    void close()
    {
        if (connectionName.isEmpty())
            return;
        db.close();
        db = QSqlDatabase(); // removeDatabase() wants no handle left
        QSqlDatabase::removeDatabase(connectionName);
        connectionName.clear();
        readOnly = false;
        empty = false;
    }

    bool connect(const QString& databaseName, const QString& options, QString* failure)
    {
        connectionName =
            QStringLiteral("scimitar-audit-%1").arg(s_connectionCounter.fetch_add(1, std::memory_order_relaxed));
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        if (!db.isValid()) {
            *failure = QStringLiteral("the Qt SQLite driver (QSQLITE) is not available");
            return false;
        }
        db.setDatabaseName(databaseName);
        // Another instance (another thread, the GUI while the CLI lists) may hold the write lock for a moment.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000") + options);
        if (!db.open()) {
            *failure = reason(db.lastError());
            return false;
        }
        return true;
    }

    // Closes whatever was open and takes the new path; false when there is none.
    bool start(const QString& newPath, QString* error)
    {
        close();
        path = newPath.isEmpty() ? QString() : QFileInfo(newPath).absoluteFilePath();
        if (path.isEmpty())
            *error = QStringLiteral("No file was given for the audit journal.");
        return !path.isEmpty();
    }

    // "The audit journal … cannot be used|read: why." and nothing left open.
    bool fail(const QString& verb, const QString& why, QString* error)
    {
        *error = QStringLiteral("The audit journal %1 cannot be %2: %3.").arg(path, verb, why);
        close();
        return false;
    }

    // Whether a write may go ahead; otherwise `error` says why.
    bool writable(const QString& notOpen, QString* error) const
    {
        if (connectionName.isEmpty() || !db.isOpen()) {
            *error = notOpen;
            return false;
        }
        if (readOnly) {
            *error = QStringLiteral("The audit journal %1 was opened for reading only; nothing may be sent.").arg(path);
            return false;
        }
        return true;
    }

    bool exec(const QString& sql, QString* failure)
    {
        QSqlQuery query(db);
        if (query.exec(sql))
            return true;
        *failure = reason(query.lastError());
        return false;
    }

    bool setUp(QString* failure);
    bool checkForReading(QString* failure);
    bool createSchema(QString* failure);
    QList<JournalEntry> load(const QString& where, const QVariantList& binds, int sqlLimit, QString* failure) const;
    bool attach(QList<JournalEntry>* entries, QString* failure) const;
};

bool AuditJournal::Private::setUp(QString* failure)
{
    // journal_mode answers with the mode it ended up in; a file system without shared memory silently stays in
    // "delete" mode, and we want to know.
    QSqlQuery mode(db);
    if (!mode.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !mode.next()) {
        *failure = reason(mode.lastError());
        return false;
    }
    const QString journalMode = mode.value(0).toString();
    mode.finish();
    if (journalMode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        *failure =
            QStringLiteral("SQLite could not switch it to write-ahead logging (journal mode is '%1')").arg(journalMode);
        return false;
    }
    // FULL: a committed intent survives a power cut, which is the whole point of writing it before the request.
    return exec(QStringLiteral("PRAGMA synchronous=FULL"), failure) &&
           exec(QStringLiteral("PRAGMA foreign_keys=ON"), failure) && createSchema(failure);
}

bool AuditJournal::Private::checkForReading(QString* failure)
{
    QSqlQuery existing(db);
    if (!existing.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                      "'sqlite_%'"))) {
        *failure = reason(existing.lastError());
        return false;
    }
    QStringList tables;
    while (existing.next())
        tables.append(existing.value(0).toString());
    existing.finish();
    if (tables.isEmpty()) {
        empty = true; // created and never written (or zero bytes): an empty journal, not an error
        return true;
    }
    for (const char* table : kTables) {
        if (!tables.contains(QLatin1String(table))) {
            *failure = tables.contains(QLatin1String("schema_version"))
                           ? QStringLiteral("it has no %1 table").arg(QLatin1String(table))
                           : QStringLiteral("it is an SQLite database, but not a Scimitar audit journal");
            return false;
        }
    }
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !version.next()) {
        *failure = reason(version.lastError());
        return false;
    }
    const int found = version.value(0).toInt();
    version.finish();
    if (found > kSchemaVersion) {
        *failure = QStringLiteral("it was written by a newer Scimitar (schema version %1; this one knows up to %2). "
                                  "Update Scimitar to read it")
                       .arg(found)
                       .arg(kSchemaVersion);
        return false;
    }
    return true;
}

bool AuditJournal::Private::createSchema(QString* failure)
{
    // IMMEDIATE: two instances opening a new file at once must not both create the schema half-way.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), failure))
        return false;
    auto rollback = [this] {
        QString ignored;
        exec(QStringLiteral("ROLLBACK"), &ignored);
        return false;
    };

    QSqlQuery existing(db);
    if (!existing.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                      "'sqlite_%'"))) {
        *failure = reason(existing.lastError());
        return rollback();
    }
    QStringList tables;
    while (existing.next())
        tables.append(existing.value(0).toString());
    existing.finish(); // an active SELECT would keep COMMIT from succeeding
    if (!tables.isEmpty() && !tables.contains(QLatin1String("schema_version"))) {
        // Someone else's database: adding our tables to it would be rude and confusing.
        *failure = QStringLiteral("it is an SQLite database, but not a Scimitar audit journal");
        return rollback();
    }

    for (const char* statement : kSchema)
        if (!exec(QString::fromLatin1(statement), failure))
            return rollback();
    for (const char* table : kTables) {
        // INSERT OR REPLACE deletes the row it collides with without firing DELETE triggers, so a colliding
        // insert is refused on its own.
        const QList<std::pair<QString, QString>> guards{
            {QStringLiteral("no_update"), QStringLiteral("BEFORE UPDATE ON %1")},
            {QStringLiteral("no_delete"), QStringLiteral("BEFORE DELETE ON %1")},
            {QStringLiteral("no_replace"),
             QStringLiteral("BEFORE INSERT ON %1 WHEN EXISTS (SELECT 1 FROM %1 WHERE rowid = NEW.rowid)")},
        };
        for (const auto& [suffix, when] : guards) {
            const QString sql = QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_%2 %3 BEGIN SELECT RAISE(ABORT, 'the "
                                               "audit journal is append-only: %1 rows are never changed or deleted'); "
                                               "END")
                                    .arg(QLatin1String(table), suffix, when.arg(QLatin1String(table)));
            if (!exec(sql, failure))
                return rollback();
        }
    }

    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !version.next()) {
        *failure = reason(version.lastError());
        return rollback();
    }
    const QVariant found = version.value(0);
    version.finish();
    if (found.isNull()) {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO schema_version (version, at) VALUES (?, ?)"));
        insert.addBindValue(kSchemaVersion);
        insert.addBindValue(timeText({}));
        if (!insert.exec()) {
            *failure = reason(insert.lastError());
            return rollback();
        }
    } else if (found.toInt() > kSchemaVersion) {
        *failure = QStringLiteral("it was written by a newer Scimitar (schema version %1; this one knows up to %2). "
                                  "Update Scimitar to use it")
                       .arg(found.toInt())
                       .arg(kSchemaVersion);
        return rollback();
    }
    return exec(QStringLiteral("COMMIT"), failure) || rollback();
}

QList<JournalEntry> AuditJournal::Private::load(const QString& where, const QVariantList& binds, int sqlLimit,
                                                QString* failure) const
{
    if (empty)
        return {};
    QString sql = QStringLiteral("SELECT %1 FROM intents").arg(kIntentColumns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    sql += QStringLiteral(" ORDER BY at DESC, id DESC");
    if (sqlLimit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(sqlLimit);

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant& bind : binds)
        query.addBindValue(bind);
    if (!query.exec()) {
        *failure = reason(query.lastError());
        return {};
    }

    QList<JournalEntry> entries;
    while (query.next()) {
        JournalIntent intent;
        intent.id = query.value(0).toLongLong();
        intent.at = timeFromText(query.value(1).toString());
        intent.osUser = query.value(2).toString();
        intent.tokenOwner = query.value(3).toString();
        intent.connection = query.value(4).toString();
        intent.scimBase = query.value(5).toString();
        Change& change = intent.change;
        if (!changeOpFromName(query.value(6).toString(), &change.op) ||
            !principalKindFromName(query.value(7).toString(), &change.objectKind) ||
            !principalKindFromName(query.value(12).toString(), &change.memberKind)) {
            *failure = QStringLiteral("entry %1 names an operation or kind this Scimitar does not know (%2, %3)")
                           .arg(intent.id)
                           .arg(query.value(6).toString(), query.value(7).toString());
            return {};
        }
        change.objectId = query.value(8).toString();
        change.objectName = query.value(9).toString();
        change.value = query.value(10).toString();
        change.memberName = query.value(11).toString();
        intent.method = query.value(13).toString();
        intent.path = query.value(14).toString();
        intent.body = query.value(15).toByteArray();
        intent.undoOf = query.value(16).isNull() ? 0 : query.value(16).toLongLong();
        intent.batch = query.value(17).toString();
        entries.append(JournalEntry{std::move(intent), std::nullopt, std::nullopt, {}});
    }
    if (!attach(&entries, failure))
        return {};
    return entries;
}

// Fills outcome, verification and undoneBy. Everything about an intent is written after it, so rows of intents from
// the oldest one loaded onwards are all that can matter.
bool AuditJournal::Private::attach(QList<JournalEntry>* entries, QString* failure) const
{
    if (entries->isEmpty())
        return true;
    qint64 oldest = entries->first().intent.id;
    for (const JournalEntry& entry : std::as_const(*entries))
        oldest = std::min(oldest, entry.intent.id);

    auto select = [oldest, failure](const QString& sql, QSqlQuery* query) {
        query->setForwardOnly(true);
        query->prepare(sql);
        query->addBindValue(oldest);
        if (query->exec())
            return true;
        *failure = reason(query->lastError());
        return false;
    };

    QHash<qint64, JournalOutcome> outcomes;
    QSqlQuery query(db);
    if (!select(QStringLiteral("SELECT intent_id, at, result, http_status, detail, request_id FROM outcomes "
                               "WHERE intent_id >= ? ORDER BY id"),
                &query))
        return false;
    while (query.next()) {
        const qint64 intentId = query.value(0).toLongLong();
        if (outcomes.contains(intentId))
            continue; // an intent has one outcome; should a second ever appear, the first one stands
        JournalOutcome outcome;
        outcome.intentId = intentId;
        outcome.at = timeFromText(query.value(1).toString());
        if (!changeResultFromName(query.value(2).toString(), &outcome.result))
            outcome.result = ChangeResult::Unknown;
        outcome.httpStatus = query.value(3).toInt();
        outcome.detail = query.value(4).toString();
        outcome.requestId = query.value(5).toString();
        outcomes.insert(intentId, outcome);
    }

    QHash<qint64, JournalVerification> verifications;
    QSqlQuery verificationQuery(db);
    if (!select(QStringLiteral("SELECT intent_id, at, verified, detail FROM verifications WHERE intent_id >= ? "
                               "ORDER BY id"),
                &verificationQuery))
        return false;
    while (verificationQuery.next()) {
        JournalVerification verification; // later rows overwrite earlier ones: the latest re-read counts
        verification.intentId = verificationQuery.value(0).toLongLong();
        verification.at = timeFromText(verificationQuery.value(1).toString());
        verification.verified = verificationQuery.value(2).toInt() != 0;
        verification.detail = verificationQuery.value(3).toString();
        verifications.insert(verification.intentId, verification);
    }

    auto outcomeOf = [&outcomes](qint64 id) -> std::optional<JournalOutcome> {
        const auto it = outcomes.constFind(id);
        return it == outcomes.cend() ? std::nullopt : std::optional<JournalOutcome>(*it);
    };
    auto verificationOf = [&verifications](qint64 id) -> std::optional<JournalVerification> {
        const auto it = verifications.constFind(id);
        return it == verifications.cend() ? std::nullopt : std::optional<JournalVerification>(*it);
    };

    // Undos are newer than what they undo, so their outcomes are among those just read.
    QHash<qint64, QList<qint64>> undoneBy;
    QSqlQuery undoQuery(db);
    if (!select(QStringLiteral("SELECT id, undo_of FROM intents WHERE undo_of >= ? ORDER BY id"), &undoQuery))
        return false;
    while (undoQuery.next()) {
        const qint64 undoId = undoQuery.value(0).toLongLong();
        if (undoTookEffect(outcomeOf(undoId), verificationOf(undoId)))
            undoneBy[undoQuery.value(1).toLongLong()].append(undoId);
    }

    for (JournalEntry& entry : *entries) {
        const qint64 id = entry.intent.id;
        entry.outcome = outcomeOf(id);
        entry.verification = verificationOf(id);
        entry.undoneBy = undoneBy.value(id);
    }
    return true;
}

AuditJournal::AuditJournal()
    : d(std::make_unique<Private>())
{
}

AuditJournal::~AuditJournal()
{
    d->close();
}

QString AuditJournal::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("audit.sqlite"));
}

QString AuditJournal::pathFromEnvironment(const QProcessEnvironment& env)
{
    return env.value(QString::fromLatin1(kPathVariable)).trimmed();
}

QString AuditJournal::configuredPath()
{
    const QString fromEnv = pathFromEnvironment(QProcessEnvironment::systemEnvironment());
    return fromEnv.isEmpty() ? defaultPath() : fromEnv;
}

bool AuditJournal::open(const QString& path, QString* error)
{
    if (!d->start(path, error))
        return false;
    auto fail = [this, error](const QString& why) { return d->fail(QStringLiteral("used"), why, error); };

    const QFileInfo file(d->path);
    const QString folder = file.absolutePath();
    const bool newFolder = !QFileInfo::exists(folder);
    if (!QDir().mkpath(folder))
        return fail(QStringLiteral("the folder %1 cannot be created").arg(folder));
    // Who changed what access, and as whom, is nobody else's business on a shared machine: a folder Scimitar makes
    // is the user's alone (0700), whatever the umask. One that already exists was the user's choice.
    if (newFolder)
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (file.exists() && !file.isFile())
        return fail(QStringLiteral("it is not a file"));
    if (!file.exists() && !QFileInfo(folder).isWritable())
        return fail(QStringLiteral("the folder %1 is not writable").arg(folder));
    if (!file.exists()) {
        // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
        QFile created(d->path);
        if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
            !created.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
            return fail(QStringLiteral("it cannot be created (%1)").arg(created.errorString()));
    }

    QString failure;
    if (!d->connect(d->path, {}, &failure) || !d->setUp(&failure))
        return fail(failure);
    return true;
}

bool AuditJournal::openForReading(const QString& path, QString* error)
{
    if (!d->start(path, error))
        return false;
    auto fail = [this, error](const QString& why) { return d->fail(QStringLiteral("read"), why, error); };
    const QFileInfo file(d->path);
    if (!file.exists()) {
        *error = QStringLiteral("There is no audit journal at %1.").arg(d->path);
        return false;
    }
    if (!file.isFile())
        return fail(QStringLiteral("it is not a file"));
    if (!file.isReadable())
        return fail(QStringLiteral("this user may not read it"));

    QString failure;
    if (!d->connect(d->path, QStringLiteral(";QSQLITE_OPEN_READONLY"), &failure))
        return fail(failure);
    d->readOnly = true;
    if (d->checkForReading(&failure))
        return true;

    // A reader of a WAL journal needs its -shm index, and creates it when it is missing: in a folder it may not
    // write to, that fails. With no -wal file left over nothing can be waiting outside the main file (a writer
    // would need that folder too), so the file can be read as it stands.
    const QFileInfo wal(d->path + QStringLiteral("-wal"));
    if (wal.exists() && wal.size() > 0)
        return fail(QStringLiteral("%1 (and its write-ahead log %2 holds changes that could not be read with it)")
                        .arg(failure, wal.fileName()));
    const QString firstFailure = failure;
    d->close();
    const QString immutable =
        QUrl::fromLocalFile(d->path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1");
    if (!d->connect(immutable, QStringLiteral(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"), &failure))
        return fail(firstFailure);
    d->readOnly = true;
    if (!d->checkForReading(&failure))
        return fail(failure);
    return true;
}

bool AuditJournal::isOpen() const
{
    return !d->connectionName.isEmpty() && d->db.isOpen();
}

bool AuditJournal::isReadOnly() const
{
    return isOpen() && d->readOnly;
}

QString AuditJournal::path() const
{
    return d->path;
}

void AuditJournal::addSecret(const QByteArray& secret)
{
    d->scrubber.add(secret);
}

qint64 AuditJournal::recordIntent(const JournalIntent& intent, QString* error)
{
    if (!d->writable(QStringLiteral("The audit journal is not open; nothing may be sent."), error))
        return 0;
    auto fail = [this, error](const QString& why) -> qint64 {
        d->db.rollback();
        *error = QStringLiteral("Could not record the change in the audit journal %1: %2.").arg(d->path, why);
        return 0;
    };
    if (!d->db.transaction())
        return fail(reason(d->db.lastError()));

    QSqlQuery insert(d->db);
    insert.prepare(QStringLiteral("INSERT INTO intents (at, os_user, token_owner, connection, scim_base, op, "
                                  "object_kind, object_id, object_name, value, member_name, member_kind, method, "
                                  "path, body, undo_of, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?)"));
    const Change& change = intent.change;
    insert.addBindValue(timeText(intent.at));
    insert.addBindValue(text(d->scrubber.scrub(intent.osUser)));
    insert.addBindValue(text(d->scrubber.scrub(intent.tokenOwner)));
    insert.addBindValue(text(d->scrubber.scrub(intent.connection)));
    insert.addBindValue(text(d->scrubber.scrub(intent.scimBase)));
    insert.addBindValue(changeOpName(change.op));
    insert.addBindValue(principalKindName(change.objectKind));
    insert.addBindValue(text(change.objectId));
    insert.addBindValue(text(change.objectName));
    insert.addBindValue(text(change.value));
    insert.addBindValue(text(change.memberName));
    insert.addBindValue(principalKindName(change.memberKind));
    insert.addBindValue(text(d->scrubber.scrub(intent.method)));
    insert.addBindValue(text(d->scrubber.scrub(intent.path)));
    insert.addBindValue(intent.body.isNull() ? QByteArray("") : d->scrubber.scrub(intent.body));
    insert.addBindValue(intent.undoOf > 0 ? QVariant(intent.undoOf) : QVariant(QMetaType::fromType<qint64>()));
    insert.addBindValue(text(d->scrubber.scrub(intent.batch)));
    if (!insert.exec())
        return fail(reason(insert.lastError()));
    const qint64 id = insert.lastInsertId().toLongLong();
    if (!d->db.commit())
        return fail(reason(d->db.lastError()));
    return id;
}

bool AuditJournal::recordOutcome(const JournalOutcome& outcome, QString* error)
{
    if (!d->writable(QStringLiteral("The audit journal is not open."), error))
        return false;
    auto fail = [this, error](const QString& why) {
        d->db.rollback();
        *error = QStringLiteral("Could not record the outcome in the audit journal %1: %2.").arg(d->path, why);
        return false;
    };
    if (!d->db.transaction())
        return fail(reason(d->db.lastError()));
    QSqlQuery insert(d->db);
    insert.prepare(QStringLiteral("INSERT INTO outcomes (intent_id, at, result, http_status, detail, request_id) "
                                  "VALUES (?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(outcome.intentId);
    insert.addBindValue(timeText(outcome.at));
    insert.addBindValue(changeResultName(outcome.result));
    insert.addBindValue(outcome.httpStatus);
    insert.addBindValue(text(d->scrubber.scrub(outcome.detail)));
    insert.addBindValue(text(d->scrubber.scrub(outcome.requestId)));
    if (!insert.exec())
        return fail(reason(insert.lastError()));
    if (!d->db.commit())
        return fail(reason(d->db.lastError()));
    return true;
}

bool AuditJournal::recordVerification(const JournalVerification& verification, QString* error)
{
    if (!d->writable(QStringLiteral("The audit journal is not open."), error))
        return false;
    auto fail = [this, error](const QString& why) {
        d->db.rollback();
        *error = QStringLiteral("Could not record the verification in the audit journal %1: %2.").arg(d->path, why);
        return false;
    };
    if (!d->db.transaction())
        return fail(reason(d->db.lastError()));
    QSqlQuery insert(d->db);
    insert.prepare(QStringLiteral("INSERT INTO verifications (intent_id, at, verified, detail) VALUES (?, ?, ?, ?)"));
    insert.addBindValue(verification.intentId);
    insert.addBindValue(timeText(verification.at));
    insert.addBindValue(verification.verified ? 1 : 0);
    insert.addBindValue(text(d->scrubber.scrub(verification.detail)));
    if (!insert.exec())
        return fail(reason(insert.lastError()));
    if (!d->db.commit())
        return fail(reason(d->db.lastError()));
    return true;
}

QList<JournalEntry> AuditJournal::entries(const JournalFilter& filter, QString* error) const
{
    if (!isOpen()) {
        *error = QStringLiteral("The audit journal is not open.");
        return {};
    }
    QStringList where;
    QVariantList binds;
    if (filter.from.isValid()) {
        where.append(QStringLiteral("at >= ?"));
        binds.append(timeText(filter.from));
    }
    if (filter.to.isValid()) {
        where.append(QStringLiteral("at < ?"));
        binds.append(timeText(filter.to));
    }
    if (!filter.connection.isEmpty()) {
        where.append(QStringLiteral("connection = ? COLLATE NOCASE"));
        binds.append(filter.connection);
    }
    // Text and result need the whole entry, so the limit can only go to SQL without them.
    const bool filterLater = !filter.text.isEmpty() || filter.result.has_value();

    QString failure;
    QList<JournalEntry> loaded =
        d->load(where.join(QStringLiteral(" AND ")), binds, filterLater ? 0 : filter.limit, &failure);
    if (!failure.isEmpty()) {
        *error = QStringLiteral("Could not read the audit journal %1: %2.").arg(d->path, failure);
        return {};
    }
    if (!filterLater)
        return loaded;

    QList<JournalEntry> result;
    for (JournalEntry& entry : loaded) {
        if (filter.result && entry.effectiveResult() != *filter.result)
            continue;
        if (!filter.text.isEmpty() && !matchesText(entry, filter.text))
            continue;
        result.append(std::move(entry));
        if (filter.limit > 0 && result.size() >= filter.limit)
            break;
    }
    return result;
}

std::optional<JournalEntry> AuditJournal::entry(qint64 intentId, QString* error) const
{
    if (!isOpen()) {
        *error = QStringLiteral("The audit journal is not open.");
        return std::nullopt;
    }
    QString failure;
    const QList<JournalEntry> loaded = d->load(QStringLiteral("id = ?"), {intentId}, 0, &failure);
    if (!failure.isEmpty()) {
        *error = QStringLiteral("Could not read the audit journal %1: %2.").arg(d->path, failure);
        return std::nullopt;
    }
    if (loaded.isEmpty()) {
        *error = QStringLiteral("The audit journal %1 has no entry %2.").arg(d->path).arg(intentId);
        return std::nullopt;
    }
    return loaded.first();
}

} // namespace scimitar
