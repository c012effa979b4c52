#include "CliRun.h"
#include "CsvReader.h"
#include "remediation/AuditCsv.h"
#include "remediation/AuditJournal.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <grp.h>
#include <unistd.h>
#endif

using namespace scimitar;
using test::parseCsv;
using test::sortedKeys;
using Run = test::CliRun;

namespace {

const QDateTime kT0(QDate(2024, 5, 1), QTime(12, 0, 0, 250), Qt::UTC);

} // namespace

class TestCliAudit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void table();
    void jsonContract();
    void csv();
    void formatsAgree_data();
    void formatsAgree();
    void filters_data();
    void filters();
    void noMatch();
    void emptyJournal_data();
    void emptyJournal();
    void appJournalByDefault();
    void journalFromEnvironment();
    void errorsExitTwo_data();
    void errorsExitTwo();
    void readOnlyJournal_data();
    void readOnlyJournal();

private:
    QProcessEnvironment environment() const;
    Run run(const QStringList& arguments, const QProcessEnvironment& env) const;
    Run list(const QStringList& extra) const;
    QJsonArray json(const QStringList& extra) const;
    void fill(const QString& path);

    QString m_binary;
    QTemporaryDir m_dir;
    QString m_journal;
    QList<qint64> m_ids; // in recording order (see fill())
};

void TestCliAudit::initTestCase()
{
    m_binary = test::cliBinary();
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home/config")));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home/data")));
    m_journal = m_dir.filePath(QStringLiteral("journal/audit.sqlite"));
    fill(m_journal);
}

// Five entries: 1 prod remove-role done (verified), 2 prod remove-member failed with a formula-like detail,
// 3 staging deactivate never answered, 4 prod add-role undoing 1 (done), 5 staging add-entitlement already absent
// (re-read says not in effect). One hour apart.
void TestCliAudit::fill(const QString& path)
{
    AuditJournal journal;
    QString error;
    QVERIFY2(journal.open(path, &error), qPrintable(error));

    struct Row
    {
        ChangeOp op;
        QString connection;
        std::optional<ChangeResult> result;
        int status;
        QString detail;
        std::optional<bool> verified;
    };
    const QList<Row> rows{
        {ChangeOp::RemoveRole, QStringLiteral("prod"), ChangeResult::Done, 204, {}, true},
        {ChangeOp::RemoveMember, QStringLiteral("prod"), ChangeResult::Failed, 400,
         QStringLiteral("=HYPERLINK(\"http://evil.example\",\"x\")"), std::nullopt},
        {ChangeOp::Deactivate, QStringLiteral("staging"), std::nullopt, 0, {}, std::nullopt},
        {ChangeOp::AddRole, QStringLiteral("prod"), ChangeResult::Done, 204, {}, std::nullopt},
        {ChangeOp::AddEntitlement, QStringLiteral("staging"), ChangeResult::AlreadyInState, 200, {}, false},
    };
    for (int i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        JournalIntent intent;
        intent.at = kT0.addSecs(3600 * i);
        intent.osUser = QStringLiteral("alice");
        intent.tokenOwner = QStringLiteral("admin@acme.example");
        intent.connection = row.connection;
        intent.scimBase = QStringLiteral("http://127.0.0.1:1/api/2.0/preview/scim/v2");
        intent.change.op = row.op;
        intent.change.objectKind = row.op == ChangeOp::RemoveMember ? PrincipalKind::Group : PrincipalKind::User;
        intent.change.objectId = QStringLiteral("10%1").arg(i);
        intent.change.objectName =
            row.op == ChangeOp::RemoveMember ? QStringLiteral("pii-analysts") : QStringLiteral("ana@acme.example");
        if (row.op == ChangeOp::RemoveMember) {
            intent.change.value = QStringLiteral("555");
            intent.change.memberName = QStringLiteral("bo@acme.example");
        } else if (row.op != ChangeOp::Deactivate) {
            intent.change.value = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
        }
        intent.method = QStringLiteral("PATCH");
        intent.path = QStringLiteral("Users/%1").arg(intent.change.objectId);
        intent.body = QByteArrayLiteral("{\"Operations\":[{\"op\":\"remove\"}]}");
        intent.undoOf = row.op == ChangeOp::AddRole ? m_ids.value(0) : 0;
        const qint64 id = journal.recordIntent(intent, &error);
        QVERIFY2(id > 0, qPrintable(error));
        m_ids.append(id);
        if (row.result) {
            JournalOutcome outcome{id, intent.at.addMSecs(300), *row.result, row.status, row.detail, {}};
            if (i == 0)
                outcome.requestId = QStringLiteral("req-1");
            QVERIFY2(journal.recordOutcome(outcome, &error), qPrintable(error));
        }
        if (row.verified)
            QVERIFY2(journal.recordVerification({id, intent.at.addSecs(1), *row.verified,
                                                 *row.verified ? QStringLiteral("role gone on re-read")
                                                               : QStringLiteral("entitlement still absent")},
                                                &error),
                     qPrintable(error));
    }
}

QProcessEnvironment TestCliAudit::environment() const
{
    return test::cliEnvironment(m_dir.filePath(QStringLiteral("home")));
}

Run TestCliAudit::run(const QStringList& arguments, const QProcessEnvironment& env) const
{
    return test::runCli(m_binary, arguments, env);
}

Run TestCliAudit::list(const QStringList& extra) const
{
    return run(QStringList{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--journal"), m_journal} +
                   extra,
               environment());
}

QJsonArray TestCliAudit::json(const QStringList& extra) const
{
    return list(QStringList{QStringLiteral("--output"), QStringLiteral("json")} + extra).jsonArray();
}

void TestCliAudit::table()
{
    const Run result = list({});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
    const QString out = QString::fromUtf8(result.out);
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.first().startsWith(QLatin1String("#")), qPrintable(out));
    QVERIFY2(lines.first().contains(QLatin1String("RESULT")), qPrintable(out));
    // Newest first: entry 5 is the first data row (after the header and the rule).
    QVERIFY2(lines.at(2).startsWith(QString::number(m_ids.at(4))), qPrintable(out));
    for (const QString& expected :
         {QStringLiteral("2024-05-01 12:00:00Z"), QStringLiteral("Deactivate ana@acme.example"),
          QStringLiteral("Remove bo@acme.example from group"), QStringLiteral("unknown — verify"),
          QStringLiteral("failed (HTTP 400)"), QStringLiteral("already absent"),
          QStringLiteral("undo of #%1").arg(m_ids.at(0)), QStringLiteral("undone by #%1").arg(m_ids.at(3)),
          QStringLiteral("admin@acme.example"), QStringLiteral("1 of these never got an answer")})
        QVERIFY2(out.contains(expected), qPrintable(expected + QStringLiteral(" missing in\n") + out));
}

void TestCliAudit::jsonContract()
{
    const QJsonArray array = json({});
    QCOMPARE(array.size(), 5);
    const QStringList stable{QStringLiteral("at"),         QStringLiteral("connection"),
                             QStringLiteral("detail"),     QStringLiteral("httpStatus"),
                             QStringLiteral("id"),         QStringLiteral("op"),
                             QStringLiteral("osUser"),     QStringLiteral("principal"),
                             QStringLiteral("request"),    QStringLiteral("requestId"),
                             QStringLiteral("result"),     QStringLiteral("target"),
                             QStringLiteral("tokenOwner"), QStringLiteral("undoOf"),
                             QStringLiteral("undoneBy"),   QStringLiteral("verificationDetail"),
                             QStringLiteral("verified")};
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        for (const QString& key : stable)
            QVERIFY2(object.contains(key), qPrintable(key));
        QCOMPARE(sortedKeys(object.value(QLatin1String("principal")).toObject()),
                 (QStringList{QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("name")}));
        QCOMPARE(sortedKeys(object.value(QLatin1String("request")).toObject()),
                 (QStringList{QStringLiteral("body"), QStringLiteral("method"), QStringLiteral("path")}));
        QVERIFY(object.value(QLatin1String("request")).toObject().value(QLatin1String("body")).isObject());
        QVERIFY(object.value(QLatin1String("undoneBy")).isArray());
    }

    // Newest first.
    QList<qint64> ids;
    for (const QJsonValue& value : array)
        ids.append(value.toObject().value(QLatin1String("id")).toInteger());
    QCOMPARE(ids, (QList<qint64>{m_ids[4], m_ids[3], m_ids[2], m_ids[1], m_ids[0]}));

    const QJsonObject removeRole = array.at(4).toObject();
    QCOMPARE(removeRole.value(QLatin1String("at")).toString(), QStringLiteral("2024-05-01T12:00:00.250Z"));
    QCOMPARE(removeRole.value(QLatin1String("op")).toString(), QStringLiteral("remove-role"));
    QCOMPARE(removeRole.value(QLatin1String("target")).toString(),
             QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read"));
    QCOMPARE(removeRole.value(QLatin1String("osUser")).toString(), QStringLiteral("alice"));
    QCOMPARE(removeRole.value(QLatin1String("tokenOwner")).toString(), QStringLiteral("admin@acme.example"));
    QCOMPARE(removeRole.value(QLatin1String("result")).toString(), QStringLiteral("done"));
    QCOMPARE(removeRole.value(QLatin1String("httpStatus")).toInt(), 204);
    QCOMPARE(removeRole.value(QLatin1String("requestId")).toString(), QStringLiteral("req-1"));
    QCOMPARE(removeRole.value(QLatin1String("verified")), QJsonValue(true));
    QCOMPARE(removeRole.value(QLatin1String("verificationDetail")).toString(), QStringLiteral("role gone on re-read"));
    QVERIFY(removeRole.value(QLatin1String("undoOf")).isNull());
    QCOMPARE(removeRole.value(QLatin1String("undoneBy")).toArray(), QJsonArray{m_ids[3]});
    QCOMPARE(removeRole.value(QLatin1String("request")).toObject().value(QLatin1String("method")).toString(),
             QStringLiteral("PATCH"));

    const QJsonObject member = array.at(3).toObject();
    QCOMPARE(member.value(QLatin1String("target")).toString(), QStringLiteral("pii-analysts"));
    QCOMPARE(member.value(QLatin1String("principal")).toObject(),
             (QJsonObject{{QStringLiteral("id"), QStringLiteral("555")},
                          {QStringLiteral("name"), QStringLiteral("bo@acme.example")},
                          {QStringLiteral("kind"), QStringLiteral("user")}}));
    QCOMPARE(member.value(QLatin1String("result")).toString(), QStringLiteral("failed"));
    QVERIFY(member.value(QLatin1String("requestId")).isNull());
    QVERIFY(member.value(QLatin1String("verified")).isNull());

    const QJsonObject unanswered = array.at(2).toObject();
    QCOMPARE(unanswered.value(QLatin1String("result")).toString(), QStringLiteral("unknown"));
    QVERIFY(unanswered.value(QLatin1String("httpStatus")).isNull());
    QVERIFY(unanswered.value(QLatin1String("detail")).isNull());

    const QJsonObject undo = array.at(1).toObject();
    QCOMPARE(undo.value(QLatin1String("undoOf")).toInteger(), m_ids[0]);
    QCOMPARE(array.at(0).toObject().value(QLatin1String("verified")), QJsonValue(false));
    QCOMPARE(array.at(0).toObject().value(QLatin1String("result")).toString(), QStringLiteral("already-absent"));
}

void TestCliAudit::csv()
{
    const Run result = list({QStringLiteral("-o"), QStringLiteral("csv")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(result.out));
    QCOMPARE(rows.size(), 6);
    QCOMPARE(rows.first(), AuditCsv::columns());
    const int detail = int(AuditCsv::columns().indexOf(QStringLiteral("detail")));
    const int verified = int(AuditCsv::columns().indexOf(QStringLiteral("verified")));
    // The formula-like server detail arrives as text, not as a formula.
    QCOMPARE(rows.at(4).at(detail), QStringLiteral("'=HYPERLINK(\"http://evil.example\",\"x\")"));
    QCOMPARE(rows.at(5).at(verified), QStringLiteral("true"));
    QCOMPARE(rows.at(1).at(verified), QStringLiteral("false"));
    QCOMPARE(rows.at(3).at(verified), QString());
}

void TestCliAudit::formatsAgree_data()
{
    QTest::addColumn<QStringList>("filter");
    QTest::newRow("all") << QStringList{};
    QTest::newRow("prod") << QStringList{QStringLiteral("--connection"), QStringLiteral("prod")};
    QTest::newRow("unknown") << QStringList{QStringLiteral("--result"), QStringLiteral("unknown")};
}

// The same entries in the same order, whichever format.
void TestCliAudit::formatsAgree()
{
    QFETCH(QStringList, filter);
    QStringList fromJson;
    for (const QJsonValue& value : json(filter))
        fromJson.append(QString::number(value.toObject().value(QLatin1String("id")).toInteger()));

    const Run csvRun = list(QStringList{QStringLiteral("-o"), QStringLiteral("csv")} + filter);
    QVERIFY2(csvRun.exitCode == 0, qPrintable(csvRun.describe()));
    QStringList fromCsv;
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csvRun.out));
    for (qsizetype i = 1; i < rows.size(); ++i)
        fromCsv.append(rows.at(i).first());

    const Run tableRun = list(filter);
    QVERIFY2(tableRun.exitCode == 0, qPrintable(tableRun.describe()));
    QStringList fromTable;
    const QStringList lines = QString::fromUtf8(tableRun.out).split(QLatin1Char('\n'));
    for (qsizetype i = 2; i < lines.size() && !lines.at(i).isEmpty(); ++i)
        fromTable.append(lines.at(i).section(QLatin1Char(' '), 0, 0));

    QVERIFY(!fromJson.isEmpty());
    QCOMPARE(fromCsv, fromJson);
    QCOMPARE(fromTable, fromJson);
}

void TestCliAudit::filters_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QList<int>>("expected"); // indexes into m_ids, newest first

    QTest::newRow("connection") << QStringList{QStringLiteral("--connection"), QStringLiteral("Staging")}
                                << QList<int>{4, 2};
    QTest::newRow("since a time") << QStringList{QStringLiteral("--since"), QStringLiteral("2024-05-01T14:00:00Z")}
                                  << QList<int>{4, 3, 2};
    QTest::newRow("since a time without offset is UTC")
        << QStringList{QStringLiteral("--since"), QStringLiteral("2024-05-01T14:00:00.251")} << QList<int>{4, 3};
    QTest::newRow("since an offset time")
        << QStringList{QStringLiteral("--since"), QStringLiteral("2024-05-01T17:00:00+02:00")} << QList<int>{4, 3};
    QTest::newRow("since a date") << QStringList{QStringLiteral("--since"), QStringLiteral("2024-05-01")}
                                  << QList<int>{4, 3, 2, 1, 0};
    QTest::newRow("since the next day") << QStringList{QStringLiteral("--since"), QStringLiteral("2024-05-02")}
                                        << QList<int>{};
    QTest::newRow("done") << QStringList{QStringLiteral("--result"), QStringLiteral("done")} << QList<int>{3, 0};
    QTest::newRow("already-absent") << QStringList{QStringLiteral("--result"), QStringLiteral("already-absent")}
                                    << QList<int>{4};
    QTest::newRow("failed") << QStringList{QStringLiteral("--result"), QStringLiteral("failed")} << QList<int>{1};
    QTest::newRow("unknown") << QStringList{QStringLiteral("--result"), QStringLiteral("unknown")} << QList<int>{2};
    QTest::newRow("limit") << QStringList{QStringLiteral("--limit"), QStringLiteral("2")} << QList<int>{4, 3};
    QTest::newRow("all together") << QStringList{QStringLiteral("--connection"), QStringLiteral("prod"),
                                                 QStringLiteral("--result"),     QStringLiteral("done"),
                                                 QStringLiteral("--limit"),      QStringLiteral("1")}
                                  << QList<int>{3};
}

void TestCliAudit::filters()
{
    QFETCH(QStringList, arguments);
    QFETCH(QList<int>, expected);
    const QJsonArray array = json(arguments);
    QList<int> got;
    for (const QJsonValue& value : array)
        got.append(int(m_ids.indexOf(value.toObject().value(QLatin1String("id")).toInteger())));
    QCOMPARE(got, expected);
}

void TestCliAudit::noMatch()
{
    const Run result = list({QStringLiteral("--connection"), QStringLiteral("nowhere")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QString::fromUtf8(result.out),
             QStringLiteral("No entry of the audit journal %1 matches the filters.\n").arg(m_journal));
}

void TestCliAudit::emptyJournal_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("table") << QStringLiteral("table") << QByteArray("is empty");
    QTest::newRow("json") << QStringLiteral("json") << QByteArray("[\n]\n");
    QTest::newRow("csv") << QStringLiteral("csv") << (AuditCsv::write({}).toUtf8());
}

void TestCliAudit::emptyJournal()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, expected);
    const QString empty = m_dir.filePath(QStringLiteral("empty/audit.sqlite"));
    {
        AuditJournal journal;
        QString error;
        QVERIFY2(journal.open(empty, &error), qPrintable(error));
    }
    // Once a file with no entries, once the app's journal that was never created (listing must not create it).
    QProcessEnvironment withoutJournal = environment();
    withoutJournal.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("nothing-here")));
    const QList<Run> runs{
        run({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--journal"), empty, QStringLiteral("-o"),
             format},
            environment()),
        run({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("-o"), format}, withoutJournal)};
    for (const Run& result : runs) {
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
        if (format == QLatin1String("table"))
            QVERIFY2(result.out.contains(expected) && result.out.contains("audit.sqlite"),
                     qPrintable(result.describe()));
        else
            QCOMPARE(result.out, expected);
    }
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("nothing-here"))));
}

// Without --journal the CLI reads the desktop app's journal: <XDG_DATA_HOME>/Scimitar/Scimitar/audit.sqlite.
void TestCliAudit::appJournalByDefault()
{
    const QString dataHome = m_dir.filePath(QStringLiteral("app-data"));
    const QString appJournal = dataHome + QStringLiteral("/Scimitar/Scimitar/audit.sqlite");
    QVERIFY(QDir().mkpath(QFileInfo(appJournal).path()));
    QVERIFY(QFile::copy(m_journal, appJournal)); // WAL checkpointed on close: the main file has everything
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    const Run result =
        run({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("-o"), QStringLiteral("json")}, env);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), 5);
}

void TestCliAudit::journalFromEnvironment()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("SCIMITAR_AUDIT_JOURNAL"), m_journal);
    const Run result = run({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--output"),
                            QStringLiteral("json"), QStringLiteral("--limit"), QStringLiteral("1")},
                           env);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), 1);

    // --journal wins over the variable.
    env.insert(QStringLiteral("SCIMITAR_AUDIT_JOURNAL"), m_dir.filePath(QStringLiteral("missing.sqlite")));
    const Run named =
        run({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--journal"), m_journal}, env);
    QVERIFY2(named.exitCode == 0, qPrintable(named.describe()));
}

void TestCliAudit::errorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message"); // a part of the one stderr line; %1 is the temporary folder

    QTest::newRow("not a database") << QStringList{QStringLiteral("--journal"), QStringLiteral("%1/garbage.sqlite")}
                                    << QStringLiteral("%1/garbage.sqlite cannot be read: file is not a database.");
    QTest::newRow("missing named journal")
        << QStringList{QStringLiteral("--journal"), QStringLiteral("%1/missing.sqlite")}
        << QStringLiteral("There is no audit journal at %1/missing.sqlite.");
    QTest::newRow("a folder") << QStringList{QStringLiteral("--journal"), QStringLiteral("%1/home")}
                              << QStringLiteral("%1/home cannot be read: it is not a file.");
    QTest::newRow("bad since") << QStringList{QStringLiteral("--since"), QStringLiteral("last week")}
                               << QStringLiteral("--since needs an ISO 8601 date");
    QTest::newRow("bad result") << QStringList{QStringLiteral("--result"), QStringLiteral("ok")}
                                << QStringLiteral("--result must be one of done, already-absent, failed, unknown");
    QTest::newRow("bad limit") << QStringList{QStringLiteral("--limit"), QStringLiteral("0")}
                               << QStringLiteral("--limit needs a positive number");
    QTest::newRow("profile") << QStringList{QStringLiteral("--profile"), QStringLiteral("prod")}
                             << QStringLiteral("--profile does not apply to 'audit list'");
    QTest::newRow("journal options elsewhere")
        << QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("3")}
        << QStringLiteral("only apply to 'audit list', not to 'users list'");
}

void TestCliAudit::errorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFile garbage(m_dir.filePath(QStringLiteral("garbage.sqlite")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray("not SQLite at all, just text. ").repeated(40));
    garbage.close();

    const QString folder = QStringLiteral("%1");
    for (QString& argument : arguments)
        argument.replace(folder, m_dir.path());
    if (arguments.first() != QLatin1String("users"))
        arguments = QStringList{QStringLiteral("audit"), QStringLiteral("list")} + arguments;
    const Run result = run(arguments, environment());
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.errLines().first().startsWith(QLatin1String("scimitar-cli: ")), qPrintable(result.describe()));
    QVERIFY2(result.errLines().first().contains(QString(message).replace(folder, m_dir.path())),
             qPrintable(result.describe()));
}

void TestCliAudit::readOnlyJournal_data()
{
    QTest::addColumn<bool>("folderWritable");
    // The file alone read-only: SQLite may still put its -shm index next to it.
    QTest::newRow("read-only file") << true;
    // The folder too (a copy on a read-only share, an auditor's account): no -shm can be created, nothing written.
    QTest::newRow("read-only file in a read-only folder") << false;
}

// An auditor lists a journal they may only read: it is listed in full, and the file is left exactly as it was.
void TestCliAudit::readOnlyJournal()
{
#ifndef Q_OS_UNIX
    QSKIP("file modes are a Unix matter");
#else
    QFETCH(bool, folderWritable);
    QTemporaryDir shared;
    QVERIFY(shared.isValid());
    const QString folder = shared.filePath(QStringLiteral("journal"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/audit.sqlite");
    QVERIFY(QFile::copy(m_journal, path)); // checkpointed on close: the main file has everything
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    const QFileDevice::Permissions traversable =
        readable | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    QVERIFY(QFile::setPermissions(path, readable));
    QVERIFY(QFile::setPermissions(folder, folderWritable ? traversable | QFileDevice::WriteOwner |
                                                               QFileDevice::WriteGroup | QFileDevice::WriteOther
                                                         : traversable));
    QVERIFY(QFile::setPermissions(shared.path(), traversable));
    auto restore = qScopeGuard([&] {
        QFile::setPermissions(folder, traversable | QFileDevice::WriteOwner);
        QFile::setPermissions(path, readable | QFileDevice::WriteOwner);
    });

    // Root ignores file modes, so as root the listing runs as "nobody", to whom they apply.
    const bool asRoot = ::geteuid() == 0;
    const std::function<void()> asNobody = [] {
        const gid_t nobodyGroup = 65534;
        if (::setgroups(0, nullptr) != 0 || ::setgid(nobodyGroup) != 0 || ::setuid(65534) != 0)
            ::_exit(99);
    };
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("HOME"), shared.path()); // nobody may not read the test's home
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), shared.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), shared.filePath(QStringLiteral("data")));
    const Run result = test::runCli(m_binary,
                                    {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--journal"), path,
                                     QStringLiteral("-o"), QStringLiteral("json")},
                                    env, 30000, {}, asRoot ? asNobody : std::function<void()>());
    QVERIFY2(result.exitCode != 99, "could not switch to the user nobody");
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.jsonArray().size(), 5);

    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.readAll() == before, "listing changed the journal file");
    if (!folderWritable)
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("audit.sqlite")});
#endif
}

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
