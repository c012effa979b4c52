#include "CliRun.h"
#include "DemoEmulator.h"
#include "EmulatorFault.h"
#include "EmulatorThread.h"
#include "remediation/AuditJournal.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace scimitar;
using emulator::Dataset;
using emulator::EmulatorOptions;
using emulator::Fault;

// The fault matrix of docs/reliability.md: the real scimitar-cli against the demo workspace served by an emulator
// that breaks its answers one way per row (or no server at all). The expectations are read from the documentation's
// table, so the table and the product cannot drift apart: every cell is asserted, at workspace and account level.
namespace {

const QString kAccountId = QStringLiteral("0a1b2c3d-0000-4111-8222-333344445555");
const QString kPiiRead = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kClosedPort = QStringLiteral("closed port");
const QString kUnresolvableHost = QStringLiteral("unresolvable host");
// `.invalid` never resolves (RFC 6761), and the lookup runs in an empty network namespace anyway.
const QString kUnresolvableUrl = QStringLiteral("https://scimitar-fault-matrix.invalid");

// One cell of the table: "exit 3, result unknown, journal unknown: `words`", or "—" for a fault that never touches
// those requests.
struct Expectation
{
    bool applies = false;
    int exitCode = -1;
    QString result;  // apply --output json's result word for the change
    QString journal; // the journal's outcome for it
    QString words;   // in the one stderr line (or, for exit 0, in the output)
};

struct MatrixRow
{
    QString condition; // a fault's name ("html-200"), or kClosedPort / kUnresolvableHost
    Expectation reads;
    Expectation applyReadFails;
    Expectation applyPatchMeetsFault;
};

std::optional<Expectation> parseCell(const QString& text, QString* error)
{
    const QString cell = text.trimmed();
    if (cell == QStringLiteral("—"))
        return Expectation();
    static const QRegularExpression kCell(
        QStringLiteral("^exit (\\d)(?:, result ([a-z-]+))?(?:, journal ([a-z-]+))?: `([^`]+)`$"));
    const QRegularExpressionMatch match = kCell.match(cell);
    if (!match.hasMatch()) {
        *error = QStringLiteral("cell '%1' is neither '—' nor 'exit N[, result R][, journal J]: `words`'").arg(cell);
        return std::nullopt;
    }
    Expectation expectation;
    expectation.applies = true;
    expectation.exitCode = match.captured(1).toInt();
    expectation.result = match.captured(2);
    expectation.journal = match.captured(3);
    expectation.words = match.captured(4);
    return expectation;
}

// The rows of the fault table in docs/reliability.md.
QList<MatrixRow> readMatrix(QString* error)
{
    const QString path = QFINDTESTDATA("../../docs/reliability.md");
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("docs/reliability.md not found");
        return {};
    }
    QList<MatrixRow> rows;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (!line.startsWith(QLatin1String("| `--fault-")) && !line.startsWith(QLatin1String("| ") + kClosedPort) &&
            !line.startsWith(QLatin1String("| ") + kUnresolvableHost))
            continue;
        const QStringList cells = line.split(QLatin1Char('|'));
        if (cells.size() != 6) {
            *error = QStringLiteral("row '%1' does not have 4 cells").arg(line);
            return {};
        }
        MatrixRow row;
        row.condition = cells.at(1).trimmed().remove(QLatin1Char('`')).remove(QStringLiteral("--fault-"));
        std::optional<Expectation> reads = parseCell(cells.at(2), error);
        std::optional<Expectation> readFails = parseCell(cells.at(3), error);
        std::optional<Expectation> patch = parseCell(cells.at(4), error);
        if (!reads || !readFails || !patch)
            return {};
        row.reads = *reads;
        row.applyReadFails = *readFails;
        row.applyPatchMeetsFault = *patch;
        rows.append(row);
    }
    return rows;
}

bool holdsPiiRead(const QJsonObject& user)
{
    for (const QJsonValue& role : user.value(QStringLiteral("roles")).toArray()) {
        if (role.toObject().value(QStringLiteral("value")).toString() == kPiiRead)
            return true;
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(Expectation)

class TestCliFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void tableCoversEveryFault();
    void reads_data();
    void reads();
    void applyReadFails_data();
    void applyReadFails();
    void applyPatchMeetsFault_data();
    void applyPatchMeetsFault();

private:
    using Run = test::CliRun;
    enum class Column
    {
        Reads,
        ApplyReadFails,
        ApplyPatchMeetsFault
    };

    // One row per table row and level (and, for reads, per command) whose cell in `column` applies.
    void addRows(Column column, const QStringList& commands);
    // Sets the emulator up for `condition` and runs the CLI with `arguments` at `level`, journaling to `journal`.
    Run runUnder(const QString& condition, const QString& level, QStringList arguments, int faultFrom,
                 emulator::FaultTarget target, const QString& journal);
    QString write(const QString& name, const QByteArray& data) const;
    QString freshJournal();

    QString m_binary;
    QTemporaryDir m_dir;
    std::unique_ptr<emulator::EmulatorThread> m_emulator;
    Dataset m_dataset;
    QList<MatrixRow> m_matrix;
    QString m_allFindings; // every demo finding (apply: a read fails)
    QString m_oneRemoval;  // one role removal (apply: the PATCH meets the fault)
    QString m_removalUserId;
    bool m_canIsolateNetwork = false;
    int m_journals = 0;
};

void TestCliFaults::initTestCase()
{
    m_binary = test::cliBinary();
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home/config")));
    QString error;
    m_matrix = readMatrix(&error);
    QVERIFY2(!m_matrix.isEmpty(), qPrintable(error));
    m_emulator = test::startDemoEmulator(&error);
    QVERIFY2(m_emulator, qPrintable(error));
    m_dataset = m_emulator->dataset();
    write(QStringLiteral("idp.csv"), test::demoDriftIdpCsv());
    write(QStringLiteral("policy.json"), test::demoDriftPolicy());

    // The findings apply sends come from a drift run before any fault.
    QProcessEnvironment env = test::cliEnvironment(m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("DATABRICKS_HOST"), m_emulator->baseUrl().toString());
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_emulator->options().token);
    const Run drift = test::runCli(m_binary,
                                   {QStringLiteral("drift"), QStringLiteral("--policy"),
                                    m_dir.filePath(QStringLiteral("policy.json")), QStringLiteral("-o"),
                                    QStringLiteral("json"), QStringLiteral("-q")},
                                   env);
    const QJsonArray findings = drift.jsonArray(1);
    QVERIFY2(findings.size() > 5, qPrintable(drift.describe()));
    m_allFindings = write(QStringLiteral("all.json"), QJsonDocument(findings).toJson());
    for (const QJsonValue& finding : findings) {
        const QJsonObject action = finding[QStringLiteral("action")].toObject();
        if (action[QStringLiteral("op")].toString() == QLatin1String("remove-role") &&
            action[QStringLiteral("value")].toString() == kPiiRead && m_oneRemoval.isEmpty()) {
            m_oneRemoval = write(QStringLiteral("one.json"), QJsonDocument(QJsonArray{finding}).toJson());
            m_removalUserId = action[QStringLiteral("userId")].toString();
        }
    }
    QVERIFY2(!m_oneRemoval.isEmpty(), "the demo drift has no pii-read role removal");

    m_canIsolateNetwork =
        QProcess::execute(QStringLiteral("unshare"), {QStringLiteral("-rn"), QStringLiteral("true")}) == 0;
}

void TestCliFaults::init()
{
    m_emulator->setOptions(EmulatorOptions());
    m_emulator->setDataset(m_dataset);
    m_emulator->resetStats();
}

QString TestCliFaults::write(const QString& name, const QByteArray& data) const
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

QString TestCliFaults::freshJournal()
{
    return m_dir.filePath(QStringLiteral("journal-%1/audit.sqlite").arg(++m_journals));
}

void TestCliFaults::tableCoversEveryFault()
{
    QStringList documented;
    for (const MatrixRow& row : m_matrix)
        documented.append(row.condition);
    for (const emulator::FaultInfo& info : emulator::allFaults())
        QVERIFY2(documented.contains(QLatin1String(info.name)), info.name);
    QVERIFY(documented.contains(kClosedPort));
    QVERIFY(documented.contains(kUnresolvableHost));
    QCOMPARE(documented.size(), emulator::allFaults().size() + 2);
}

void TestCliFaults::addRows(Column column, const QStringList& commands)
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<Expectation>("expected");
    QString error;
    const QList<MatrixRow> matrix = readMatrix(&error);
    QVERIFY2(!matrix.isEmpty(), qPrintable(error));
    for (const MatrixRow& row : matrix) {
        const Expectation& expected = column == Column::Reads            ? row.reads
                                      : column == Column::ApplyReadFails ? row.applyReadFails
                                                                         : row.applyPatchMeetsFault;
        if (!expected.applies)
            continue;
        for (const QString& level : {QStringLiteral("workspace"), QStringLiteral("account")}) {
            for (const QString& command : commands) {
                const QString name = QStringLiteral("%1 %2 %3").arg(row.condition, command, level);
                QTest::newRow(qPrintable(name))
                    << row.condition << level << command.split(QLatin1Char(' '), Qt::SkipEmptyParts) << expected;
            }
        }
    }
}

TestCliFaults::Run TestCliFaults::runUnder(const QString& condition, const QString& level, QStringList arguments,
                                           int faultFrom, emulator::FaultTarget target, const QString& journal)
{
    QString host = m_emulator->baseUrl().toString();
    QTcpServer closed;
    if (condition == kClosedPort) {
        // A port that was free a moment ago and has nobody listening now.
        if (!closed.listen(QHostAddress::LocalHost))
            qWarning("no free port");
        host = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
    } else if (condition == kUnresolvableHost) {
        host = kUnresolvableUrl;
    } else {
        const std::optional<Fault> fault = emulator::faultFromName(condition);
        if (!fault)
            qWarning("docs/reliability.md names an unknown fault '%s'", qPrintable(condition));
        m_emulator->updateOptions([&](EmulatorOptions& options) {
            options.maxPageSize = 5;
            options.faults = {fault.value_or(Fault::Unauthorized)};
            options.faultFrom = faultFrom;
            options.faultTarget = target;
            options.slowBodyMs = 30000;
        });
    }

    QProcessEnvironment env = test::cliEnvironment(m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("DATABRICKS_HOST"), host);
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_emulator->options().token);
    env.insert(QStringLiteral("SCIMITAR_AUDIT_JOURNAL"), journal);
    arguments << QStringLiteral("-q") << QStringLiteral("--timeout") << QStringLiteral("1")
              << QStringLiteral("--retries") << QStringLiteral("2");
    if (level == QLatin1String("account")) {
        env.insert(QStringLiteral("DATABRICKS_ACCOUNT_ID"), kAccountId);
        arguments << QStringLiteral("--kind") << QStringLiteral("account");
    }
    // Every row must end well within this, whatever the server does: no hang.
    constexpr int kNoHangMs = 60000;
    if (condition == kUnresolvableHost)
        return test::runCli(QStringLiteral("unshare"), QStringList{QStringLiteral("-rn"), m_binary} + arguments, env,
                            kNoHangMs);
    return test::runCli(m_binary, arguments, env, kNoHangMs);
}

void TestCliFaults::reads_data()
{
    addRows(Column::Reads, {QStringLiteral("users list"), QStringLiteral("groups list"), QStringLiteral("drift")});
}

void TestCliFaults::reads()
{
    QFETCH(QString, condition);
    QFETCH(QString, level);
    QFETCH(QStringList, command);
    QFETCH(Expectation, expected);
    if (condition == kUnresolvableHost && !m_canIsolateNetwork)
        QSKIP("unshare -rn is not available here, and the lookup must not leave the machine");
    if (command.first() == QLatin1String("drift"))
        command << QStringLiteral("--policy") << m_dir.filePath(QStringLiteral("policy.json"));
    command << QStringLiteral("-o") << QStringLiteral("json");

    const Run run = runUnder(condition, level, command, 4, emulator::FaultTarget::Any, freshJournal());
    QVERIFY2(run.exitCode == expected.exitCode, qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), "something was printed on stdout although the read failed");
    const QStringList lines = run.errLines();
    QVERIFY2(lines.size() == 1, qPrintable(run.describe()));
    QVERIFY2(lines.first().startsWith(QLatin1String("scimitar-cli: ")), qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(expected.words), qPrintable(lines.first()));
    if (condition != kClosedPort && condition != kUnresolvableHost)
        QVERIFY2(m_emulator->stats().totalRequests >= 4, "the fault was never reached");
}

void TestCliFaults::applyReadFails_data()
{
    addRows(Column::ApplyReadFails, {QStringLiteral("apply")});
}

void TestCliFaults::applyReadFails()
{
    QFETCH(QString, condition);
    QFETCH(QString, level);
    QFETCH(QStringList, command);
    QFETCH(Expectation, expected);
    if (condition == kUnresolvableHost && !m_canIsolateNetwork)
        QSKIP("unshare -rn is not available here, and the lookup must not leave the machine");
    command << m_allFindings << QStringLiteral("--yes");

    const QString journal = freshJournal();
    const Run run = runUnder(condition, level, command, 2, emulator::FaultTarget::Any, journal);
    QVERIFY2(run.exitCode == expected.exitCode, qPrintable(run.describe()));
    const QStringList lines = run.errLines();
    QVERIFY2(lines.size() == 1, qPrintable(run.describe()));
    QVERIFY2(lines.first().contains(expected.words), qPrintable(lines.first()));
    // Nothing was sent, so nothing was journaled, and the table says why each change was not made.
    for (const auto& request : m_emulator->stats().requests)
        QVERIFY2(request.method != QLatin1String("PATCH"), qPrintable(request.pathAndQuery));
    QVERIFY(!QFileInfo::exists(journal));
    if (expected.exitCode == 3)
        QVERIFY2(run.out.contains("FAILED, not sent:"), qPrintable(run.describe()));
    QVERIFY(holdsPiiRead(m_emulator->dataset().resource(emulator::ResourceKind::User, m_removalUserId)));
}

void TestCliFaults::applyPatchMeetsFault_data()
{
    addRows(Column::ApplyPatchMeetsFault, {QStringLiteral("apply")});
}

void TestCliFaults::applyPatchMeetsFault()
{
    QFETCH(QString, condition);
    QFETCH(QString, level);
    QFETCH(QStringList, command);
    QFETCH(Expectation, expected);
    command << m_oneRemoval << QStringLiteral("--yes") << QStringLiteral("-o") << QStringLiteral("json");

    const QString journal = freshJournal();
    const Run run = runUnder(condition, level, command, 1, emulator::FaultTarget::Patch, journal);
    QVERIFY2(run.exitCode == expected.exitCode, qPrintable(run.describe()));
    const QJsonArray items = run.jsonArray(expected.exitCode);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0)[QStringLiteral("result")].toString(), expected.result);
    const QStringList lines = run.errLines();
    QCOMPARE(lines.size(), expected.exitCode == 0 ? 0 : 1);
    QVERIFY2((run.err + run.out).contains(expected.words.toUtf8()), qPrintable(run.describe()));

    // The journal holds the intent, what came back on the wire, and the re-read that settled it.
    AuditJournal audit;
    QString error;
    QVERIFY2(audit.open(journal, &error), qPrintable(error));
    const QList<JournalEntry> entries = audit.entries({}, &error);
    QCOMPARE(entries.size(), 1);
    QVERIFY(entries.first().outcome);
    QCOMPARE(changeResultName(entries.first().outcome->result), expected.journal);
    const bool done = expected.result == QLatin1String("done");
    if (expected.journal == QLatin1String("failed")) {
        QVERIFY(!entries.first().verification); // refused by the server: nothing to settle
    } else {
        QVERIFY(entries.first().verification);
        QCOMPARE(entries.first().verification->verified, done);
    }

    // And the server agrees with what the user was told.
    const QJsonObject user = m_emulator->dataset().resource(emulator::ResourceKind::User, m_removalUserId);
    QCOMPARE(holdsPiiRead(user), !done);
}

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
