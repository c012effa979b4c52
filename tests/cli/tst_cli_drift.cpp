#include "CliRun.h"
#include "CsvReader.h"
#include "DemoEmulator.h"
#include "EmulatorThread.h"
#include "drift/FindingCsv.h"
#include "output/DisplayWidth.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace scimitar;
using emulator::EmulatorOptions;
using emulator::EmulatorThread;
using test::parseCsv;
using test::sortedKeys;

// `scimitar-cli drift` end to end: the real binary against the emulator serving the demo workspace, with a file IdP
// and policies written into a temporary folder.
class TestCliDrift : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void jsonFindsEveryKind();
    void jsonContract();
    void blastRadiusInJson();
    void formatsAgree_data();
    void formatsAgree();
    void noDriftExitsZero_data();
    void noDriftExitsZero();
    void errorsExitTwo_data();
    void errorsExitTwo();
    void incompleteListingIsAnError();
    void oktaAndEntraAgree();
    void idpSecretErrors_data();
    void idpSecretErrors();
    void policyHostAloneReceivesNoSecret_data();
    void policyHostAloneReceivesNoSecret();

private:
    using Run = test::CliRun;

    QProcessEnvironment environment() const;
    Run run(const QStringList& arguments, const QProcessEnvironment& env) const;
    Run drift(const QString& policy, const QStringList& extra = {}) const;
    QString write(const QString& name, const QByteArray& data) const;
    QJsonArray findings();
    // The demo policy's rules against the emulator's Okta or Graph face; `%URL%` in `idp` is the emulator.
    QString writeIdpPolicy(const QString& name, const QString& idp) const;

    QString m_binary;
    QTemporaryDir m_dir;
    std::unique_ptr<EmulatorThread> m_emulator;
    QString m_token;
};

namespace {

const QString kPiiRead = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");
const QString kPiiAnalystsId = QStringLiteral("6250418837291085");
const QString kAdminId = QStringLiteral("4839201746150017");

// The IdP and policy that make every kind of finding in the demo workspace (see DemoEmulator.h).
const QByteArray kIdpCsv = test::demoDriftIdpCsv();
const QByteArray kPolicy = test::demoDriftPolicy();

// finance-analysts (holding finance-read) has hannah, zoe (deactivated), arjun, jamie and, through finance-leads,
// fatima and marcus: all of them in dbx-finance. Nothing has drifted.
const QByteArray kFinanceCsv = "group,user\n"
                               "dbx-finance,hannah.schmidt@acme.example\n"
                               "dbx-finance,arjun.mehta@acme.example\n"
                               "dbx-finance,jamie.taylor@contractor.example\n"
                               "dbx-finance,fatima.zahra@acme.example\n"
                               "dbx-finance,marcus.green@acme.example\n";
const QByteArray kFinancePolicy = R"({
  "idp": {"type": "file", "path": "finance.csv"},
  "rules": [
    {"idpGroup": "dbx-finance", "databricksGroup": "finance-analysts"},
    {"idpGroup": "dbx-finance", "role": "arn:aws:iam::123456789012:instance-profile/finance-read"}
  ]
})";

} // namespace

void TestCliDrift::initTestCase()
{
    m_binary = test::cliBinary();
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home/config")));

    QString error;
    m_emulator = test::startDemoEmulator(&error);
    QVERIFY2(m_emulator, qPrintable(error));
    m_token = m_emulator->options().token;

    write(QStringLiteral("idp.csv"), kIdpCsv);
    write(QStringLiteral("policy.json"), kPolicy);
    write(QStringLiteral("finance.csv"), kFinanceCsv);
    write(QStringLiteral("finance.json"), kFinancePolicy);
}

void TestCliDrift::cleanup()
{
    m_emulator->setOptions(EmulatorOptions());
}

QString TestCliDrift::write(const QString& name, const QByteArray& data) const
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

QProcessEnvironment TestCliDrift::environment() const
{
    QProcessEnvironment env = test::cliEnvironment(m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("DATABRICKS_HOST"), m_emulator->baseUrl().toString());
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_token);
    return env;
}

TestCliDrift::Run TestCliDrift::run(const QStringList& arguments, const QProcessEnvironment& env) const
{
    return test::runCli(m_binary, arguments, env);
}

TestCliDrift::Run TestCliDrift::drift(const QString& policy, const QStringList& extra) const
{
    return run(QStringList{QStringLiteral("drift"), QStringLiteral("--policy"), m_dir.filePath(policy)} + extra,
               environment());
}

QJsonArray TestCliDrift::findings()
{
    return drift(QStringLiteral("policy.json"), {QStringLiteral("--output"), QStringLiteral("json")}).jsonArray(1);
}

void TestCliDrift::jsonFindsEveryKind()
{
    const QJsonArray array = findings();
    QVERIFY(!array.isEmpty());
    QHash<QString, QJsonObject> byKey; // "kind userName" -> finding
    QSet<QString> kinds;
    for (const QJsonValue& value : array) {
        const QJsonObject finding = value.toObject();
        kinds.insert(finding[QLatin1String("kind")].toString());
        byKey.insert(finding[QLatin1String("kind")].toString() + QLatin1Char(' ') +
                         finding[QLatin1String("principal")][QLatin1String("userName")].toString(),
                     finding);
    }
    QCOMPARE(kinds, (QSet<QString>{"role-without-grant", "entitlement-without-grant", "member-without-grant",
                                   "deprovisioned-active", "unknown-in-idp", "missing-member", "not-provisioned"}));

    const QJsonObject jonas = byKey.value(QStringLiteral("role-without-grant jonas.berg@acme.example"));
    QCOMPARE(jonas[QLatin1String("via")].toString(), QStringLiteral("legacy-bi-team"));
    QCOMPARE(jonas[QLatin1String("target")].toString(), kPiiRead);
    QCOMPARE(jonas[QLatin1String("action")][QLatin1String("op")].toString(), QStringLiteral("remove-member"));
    QCOMPARE(jonas[QLatin1String("idpGroups")].toArray(), QJsonArray{QStringLiteral("dbx-pii-analysts")});

    const QJsonObject omar = byKey.value(QStringLiteral("member-without-grant omar.haddad@acme.example"));
    QCOMPARE(omar[QLatin1String("action")][QLatin1String("groupId")].toString(), kPiiAnalystsId);

    const QJsonObject julia = byKey.value(QStringLiteral("deprovisioned-active julia.novak@acme.example"));
    QCOMPARE(julia[QLatin1String("action")][QLatin1String("op")].toString(), QStringLiteral("deactivate"));
    QVERIFY(julia[QLatin1String("target")].isNull());

    QVERIFY(byKey.contains(QStringLiteral("unknown-in-idp victor.nguyen@acme.example")));

    // Matched although the IdP spells the login in capitals.
    const QJsonObject kai = byKey.value(QStringLiteral("missing-member kai.mueller@contractor.example"));
    QCOMPARE(kai[QLatin1String("action")][QLatin1String("op")].toString(), QStringLiteral("add-member"));
    QCOMPARE(kai[QLatin1String("action")][QLatin1String("groupId")].toString(), kPiiAnalystsId);

    const QJsonObject hire = byKey.value(QStringLiteral("not-provisioned new.hire@acme.example"));
    QVERIFY(hire[QLatin1String("principal")][QLatin1String("id")].isNull());
    QCOMPARE(hire[QLatin1String("action")].toObject(), (QJsonObject{{QStringLiteral("op"), QStringLiteral("none")}}));

    const QJsonObject alex = byKey.value(QStringLiteral("entitlement-without-grant alex.rivera@contractor.example"));
    QCOMPARE(alex[QLatin1String("action")][QLatin1String("op")].toString(), QStringLiteral("remove-entitlement"));
    QCOMPARE(alex[QLatin1String("action")][QLatin1String("value")].toString(), QStringLiteral("allow-cluster-create"));

    // The token owner is reported but never changed automatically.
    const QJsonObject admin = byKey.value(QStringLiteral("entitlement-without-grant scim-admin@acme.example"));
    QCOMPARE(admin[QLatin1String("principal")][QLatin1String("id")].toString(), kAdminId);
    QVERIFY2(admin[QLatin1String("blockedBy")].toString().contains(QLatin1String("owns the token")),
             qPrintable(admin[QLatin1String("blockedBy")].toString()));
    // Service principals (reporting-exports-legacy holds pii-read through legacy-bi-team) are never findings.
    for (const QJsonValue& value : array)
        QCOMPARE(value[QLatin1String("principal")][QLatin1String("kind")].toString(), QStringLiteral("user"));
}

// Each finding says what else its fix takes away, and what still grants its target (docs/drift.md).
void TestCliDrift::blastRadiusInJson()
{
    auto find = [](const QJsonArray& array, const QString& kind, const QString& user) {
        for (const QJsonValue& value : array)
            if (value[QLatin1String("kind")].toString() == kind &&
                value[QLatin1String("principal")][QLatin1String("userName")].toString() == user)
                return value.toObject();
        return QJsonObject();
    };
    const QJsonArray array = findings();
    // Taking omar out of pii-analysts also takes data-stewards, nested in it: said before anything is sent. His own
    // target (the membership, and the role it is about) is not a side effect.
    const QJsonObject omar =
        find(array, QStringLiteral("member-without-grant"), QStringLiteral("omar.haddad@acme.example"));
    QVERIFY(!omar.isEmpty());
    QVERIFY2(omar[QLatin1String("sideEffects")].toArray().contains(QJsonObject{
                 {"kind", "group"}, {"value", "data-stewards"}, {"via", "pii-analysts"}, {"principal", QJsonValue()}}),
             QJsonDocument(omar).toJson().constData());
    // alex holds allow-cluster-create directly and through data-engineering: the fix cuts both paths, so nothing
    // still grants it afterwards, and what leaving data-engineering costs him is listed.
    const QJsonObject alex =
        find(array, QStringLiteral("entitlement-without-grant"), QStringLiteral("alex.rivera@contractor.example"));
    const QJsonArray alexActions = alex[QLatin1String("actions")].toArray();
    QCOMPARE(alexActions.size(), 2);
    QCOMPARE(alexActions.at(0)[QLatin1String("op")].toString(), QStringLiteral("remove-entitlement"));
    QCOMPARE(alexActions.at(1)[QLatin1String("op")].toString(), QStringLiteral("remove-member"));
    QCOMPARE(alex[QLatin1String("stillHeldThrough")].toArray(), QJsonArray());
    for (const QJsonValue& effect : alex[QLatin1String("sideEffects")].toArray())
        QCOMPARE(effect[QLatin1String("via")].toString(), QStringLiteral("data-engineering"));
    // A role removed through the one group that gave it: the role is the target, nothing else goes.
    const QJsonObject jonas =
        find(array, QStringLiteral("role-without-grant"), QStringLiteral("jonas.berg@acme.example"));
    QCOMPARE(jonas[QLatin1String("action")][QLatin1String("op")].toString(), QStringLiteral("remove-member"));
    QCOMPARE(jonas[QLatin1String("sideEffects")].toArray(), QJsonArray());
}

void TestCliDrift::jsonContract()
{
    const QJsonArray array = findings();
    QVERIFY(!array.isEmpty());
    QStringList previous;
    for (const QJsonValue& value : array) {
        QVERIFY(value.isObject());
        const QJsonObject finding = value.toObject();
        QCOMPARE(sortedKeys(finding),
                 (QStringList{"action", "actions", "blockedBy", "explanation", "idpGroups", "kind", "principal",
                              "severity", "sideEffects", "stillHeldThrough", "target", "via"}));
        // actions is the whole fix, action its first change; a finding without a change has none.
        const QJsonArray actions = finding[QLatin1String("actions")].toArray();
        if (finding[QLatin1String("action")][QLatin1String("op")].toString() == QLatin1String("none"))
            QCOMPARE(actions, QJsonArray());
        else
            QCOMPARE(actions.first(), finding[QLatin1String("action")]);
        for (const QJsonValue& effect : finding[QLatin1String("sideEffects")].toArray()) {
            QCOMPARE(sortedKeys(effect.toObject()), (QStringList{"kind", "principal", "value", "via"}));
            QVERIFY(QStringList({"role", "entitlement", "group"}).contains(effect[QLatin1String("kind")].toString()));
            QVERIFY(effect[QLatin1String("value")].isString() && effect[QLatin1String("via")].isString());
            QVERIFY(effect[QLatin1String("principal")].isString() || effect[QLatin1String("principal")].isNull());
        }
        QVERIFY(finding[QLatin1String("stillHeldThrough")].isArray());
        for (const QJsonValue& group : finding[QLatin1String("stillHeldThrough")].toArray())
            QVERIFY(group.isString());
        QVERIFY(finding[QLatin1String("kind")].isString());
        QVERIFY(QStringList({"high", "medium", "low"}).contains(finding[QLatin1String("severity")].toString()));
        const QJsonObject principal = finding[QLatin1String("principal")].toObject();
        QCOMPARE(sortedKeys(principal), (QStringList{"id", "kind", "userName"}));
        QVERIFY(principal[QLatin1String("id")].isString() || principal[QLatin1String("id")].isNull());
        QVERIFY(principal[QLatin1String("userName")].isString());
        for (const char* key : {"target", "via", "blockedBy"})
            QVERIFY2(finding[QLatin1String(key)].isString() || finding[QLatin1String(key)].isNull(), key);
        QVERIFY(finding[QLatin1String("idpGroups")].isArray());
        for (const QJsonValue& group : finding[QLatin1String("idpGroups")].toArray())
            QVERIFY(group.isString());
        QVERIFY(!finding[QLatin1String("explanation")].toString().isEmpty());
        const QJsonObject action = finding[QLatin1String("action")].toObject();
        QVERIFY(QStringList({"remove-role", "remove-entitlement", "remove-member", "add-member", "deactivate", "none"})
                    .contains(action[QLatin1String("op")].toString()));
        for (const QString& key : action.keys()) {
            QVERIFY2(QStringList({"op", "userId", "groupId", "value"}).contains(key), qPrintable(key));
            QVERIFY(action[key].isString());
        }
        // Sorted by kind (in the documented order), then userName.
        const QString order = QStringLiteral("%1 %2").arg(
            QString::number(QStringList({"role-without-grant", "entitlement-without-grant", "member-without-grant",
                                         "deprovisioned-active", "unknown-in-idp", "missing-member", "not-provisioned"})
                                .indexOf(finding[QLatin1String("kind")].toString())),
            principal[QLatin1String("userName")].toString().toLower());
        if (!previous.isEmpty())
            QVERIFY2(previous.last() <= order, qPrintable(previous.last() + QStringLiteral(" > ") + order));
        previous.append(order);
    }
}

void TestCliDrift::formatsAgree_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("table") << QStringLiteral("table");
    QTest::newRow("csv") << QStringLiteral("csv");
}

void TestCliDrift::formatsAgree()
{
    QFETCH(QString, format);
    const int expected = int(findings().size());
    QVERIFY(expected > 0);
    const Run result = drift(QStringLiteral("policy.json"), {QStringLiteral("-o"), format});
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(!result.out.contains(m_token.toUtf8()) && !result.err.contains(m_token.toUtf8()), "token printed");
    const QString text = QString::fromUtf8(result.out);
    if (format == QLatin1String("csv")) {
        const QList<QStringList> rows = parseCsv(text);
        QCOMPARE(rows.size(), expected + 1);
        QCOMPARE(rows.first(), FindingCsv::columns());
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), FindingCsv::columns().size());
        return;
    }
    const QStringList lines = text.split(QLatin1Char('\n'));
    QVERIFY2(lines.first().startsWith(QLatin1String("#   SEV     KIND")), qPrintable(lines.first()));
    QVERIFY(lines.at(1).startsWith(QLatin1String("--")));
    for (int i = 0; i < expected + 2; ++i) {
        QVERIFY2(DisplayWidth::of(lines.at(i)) <= 120, qPrintable(lines.at(i)));
        QVERIFY2(!lines.at(i).endsWith(QLatin1Char(' ')), qPrintable(lines.at(i)));
    }
    QVERIFY(text.contains(QStringLiteral("\n1. ")));
    QVERIFY(text.contains(QStringLiteral("   Blocked: scim-admin@acme.example owns the token")));
    QVERIFY(text.contains(QStringLiteral("Service principals holding managed access")));
    QVERIFY2(lines.at(lines.size() - 2).startsWith(QStringLiteral("%1 findings: ").arg(expected)),
             qPrintable(lines.at(lines.size() - 2)));
}

void TestCliDrift::noDriftExitsZero_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("json") << QStringLiteral("json") << QByteArray("[\n]\n");
    QTest::newRow("csv") << QStringLiteral("csv") << (FindingCsv::columns().join(QLatin1Char(',')) + "\r\n").toUtf8();
    QTest::newRow("table") << QStringLiteral("table") << QByteArray("No drift: everything the policy manages matches");
}

void TestCliDrift::noDriftExitsZero()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, out);
    const Run result = drift(QStringLiteral("finance.json"), {QStringLiteral("--output"), format});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), result.err.constData());
    QVERIFY2(result.out.startsWith(out), result.out.constData());
}

void TestCliDrift::errorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("policyName");
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QString>("error");

    const QStringList drift{QStringLiteral("drift"), QStringLiteral("--policy")};
    QTest::newRow("no --policy") << QStringList{QStringLiteral("drift")} << QString() << QByteArray()
                                 << QStringLiteral("'drift' needs --policy FILE");
    QTest::newRow("--policy elsewhere") << QStringList{QStringLiteral("users"), QStringLiteral("list"),
                                                       QStringLiteral("--policy"), QStringLiteral("p.json")}
                                        << QString() << QByteArray()
                                        << QStringLiteral("--policy and --idp-connection only apply to drift");
    QTest::newRow("policy file missing") << drift << QStringLiteral("absent.json") << QByteArray()
                                         << QStringLiteral("Cannot read the policy file");
    QTest::newRow("policy error names the field")
        << drift << QStringLiteral("bad.json")
        << QByteArray(R"({"idp": {"type": "file", "path": "idp.csv"}, "rules": [{"idpGroup": "a", "role": ""}]})")
        << QStringLiteral("rules[0].role: must be a non-empty string");
    QTest::newRow("IdP group missing is an error, not an empty group")
        << drift << QStringLiteral("typo.json") << QByteArray(R"({"idp": {"type": "file", "path": "idp.csv"},
                          "rules": [{"idpGroup": "dbx-pii-analyst", "databricksGroup": "pii-analysts"}]})")
        << QStringLiteral("has no group dbx-pii-analyst");
    QTest::newRow("Databricks group missing")
        << drift << QStringLiteral("nogroup.json") << QByteArray(R"({"idp": {"type": "file", "path": "idp.csv"},
                          "rules": [{"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analyst"}]})")
        << QStringLiteral("names the Databricks group pii-analyst, which does not exist");
    QTest::newRow("IdP file missing") << drift << QStringLiteral("nofile.json")
                                      << QByteArray(R"({"idp": {"type": "file", "path": "absent.csv"},
                          "rules": [{"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analysts"}]})")
                                      << QStringLiteral("Cannot read the IdP file");
    QTest::newRow("unknown IdP connection")
        << (drift +
            QStringList{QStringLiteral("policy.json"), QStringLiteral("--idp-connection"), QStringLiteral("okta-prod")})
        << QString() << QByteArray() << QStringLiteral("There is no saved IdP connection named 'okta-prod'");
}

void TestCliDrift::errorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, policyName);
    QFETCH(QByteArray, policy);
    QFETCH(QString, error);
    if (!policyName.isEmpty()) {
        if (!policy.isEmpty())
            write(policyName, policy);
        arguments.append(m_dir.filePath(policyName));
    } else if (arguments.size() > 2 && arguments.at(2) == QLatin1String("policy.json")) {
        arguments[2] = m_dir.filePath(QStringLiteral("policy.json"));
    }
    const Run result = run(arguments, environment());
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    const QStringList lines = QString::fromUtf8(result.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().startsWith(QLatin1String("scimitar-cli: ")), qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(error), qPrintable(lines.first()));
    QVERIFY(!result.err.contains(m_token.toUtf8()));
}

void TestCliDrift::incompleteListingIsAnError()
{
    // Small pages, and pages after the first without "Resources": the listing ends early, which is an error.
    m_emulator->updateOptions([](EmulatorOptions& options) {
        options.maxPageSize = 10;
        options.omitResourcesAfter = 1;
    });
    const Run result = drift(QStringLiteral("policy.json"), {QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    // Users and groups are read at once: whichever listing fails first is the one named.
    QVERIFY2(result.err.contains("Listing users") || result.err.contains("Listing groups"), result.err.constData());
    QVERIFY2(result.err.contains("never arrived"), result.err.constData());
    QCOMPARE(result.errLines().size(), 1);

    // A wrong token is an error too, and never printed.
    m_emulator->setOptions(EmulatorOptions());
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), QStringLiteral("dapi-wrong-but-secret-0123456789"));
    const Run wrong = run({QStringLiteral("drift"), QStringLiteral("--policy"), m_dir.filePath("policy.json")}, env);
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY(!wrong.err.contains("dapi-wrong-but-secret-0123456789"));
}

QString TestCliDrift::writeIdpPolicy(const QString& name, const QString& idp) const
{
    QJsonObject policy = QJsonDocument::fromJson(kPolicy).object();
    QString text = idp;
    text.replace(QLatin1String("%URL%"), m_emulator->baseUrl().toString());
    policy.insert(QStringLiteral("idp"), QJsonDocument::fromJson(text.toUtf8()).object());
    return write(name, QJsonDocument(policy).toJson());
}

void TestCliDrift::oktaAndEntraAgree()
{
    // The emulator serves one IdP dataset as Okta and as Microsoft Graph; the demo policy's groups do not depend on
    // Graph's nested-group expansion, so both must lead to the same findings (only the status words differ:
    // Okta says deprovisioned or suspended, Entra says disabled).
    const QString okta =
        writeIdpPolicy(QStringLiteral("okta.json"), QStringLiteral(R"({"type": "okta", "url": "%URL%"})"));
    const QString entra = writeIdpPolicy(
        QStringLiteral("entra.json"),
        QStringLiteral(
            R"({"type": "entra", "tenant": "acme-tenant", "clientId": "%1", "authority": "%URL%", "graph": "%URL%"})")
            .arg(QLatin1String(EmulatorOptions::kDemoEntraClientId)));
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("OKTA_API_TOKEN"), QLatin1String(EmulatorOptions::kDemoOktaToken));
    env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), QLatin1String(EmulatorOptions::kDemoEntraClientSecret));
    // The emulator is neither Okta's domain nor an Entra cloud: the environment names it as well as the policy.
    for (const char* variable : {"OKTA_ORG_URL", "AZURE_AUTHORITY_HOST", "SCIMITAR_GRAPH_HOST"})
        env.insert(QLatin1String(variable), m_emulator->baseUrl().toString());

    QStringList results[2];
    for (int i = 0; i < 2; ++i) {
        const Run result = run({QStringLiteral("drift"), QStringLiteral("--policy"), i == 0 ? okta : entra,
                                QStringLiteral("-o"), QStringLiteral("json")},
                               env);
        QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
        QVERIFY(!result.err.contains(EmulatorOptions::kDemoOktaToken));
        QVERIFY(!result.err.contains(EmulatorOptions::kDemoEntraClientSecret));
        for (const QJsonValue& value : QJsonDocument::fromJson(result.out).array()) {
            const QJsonObject action = value[QLatin1String("action")].toObject();
            results[i].append(QStringList{value[QLatin1String("kind")].toString(),
                                          value[QLatin1String("principal")][QLatin1String("userName")].toString(),
                                          value[QLatin1String("target")].toString(),
                                          action[QLatin1String("op")].toString(),
                                          action[QLatin1String("groupId")].toString()}
                                  .join(QLatin1Char(' ')));
        }
    }
    QVERIFY(!results[0].isEmpty());
    QCOMPARE(results[1], results[0]);
    // The demo IdP deprovisioned omar, who is still active in Databricks.
    QVERIFY2(results[0].contains(QStringLiteral("deprovisioned-active omar.haddad@acme.example  deactivate ")),
             qPrintable(results[0].join(QLatin1Char('\n'))));
}

void TestCliDrift::idpSecretErrors_data()
{
    QTest::addColumn<QString>("idp");
    QTest::addColumn<QStringList>("env"); // NAME=value
    QTest::addColumn<QString>("error");

    const QString okta = QStringLiteral(R"({"type": "okta", "url": "%URL%"})");
    const QString entra = QStringLiteral(
        R"({"type": "entra", "tenant": "acme-tenant", "clientId": "emulator-client-id", "authority": "%URL%", "graph": "%URL%"})");
    const QString orgUrl = QStringLiteral("OKTA_ORG_URL=%URL%");
    const QStringList entraHosts{"AZURE_AUTHORITY_HOST=%URL%", "SCIMITAR_GRAPH_HOST=%URL%"};
    QTest::newRow("okta without a token")
        << okta << QStringList{orgUrl} << QStringLiteral("idp.type okta needs an Okta API token in OKTA_API_TOKEN");
    QTest::newRow("okta without a URL") << QStringLiteral(R"({"type": "okta"})") << QStringList{"OKTA_API_TOKEN=x"}
                                        << QStringLiteral("set idp.url in the policy or OKTA_ORG_URL");
    QTest::newRow("okta, two orgs named")
        << okta << QStringList{"OKTA_API_TOKEN=x", "OKTA_ORG_URL=https://other.okta.com"}
        << QStringLiteral("OKTA_ORG_URL (https://other.okta.com) names another org");
    QTest::newRow("okta, wrong token") << okta << QStringList{"OKTA_API_TOKEN=okta-wrong-but-secret-0123", orgUrl}
                                       << QStringLiteral("Okta (");
    QTest::newRow("entra without a secret") << entra << entraHosts
                                            << QStringLiteral("needs the client secret of app emulator-client-id in "
                                                              "AZURE_CLIENT_SECRET");
    QTest::newRow("entra, another tenant in the environment")
        << entra << QStringList{"AZURE_CLIENT_SECRET=s", "AZURE_TENANT_ID=other-tenant"}
        << QStringLiteral("AZURE_TENANT_ID (other-tenant) differs from the policy's idp.tenant (acme-tenant)");
    QTest::newRow("entra, wrong secret") << entra
                                         << (QStringList{"AZURE_CLIENT_SECRET=entra-wrong-but-secret-0123"} +
                                             entraHosts)
                                         << QStringLiteral("Entra");

    // A policy from git alone never sends a secret to a host Okta or Microsoft does not run.
    QTest::newRow("okta, the policy's host alone")
        << okta << QStringList{"OKTA_API_TOKEN=okta-wrong-but-secret-0123"}
        << QStringLiteral("is not an https Okta domain, and the token is only sent there when OKTA_ORG_URL names the "
                          "same org; set OKTA_ORG_URL=http://127.0.0.1:");
    QTest::newRow("okta, another port than OKTA_ORG_URL")
        << okta << QStringList{"OKTA_API_TOKEN=okta-wrong-but-secret-0123", "OKTA_ORG_URL=http://127.0.0.1:1"}
        << QStringLiteral("OKTA_ORG_URL (http://127.0.0.1:1) names another org");
    QTest::newRow("entra, the policy's authority alone")
        << entra << QStringList{"AZURE_CLIENT_SECRET=entra-wrong-but-secret-0123"}
        << QStringLiteral("The policy's idp.authority (http://127.0.0.1:");
    QTest::newRow("entra, AZURE_AUTHORITY_HOST names another host")
        << entra
        << QStringList{"AZURE_CLIENT_SECRET=entra-wrong-but-secret-0123", "AZURE_AUTHORITY_HOST=http://127.0.0.1:1"}
        << QStringLiteral("AZURE_AUTHORITY_HOST (http://127.0.0.1:1) names another host than the policy's "
                          "idp.authority");
    QTest::newRow("entra, Graph not named")
        << entra << QStringList{"AZURE_CLIENT_SECRET=entra-wrong-but-secret-0123", "AZURE_AUTHORITY_HOST=%URL%"}
        << QStringLiteral("The policy's idp.graph (http://127.0.0.1:");
    QTest::newRow("entra, a national cloud's authority alone")
        << QString::fromUtf8(
               R"({"type": "entra", "tenant": "acme-tenant", "clientId": "c", )"
               R"("authority": "https://login.microsoftonline.us", "graph": "https://graph.microsoft.us"})")
        << QStringList{"AZURE_CLIENT_SECRET=entra-wrong-but-secret-0123"}
        << QStringLiteral("set AZURE_AUTHORITY_HOST=https://login.microsoftonline.us");
    QTest::newRow("entra, mixed clouds")
        << QString::fromUtf8(R"({"type": "entra", "tenant": "acme-tenant", "clientId": "c", )"
                             R"("graph": "https://graph.microsoft.us"})")
        << QStringList{"AZURE_CLIENT_SECRET=entra-wrong-but-secret-0123"}
        << QStringLiteral("The policy's idp.graph (https://graph.microsoft.us) is not the default host");
}

void TestCliDrift::idpSecretErrors()
{
    QFETCH(QString, idp);
    QFETCH(QStringList, env);
    QFETCH(QString, error);
    const QString policy = writeIdpPolicy(QStringLiteral("secret-errors.json"), idp);
    QProcessEnvironment environmentWith = environment();
    for (QString pair : env) {
        pair.replace(QLatin1String("%URL%"), m_emulator->baseUrl().toString());
        environmentWith.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    }
    const Run result = run({QStringLiteral("drift"), QStringLiteral("--policy"), policy}, environmentWith);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    // Only our own lines: with a wrong Okta token Qt itself may add a warning about an aborted reply (reported to
    // the HttpClient owners); the CLI's promise is one scimitar-cli line per error.
    QStringList lines = QString::fromUtf8(result.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.removeIf([](const QString& line) { return !line.startsWith(QLatin1String("scimitar-cli: ")); });
    QVERIFY2(lines.size() == 1, qPrintable(result.describe()));
    QVERIFY2(lines.first().contains(error), qPrintable(lines.first()));
    for (const char* secret : {"okta-wrong-but-secret-0123", "entra-wrong-but-secret-0123"})
        QVERIFY2(!result.err.contains(secret), "a secret was printed");
}

void TestCliDrift::policyHostAloneReceivesNoSecret_data()
{
    QTest::addColumn<QString>("idp"); // %LOGGER%: a loopback listener standing in for a host an attacker runs
    QTest::addColumn<QString>("variable");
    QTest::newRow("okta org") << QString::fromUtf8(R"({"type": "okta", "url": "%LOGGER%"})") << "OKTA_API_TOKEN";
    QTest::newRow("entra authority") << QString::fromUtf8(
                                            R"({"type": "entra", "tenant": "acme-tenant", "clientId": "c", )"
                                            R"("authority": "%LOGGER%", "graph": "%URL%"})")
                                     << "AZURE_CLIENT_SECRET";
}

void TestCliDrift::policyHostAloneReceivesNoSecret()
{
    // The reproduction of the review: a policy edited to point at a logger, the secret in the environment. The
    // logger must not even be connected to.
    QFETCH(QString, idp);
    QFETCH(QString, variable);
    QTcpServer logger;
    QVERIFY(logger.listen(QHostAddress::LocalHost));
    idp.replace(QLatin1String("%LOGGER%"), QStringLiteral("http://127.0.0.1:%1").arg(logger.serverPort()));
    const QString policy = writeIdpPolicy(QStringLiteral("logger.json"), idp);
    QProcessEnvironment env = environment();
    env.insert(variable, QStringLiteral("secret-for-the-logger-0123"));
    const Run result = run({QStringLiteral("drift"), QStringLiteral("--policy"), policy}, env);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(!logger.waitForNewConnection(200)); // a connection made while the test blocked is still pending here
    QVERIFY(!result.err.contains("secret-for-the-logger-0123"));
}

QTEST_GUILESS_MAIN(TestCliDrift)
#include "tst_cli_drift.moc"
