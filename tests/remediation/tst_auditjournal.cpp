#include "remediation/AuditJournal.h"
#include "remediation/OsUser.h"
#include "secrets/ProcessHardening.h"

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif
#include "remediation/ScimPatch.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <sys/stat.h>

using namespace scimitar;

Q_DECLARE_METATYPE(scimitar::ChangeOp)
Q_DECLARE_METATYPE(scimitar::JournalFilter)
Q_DECLARE_METATYPE(std::optional<scimitar::ChangeResult>)
Q_DECLARE_METATYPE(std::optional<bool>)

namespace {

const QDateTime kT0(QDate(2024, 5, 1), QTime(12, 0, 0, 123), Qt::UTC);

Change changeFor(ChangeOp op)
{
    Change change;
    change.op = op;
    switch (op) {
    case ChangeOp::RemoveRole:
    case ChangeOp::AddRole:
        change.objectKind = PrincipalKind::ServicePrincipal;
        change.objectId = QStringLiteral("3000000000000001");
        change.objectName = QStringLiteral("etl-runner");
        change.value = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
        break;
    case ChangeOp::RemoveEntitlement:
    case ChangeOp::AddEntitlement:
        change.objectKind = PrincipalKind::Group;
        change.objectId = QStringLiteral("111");
        change.objectName = QStringLiteral("data-eng");
        change.value = QStringLiteral("databricks-sql-access");
        break;
    case ChangeOp::RemoveMember:
    case ChangeOp::AddMember:
        change.objectKind = PrincipalKind::Group;
        change.objectId = QStringLiteral("222");
        change.objectName = QStringLiteral("pii-analysts");
        change.value = QStringLiteral("1000000000000001");
        change.memberName = QStringLiteral("ana@acme.example");
        change.memberKind = PrincipalKind::User;
        break;
    case ChangeOp::Deactivate:
    case ChangeOp::Reactivate:
        change.objectKind = PrincipalKind::User;
        change.objectId = QStringLiteral("1000000000000002");
        change.objectName = QStringLiteral("bo@acme.example");
        break;
    }
    return change;
}

JournalIntent intentFor(const Change& change, const QDateTime& at = kT0,
                        const QString& connection = QStringLiteral("prod"))
{
    JournalIntent intent;
    intent.at = at;
    intent.osUser = QStringLiteral("alice");
    intent.tokenOwner = QStringLiteral("admin@acme.example");
    intent.connection = connection;
    intent.scimBase = QStringLiteral("https://dbc-1234.cloud.databricks.com/api/2.0/preview/scim/v2");
    intent.change = change;
    intent.method = QStringLiteral("PATCH");
    intent.path = QStringLiteral("Groups/%1").arg(change.objectId);
    intent.body = QByteArrayLiteral("{\"Operations\":[{\"op\":\"remove\",\"path\":\"roles[value eq \\\"x\\\"]\"}]}");
    intent.batch = QStringLiteral("0f5e7a52-8d40-4c41-9d3e-1a3c6bbd2e10");
    return intent;
}

JournalOutcome outcomeFor(qint64 intentId, ChangeResult result, int status = 200)
{
    JournalOutcome outcome;
    outcome.intentId = intentId;
    outcome.at = kT0.addSecs(1);
    outcome.result = result;
    outcome.httpStatus = status;
    return outcome;
}

// A second, raw connection to the same file: what another program (or a careless hand with sqlite3) would do.
class RawConnection
{
public:
    explicit RawConnection(const QString& path)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Returns the error text, or an empty string when the statement succeeded.
    QString exec(const QString& sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        return query.exec(sql) ? QString() : query.lastError().text() + QStringLiteral(" ");
    }
    QVariant scalar(const QString& sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }
    QStringList column(const QString& sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        QStringList values;
        if (query.exec(sql))
            while (query.next())
                values.append(query.value(0).toString());
        return values;
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

} // namespace

class TestAuditJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void roundTrip_data();
    void roundTrip();
    void intentWithoutOutcomeIsUnknown();
    void firstOutcomeStandsLatestVerificationCounts();
    void timesAreUtcWithMilliseconds();
    void updateAndDeleteRefusedByDatabase_data();
    void updateAndDeleteRefusedByDatabase();
    void walModeIsOn();
    void filesAreTheUsersAlone();
    void filters_data();
    void filters();
    void undoLinkAndCanUndo_data();
    void undoLinkAndCanUndo();
    void outcomeForUnknownIntentRefused();
    void openErrors_data();
    void openErrors();
    void newerSchemaRefused();
    void notOpenRefusesWrites();
    void secondInstanceSeesCommittedRows();
    void openForReading_data();
    void openForReading();
    void readerSeesWriterAndRefusesWrites();
    void anotherThreadWrites();
    void reopenKeepsEverything();
    void createsFolder();
    void osUserFromEnvironment();
    void coreDumpsForbidden();

private:
    QString journalPath() const { return m_dir->filePath(QStringLiteral("audit.sqlite")); }
    qint64 record(AuditJournal& journal, const JournalIntent& intent);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAuditJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

qint64 TestAuditJournal::record(AuditJournal& journal, const JournalIntent& intent)
{
    QString error;
    const qint64 id = journal.recordIntent(intent, &error);
    if (id <= 0)
        qWarning("recordIntent: %s", qPrintable(error));
    return id;
}

void TestAuditJournal::roundTrip_data()
{
    QTest::addColumn<ChangeOp>("op");
    for (ChangeOp op : allChangeOps())
        QTest::newRow(qPrintable(changeOpName(op))) << op;
}

void TestAuditJournal::roundTrip()
{
    QFETCH(ChangeOp, op);
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    QVERIFY(journal.isOpen());
    QCOMPARE(journal.path(), journalPath());

    JournalIntent intent = intentFor(changeFor(op));
    intent.body = ScimPatch::bodyBytes(intent.change);
    intent.path = ScimPatch::objectPath(intent.change);
    const qint64 id = record(journal, intent);
    QVERIFY(id > 0);

    JournalOutcome outcome = outcomeFor(id, ChangeResult::Failed, 409);
    outcome.detail = QStringLiteral("Conflict: \"quoted\", ünïcødé");
    outcome.requestId = QStringLiteral("req-42");
    QVERIFY2(journal.recordOutcome(outcome, &error), qPrintable(error));
    JournalVerification verification{id, kT0.addSecs(2), false, QStringLiteral("still holds the role on re-read")};
    QVERIFY2(journal.recordVerification(verification, &error), qPrintable(error));

    const std::optional<JournalEntry> entry = journal.entry(id, &error);
    QVERIFY2(entry, qPrintable(error));
    const JournalIntent& read = entry->intent;
    QCOMPARE(read.id, id);
    QCOMPARE(read.at, intent.at);
    QCOMPARE(read.at.timeSpec(), Qt::UTC);
    QCOMPARE(read.osUser, intent.osUser);
    QCOMPARE(read.tokenOwner, intent.tokenOwner);
    QCOMPARE(read.connection, intent.connection);
    QCOMPARE(read.scimBase, intent.scimBase);
    QCOMPARE(read.change, intent.change);
    QCOMPARE(read.method, intent.method);
    QCOMPARE(read.path, intent.path);
    QCOMPARE(read.body, intent.body);
    QCOMPARE(read.undoOf, 0);
    QCOMPARE(read.batch, intent.batch);

    QVERIFY(entry->outcome);
    QCOMPARE(entry->outcome->intentId, id);
    QCOMPARE(entry->outcome->at, outcome.at);
    QCOMPARE(entry->outcome->result, ChangeResult::Failed);
    QCOMPARE(entry->outcome->httpStatus, 409);
    QCOMPARE(entry->outcome->detail, outcome.detail);
    QCOMPARE(entry->outcome->requestId, outcome.requestId);
    QVERIFY(entry->verification);
    QCOMPARE(entry->verification->intentId, id);
    QCOMPARE(entry->verification->at, verification.at);
    QCOMPARE(entry->verification->verified, false);
    QCOMPARE(entry->verification->detail, verification.detail);
    QVERIFY(entry->undoneBy.isEmpty());
    QCOMPARE(entry->effectiveResult(), ChangeResult::Failed);

    const QList<JournalEntry> all = journal.entries({}, &error);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().intent.change, intent.change);
}

void TestAuditJournal::intentWithoutOutcomeIsUnknown()
{
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    const qint64 id = record(journal, intentFor(changeFor(ChangeOp::RemoveRole)));
    QVERIFY(id > 0);

    const std::optional<JournalEntry> entry = journal.entry(id, &error);
    QVERIFY2(entry, qPrintable(error));
    QVERIFY(!entry->outcome);
    QVERIFY(!entry->verification);
    QCOMPARE(entry->effectiveResult(), ChangeResult::Unknown);
    QVERIFY(!entry->canUndo()); // nobody knows whether it happened

    JournalFilter unknown;
    unknown.result = ChangeResult::Unknown;
    QCOMPARE(journal.entries(unknown, &error).size(), 1);
    QVERIFY(!journal.entry(id + 1, &error));
    QVERIFY2(error.contains(QString::number(id + 1)), qPrintable(error));
}

void TestAuditJournal::firstOutcomeStandsLatestVerificationCounts()
{
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    const qint64 id = record(journal, intentFor(changeFor(ChangeOp::RemoveMember)));
    QVERIFY(journal.recordOutcome(outcomeFor(id, ChangeResult::Unknown, 0), &error));
    QVERIFY(journal.recordOutcome(outcomeFor(id, ChangeResult::Done, 204), &error));
    QVERIFY(journal.recordVerification({id, kT0.addSecs(5), false, QStringLiteral("first re-read")}, &error));
    QVERIFY(journal.recordVerification({id, kT0.addSecs(9), true, QStringLiteral("second re-read")}, &error));

    const std::optional<JournalEntry> entry = journal.entry(id, &error);
    QVERIFY2(entry, qPrintable(error));
    QCOMPARE(entry->outcome->result, ChangeResult::Unknown);
    QCOMPARE(entry->verification->detail, QStringLiteral("second re-read"));
    QVERIFY(entry->verification->verified);
    QVERIFY(entry->canUndo()); // unknown, but verified on re-read
}

void TestAuditJournal::timesAreUtcWithMilliseconds()
{
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    // An offset time is stored as the same instant in UTC.
    const QDateTime plusTwo = QDateTime::fromString(QStringLiteral("2024-05-01T14:00:00.5+02:00"), Qt::ISODateWithMs);
    QVERIFY(plusTwo.isValid());
    const qint64 id = record(journal, intentFor(changeFor(ChangeOp::AddRole), plusTwo));
    JournalIntent now = intentFor(changeFor(ChangeOp::AddRole), QDateTime());
    QVERIFY(record(journal, now) > id); // no time given: the journal's clock

    RawConnection raw(journalPath());
    const QStringList stored = raw.column(QStringLiteral("SELECT at FROM intents ORDER BY id"));
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.first(), QStringLiteral("2024-05-01T12:00:00.500Z"));
    static const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(iso.match(stored.last()).hasMatch(), qPrintable(stored.last()));
}

void TestAuditJournal::updateAndDeleteRefusedByDatabase_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("update intent") << QStringLiteral("UPDATE intents SET connection = 'forged'");
    QTest::newRow("update intent body") << QStringLiteral("UPDATE intents SET body = x'00' WHERE id = 1");
    QTest::newRow("delete intent") << QStringLiteral("DELETE FROM intents");
    QTest::newRow("update outcome") << QStringLiteral("UPDATE outcomes SET result = 'done'");
    QTest::newRow("delete outcome") << QStringLiteral("DELETE FROM outcomes WHERE id = 1");
    QTest::newRow("update verification") << QStringLiteral("UPDATE verifications SET verified = 1");
    QTest::newRow("delete verification") << QStringLiteral("DELETE FROM verifications");
    QTest::newRow("update schema version") << QStringLiteral("UPDATE schema_version SET version = 0");
    QTest::newRow("delete schema version") << QStringLiteral("DELETE FROM schema_version");
    QTest::newRow("replace schema version")
        << QStringLiteral("INSERT OR REPLACE INTO schema_version (rowid, version, at) SELECT rowid, 0, at FROM "
                          "schema_version");
    QTest::newRow("replace outcome") << QStringLiteral("REPLACE INTO outcomes (id, intent_id, at, result, "
                                                       "http_status, detail, request_id) SELECT id, intent_id, at, "
                                                       "'done', 204, '', '' FROM outcomes");
    QTest::newRow("upsert verification") << QStringLiteral(
        "INSERT INTO verifications (id, intent_id, at, verified, detail) SELECT id, intent_id, at, "
        "1, 'forged' FROM verifications WHERE true ON CONFLICT(id) DO UPDATE SET verified = 1");
    QTest::newRow("replace intent") << QStringLiteral("INSERT OR REPLACE INTO intents (id, at, os_user, token_owner, "
                                                      "connection, scim_base, op, object_kind, object_id, object_name, "
                                                      "value, member_name, member_kind, method, path, body, batch) "
                                                      "SELECT id, at, os_user, 'forged', connection, scim_base, op, "
                                                      "object_kind, object_id, object_name, value, member_name, "
                                                      "member_kind, method, path, body, batch FROM intents");
}

void TestAuditJournal::updateAndDeleteRefusedByDatabase()
{
    QFETCH(QString, sql);
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    const qint64 id = record(journal, intentFor(changeFor(ChangeOp::RemoveRole)));
    QVERIFY(journal.recordOutcome(outcomeFor(id, ChangeResult::Failed, 400), &error));
    QVERIFY(journal.recordVerification({id, kT0.addSecs(3), false, QStringLiteral("still there")}, &error));

    const QString dump = QStringLiteral("SELECT group_concat(x, '|') FROM (SELECT quote(id) || at || connection || "
                                        "token_owner || quote(body) AS x FROM intents UNION ALL SELECT result || "
                                        "http_status FROM outcomes UNION ALL SELECT verified || detail FROM "
                                        "verifications UNION ALL SELECT version FROM schema_version)");
    RawConnection raw(journalPath());
    const QString before = raw.scalar(dump).toString();
    QVERIFY(!before.isEmpty());

    const QString failure = raw.exec(sql);
    QVERIFY2(!failure.isEmpty(), "the database accepted an edit of the journal");
    QVERIFY2(failure.contains(QLatin1String("append-only")), qPrintable(failure));
    QCOMPARE(raw.scalar(dump).toString(), before);

    const std::optional<JournalEntry> entry = journal.entry(id, &error);
    QVERIFY2(entry, qPrintable(error));
    QCOMPARE(entry->intent.connection, QStringLiteral("prod"));
    QCOMPARE(entry->outcome->result, ChangeResult::Failed);
}

void TestAuditJournal::walModeIsOn()
{
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    QVERIFY(record(journal, intentFor(changeFor(ChangeOp::Deactivate))) > 0);

    // WAL is a property of the file: any other connection sees it.
    RawConnection raw(journalPath());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QVERIFY(QFile::exists(journalPath() + QStringLiteral("-wal")));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 1);
    QCOMPARE(raw.column(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'")).size(), 12);
}

void TestAuditJournal::filesAreTheUsersAlone()
{
    // Whatever the umask (a shared machine's 022 included): a new folder 0700, the journal and its -wal and -shm
    // 0600.
    const mode_t before = ::umask(022);
    const auto restore = qScopeGuard([before] { ::umask(before); });
    const QString folder = m_dir->filePath(QStringLiteral("new/folder"));
    const QString path = folder + QStringLiteral("/audit.sqlite");
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(path, &error), qPrintable(error));
    QVERIFY(record(journal, intentFor(changeFor(ChangeOp::Deactivate))) > 0);
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    QCOMPARE(QFileInfo(folder).permissions() & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser),
             ownerOnly | QFile::ExeOwner);
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QVERIFY2(QFile::exists(path + suffix), qPrintable(suffix));
        QCOMPARE(QFileInfo(path + suffix).permissions() & ~(QFile::ReadUser | QFile::WriteUser), ownerOnly);
    }
}

void TestAuditJournal::filters_data()
{
    QTest::addColumn<JournalFilter>("filter");
    QTest::addColumn<QList<int>>("expected"); // indexes of the intents recorded below, newest first

    // Recorded: 0 prod remove-role done @t0; 1 prod remove-member failed @t0+1h; 2 staging deactivate (no outcome)
    // @t0+2h; 3 staging add-role already-absent @t0+3h; 4 prod add-entitlement unknown @t0+4h.
    QTest::newRow("everything, newest first") << JournalFilter{} << QList<int>{4, 3, 2, 1, 0};
    JournalFilter from;
    from.from = kT0.addSecs(3600 * 2);
    QTest::newRow("from is inclusive") << from << QList<int>{4, 3, 2};
    JournalFilter to;
    to.to = kT0.addSecs(3600 * 2);
    QTest::newRow("to is exclusive") << to << QList<int>{1, 0};
    JournalFilter window;
    window.from = kT0.addSecs(3600);
    window.to = kT0.addSecs(3600 * 4);
    QTest::newRow("window") << window << QList<int>{3, 2, 1};
    JournalFilter connection;
    connection.connection = QStringLiteral("STAGING");
    QTest::newRow("connection, any case") << connection << QList<int>{3, 2};
    JournalFilter done;
    done.result = ChangeResult::Done;
    QTest::newRow("done") << done << QList<int>{0};
    JournalFilter unknown;
    unknown.result = ChangeResult::Unknown;
    QTest::newRow("unknown: no outcome or a lost answer") << unknown << QList<int>{4, 2};
    JournalFilter absent;
    absent.result = ChangeResult::AlreadyInState;
    QTest::newRow("already absent") << absent << QList<int>{3};
    JournalFilter failed;
    failed.result = ChangeResult::Failed;
    QTest::newRow("failed") << failed << QList<int>{1};
    JournalFilter text;
    text.text = QStringLiteral("ANA@acme");
    QTest::newRow("text: member name") << text << QList<int>{1};
    JournalFilter words;
    words.text = QStringLiteral("deactivate");
    QTest::newRow("text: the change's words") << words << QList<int>{2};
    JournalFilter value;
    value.text = QStringLiteral("pii-read");
    QTest::newRow("text: role value") << value << QList<int>{3, 0};
    JournalFilter limit;
    limit.limit = 2;
    QTest::newRow("limit") << limit << QList<int>{4, 3};
    JournalFilter limitAfterFilter;
    limitAfterFilter.connection = QStringLiteral("prod");
    limitAfterFilter.text = QStringLiteral("acme");
    limitAfterFilter.limit = 1;
    QTest::newRow("limit applies after text") << limitAfterFilter << QList<int>{1};
    JournalFilter none;
    none.connection = QStringLiteral("nowhere");
    QTest::newRow("nothing matches") << none << QList<int>{};
}

void TestAuditJournal::filters()
{
    QFETCH(JournalFilter, filter);
    QFETCH(QList<int>, expected);
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));

    struct Row
    {
        ChangeOp op;
        QString connection;
        std::optional<ChangeResult> result;
    };
    const QList<Row> rows{{ChangeOp::RemoveRole, QStringLiteral("prod"), ChangeResult::Done},
                          {ChangeOp::RemoveMember, QStringLiteral("prod"), ChangeResult::Failed},
                          {ChangeOp::Deactivate, QStringLiteral("staging"), std::nullopt},
                          {ChangeOp::AddRole, QStringLiteral("staging"), ChangeResult::AlreadyInState},
                          {ChangeOp::AddEntitlement, QStringLiteral("prod"), ChangeResult::Unknown}};
    QList<qint64> ids;
    for (int i = 0; i < rows.size(); ++i) {
        const qint64 id = record(journal, intentFor(changeFor(rows[i].op), kT0.addSecs(3600 * i), rows[i].connection));
        QVERIFY(id > 0);
        ids.append(id);
        if (rows[i].result)
            QVERIFY2(journal.recordOutcome(outcomeFor(id, *rows[i].result), &error), qPrintable(error));
    }

    const QList<JournalEntry> entries = journal.entries(filter, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QList<int> got;
    for (const JournalEntry& entry : entries)
        got.append(int(ids.indexOf(entry.intent.id)));
    QCOMPARE(got, expected);
}

void TestAuditJournal::undoLinkAndCanUndo_data()
{
    using R = std::optional<ChangeResult>;
    using V = std::optional<bool>;
    QTest::addColumn<R>("originalResult");
    QTest::addColumn<V>("originalVerified");
    QTest::addColumn<R>("undoResult"); // the undo is recorded only when this or undoVerified is set
    QTest::addColumn<V>("undoVerified");
    QTest::addColumn<bool>("canUndo");
    QTest::addColumn<bool>("linked"); // undoneBy names the undo

    QTest::newRow("done") << R(ChangeResult::Done) << V() << R() << V() << true << false;
    QTest::newRow("failed") << R(ChangeResult::Failed) << V() << R() << V() << false << false;
    QTest::newRow("already absent") << R(ChangeResult::AlreadyInState) << V() << R() << V() << false << false;
    QTest::newRow("no outcome") << R() << V() << R() << V() << false << false;
    QTest::newRow("no outcome, verified") << R() << V(true) << R() << V() << true << false;
    QTest::newRow("unknown, verified") << R(ChangeResult::Unknown) << V(true) << R() << V() << true << false;
    QTest::newRow("unknown, re-read says no") << R(ChangeResult::Unknown) << V(false) << R() << V() << false << false;
    QTest::newRow("failed, verified anyway") << R(ChangeResult::Failed) << V(true) << R() << V() << false << false;
    QTest::newRow("undo done") << R(ChangeResult::Done) << V() << R(ChangeResult::Done) << V() << false << true;
    QTest::newRow("undo already absent") << R(ChangeResult::Done) << V() << R(ChangeResult::AlreadyInState) << V()
                                         << false << true;
    QTest::newRow("undo failed: may retry")
        << R(ChangeResult::Done) << V() << R(ChangeResult::Failed) << V() << true << false;
    QTest::newRow("undo unanswered: may retry")
        << R(ChangeResult::Done) << V() << R(ChangeResult::Unknown) << V() << true << false;
    QTest::newRow("undo unanswered, verified")
        << R(ChangeResult::Done) << V() << R(ChangeResult::Unknown) << V(true) << false << true;
}

void TestAuditJournal::undoLinkAndCanUndo()
{
    QFETCH(std::optional<ChangeResult>, originalResult);
    QFETCH(std::optional<bool>, originalVerified);
    QFETCH(std::optional<ChangeResult>, undoResult);
    QFETCH(std::optional<bool>, undoVerified);
    QFETCH(bool, canUndo);
    QFETCH(bool, linked);

    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    const Change change = changeFor(ChangeOp::RemoveMember);
    const qint64 original = record(journal, intentFor(change));
    QVERIFY(original > 0);
    if (originalResult)
        QVERIFY(journal.recordOutcome(outcomeFor(original, *originalResult), &error));
    if (originalVerified)
        QVERIFY(journal.recordVerification({original, kT0.addSecs(2), *originalVerified, {}}, &error));

    qint64 undo = 0;
    if (undoResult || undoVerified) {
        JournalIntent intent = intentFor(change.inverse(), kT0.addSecs(60));
        intent.undoOf = original;
        undo = record(journal, intent);
        QVERIFY(undo > original);
        if (undoResult)
            QVERIFY(journal.recordOutcome(outcomeFor(undo, *undoResult), &error));
        if (undoVerified)
            QVERIFY(journal.recordVerification({undo, kT0.addSecs(62), *undoVerified, {}}, &error));
    }

    const std::optional<JournalEntry> entry = journal.entry(original, &error);
    QVERIFY2(entry, qPrintable(error));
    QCOMPARE(entry->canUndo(), canUndo);
    QCOMPARE(entry->undoneBy, linked ? QList<qint64>{undo} : QList<qint64>{});
    if (undo) {
        const std::optional<JournalEntry> undoEntry = journal.entry(undo, &error);
        QVERIFY2(undoEntry, qPrintable(error));
        QCOMPARE(undoEntry->intent.undoOf, original);
        QCOMPARE(undoEntry->intent.change, change.inverse());
        // The same through entries(), which loads everything at once.
        const QList<JournalEntry> all = journal.entries({}, &error);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.last().intent.id, original);
        QCOMPARE(all.last().canUndo(), canUndo);
        QCOMPARE(all.last().undoneBy, entry->undoneBy);
    }
}

void TestAuditJournal::outcomeForUnknownIntentRefused()
{
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    QVERIFY(!journal.recordOutcome(outcomeFor(77, ChangeResult::Done), &error));
    QVERIFY2(error.contains(journalPath()), qPrintable(error));
    QVERIFY(!journal.recordVerification({77, kT0, true, {}}, &error));
    JournalIntent undo = intentFor(changeFor(ChangeOp::AddRole));
    undo.undoOf = 77;
    QVERIFY(journal.recordIntent(undo, &error) == 0);
    QVERIFY2(error.contains(QLatin1String("FOREIGN KEY")), qPrintable(error));
    QVERIFY(journal.entries({}, &error).isEmpty());
}

void TestAuditJournal::openErrors_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QByteArray>("contents"); // written to relativePath first, unless empty
    QTest::addColumn<QString>("reason");

    QTest::newRow("not a database")
        << QStringLiteral("audit.sqlite")
        << QByteArray("this is a text file, long enough to have a header page\n").repeated(20)
        << QStringLiteral("not a database");
    // A folder that cannot be created: its parent is a file (works as root too, unlike chmod).
    QTest::newRow("folder cannot be created")
        << QStringLiteral("blocker/journal/audit.sqlite") << QByteArray() << QStringLiteral("cannot be created");
    QTest::newRow("a folder, not a file")
        << QStringLiteral("folder.sqlite") << QByteArray() << QStringLiteral("not a file");
}

void TestAuditJournal::openErrors()
{
    QFETCH(QString, relativePath);
    QFETCH(QByteArray, contents);
    QFETCH(QString, reason);

    QFile blocker(m_dir->filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("folder.sqlite")));
    const QString path = m_dir->filePath(relativePath);
    if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }

    AuditJournal journal;
    QString error;
    QVERIFY(!journal.open(path, &error));
    QVERIFY(!journal.isOpen());
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(error.endsWith(QLatin1Char('.')), qPrintable(error));
    QVERIFY(journal.recordIntent(intentFor(changeFor(ChangeOp::AddRole)), &error) == 0);
    if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), contents); // refused, not "repaired"
    }
}

void TestAuditJournal::newerSchemaRefused()
{
    {
        AuditJournal journal;
        QString error;
        QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
        QVERIFY(record(journal, intentFor(changeFor(ChangeOp::AddRole))) > 0);
    }
    {
        // A later Scimitar appends its version row (the table is append-only too).
        RawConnection raw(journalPath());
        QCOMPARE(raw.exec(QStringLiteral("INSERT INTO schema_version (version, at) VALUES (2, 'later')")), QString());
    }
    AuditJournal journal;
    QString error;
    QVERIFY(!journal.open(journalPath(), &error));
    QVERIFY2(error.contains(journalPath()), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("newer Scimitar")), qPrintable(error));

    // Someone else's SQLite database is not taken over either.
    const QString foreign = m_dir->filePath(QStringLiteral("other.sqlite"));
    {
        RawConnection raw(foreign);
        QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE notes (text TEXT)")), QString());
    }
    QVERIFY(!journal.open(foreign, &error));
    QVERIFY2(error.contains(foreign) && error.contains(QLatin1String("not a Scimitar audit journal")),
             qPrintable(error));
}

void TestAuditJournal::notOpenRefusesWrites()
{
    AuditJournal journal;
    QString error;
    QVERIFY(!journal.isOpen());
    QCOMPARE(journal.recordIntent(intentFor(changeFor(ChangeOp::AddRole)), &error), 0);
    QVERIFY(!error.isEmpty());
    QVERIFY(!journal.recordOutcome(outcomeFor(1, ChangeResult::Done), &error));
    QVERIFY(journal.entries({}, &error).isEmpty());
    QVERIFY(!journal.open(QString(), &error));
}

void TestAuditJournal::secondInstanceSeesCommittedRows()
{
    AuditJournal first;
    AuditJournal second;
    QString error;
    QVERIFY2(first.open(journalPath(), &error), qPrintable(error));
    QVERIFY2(second.open(journalPath(), &error), qPrintable(error));

    const qint64 id = record(first, intentFor(changeFor(ChangeOp::RemoveRole)));
    QCOMPARE(second.entries({}, &error).size(), 1);
    QVERIFY(!second.entry(id, &error)->outcome);

    QVERIFY(second.recordOutcome(outcomeFor(id, ChangeResult::Done, 204), &error));
    const std::optional<JournalEntry> seen = first.entry(id, &error);
    QVERIFY2(seen && seen->outcome, qPrintable(error));
    QCOMPARE(seen->outcome->httpStatus, 204);
}

void TestAuditJournal::openForReading_data()
{
    QTest::addColumn<QByteArray>("setup"); // what is at the path before: journal, missing, zero-bytes, newer,
                                           // foreign, garbage
    QTest::addColumn<int>("entries");      // -1: the open fails
    QTest::addColumn<QString>("reason");   // a part of the error

    QTest::newRow("a journal") << QByteArray("journal") << 1 << QString();
    QTest::newRow("missing: not created") << QByteArray("missing") << -1 << QStringLiteral("There is no audit journal");
    QTest::newRow("zero bytes: empty") << QByteArray("zero-bytes") << 0 << QString();
    QTest::newRow("newer schema") << QByteArray("newer") << -1 << QStringLiteral("newer Scimitar");
    QTest::newRow("someone else's database")
        << QByteArray("foreign") << -1 << QStringLiteral("not a Scimitar audit journal");
    QTest::newRow("not a database") << QByteArray("garbage") << -1 << QStringLiteral("not a database");
}

void TestAuditJournal::openForReading()
{
    QFETCH(QByteArray, setup);
    QFETCH(int, entries);
    QFETCH(QString, reason);

    const QString path = journalPath();
    if (setup == "journal" || setup == "newer") {
        AuditJournal writer;
        QString error;
        QVERIFY2(writer.open(path, &error), qPrintable(error));
        QVERIFY(record(writer, intentFor(changeFor(ChangeOp::RemoveRole))) > 0);
    }
    if (setup == "newer") {
        RawConnection raw(path);
        QCOMPARE(raw.exec(QStringLiteral("INSERT INTO schema_version (version, at) VALUES (2, 'later')")), QString());
    } else if (setup == "foreign") {
        RawConnection raw(path);
        QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE notes (text TEXT)")), QString());
    } else if (setup == "zero-bytes" || setup == "garbage") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (setup == "garbage")
            file.write(QByteArray("plain text, not SQLite. ").repeated(50));
    }
    QByteArray before;
    if (QFile file(path); file.open(QIODevice::ReadOnly))
        before = file.readAll();

    AuditJournal journal;
    QString error;
    const bool opened = journal.openForReading(path, &error);
    if (entries < 0) {
        QVERIFY(!opened);
        QVERIFY(!journal.isOpen());
        QVERIFY2(error.contains(path) && error.contains(reason), qPrintable(error));
    } else {
        QVERIFY2(opened, qPrintable(error));
        QVERIFY(journal.isReadOnly());
        QCOMPARE(journal.entries({}, &error).size(), entries);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    // Reading never creates, repairs or converts anything.
    if (setup == "missing") {
        QVERIFY(!QFileInfo::exists(path));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll() == before, "reading changed the file");
    }
}

void TestAuditJournal::readerSeesWriterAndRefusesWrites()
{
    AuditJournal writer;
    QString error;
    QVERIFY2(writer.open(journalPath(), &error), qPrintable(error));
    const qint64 id = record(writer, intentFor(changeFor(ChangeOp::RemoveMember)));

    AuditJournal reader;
    QVERIFY2(reader.openForReading(journalPath(), &error), qPrintable(error));
    QCOMPARE(reader.entries({}, &error).size(), 1);
    QVERIFY(writer.recordOutcome(outcomeFor(id, ChangeResult::Done, 204), &error));
    const std::optional<JournalEntry> seen = reader.entry(id, &error);
    QVERIFY2(seen && seen->outcome && seen->outcome->httpStatus == 204, qPrintable(error));

    QCOMPARE(reader.recordIntent(intentFor(changeFor(ChangeOp::AddRole)), &error), 0);
    QVERIFY2(error.contains(QLatin1String("opened for reading only")), qPrintable(error));
    error.clear();
    QVERIFY(!reader.recordOutcome(outcomeFor(id, ChangeResult::Failed), &error));
    QVERIFY2(error.contains(QLatin1String("opened for reading only")), qPrintable(error));
    error.clear();
    QVERIFY(!reader.recordVerification({id, {}, true, QStringLiteral("x")}, &error));
    QVERIFY2(error.contains(QLatin1String("opened for reading only")), qPrintable(error));
    QCOMPARE(writer.entries({}, &error).size(), 1);
}

void TestAuditJournal::anotherThreadWrites()
{
    constexpr int kRows = 20;
    QString threadError;
    const std::unique_ptr<QThread> writer(QThread::create([this, &threadError] {
        AuditJournal journal; // one instance per thread, with its own connection
        if (!journal.open(journalPath(), &threadError))
            return;
        for (int i = 0; i < kRows; ++i) {
            const qint64 id = journal.recordIntent(intentFor(changeFor(ChangeOp::RemoveRole)), &threadError);
            if (id == 0 || !journal.recordOutcome(outcomeFor(id, ChangeResult::Done), &threadError))
                return;
        }
    }));
    AuditJournal reader;
    QString error;
    QVERIFY2(reader.open(journalPath(), &error), qPrintable(error));
    writer->start();
    QVERIFY(writer->wait());
    QVERIFY2(threadError.isEmpty(), qPrintable(threadError));

    const QList<JournalEntry> entries = reader.entries({}, &error);
    QCOMPARE(entries.size(), kRows);
    for (const JournalEntry& entry : entries)
        QCOMPARE(entry.effectiveResult(), ChangeResult::Done);
}

void TestAuditJournal::reopenKeepsEverything()
{
    QString error;
    qint64 original = 0;
    qint64 undo = 0;
    {
        AuditJournal journal;
        QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
        original = record(journal, intentFor(changeFor(ChangeOp::Deactivate)));
        QVERIFY(journal.recordOutcome(outcomeFor(original, ChangeResult::Done, 200), &error));
        JournalIntent intent = intentFor(changeFor(ChangeOp::Reactivate), kT0.addSecs(30));
        intent.undoOf = original;
        undo = record(journal, intent);
        QVERIFY(undo > 0); // crashed before the outcome: only the intent is there
    }
    AuditJournal journal;
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    // Opening the same journal again on the same object closes the old connection first.
    QVERIFY2(journal.open(journalPath(), &error), qPrintable(error));
    const QList<JournalEntry> entries = journal.entries({}, &error);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.first().intent.id, undo);
    QCOMPARE(entries.first().effectiveResult(), ChangeResult::Unknown);
    QCOMPARE(entries.first().intent.undoOf, original);
    QCOMPARE(entries.last().outcome->result, ChangeResult::Done);
    QVERIFY(entries.last().canUndo());

    // New rows continue the ids instead of reusing them.
    const qint64 next = record(journal, intentFor(changeFor(ChangeOp::AddRole)));
    QCOMPARE(next, undo + 1);
}

void TestAuditJournal::createsFolder()
{
    const QString path = m_dir->filePath(QStringLiteral("deep/er/audit.sqlite"));
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(path, &error), qPrintable(error));
    QVERIFY(QFile::exists(path));
    QVERIFY(AuditJournal::defaultPath().endsWith(QLatin1String("/audit.sqlite")));
}

// The journal names the account the process runs as, whatever $USER claims; a $USER that says otherwise is kept
// alongside, for the auditor.
void TestAuditJournal::osUserFromEnvironment()
{
#ifdef Q_OS_UNIX
    const passwd* entry = ::getpwuid(::getuid());
    QVERIFY(entry && entry->pw_name);
    const QString account = QString::fromLocal8Bit(entry->pw_name);
    const QByteArray user = qgetenv("USER");
    qputenv("USER", "someone-else");
    QCOMPARE(OsUser::name(), QStringLiteral("%1 (USER=someone-else)").arg(account));
    qputenv("USER", account.toLocal8Bit());
    QCOMPARE(OsUser::name(), account);
    qunsetenv("USER");
    QCOMPARE(OsUser::name(), account);
    if (!user.isNull())
        qputenv("USER", user);
#else
    QVERIFY(!OsUser::name().isEmpty());
#endif
}

// scimitar-cli and the app forbid core dumps before any token is read (ProcessHardening).
void TestAuditJournal::coreDumpsForbidden()
{
    QVERIFY(ProcessHardening::forbidCoreDumps().isEmpty());
    QVERIFY(ProcessHardening::coreDumpsForbidden());
}

QTEST_GUILESS_MAIN(TestAuditJournal)
#include "tst_auditjournal.moc"
