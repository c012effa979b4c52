#include "CliRun.h"
#include "EmulatorHost.h"
#include "connections/ConnectionStore.h"
#include "drift/FindingJson.h"
#include "remediation/AuditJournal.h"
#include "remediation/ChangeVerifier.h"
#include "secrets/SecretScrubber.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <pty.h>
#include <unistd.h>
#endif

using namespace scimitar;
using emulator::Dataset;
using emulator::ResourceKind;
using test::sortedKeys;

Q_DECLARE_METATYPE(scimitar::Finding)

// `scimitar-cli apply` and `audit verify` end to end: the real binary against an in-process emulator, with the
// journal in a temporary folder ($SCIMITAR_AUDIT_JOURNAL).
namespace {

const QString kRole = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kAdminId = QStringLiteral("1000");
const QString kPiiGroup = QStringLiteral("2000");
const QString kAdminsGroup = QStringLiteral("2001");
const QString kUsersGroup = QStringLiteral("2002");
constexpr int kUsers = 30; // ids 1001..1030: no id is a prefix of another, so failPath hits exactly one user

QString userId(int n)
{
    return QString::number(1000 + n);
}

QString userName(int n)
{
    return QStringLiteral("u%1@acme.example").arg(n, 2, 10, QLatin1Char('0'));
}

// The admin (/Me) in admins and users; u01..u30 each holding the role; u01..u05 in pii-analysts and users.
QByteArray dataset()
{
    QJsonArray users{QJsonObject{{"id", kAdminId}, {"userName", "admin@acme.example"}, {"active", true}}};
    for (int n = 1; n <= kUsers; ++n)
        users.append(QJsonObject{{"id", userId(n)},
                                 {"userName", userName(n)},
                                 {"active", true},
                                 {"roles", QJsonArray{QJsonObject{{"value", kRole}}}}});
    QJsonArray members;
    for (int n = 1; n <= 5; ++n)
        members.append(QJsonObject{{"value", userId(n)}});
    QJsonArray everyone = members;
    everyone.append(QJsonObject{{"value", kAdminId}});
    const QJsonArray groups{
        QJsonObject{{"id", kPiiGroup}, {"displayName", "pii-analysts"}, {"members", members}},
        QJsonObject{
            {"id", kAdminsGroup}, {"displayName", "admins"}, {"members", QJsonArray{QJsonObject{{"value", kAdminId}}}}},
        QJsonObject{{"id", kUsersGroup}, {"displayName", "users"}, {"members", everyone}},
    };
    return QJsonDocument(QJsonObject{{"me", "admin@acme.example"},
                                     {"users", users},
                                     {"groups", groups},
                                     {"servicePrincipals", QJsonArray{}}})
        .toJson();
}

Finding base(FindingKind kind, const QString& id, const QString& name)
{
    Finding f;
    f.kind = kind;
    f.severity = severityOf(kind);
    f.principal = {id, name, PrincipalKind::User};
    f.idpGroups = {QStringLiteral("dbx-pii-analysts")};
    f.explanation = QStringLiteral("%1 should not have this.").arg(name);
    f.action.userId = id;
    return f;
}

Finding removeRole(int n)
{
    Finding f = base(FindingKind::RoleWithoutGrant, userId(n), userName(n));
    f.target = kRole;
    f.action.op = ActionOp::RemoveRole;
    f.action.value = kRole;
    return f;
}

// The file's group name is deliberately wrong: the guards must use the server's.
Finding removeMember(const QString& id, const QString& name, const QString& groupId)
{
    Finding f = base(FindingKind::MemberWithoutGrant, id, name);
    f.target = QStringLiteral("harmless-group");
    f.action.op = ActionOp::RemoveMember;
    f.action.groupId = groupId;
    return f;
}

Finding deactivate(const QString& id, const QString& name)
{
    Finding f = base(FindingKind::DeprovisionedActive, id, name);
    f.action.op = ActionOp::Deactivate;
    return f;
}

Finding blocked(int n)
{
    Finding f = removeRole(n);
    f.blockedBy = QStringLiteral("%1 is protected by the policy (protected.users).").arg(userName(n));
    return f;
}

Finding notProvisioned()
{
    Finding f = base(FindingKind::NotProvisioned, QString(), QStringLiteral("new.hire@acme.example"));
    f.principal.id.clear();
    f.action = {};
    f.target = QStringLiteral("pii-analysts");
    return f;
}

QList<Finding> removeRoles(int first, int last)
{
    QList<Finding> findings;
    for (int n = first; n <= last; ++n)
        findings.append(removeRole(n));
    return findings;
}

bool holdsRole(const QJsonObject& user)
{
    for (const QJsonValue& role : user.value(QStringLiteral("roles")).toArray())
        if (role.toObject().value(QStringLiteral("value")).toString() == kRole)
            return true;
    return false;
}

bool isMember(const QJsonObject& group, const QString& id)
{
    for (const QJsonValue& member : group.value(QStringLiteral("members")).toArray())
        if (member.toObject().value(QStringLiteral("value")).toString() == id)
            return true;
    return false;
}

// `apply --output json` prints one array of results.
QJsonArray applyResults(const QByteArray& out)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        qWarning("apply's stdout is not a JSON array: %s", qPrintable(error.errorString()));
    return document.array();
}

// How many results carry each result word.
QHash<QString, int> resultCounts(const QJsonArray& results)
{
    QHash<QString, int> counts;
    for (const QJsonValue& item : results)
        ++counts[item[QStringLiteral("result")].toString()];
    return counts;
}

int patches(const emulator::EmulatorStats& stats)
{
    int count = 0;
    for (const auto& request : stats.requests)
        count += request.method == QLatin1String("PATCH") ? 1 : 0;
    return count;
}

// A journal intent as apply writes one, through the environment connection, for tests that seed the journal.
JournalIntent seededIntent(const QString& scimBase, ChangeOp op, const QString& objectId, const QString& objectName,
                           const QString& value = {})
{
    JournalIntent intent;
    intent.at = QDateTime::currentDateTimeUtc();
    intent.osUser = QStringLiteral("alice");
    intent.tokenOwner = QStringLiteral("admin@acme.example");
    intent.connection = QStringLiteral("Environment (127.0.0.1)");
    intent.scimBase = scimBase;
    intent.change.op = op;
    intent.change.objectId = objectId;
    intent.change.objectName = objectName;
    intent.change.value = value;
    intent.method = QStringLiteral("PATCH");
    intent.path = QStringLiteral("Users/") + objectId;
    intent.body = "{}";
    return intent;
}

} // namespace

class TestCliApply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void appliesAndJournals();
    void rerunIsAlreadyAbsent();
    void oneFailureExitsThree();
    void skippedFindingsAreReported();
    void pageCapsNeverHideAnyone_data();
    void pageCapsNeverHideAnyone();
    void unsendableChangesFail_data();
    void unsendableChangesFail();
    void guardsRefuse_data();
    void guardsRefuse();
    void lockOutIsRefused_data();
    void lockOutIsRefused();
    void systemGroupsNeedAPolicy();
    void repeatedEntriesAreCounted();
    void echoedTokenIsScrubbedEverywhere();
    void pathIdsAreDatabricksIds_data();
    void pathIdsAreDatabricksIds();
    void readOnlyConnectionIsRefused();
    void withoutTerminalNeedsYes_data();
    void withoutTerminalNeedsYes();
    void dryRunSendsAndJournalsNothing();
    void malformedFileExitsTwo_data();
    void malformedFileExitsTwo();
    void jsonShape();
    void confirmationOnTerminal_data();
    void confirmationOnTerminal();
    void killedMidBatchThenVerify();
    void interruptWaitsForTheChangeInFlight();
    void verifySkipsOtherConnections();
    void undoPutsBackAndLinks();
    void undoRefusesBeforeSending_data();
    void undoRefusesBeforeSending();
    void undoDryRunAndFailure();
    void undoIsGuarded();
    void revocationChecksEveryPath_data();
    void revocationChecksEveryPath();
    void blastRadiusShownAndGuarded_data();
    void blastRadiusShownAndGuarded();
    void terminalControlsAreShownNotObeyed();
    void journalFailureStopsTheBatch();

private:
    using Run = test::CliRun;

    QProcessEnvironment environment() const;
    Run run(const QStringList& arguments, const QByteArray& input = {}, int terminalFd = -1) const;
    // Starts `apply --yes` removing the role from u01..u<changes> against a server that answers slowly (300 ms), and
    // leaves it running for the test to interrupt. False if it did not start.
    bool startSlowBatch(QProcess& process, int changes);
    QString writeFindings(const QList<Finding>& findings, const QString& name = QStringLiteral("findings.json"));
    QString writeJson(const QJsonArray& findings, const QString& name = QStringLiteral("findings.json"));
    // pii-analysts (u01..u05) grants the role too; with `nested`, through a parent group pii-parent instead.
    void grantRoleThroughGroup(bool nested);
    Run apply(const QList<Finding>& findings, const QStringList& extra = {QStringLiteral("--yes")});
    QJsonArray applyJson(const QList<Finding>& findings, int expectedExit = 0);
    QList<JournalEntry> journal() const; // oldest first
    QJsonObject user(int n) const { return m_host->dataset().resource(ResourceKind::User, userId(n)); }

    QString m_binary;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::EmulatorHost> m_host;
    QString m_journal;
};

void TestCliApply::initTestCase()
{
    m_binary = test::cliBinary();
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
}

void TestCliApply::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("home/config")));
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("home/data")));
    m_journal = m_dir->filePath(QStringLiteral("journal/audit.sqlite"));
    QString error;
    std::optional<Dataset> data = Dataset::fromJson(dataset(), &error);
    QVERIFY2(data, qPrintable(error));
    m_host = std::make_unique<test::EmulatorHost>(emulator::EmulatorOptions(), *data);
    QVERIFY2(m_host->isRunning(), qPrintable(m_host->errorString()));
}

void TestCliApply::cleanup()
{
    m_host.reset();
    m_dir.reset();
}

QProcessEnvironment TestCliApply::environment() const
{
    QProcessEnvironment env = test::cliEnvironment(m_dir->filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("DATABRICKS_HOST"), m_host->baseUrl().toString());
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_host->token());
    env.insert(QStringLiteral("SCIMITAR_AUDIT_JOURNAL"), m_journal);
    return env;
}

TestCliApply::Run TestCliApply::run(const QStringList& arguments, const QByteArray& input, int terminalFd) const
{
    std::function<void()> inChild;
#ifdef Q_OS_UNIX
    if (terminalFd >= 0)
        inChild = [terminalFd] { ::dup2(terminalFd, STDIN_FILENO); };
#else
    Q_UNUSED(terminalFd);
#endif
    return test::runCli(m_binary, arguments, environment(), 120000, input, inChild);
}

bool TestCliApply::startSlowBatch(QProcess& process, int changes)
{
    m_host->updateOptions([](emulator::EmulatorOptions& o) { o.latencyMs = 300; });
    process.setProcessEnvironment(environment());
    process.start(m_binary, {QStringLiteral("apply"), writeFindings(removeRoles(1, changes)), QStringLiteral("--yes")});
    return process.waitForStarted(10000);
}

QString TestCliApply::writeFindings(const QList<Finding>& findings, const QString& name)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(FindingJson::findings(findings)).toJson());
    return path;
}

QString TestCliApply::writeJson(const QJsonArray& findings, const QString& name)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(findings).toJson());
    return path;
}

void TestCliApply::grantRoleThroughGroup(bool nested)
{
    m_host->modifyDataset([nested](Dataset& dataset) {
        QJsonObject pii = dataset.resource(ResourceKind::Group, kPiiGroup);
        const QJsonArray roles{QJsonObject{{"value", kRole}}};
        if (!nested) {
            pii.insert(QStringLiteral("roles"), roles);
            dataset.upsert(ResourceKind::Group, pii);
            return;
        }
        dataset.upsert(ResourceKind::Group, QJsonObject{{"id", "2003"},
                                                        {"displayName", "pii-parent"},
                                                        {"roles", roles},
                                                        {"members", QJsonArray{QJsonObject{{"value", kPiiGroup}}}}});
    });
}

TestCliApply::Run TestCliApply::apply(const QList<Finding>& findings, const QStringList& extra)
{
    return run(QStringList{QStringLiteral("apply"), writeFindings(findings)} + extra);
}

QJsonArray TestCliApply::applyJson(const QList<Finding>& findings, int expectedExit)
{
    const Run result = apply(findings, {QStringLiteral("--yes"), QStringLiteral("--output"), QStringLiteral("json")});
    if (result.exitCode != expectedExit) {
        qWarning("apply exited %d, not %d: %s", result.exitCode, expectedExit, qPrintable(result.describe()));
        return {};
    }
    return applyResults(result.out);
}

QList<JournalEntry> TestCliApply::journal() const
{
    AuditJournal journal;
    QString error;
    if (!QFileInfo::exists(m_journal) || !journal.open(m_journal, &error))
        return {};
    QList<JournalEntry> entries = journal.entries({}, &error);
    std::reverse(entries.begin(), entries.end());
    return entries;
}

void TestCliApply::appliesAndJournals()
{
    const QList<Finding> findings{removeRole(1), removeMember(userId(2), userName(2), kPiiGroup),
                                  deactivate(userId(3), userName(3))};
    const Run result = apply(findings);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    QVERIFY(!holdsRole(user(1)));
    QVERIFY(!isMember(m_host->dataset().resource(ResourceKind::Group, kPiiGroup), userId(2)));
    QCOMPARE(user(3).value(QStringLiteral("active")).toBool(), false);
    QVERIFY(holdsRole(user(4))); // nothing else changed

    const QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 3);
    const QStringList ops{QStringLiteral("remove-role"), QStringLiteral("remove-member"), QStringLiteral("deactivate")};
    for (int i = 0; i < entries.size(); ++i) {
        const JournalEntry& entry = entries.at(i);
        QCOMPARE(changeOpName(entry.intent.change.op), ops.at(i));
        QCOMPARE(entry.intent.tokenOwner, QStringLiteral("admin@acme.example"));
        QCOMPARE(entry.intent.connection, QStringLiteral("Environment (127.0.0.1)"));
        QCOMPARE(entry.intent.scimBase + QLatin1Char('/'), m_host->workspaceScimUrl().toString());
        QCOMPARE(entry.intent.method, QStringLiteral("PATCH"));
        QCOMPARE(entry.intent.batch, entries.first().intent.batch);
        QVERIFY(!entry.intent.osUser.isEmpty());
        QVERIFY(!entry.intent.body.contains(m_host->token().toUtf8()));
        QVERIFY(entry.outcome);
        QCOMPARE(entry.outcome->result, ChangeResult::Done);
        QVERIFY(entry.verification && entry.verification->verified);
    }
    // The group's name in the journal is the server's, not the file's.
    QCOMPARE(entries.at(1).intent.change.objectName, QStringLiteral("pii-analysts"));

    // The table names each outcome, the re-reads and the summary; no token anywhere.
    QVERIFY2(result.out.contains("[1/3] done"), result.out.constData());
    QVERIFY2(result.out.contains("Remove u02@acme.example from group pii-analysts"), result.out.constData());
    QVERIFY2(result.out.contains("3 done, 0 already absent, 0 refused, 0 failed,"), result.out.constData());
    QVERIFY(!result.out.contains(m_host->token().toUtf8()));
    QVERIFY(!result.err.contains(m_host->token().toUtf8()));
}

void TestCliApply::rerunIsAlreadyAbsent()
{
    const QList<Finding> findings{removeRole(1), removeRole(2)};
    QCOMPARE(applyJson(findings).size(), 2);
    const QJsonArray again = applyJson(findings);
    QCOMPARE(again.size(), 2);
    for (const QJsonValue& item : again)
        QCOMPARE(item[QStringLiteral("result")].toString(), QStringLiteral("already-absent"));
    const QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries.at(2).outcome->result, ChangeResult::AlreadyInState);
    QCOMPARE(entries.at(3).outcome->result, ChangeResult::AlreadyInState);
}

void TestCliApply::oneFailureExitsThree()
{
    m_host->updateOptions([](emulator::EmulatorOptions& o) {
        o.failPath = QStringLiteral("Users/") + userId(2);
        o.failStatus = 500;
    });
    const QJsonArray items = applyJson(removeRoles(1, 3), 3);
    QCOMPARE(items.size(), 3);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("done"));
    QCOMPARE(items[1][QStringLiteral("result")].toString(), QStringLiteral("failed"));
    QCOMPARE(items[1][QStringLiteral("httpStatus")].toInt(), 500);
    QVERIFY(!items[1][QStringLiteral("detail")].toString().isEmpty());
    QCOMPARE(items[2][QStringLiteral("result")].toString(), QStringLiteral("done"));
    QVERIFY(!holdsRole(user(1)));
    QVERIFY(holdsRole(user(2)));
    QVERIFY(!holdsRole(user(3)));
    const QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(1).outcome->result, ChangeResult::Failed);
    QCOMPARE(entries.at(1).outcome->httpStatus, 500);
}

void TestCliApply::skippedFindingsAreReported()
{
    const QList<Finding> findings{blocked(1), notProvisioned(), removeRole(2)};
    const Run table = apply(findings);
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.out.contains("Skipped 2 findings (blocked, no automatic action, or a repeat):"),
             table.out.constData());
    QVERIFY2(table.out.contains("u01@acme.example (role-without-grant): Blocked: u01@acme.example is protected"),
             table.out.constData());
    QVERIFY2(table.out.contains("new.hire@acme.example (not-provisioned): No automatic action"), table.out.constData());
    QVERIFY2(table.out.contains("1 done, 0 already absent, 0 refused, 0 failed, 0 unknown, 0 not sent (cancelled), "
                                "0 dry run, 2 skipped."),
             table.out.constData());
    QVERIFY(holdsRole(user(1))); // blocked: left alone
    QVERIFY(!holdsRole(user(2)));
    QCOMPARE(journal().size(), 1);

    const QJsonArray items = applyJson(findings);
    QCOMPARE(items.size(), 3);
    QCOMPARE(items[1][QStringLiteral("result")].toString(), QStringLiteral("skipped"));
    QCOMPARE(items[2][QStringLiteral("result")].toString(), QStringLiteral("skipped"));
    QCOMPARE(items[1][QStringLiteral("finding")][QStringLiteral("principal")][QStringLiteral("userName")].toString(),
             userName(1));
}

void TestCliApply::pageCapsNeverHideAnyone_data()
{
    QTest::addColumn<int>("pageCap");
    QTest::addColumn<bool>("ignoreCount");
    QTest::newRow("pages of 1") << 1 << false;
    QTest::newRow("pages of 7") << 7 << false;
    QTest::newRow("pages of 100") << 100 << false;
    QTest::newRow("count ignored, pages of 7") << 7 << true;
    QTest::newRow("count ignored, pages of 100") << 100 << true;
}

// The bug this guards against: apply asked for 8 ids in one filtered read, got a first page of 7, called the 8th
// "not found", skipped his revocation and exited 0.
void TestCliApply::pageCapsNeverHideAnyone()
{
    QFETCH(int, pageCap);
    QFETCH(bool, ignoreCount);
    m_host->updateOptions([&](emulator::EmulatorOptions& o) {
        o.maxPageSize = pageCap;
        o.ignoreCount = ignoreCount;
    });
    QList<Finding> findings = removeRoles(1, kUsers);
    for (int n = 1; n <= 5; ++n)
        findings.append(removeMember(userId(n), userName(n), kPiiGroup));
    m_host->resetStats();
    const Run result = apply(findings, {QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QHash<QString, int> counts = resultCounts(applyResults(result.out));
    QCOMPARE(counts.value(QStringLiteral("done")), kUsers + 5);
    QCOMPARE(counts.size(), 1); // nothing failed, nothing skipped
    QCOMPARE(patches(m_host->stats()), kUsers + 5);
    for (int n = 1; n <= kUsers; ++n)
        QVERIFY2(!holdsRole(user(n)), qPrintable(userName(n)));
    for (int n = 1; n <= 5; ++n)
        QVERIFY(!isMember(m_host->dataset().resource(ResourceKind::Group, kPiiGroup), userId(n)));
    // The look-ups really were paged by the server's rule, not by the count asked for.
    if (pageCap < kUsers) {
        int filtered = 0;
        for (const auto& request : m_host->stats().requests)
            filtered += request.pathAndQuery.contains(QLatin1String("filter=")) ? 1 : 0;
        QVERIFY2(filtered > 1, qPrintable(QString::number(filtered)));
    }
}

void TestCliApply::unsendableChangesFail_data()
{
    QTest::addColumn<QList<Finding>>("findings");
    QTest::addColumn<QString>("failPath");
    QTest::addColumn<QString>("reason");

    QTest::newRow("group vanished") << QList<Finding>{removeRole(2),
                                                      removeMember(userId(1), userName(1), QStringLiteral("2999"))}
                                    << QString() << "group 2999 was not found";
    QTest::newRow("object vanished") << QList<Finding>{removeRole(2),
                                                       removeMember(QStringLiteral("4242"),
                                                                    QStringLiteral("gone@acme.example"), kPiiGroup)}
                                     << QString() << "user 4242 was not found";
    QTest::newRow("look-up failed") << QList<Finding>{removeRole(2), removeMember(userId(3), userName(3), kPiiGroup)}
                                    << QStringLiteral("/Groups?filter")
                                    << "listing Groups by id (1 of them) from 1 was refused (HTTP 403)";
}

// An actionable finding that cannot be sent is a failure (exit 3, counted, named), never a skip.
void TestCliApply::unsendableChangesFail()
{
    QFETCH(QList<Finding>, findings);
    QFETCH(QString, failPath);
    QFETCH(QString, reason);
    m_host->updateOptions([&](emulator::EmulatorOptions& o) {
        o.failPath = failPath;
        o.failStatus = 403;
    });
    const Run result = apply(findings, {QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    const QJsonArray items = applyResults(result.out);
    const QHash<QString, int> counts = resultCounts(items);
    QCOMPARE(counts.value(QStringLiteral("done")), 1);
    QCOMPARE(counts.value(QStringLiteral("failed")), 1);
    QCOMPARE(counts.value(QStringLiteral("skipped")), 0);
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[1][QStringLiteral("result")].toString(), QStringLiteral("failed"));
    QVERIFY2(items[1][QStringLiteral("detail")].toString().contains(reason),
             qPrintable(items[1][QStringLiteral("detail")].toString()));
    QVERIFY(holdsRole(user(1)));
    QVERIFY(!holdsRole(user(2)));
    QCOMPARE(journal().size(), 1);

    const Run table = apply(findings);
    QVERIFY2(table.exitCode == 3, qPrintable(table.describe()));
    QVERIFY2(table.out.contains("FAILED, not sent: 1 finding"), table.out.constData());
    QVERIFY2(table.out.contains(", 1 failed, "), table.out.constData());
}

void TestCliApply::guardsRefuse_data()
{
    QTest::addColumn<QList<Finding>>("findings");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<int>("sent"); // PATCHes that go out

    QTest::newRow("deactivate the token owner")
        << QList<Finding>{deactivate(kAdminId, QStringLiteral("admin@acme.example")), removeRole(1)} << "owns the token"
        << 1;
    QTest::newRow("token owner out of admins, alone")
        << QList<Finding>{removeMember(kAdminId, QStringLiteral("admin@acme.example"), kAdminsGroup)}
        << "owns the token" << 0;
    // The file calls the group "harmless-group"; the server says it is `users`.
    QTest::newRow("system group in a batch")
        << QList<Finding>{removeMember(userId(1), userName(1), kUsersGroup), removeRole(2)} << "system group" << 1;
    QTest::newRow("protected user from the policy")
        << QList<Finding>{removeRole(5), removeRole(2)} << "protected by the policy" << 1;
}

void TestCliApply::guardsRefuse()
{
    QFETCH(QList<Finding>, findings);
    QFETCH(QString, refusal);
    QFETCH(int, sent);
    QFile policy(m_dir->filePath(QStringLiteral("policy.json")));
    QVERIFY(policy.open(QIODevice::WriteOnly));
    policy.write(R"({"idp": {"type": "file", "path": "idp.csv"},
                    "rules": [{"idpGroup": "dbx", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"}],
                    "protected": {"users": ["U05@acme.example"]}})");
    policy.close();
    m_host->resetStats();

    const Run result =
        run({QStringLiteral("apply"), writeFindings(findings), QStringLiteral("--yes"), QStringLiteral("--policy"),
             policy.fileName(), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe())); // refusals are reported, not failures
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), findings.size());
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("refused"));
    QVERIFY2(items[0][QStringLiteral("detail")].toString().contains(refusal),
             qPrintable(items[0][QStringLiteral("detail")].toString()));
    QVERIFY(items[0][QStringLiteral("journalId")].isNull());
    QCOMPARE(patches(m_host->stats()), sent);
    QCOMPARE(journal().size(), sent);
    QCOMPARE(m_host->dataset().resource(ResourceKind::User, kAdminId).value(QStringLiteral("active")).toBool(), true);
    QVERIFY(isMember(m_host->dataset().resource(ResourceKind::Group, kAdminsGroup), kAdminId));
    QVERIFY(isMember(m_host->dataset().resource(ResourceKind::Group, kUsersGroup), userId(1)));
    QVERIFY(holdsRole(user(5)));
}

// The token owner's access, and every path that makes it an admin, are refused from what the server says (/Me),
// whatever the file claims: these findings all carry blockedBy null.
void TestCliApply::lockOutIsRefused_data()
{
    QTest::addColumn<Finding>("finding");
    QTest::addColumn<bool>("nested"); // the owner is also in `platform`, nested in admins
    QTest::addColumn<QString>("refusal");
    Finding ownRole = base(FindingKind::RoleWithoutGrant, kAdminId, QStringLiteral("admin@acme.example"));
    ownRole.target = kRole;
    ownRole.action.op = ActionOp::RemoveRole;
    ownRole.action.value = kRole;
    QTest::newRow("the owner's role") << ownRole << false << "never takes its own access away";
    Finding accountAdmin = ownRole;
    accountAdmin.target = accountAdmin.action.value = QStringLiteral("account_admin");
    QTest::newRow("the owner's account_admin") << accountAdmin << false << "never takes its own access away";
    QTest::newRow("the owner out of a group nested in admins")
        << removeMember(kAdminId, QStringLiteral("admin@acme.example"), QStringLiteral("2004")) << true
        << "never takes its own access away";
    Finding platform = removeMember(QStringLiteral("2004"), QStringLiteral("platform"), kAdminsGroup);
    platform.principal.kind = PrincipalKind::Group;
    QTest::newRow("that group out of admins") << platform << true << "is an administrator through platform in admins";
}

void TestCliApply::lockOutIsRefused()
{
    QFETCH(Finding, finding);
    QFETCH(bool, nested);
    QFETCH(QString, refusal);
    if (nested) {
        m_host->modifyDataset([](Dataset& dataset) {
            dataset.upsert(ResourceKind::Group, QJsonObject{{"id", "2004"},
                                                            {"displayName", "platform"},
                                                            {"members", QJsonArray{QJsonObject{{"value", kAdminId}}}}});
            QJsonObject admins = dataset.resource(ResourceKind::Group, kAdminsGroup);
            admins.insert(QStringLiteral("members"),
                          QJsonArray{QJsonObject{{"value", kAdminId}}, QJsonObject{{"value", "2004"}}});
            dataset.upsert(ResourceKind::Group, admins);
        });
    }
    QFile policy(m_dir->filePath(QStringLiteral("policy.json")));
    QVERIFY(policy.open(QIODevice::WriteOnly));
    policy.write(R"({"idp": {"type": "file", "path": "idp.csv"},
                    "rules": [{"idpGroup": "dbx", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"}]})");
    policy.close();
    m_host->resetStats();
    const Run result =
        run({QStringLiteral("apply"), writeFindings({finding}), QStringLiteral("--yes"), QStringLiteral("--policy"),
             policy.fileName(), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("refused"));
    QVERIFY2(items[0][QStringLiteral("detail")].toString().contains(refusal),
             qPrintable(items[0][QStringLiteral("detail")].toString()));
    QCOMPARE(patches(m_host->stats()), 0);
    QVERIFY(journal().isEmpty());
}

void TestCliApply::systemGroupsNeedAPolicy()
{
    // Without --policy nobody has said users may be changed: a single removal from it is refused too.
    m_host->resetStats();
    const QJsonArray items = applyJson({removeMember(userId(1), userName(1), kUsersGroup)}, 0);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("refused"));
    QVERIFY2(items[0][QStringLiteral("detail")].toString().contains(
                 QLatin1String("users is a Databricks system group, left alone when no policy says otherwise")),
             qPrintable(items[0][QStringLiteral("detail")].toString()));
    QCOMPARE(patches(m_host->stats()), 0);
    QVERIFY(isMember(m_host->dataset().resource(ResourceKind::Group, kUsersGroup), userId(1)));
}

void TestCliApply::repeatedEntriesAreCounted()
{
    // Fifty identical entries are one change and forty-nine repeats, each said, never "1 change" alone.
    const QList<Finding> fifty(50, removeRole(1));
    const Run preview = apply(fifty, {QStringLiteral("--dry-run")});
    QVERIFY2(preview.exitCode == 0, qPrintable(preview.describe()));
    QVERIFY2(preview.out.contains("Skipped 49 findings"), preview.out.constData());
    QVERIFY2(preview.out.contains("Repeats entry 1 (Remove role"), preview.out.constData());
    const QJsonArray items = applyJson(fifty, 0);
    QCOMPARE(items.size(), 50);
    const QHash<QString, int> counts = resultCounts(items);
    QCOMPARE(counts.value(QStringLiteral("done")), 1);
    QCOMPARE(counts.value(QStringLiteral("skipped")), 49);
    QCOMPARE(patches(m_host->stats()), 1);
}

void TestCliApply::pathIdsAreDatabricksIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("..") << "..";
    QTest::newRow(".") << ".";
    QTest::newRow("a path") << "1001/../1002";
    QTest::newRow("a query") << "1001?x=1";
}

void TestCliApply::pathIdsAreDatabricksIds()
{
    // `Users/..` would PATCH the collection, not a user, while the preview and the journal named a user.
    QFETCH(QString, id);
    Finding hostile = removeRole(1);
    hostile.principal.id = hostile.action.userId = id;
    m_host->resetStats();
    for (const QString& mode : {QStringLiteral("--dry-run"), QStringLiteral("--yes")}) {
        const Run result = apply({hostile}, {mode, QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
        const QJsonArray items = applyResults(result.out);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("failed"));
        QVERIFY2(items[0][QStringLiteral("detail")].toString().contains(QLatin1String("is not a Databricks id")),
                 qPrintable(items[0][QStringLiteral("detail")].toString()));
    }
    QCOMPARE(patches(m_host->stats()), 0);
    QVERIFY(journal().isEmpty());
}

void TestCliApply::echoedTokenIsScrubbedEverywhere()
{
    // A proxy's error page reflects the request's headers, the token included: it reaches no output, no journal
    // row, no export. The journal's files are read as bytes, so not even a deleted page can hold it.
    m_host->updateOptions([](emulator::EmulatorOptions& o) {
        o.failPath = QStringLiteral("Users/") + userId(1);
        o.failStatus = 403;
        o.failEchoesHeaders = true;
    });
    const QByteArray token = m_host->token().toUtf8();
    QVERIFY(token.size() >= SecretScrubber::kMinimumLength);
    QList<Run> runs;
    runs.append(apply({removeRole(1)}, {QStringLiteral("--yes")}));
    QVERIFY2(runs.last().exitCode == 3, qPrintable(runs.last().describe()));
    runs.append(apply({removeRole(1)}, {QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")}));
    QVERIFY2(runs.last().out.contains("[redacted]"), runs.last().out.constData()); // the page did arrive, scrubbed
    for (const char* format : {"table", "json", "csv"})
        runs.append(
            run({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("-o"), QLatin1String(format)}));
    for (const Run& result : std::as_const(runs)) {
        QVERIFY2(!result.out.contains(token), result.out.constData());
        QVERIFY2(!result.err.contains(token), result.err.constData());
    }
    QVERIFY(!journal().isEmpty());
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(m_journal + suffix);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QVERIFY2(!file.readAll().contains(token), qPrintable(file.fileName()));
    }
}

void TestCliApply::readOnlyConnectionIsRefused()
{
    {
        ConnectionStore store(m_dir->filePath(QStringLiteral("home/config/Scimitar/Scimitar.conf")));
        Connection connection = Connection::create(QStringLiteral("Prod"));
        connection.setHost(m_host->baseUrl().toString());
        connection.readOnly = true;
        QCOMPARE(store.save(connection), QString());
    }
    m_host->resetStats();
    for (const QString& mode : {QStringLiteral("--yes"), QStringLiteral("--dry-run")}) {
        const Run result = apply({removeRole(1)}, {mode, QStringLiteral("--connection"), QStringLiteral("prod")});
        QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
        QVERIFY2(result.err.contains("'Prod' is marked read-only"), qPrintable(result.describe()));
        QCOMPARE(result.err.count('\n'), 1);
    }
    QCOMPARE(m_host->stats().totalRequests, 0);
    QVERIFY(!QFileInfo::exists(m_journal));
}

void TestCliApply::withoutTerminalNeedsYes_data()
{
    QTest::addColumn<bool>("fromStdin");
    QTest::addColumn<QString>("message");
    QTest::newRow("file") << false << "Standard input is not a terminal";
    QTest::newRow("stdin") << true << "needs --yes";
}

void TestCliApply::withoutTerminalNeedsYes()
{
    QFETCH(bool, fromStdin);
    QFETCH(QString, message);
    m_host->resetStats();
    const QString file = writeFindings({removeRole(1)});
    QFile data(file);
    QVERIFY(data.open(QIODevice::ReadOnly));
    const Run result = fromStdin ? run({QStringLiteral("apply"), QStringLiteral("-")}, data.readAll())
                                 : run({QStringLiteral("apply"), file});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(message.toUtf8()) && result.err.contains("--yes"), qPrintable(result.describe()));
    QCOMPARE(m_host->stats().totalRequests, 0);
    QVERIFY(holdsRole(user(1)));

    // With --yes, stdin works.
    if (fromStdin) {
        const Run yes = run({QStringLiteral("apply"), QStringLiteral("-"), QStringLiteral("--yes")},
                            QJsonDocument(FindingJson::findings({removeRole(1)})).toJson());
        QVERIFY2(yes.exitCode == 0, qPrintable(yes.describe()));
        QVERIFY(!holdsRole(user(1)));
    }
}

void TestCliApply::dryRunSendsAndJournalsNothing()
{
    m_host->resetStats();
    const Run result = apply(removeRoles(1, 3), {QStringLiteral("--dry-run"), QStringLiteral("-o"), "json"});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), 3);
    for (const QJsonValue& item : items) {
        QCOMPARE(item[QStringLiteral("result")].toString(), QStringLiteral("dry-run"));
        QCOMPARE(item[QStringLiteral("request")][QStringLiteral("method")].toString(), QStringLiteral("PATCH"));
        QVERIFY(item[QStringLiteral("journalId")].isNull());
    }
    QCOMPARE(patches(m_host->stats()), 0);
    QVERIFY(holdsRole(user(1)));
    QVERIFY(journal().isEmpty());

    const Run table = apply(removeRoles(1, 1), {QStringLiteral("--dry-run")});
    QVERIFY2(table.out.contains("would send PATCH Users/1001 {\"Operations\":[{\"op\":\"remove\",\"path\":\"roles"),
             table.out.constData());
    QCOMPARE(patches(m_host->stats()), 0);
}

void TestCliApply::malformedFileExitsTwo_data()
{
    QTest::addColumn<QByteArray>("data"); // empty: no file at all
    QTest::addColumn<QString>("message");

    QJsonObject noGroup = FindingJson::finding(removeMember(userId(1), userName(1), kPiiGroup));
    QJsonObject action = noGroup.value(QStringLiteral("action")).toObject();
    action.remove(QStringLiteral("groupId"));
    noGroup.insert(QStringLiteral("action"), action);
    const QJsonArray array{FindingJson::finding(removeRole(1)), noGroup};
    QTest::newRow("missing field") << QJsonDocument(array).toJson() << "findings[1].action.groupId: missing";
    QTest::newRow("syntax") << QByteArray("[{\"kind\": ") << "line 1, column";
    QTest::newRow("object") << QByteArray("{}") << "expected an array of findings";
    QTest::newRow("no file") << QByteArray() << "Could not read the findings file";
    // 64 MB and a byte of whitespace: refused before it is parsed (a 49.5 MB file once took 331 MB resident).
    QTest::newRow("too large") << QByteArray(64 * 1024 * 1024 + 1, ' ') << "is larger than 64 MB";
}

void TestCliApply::malformedFileExitsTwo()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    m_host->resetStats();
    const QString path = m_dir->filePath(QStringLiteral("bad.json"));
    if (!data.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
    }
    const Run result = run({QStringLiteral("apply"), path, QStringLiteral("--yes")});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY2(result.err.contains(message.toUtf8()) && result.err.contains("bad.json"), qPrintable(result.describe()));
    QCOMPARE(m_host->stats().totalRequests, 0);
}

void TestCliApply::jsonShape()
{
    const Run result = apply({removeMember(userId(1), userName(1), kPiiGroup), notProvisioned()},
                             {QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    // Progress goes to stderr; stdout is exactly one JSON array.
    QVERIFY2(result.err.contains("[1/1] done"), result.err.constData());
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), 2);

    const QStringList keys{"change",         "detail",           "finding",      "httpStatus",
                           "journalError",   "journalId",        "request",      "requestId",
                           "result",         "revocation",       "revoked",      "sideEffects",
                           "stillHeldAfter", "stillHeldThrough", "verification", "verified"};
    const QJsonObject item = items[0].toObject();
    QCOMPARE(sortedKeys(item), keys);
    QCOMPARE(sortedKeys(item[QStringLiteral("change")].toObject()),
             (QStringList{"description", "memberName", "objectId", "objectKind", "objectName", "op", "value"}));
    QCOMPARE(item[QStringLiteral("change")][QStringLiteral("op")].toString(), QStringLiteral("remove-member"));
    QCOMPARE(item[QStringLiteral("change")][QStringLiteral("objectKind")].toString(), QStringLiteral("group"));
    QCOMPARE(item[QStringLiteral("change")][QStringLiteral("objectId")].toString(), kPiiGroup);
    QCOMPARE(item[QStringLiteral("change")][QStringLiteral("objectName")].toString(), QStringLiteral("pii-analysts"));
    QCOMPARE(item[QStringLiteral("change")][QStringLiteral("value")].toString(), userId(1));
    QCOMPARE(item[QStringLiteral("change")][QStringLiteral("memberName")].toString(), userName(1));
    QCOMPARE(sortedKeys(item[QStringLiteral("request")].toObject()), (QStringList{"body", "method", "path"}));
    QCOMPARE(item[QStringLiteral("request")][QStringLiteral("path")].toString(), QStringLiteral("Groups/") + kPiiGroup);
    QVERIFY(item[QStringLiteral("request")][QStringLiteral("body")][QStringLiteral("Operations")].isArray());
    QCOMPARE(item[QStringLiteral("result")].toString(), QStringLiteral("done"));
    QCOMPARE(item[QStringLiteral("httpStatus")].toInt(), 200);
    QVERIFY(item[QStringLiteral("requestId")].isString() || item[QStringLiteral("requestId")].isNull());
    QCOMPARE(item[QStringLiteral("verified")].toBool(), true);
    QVERIFY(item[QStringLiteral("verification")].isString());
    QCOMPARE(item[QStringLiteral("journalId")].toInteger(), journal().first().intent.id);
    QCOMPARE(item[QStringLiteral("finding")][QStringLiteral("kind")].toString(),
             QStringLiteral("member-without-grant"));

    const QJsonObject skipped = items[1].toObject();
    QCOMPARE(sortedKeys(skipped), keys);
    QCOMPARE(skipped[QStringLiteral("result")].toString(), QStringLiteral("skipped"));
    QVERIFY(skipped[QStringLiteral("detail")].toString().startsWith(QLatin1String("No automatic action")));
    for (const char* null : {"change", "request", "httpStatus", "requestId", "verified", "verification", "journalId"})
        QVERIFY2(skipped[QLatin1String(null)].isNull(), null);
    QCOMPARE(skipped[QStringLiteral("finding")][QStringLiteral("kind")].toString(), QStringLiteral("not-provisioned"));
}

void TestCliApply::confirmationOnTerminal_data()
{
    QTest::addColumn<int>("changes");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("sent");
    QTest::newRow("yes") << 2 << "yes" << true;
    QTest::newRow("anything else") << 2 << "y" << false;
    QTest::newRow("many changes need the name, not yes") << 11 << "yes" << false;
    QTest::newRow("many changes with the name") << 11 << "environment (127.0.0.1)" << true;
}

void TestCliApply::confirmationOnTerminal()
{
#ifndef Q_OS_UNIX
    QSKIP("needs a pseudo-terminal");
#else
    QFETCH(int, changes);
    QFETCH(QString, answer);
    QFETCH(bool, sent);
    int master = -1;
    int slave = -1;
    QVERIFY(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
    // Typed ahead: the terminal keeps it until the CLI reads its answer.
    const QByteArray typed = answer.toUtf8() + '\n';
    QCOMPARE(::write(master, typed.constData(), size_t(typed.size())), ssize_t(typed.size()));
    m_host->resetStats();
    const Run result = run({QStringLiteral("apply"), writeFindings(removeRoles(1, changes))}, {}, slave);
    ::close(slave);
    ::close(master);

    // Every change and its exact request is shown before the question, names in quotes (a trailing space or a name
    // that reads like part of the sentence stays visible).
    QVERIFY2(result.err.contains("1. Remove role \u201c" + kRole.toUtf8() + "\u201d from \u201cu01@acme.example\u201d"),
             result.err.constData());
    QVERIFY2(result.err.contains("PATCH Users/1001 {\"Operations\""), result.err.constData());
    QVERIFY2(result.err.contains(changes > 10 ? "Type the connection's name (Environment (127.0.0.1))" : "Type yes"),
             result.err.constData());
    QCOMPARE(result.exitCode, sent ? 0 : 2);
    QCOMPARE(patches(m_host->stats()), sent ? changes : 0);
    QCOMPARE(holdsRole(user(1)), !sent);
    if (!sent)
        QVERIFY2(result.err.contains("Not confirmed; nothing was sent."), result.err.constData());
#endif
}

// The crash test: a batch killed (SIGKILL) between sending a change and recording its outcome leaves a journal that
// tells the truth — every intent written, the unanswered one "unknown" — and `audit verify` settles it by re-reading.
void TestCliApply::killedMidBatchThenVerify()
{
    constexpr int kChanges = 20;
    QProcess process;
    QVERIFY(startSlowBatch(process, kChanges));

    // Wait until at least one outcome is recorded and a later intent is waiting for its answer: the batch is
    // between sending and hearing back.
    auto midBatch = [this] {
        const QList<JournalEntry> entries = journal();
        qsizetype outcomes = 0;
        for (const JournalEntry& entry : entries)
            outcomes += entry.outcome ? 1 : 0;
        return outcomes >= 1 && entries.size() > outcomes;
    };
    QTRY_VERIFY_WITH_TIMEOUT(midBatch(), 60000);
    process.kill();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    // The request in flight may still be carried out: let the emulator finish what it received.
    QTRY_COMPARE_WITH_TIMEOUT(m_host->stats().inFlight, 0, 30000);

    const QList<JournalEntry> entries = journal();
    QVERIFY(entries.size() >= 2 && entries.size() <= kChanges);
    int unknown = 0;
    for (int i = 0; i < entries.size(); ++i) {
        const JournalEntry& entry = entries.at(i);
        // The intents are there, in order, each with its request.
        QCOMPARE(entry.intent.change.objectId, userId(i + 1));
        QCOMPARE(entry.intent.method, QStringLiteral("PATCH"));
        QVERIFY(!entry.intent.body.isEmpty());
        QVERIFY(!entry.verification);
        if (!entry.outcome) {
            QCOMPARE(entry.effectiveResult(), ChangeResult::Unknown);
            ++unknown;
            continue;
        }
        // Every recorded outcome agrees with the server.
        QCOMPARE(entry.outcome->result, ChangeResult::Done);
        QVERIFY2(!holdsRole(user(i + 1)), qPrintable(userName(i + 1)));
    }
    QVERIFY(unknown >= 1);
    // What was never sent is untouched.
    for (int n = int(entries.size()) + 1; n <= kChanges; ++n)
        QVERIFY2(holdsRole(user(n)), qPrintable(userName(n)));

    // audit verify re-reads the unknown ones and journals what the server shows.
    m_host->updateOptions([](emulator::EmulatorOptions& o) { o.latencyMs = 0; });
    const Run verify = run({QStringLiteral("audit"), QStringLiteral("verify")});
    bool allInEffect = true;
    const QList<JournalEntry> after = journal();
    QCOMPARE(after.size(), entries.size());
    for (int i = 0; i < after.size(); ++i) {
        const JournalEntry& entry = after.at(i);
        if (entry.outcome) {
            QVERIFY(!entry.verification); // only the unknown ones are re-read
            continue;
        }
        QVERIFY2(entry.verification, qPrintable(verify.describe()));
        const bool applied = !holdsRole(user(i + 1));
        QCOMPARE(entry.verification->verified, applied);
        QCOMPARE(ChangeVerifier::check(entry.intent.change, user(i + 1)).holds, applied);
        allInEffect = allInEffect && applied;
        QVERIFY2(verify.out.contains(QStringLiteral("#%1 ").arg(entry.intent.id).toUtf8()), verify.out.constData());
    }
    QVERIFY2(verify.exitCode == (allInEffect ? 0 : 3), qPrintable(verify.describe()));

    // Verified entries are settled: a second run has nothing left to do.
    const Run again = run({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QVERIFY2(again.out.contains("Nothing to verify"), again.out.constData());
}

// Ctrl+C / SIGTERM: the changes not sent yet are cancelled, the one in flight is answered and journaled, exit 3.
void TestCliApply::interruptWaitsForTheChangeInFlight()
{
    constexpr int kChanges = 10;
    QProcess process;
    QVERIFY(startSlowBatch(process, kChanges));
    QTRY_VERIFY_WITH_TIMEOUT(!journal().isEmpty(), 60000);
    process.terminate(); // SIGTERM, handled like SIGINT
    QVERIFY(process.waitForFinished(60000));
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 3, err.constData());
    QVERIFY2(out.contains("cancelled"), out.constData());

    const QList<JournalEntry> entries = journal();
    QVERIFY(entries.size() < kChanges);
    for (int i = 0; i < entries.size(); ++i) {
        QVERIFY2(entries.at(i).outcome, "the change in flight was not journaled");
        QCOMPARE(entries.at(i).outcome->result, ChangeResult::Done);
        QVERIFY(!holdsRole(user(i + 1)));
    }
    for (int n = int(entries.size()) + 1; n <= kChanges; ++n)
        QVERIFY(holdsRole(user(n)));
}

void TestCliApply::verifySkipsOtherConnections()
{
    // Two intents left without an outcome: one sent elsewhere, one here that never reached the server.
    qint64 elsewhere = 0;
    qint64 here = 0;
    {
        AuditJournal journal;
        QString error;
        QVERIFY2(journal.open(m_journal, &error), qPrintable(error));
        JournalIntent intent =
            seededIntent(QStringLiteral("https://dbc-staging.cloud.databricks.com/api/2.0/preview/scim/v2"),
                         ChangeOp::RemoveRole, userId(1), userName(1), kRole);
        intent.connection = QStringLiteral("staging");
        elsewhere = journal.recordIntent(intent, &error);
        intent.connection = QStringLiteral("Environment (127.0.0.1)");
        intent.scimBase = m_host->workspaceScimUrl().toString();
        here = journal.recordIntent(intent, &error);
        QVERIFY2(elsewhere > 0 && here > 0, qPrintable(error));
    }
    const Run result = run({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe())); // the role is still there: not in effect
    QVERIFY2(result.out.contains(QStringLiteral("#%1 skipped").arg(elsewhere).toUtf8()), result.out.constData());
    QVERIFY2(result.out.contains(QStringLiteral("#%1 Remove role").arg(here).toUtf8()), result.out.constData());
    QVERIFY2(result.out.contains("NOT in effect"), result.out.constData());
    const QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 2);
    QVERIFY(!entries.at(0).verification);
    QVERIFY(entries.at(1).verification);
    QCOMPARE(entries.at(1).verification->verified, false);
    QCOMPARE(patches(m_host->stats()), 0); // verifying only reads
}

// apply, then `audit undo` of all three: everything is back, each undo journaled with undoOf and verified, and the
// originals show as undone.
void TestCliApply::undoPutsBackAndLinks()
{
    QVERIFY(apply({removeRole(1), removeMember(userId(2), userName(2), kPiiGroup), deactivate(userId(3), userName(3))})
                .exitCode == 0);
    QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 3);
    QStringList ids;
    for (const JournalEntry& entry : entries)
        ids.append(QString::number(entry.intent.id));

    const Run result = run(QStringList{QStringLiteral("audit"), QStringLiteral("undo")} + ids +
                           QStringList{QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), 3);
    const QStringList ops{QStringLiteral("add-role"), QStringLiteral("add-member"), QStringLiteral("reactivate")};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject item = items.at(i).toObject();
        QCOMPARE(item[QStringLiteral("result")].toString(), QStringLiteral("done"));
        QCOMPARE(item[QStringLiteral("change")][QStringLiteral("op")].toString(), ops.at(i));
        QCOMPARE(item[QStringLiteral("undoOf")].toInteger(), entries.at(i).intent.id);
        QVERIFY(!item.contains(QStringLiteral("finding")));
        QCOMPARE(item[QStringLiteral("verified")].toBool(), true);
    }
    QVERIFY(holdsRole(user(1)));
    QVERIFY(isMember(m_host->dataset().resource(ResourceKind::Group, kPiiGroup), userId(2)));
    QCOMPARE(user(3).value(QStringLiteral("active")).toBool(), true);

    entries = journal();
    QCOMPARE(entries.size(), 6);
    for (int i = 0; i < 3; ++i) {
        const JournalEntry& undo = entries.at(3 + i);
        QCOMPARE(undo.intent.undoOf, entries.at(i).intent.id);
        QCOMPARE(undo.outcome->result, ChangeResult::Done);
        QVERIFY(undo.verification && undo.verification->verified);
        QCOMPARE(entries.at(i).undoneBy, QList<qint64>{undo.intent.id});
        QVERIFY(!entries.at(i).canUndo());
    }

    // The table says what was undone, as apply does.
    QVERIFY(apply({removeRole(4)}).exitCode == 0);
    const Run table = run({QStringLiteral("audit"), QStringLiteral("undo"), QString::number(journal().last().intent.id),
                           QStringLiteral("--yes")});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.out.contains("done            Give u04@acme.example the role"), table.out.constData());
    QVERIFY2(table.out.contains("1 done, 0 already absent, 0 refused, 0 failed,"), table.out.constData());
    QVERIFY(holdsRole(user(4)));
}

void TestCliApply::undoRefusesBeforeSending_data()
{
    QTest::addColumn<QStringList>("arguments"); // after "audit undo"; %done, %failed, %undone, %undo: journal ids
    QTest::addColumn<QString>("message");
    QTest::newRow("not a number") << QStringList{QStringLiteral("seven"), QStringLiteral("--yes")}
                                  << QStringLiteral("'seven' is not a journal entry number");
    QTest::newRow("no such entry") << QStringList{QStringLiteral("%done"), QStringLiteral("999"),
                                                  QStringLiteral("--yes")}
                                   << QStringLiteral("has no entry 999. Nothing was sent.");
    QTest::newRow("failed: nothing to undo")
        << QStringList{QStringLiteral("%done"), QStringLiteral("%failed"), QStringLiteral("--yes")}
        << QStringLiteral("did not take effect (failed), so there is nothing to undo. Nothing was sent.");
    QTest::newRow("undone already") << QStringList{QStringLiteral("%undone"), QStringLiteral("--yes")}
                                    << QStringLiteral("was undone already (by #");
    QTest::newRow("no id") << QStringList{QStringLiteral("--yes")} << QStringLiteral("'audit undo' needs ID");
    QTest::newRow("no terminal, no --yes")
        << QStringList{QStringLiteral("%done")} << QStringLiteral("Standard input is not a terminal");
    QTest::newRow("csv") << QStringList{QStringLiteral("%done"), QStringLiteral("--yes"), QStringLiteral("-o"),
                                        QStringLiteral("csv")}
                         << QStringLiteral("not CSV");
    QTest::newRow("another connection") << QStringList{QStringLiteral("%elsewhere"), QStringLiteral("--yes")}
                                        << QStringLiteral(
                                               "was sent through staging (https://dbc-staging.cloud.databricks.com");
}

// Every id must be undoable through this connection; one that is not stops the whole list before any request.
void TestCliApply::undoRefusesBeforeSending()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QVERIFY(apply({removeRole(1)}).exitCode == 0); // done
    QVERIFY(apply({removeRole(2)}).exitCode == 0); // undone below
    m_host->updateOptions([](emulator::EmulatorOptions& o) { o.failPath = QStringLiteral("Users/1003"); });
    QCOMPARE(apply({removeRole(3)}).exitCode, 3); // failed
    m_host->updateOptions([](emulator::EmulatorOptions& o) { o.failPath.clear(); });
    QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 3);
    QVERIFY(run({QStringLiteral("audit"), QStringLiteral("undo"), QString::number(entries.at(1).intent.id),
                 QStringLiteral("--yes")})
                .exitCode == 0);
    qint64 elsewhere = 0;
    {
        AuditJournal journal;
        QString error;
        QVERIFY2(journal.open(m_journal, &error), qPrintable(error));
        JournalIntent intent = entries.at(0).intent;
        intent.connection = QStringLiteral("staging");
        intent.scimBase = QStringLiteral("https://dbc-staging.cloud.databricks.com/api/2.0/preview/scim/v2");
        elsewhere = journal.recordIntent(intent, &error);
        QVERIFY2(elsewhere > 0, qPrintable(error));
        QVERIFY2(journal.recordOutcome({elsewhere, {}, ChangeResult::Done, 200, {}, {}}, &error), qPrintable(error));
    }
    for (QString& argument : arguments) {
        argument.replace(QStringLiteral("%done"), QString::number(entries.at(0).intent.id));
        argument.replace(QStringLiteral("%undone"), QString::number(entries.at(1).intent.id));
        argument.replace(QStringLiteral("%failed"), QString::number(entries.at(2).intent.id));
        argument.replace(QStringLiteral("%elsewhere"), QString::number(elsewhere));
    }
    const int journalBefore = int(journal().size());
    m_host->resetStats();
    const Run result = run(QStringList{QStringLiteral("audit"), QStringLiteral("undo")} + arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(message.toUtf8()), qPrintable(result.describe()));
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(patches(m_host->stats()), 0);
    QCOMPARE(int(journal().size()), journalBefore);
    QVERIFY(!holdsRole(user(1)));
}

void TestCliApply::undoDryRunAndFailure()
{
    QVERIFY(apply({removeRole(1)}).exitCode == 0);
    const QString id = QString::number(journal().first().intent.id);
    m_host->resetStats();
    const Run dry = run({QStringLiteral("audit"), QStringLiteral("undo"), id, QStringLiteral("--dry-run")});
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
    QVERIFY2(dry.out.contains("would send PATCH Users/1001 {\"Operations\":[{\"op\":\"add\",\"path\":\"roles"),
             dry.out.constData());
    QCOMPARE(patches(m_host->stats()), 0);
    QCOMPARE(journal().size(), 1);
    QVERIFY(!holdsRole(user(1)));

    // The server refuses the undo: exit 3, journaled as a failed undo of the entry, which stays undoable.
    m_host->updateOptions([](emulator::EmulatorOptions& o) { o.failPath = QStringLiteral("Users/1001"); });
    const Run failed = run({QStringLiteral("audit"), QStringLiteral("undo"), id, QStringLiteral("--yes"),
                            QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("--quiet")});
    QVERIFY2(failed.exitCode == 3, qPrintable(failed.describe()));
    const QJsonArray items = applyResults(failed.out);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("failed"));
    QCOMPARE(items[0][QStringLiteral("undoOf")].toInteger(), id.toLongLong());
    QCOMPARE(failed.errLines().size(), 1); // the one line that says why exit 3
    const QList<JournalEntry> entries = journal();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).intent.undoOf, id.toLongLong());
    QCOMPARE(entries.at(1).outcome->result, ChangeResult::Failed);
    QVERIFY(entries.at(0).canUndo());
}

// An undo goes through the same guards: giving the token owner back a right is fine, but undoing a reactivation
// (deactivating the token owner) is refused, never sent.
void TestCliApply::undoIsGuarded()
{
    qint64 reactivation = 0;
    {
        AuditJournal journal;
        QString error;
        QVERIFY2(journal.open(m_journal, &error), qPrintable(error));
        reactivation = journal.recordIntent(seededIntent(m_host->workspaceScimUrl().toString(), ChangeOp::Reactivate,
                                                         kAdminId, QStringLiteral("admin@acme.example")),
                                            &error);
        QVERIFY2(reactivation > 0, qPrintable(error));
        QVERIFY2(journal.recordOutcome({reactivation, {}, ChangeResult::Done, 200, {}, {}}, &error), qPrintable(error));
    }
    m_host->resetStats();
    const Run result = run({QStringLiteral("audit"), QStringLiteral("undo"), QString::number(reactivation),
                            QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe())); // a refusal is reported, as in apply
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("refused"));
    QVERIFY2(items[0][QStringLiteral("detail")].toString().contains(QLatin1String("owns the token")),
             qPrintable(items[0][QStringLiteral("detail")].toString()));
    QCOMPARE(patches(m_host->stats()), 0);
    QCOMPARE(m_host->dataset().resource(ResourceKind::User, kAdminId).value(QStringLiteral("active")).toBool(), true);
}

QTEST_GUILESS_MAIN(TestCliApply)
// A revocation is checked for what it is for: after the batch, the role must be held by no path. A fix that cuts
// one path of two (a file trimmed to `action` alone) is done and verified as an edit, and still NOT FIXED: exit 3,
// with the path it is still held through, in the table, the JSON and the journal.
void TestCliApply::revocationChecksEveryPath_data()
{
    QTest::addColumn<bool>("nested");
    QTest::addColumn<bool>("everyPath"); // the finding carries the second change (actions[1])
    QTest::addColumn<QString>("stillHeld");
    QTest::newRow("one path of two") << false << false << "pii-analysts";
    QTest::newRow("one path of two, nested") << true << false << QStringLiteral("pii-analysts \u2192 pii-parent");
    QTest::newRow("every path") << false << true << QString();
    QTest::newRow("every path, nested") << true << true << QString();
}

void TestCliApply::revocationChecksEveryPath()
{
    QFETCH(bool, nested);
    QFETCH(bool, everyPath);
    QFETCH(QString, stillHeld);
    grantRoleThroughGroup(nested);
    Finding finding = removeRole(1);
    if (everyPath)
        finding.furtherActions = {{ActionOp::RemoveMember, userId(1), kPiiGroup, {}}};
    const QJsonArray items = applyJson({finding}, stillHeld.isEmpty() ? 0 : 3);
    QCOMPARE(items.size(), everyPath ? 2 : 1);
    for (const QJsonValue& item : items) {
        QCOMPARE(item[QStringLiteral("result")].toString(), QStringLiteral("done"));
        QCOMPARE(item[QStringLiteral("verified")].toBool(), true); // each edit itself is in effect
        QCOMPARE(item[QStringLiteral("revoked")].toBool(), stillHeld.isEmpty());
        const QJsonArray after = item[QStringLiteral("stillHeldAfter")].toArray();
        QCOMPARE(after, stillHeld.isEmpty() ? QJsonArray() : QJsonArray{stillHeld});
    }
    QVERIFY(!holdsRole(user(1)) || !stillHeld.isEmpty());
    QCOMPARE(isMember(m_host->dataset().resource(ResourceKind::Group, kPiiGroup), userId(1)), !everyPath);
    // The journal keeps the proof: the last verification of each change says whether the role is gone for good.
    for (const JournalEntry& entry : journal()) {
        QVERIFY(entry.verification);
        QVERIFY2(entry.verification->detail.contains(
                     stillHeld.isEmpty() ? QStringLiteral("pii-read held by no path any more")
                                         : QStringLiteral("still held by u01@acme.example through ") + stillHeld),
                 qPrintable(entry.verification->detail));
    }
    if (!stillHeld.isEmpty()) {
        const Run table = apply({removeRole(1)});
        QCOMPARE(table.exitCode, 3);
        QVERIFY2(table.out.contains("NOT FIXED: pii-read is still held by u01@acme.example through " +
                                    stillHeld.toUtf8() + ": not revoked"),
                 table.out.constData());
        QCOMPARE(table.err.count('\n'), 1);
        QVERIFY2(table.err.contains("still held by u01@acme.example through"), table.err.constData());
    }
}

// What else a change takes away is shown before it is sent (from the drift file's sideEffects) and echoed in the
// JSON; a change that takes away something guarded is asked about on its own, and never sent under --yes.
void TestCliApply::blastRadiusShownAndGuarded_data()
{
    QTest::addColumn<QString>("lost");    // the group the file says goes with the change
    QTest::addColumn<QString>("answers"); // typed on a terminal; empty: --yes
    QTest::addColumn<bool>("sent");
    QTest::newRow("harmless, --yes") << "bi-all" << QString() << true;
    QTest::newRow("admins, --yes") << "admins" << QString() << false;
    QTest::newRow("admins, confirmed on its own") << "admins"
                                                  << "yes\nyes\n"
                                                  << true;
    QTest::newRow("admins, batch yes but not this") << "admins"
                                                    << "yes\nno\n"
                                                    << false;
}

void TestCliApply::blastRadiusShownAndGuarded()
{
#ifndef Q_OS_UNIX
    QSKIP("needs a pseudo-terminal");
#else
    QFETCH(QString, lost);
    QFETCH(QString, answers);
    QFETCH(bool, sent);
    QJsonObject finding = FindingJson::finding(removeMember(userId(2), userName(2), kPiiGroup));
    finding.insert(QStringLiteral("sideEffects"),
                   QJsonArray{QJsonObject{
                       {"kind", "group"}, {"value", lost}, {"via", "pii-analysts"}, {"principal", QJsonValue()}}});
    finding.insert(QStringLiteral("stillHeldThrough"), QJsonArray());
    const QString path = writeJson({finding});
    m_host->resetStats();
    Run result;
    if (answers.isEmpty()) {
        result =
            run({QStringLiteral("apply"), path, QStringLiteral("--yes"), QStringLiteral("-o"), QStringLiteral("json")});
    } else {
        int master = -1;
        int slave = -1;
        QVERIFY(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
        const QByteArray typed = answers.toUtf8();
        QCOMPARE(::write(master, typed.constData(), size_t(typed.size())), ssize_t(typed.size()));
        result = run({QStringLiteral("apply"), path, QStringLiteral("-o"), QStringLiteral("json")}, {}, slave);
        ::close(slave);
        ::close(master);
        QVERIFY2(result.err.contains("Also takes away: group " + lost.toUtf8() + " (via pii-analysts)."),
                 result.err.constData());
        QVERIFY2(result.err.contains("GUARDED: Remove u02@acme.example from group pii-analysts also takes away "
                                     "the group admins (workspace admin rights)."),
                 result.err.constData());
    }
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(patches(m_host->stats()), sent ? 1 : 0);
    QCOMPARE(isMember(m_host->dataset().resource(ResourceKind::Group, kPiiGroup), userId(2)), !sent);
    const QJsonArray items = applyResults(result.out);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), sent ? QStringLiteral("done") : QStringLiteral("refused"));
    QCOMPARE(items[0][QStringLiteral("sideEffects")].toArray(), finding.value(QStringLiteral("sideEffects")).toArray());
    if (!sent)
        QVERIFY2(items[0][QStringLiteral("detail")].toString().contains("It needs its own confirmation"),
                 qPrintable(items[0][QStringLiteral("detail")].toString()));
#endif
}

// A name from a file or a server cannot drive the operator's terminal: escapes, carriage returns and bidi controls
// are shown, not obeyed, in every human-readable line (the table, skipped lines, errors); JSON stays exact.
void TestCliApply::terminalControlsAreShownNotObeyed()
{
    const QString hostile = QStringLiteral("evil\x1b[2J\x1b[H\rok\u202egnp.exe@acme.example");
    Finding skipped = blocked(1);
    skipped.principal.userName = hostile;
    skipped.blockedBy = QStringLiteral("%1 is protected.").arg(hostile);
    const Run table = apply({skipped, removeRole(2)});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    for (const QByteArray& stream : {table.out, table.err}) {
        QVERIFY2(!stream.contains('\x1b') && !stream.contains('\r') && !stream.contains("\u202e"), stream.constData());
    }
    QVERIFY2(table.out.contains("evil\\x1b[2J\\x1b[H\\x0dok<U+202E>gnp.exe@acme.example"), table.out.constData());

    const QJsonArray items = applyJson({skipped});
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0][QStringLiteral("finding")][QStringLiteral("principal")][QStringLiteral("userName")].toString(),
             hostile);
}

// The journal fails after a change went out and before its outcome is recorded (here: a trigger that refuses every
// outcome, a real SQLite failure at exactly that step). The operator reads the change that went out, why its outcome
// is missing, and that the batch stopped: nothing more is sent.
void TestCliApply::journalFailureStopsTheBatch()
{
    QVERIFY2(apply({removeRole(4)}).exitCode == 0, "a first batch creates the journal");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("sabotage"));
        db.setDatabaseName(m_journal);
        QVERIFY(db.open());
        QSqlQuery trigger(db);
        QVERIFY2(trigger.exec(QStringLiteral("CREATE TRIGGER refuse_outcomes BEFORE INSERT ON outcomes "
                                             "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")),
                 qPrintable(trigger.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sabotage"));

    const Run result = apply(removeRoles(1, 3));
    QCOMPARE(result.exitCode, 3);
    QVERIFY(!holdsRole(user(1))); // it went out before the journal failed
    QVERIFY(holdsRole(user(2)));
    QVERIFY(holdsRole(user(3)));
    QVERIFY2(result.out.contains("NOT JOURNALED: Could not record the outcome in the audit journal"),
             result.out.constData());
    QVERIFY2(result.out.contains("database or disk is full"), result.out.constData());
    QVERIFY2(result.out.contains("Not sent: the batch stopped because the audit journal failed"),
             result.out.constData());
    QVERIFY2(result.out.contains("Stopped: the audit journal failed"), result.out.constData());
    QVERIFY2(!result.out.contains("Cancelled:"), result.out.constData());

    const QJsonArray items = applyJson(removeRoles(2, 3), 3);
    QCOMPARE(items[0][QStringLiteral("result")].toString(), QStringLiteral("done"));
    QVERIFY2(items[0][QStringLiteral("journalError")].toString().contains("database or disk is full"),
             qPrintable(items[0][QStringLiteral("journalError")].toString()));
    QCOMPARE(items[1][QStringLiteral("result")].toString(), QStringLiteral("cancelled"));
}

#include "tst_cli_apply.moc"
