#include "CliRun.h"
#include "CsvReader.h"
#include "EmulatorThread.h"
#include "connections/ConnectionStore.h"
#include "output/DirectoryCsv.h"
#include "output/DisplayWidth.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace scimitar;
using emulator::Dataset;
using emulator::EmulatorOptions;
using emulator::EmulatorThread;
using emulator::ResourceKind;
using test::parseCsv;
using test::sortedKeys;
using Run = test::CliRun;

namespace {

const QString kAccountId = QStringLiteral("0a1b2c3d-0000-4111-8222-333344445555");
const QString kWrongToken = QStringLiteral("dapi-wrong-but-secret-0123456789");

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QSet<QString> distinctRoles(const Dataset& dataset)
{
    QSet<QString> roles;
    for (ResourceKind kind : {ResourceKind::User, ResourceKind::Group, ResourceKind::ServicePrincipal})
        for (const QString& id : dataset.ids(kind))
            for (const QJsonValue& role : dataset.resource(kind, id).value(QLatin1String("roles")).toArray())
                roles.insert(role.toObject().value(QLatin1String("value")).toString());
    return roles;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void listCommands_data();
    void listCommands();
    void usersJsonContract();
    void secretsAreScrubbedBeforeTheConnectionResolves_data();
    void secretsAreScrubbedBeforeTheConnectionResolves();
    void groupsJsonContract();
    void servicePrincipalsJsonContract();
    void rolesJsonContract();
    void jsonMatchesEmulatorDerivation();

    void accountLevel();
    void profileFromConfigFile_data();
    void profileFromConfigFile();
    void unknownProfile();
    void savedConnection();

    void wrongToken();
    void missingHost_data();
    void missingHost();
    void badInvocation_data();
    void badInvocation();
    void plainHttpToOtherHostRefused();
    void helpAndVersion();
    void incompleteListingIsAlwaysAnError_data();
    void incompleteListingIsAlwaysAnError();
    void interruptCancels();

private:
    QProcessEnvironment cleanEnvironment() const;
    QProcessEnvironment workspaceEnvironment() const;
    Run run(const QStringList& arguments, const QProcessEnvironment& env, int timeoutMs = 60000) const;
    QJsonArray runJson(const QString& noun);
    void verifyNoSecret(const Run& result, const QString& secret) const;

    QString m_binary;
    QTemporaryDir m_home;
    Dataset m_dataset;
    std::unique_ptr<EmulatorThread> m_emulator;
    QString m_token;
};

void TestCli::initTestCase()
{
    m_binary = test::cliBinary();
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QVERIFY(m_home.isValid());
    QVERIFY(QDir(m_home.path()).mkpath(QStringLiteral("config")));

    m_dataset = Dataset::generate(60, 12, 7);
    QVERIFY(m_dataset.count(ResourceKind::ServicePrincipal) > 0);
    QVERIFY(!distinctRoles(m_dataset).isEmpty());
    m_emulator = std::make_unique<EmulatorThread>(m_dataset);
    QVERIFY2(!m_emulator->start().isEmpty(), qPrintable(m_emulator->errorString()));
    m_token = m_emulator->options().token;
}

void TestCli::cleanup()
{
    m_emulator->setOptions(EmulatorOptions());
}

QProcessEnvironment TestCli::cleanEnvironment() const
{
    return test::cliEnvironment(m_home.path());
}

QProcessEnvironment TestCli::workspaceEnvironment() const
{
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("DATABRICKS_HOST"), m_emulator->baseUrl().toString());
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_token);
    return env;
}

Run TestCli::run(const QStringList& arguments, const QProcessEnvironment& env, int timeoutMs) const
{
    return test::runCli(m_binary, arguments, env, timeoutMs);
}

void TestCli::secretsAreScrubbedBeforeTheConnectionResolves_data()
{
    QTest::addColumn<bool>("fromProfile");
    QTest::newRow("environment") << false;
    QTest::newRow("profile") << true;
}

void TestCli::secretsAreScrubbedBeforeTheConnectionResolves()
{
    // A token pasted where the host belongs: the refusal names the host, which QUrl has lower-cased, before any
    // connection is resolved. Every secret of the environment and ~/.databrickscfg is known from the start, and
    // matched in any case.
    QFETCH(bool, fromProfile);
    const QString token = QStringLiteral("dapiMixedCase0123456789");
    const QString host = QStringLiteral("http://%1.example").arg(token);
    QTemporaryDir home;
    QProcessEnvironment env = test::cliEnvironment(home.path());
    QStringList arguments{QStringLiteral("users"), QStringLiteral("list")};
    if (fromProfile) {
        QFile config(home.filePath(QStringLiteral(".databrickscfg")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[DEFAULT]\nhost = %1\ntoken = %2\n").arg(host, token).toUtf8());
        config.close();
        env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), config.fileName());
        arguments << QStringLiteral("--profile") << QStringLiteral("DEFAULT");
    } else {
        env.insert(QStringLiteral("DATABRICKS_HOST"), host);
        env.insert(QStringLiteral("DATABRICKS_TOKEN"), token);
    }
    const Run result = run(arguments, env);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains("Refusing plain http to [redacted].example"), result.err.constData());
    QVERIFY2(!result.err.toLower().contains(token.toLower().toUtf8()), result.err.constData());
}

QJsonArray TestCli::runJson(const QString& noun)
{
    return run({noun, QStringLiteral("list"), QStringLiteral("--output"), QStringLiteral("json")},
               workspaceEnvironment())
        .jsonArray();
}

void TestCli::verifyNoSecret(const Run& result, const QString& secret) const
{
    QVERIFY2(!result.out.contains(secret.toUtf8()), "the token appeared on stdout");
    QVERIFY2(!result.err.contains(secret.toUtf8()), "the token appeared on stderr");
}

void TestCli::listCommands_data()
{
    QTest::addColumn<QString>("noun");
    QTest::addColumn<QString>("format");

    for (const char* noun : {"users", "groups", "service-principals", "roles"})
        for (const char* format : {"table", "json", "csv"})
            QTest::addRow("%s %s", noun, format) << QString::fromLatin1(noun) << QString::fromLatin1(format);
}

void TestCli::listCommands()
{
    QFETCH(QString, noun);
    QFETCH(QString, format);

    QStringList arguments{noun, QStringLiteral("list")};
    if (format != QLatin1String("table") || noun == QLatin1String("users")) // table is also the default
        arguments << QStringLiteral("--output") << format;
    const Run result = run(arguments, workspaceEnvironment());
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    // stderr is not a terminal here: no progress, and the emulator raises no warnings.
    QVERIFY2(result.err.isEmpty(), result.err.constData());
    verifyNoSecret(result, m_token);

    int expectedRows = 0;
    QStringList expectedCsvHeader;
    if (noun == QLatin1String("users")) {
        expectedRows = m_dataset.count(ResourceKind::User);
        expectedCsvHeader = DirectoryCsv::userColumns();
    } else if (noun == QLatin1String("groups")) {
        expectedRows = m_dataset.count(ResourceKind::Group);
        expectedCsvHeader = DirectoryCsv::groupColumns();
    } else if (noun == QLatin1String("service-principals")) {
        expectedRows = m_dataset.count(ResourceKind::ServicePrincipal);
        expectedCsvHeader = DirectoryCsv::servicePrincipalColumns();
    } else {
        // Tables and CSV list roles one line per holder; count the holders from the JSON.
        expectedCsvHeader = DirectoryCsv::roleColumns();
        const QJsonArray roles = runJson(noun);
        QCOMPARE(roles.size(), distinctRoles(m_dataset).size());
        for (const QJsonValue& role : roles)
            expectedRows += int(role.toObject().value(QLatin1String("holders")).toArray().size());
        if (format == QLatin1String("json"))
            expectedRows = int(roles.size());
    }
    QVERIFY(expectedRows > 0);

    if (format == QLatin1String("json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.isArray());
        QCOMPARE(document.array().size(), expectedRows);
        QVERIFY2(result.out.startsWith("[\n    {"), "JSON is indented for people");
    } else if (format == QLatin1String("csv")) {
        bool ok = false;
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(result.out), &ok);
        QVERIFY2(ok, "not RFC 4180 CSV");
        QCOMPARE(rows.size(), expectedRows + 1);
        QCOMPARE(rows.first(), expectedCsvHeader);
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), expectedCsvHeader.size());
    } else {
        const QStringList lines = QString::fromUtf8(result.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), expectedRows + 2); // header and rule
        QVERIFY(lines.at(1).startsWith(QLatin1String("---")));
        for (const QString& line : lines) {
            QVERIFY2(DisplayWidth::of(line) <= 120, qPrintable(line));
            QVERIFY2(!line.endsWith(QLatin1Char(' ')), qPrintable(line));
        }
    }
}

void TestCli::usersJsonContract()
{
    const QJsonArray users = runJson(QStringLiteral("users"));
    QCOMPARE(users.size(), m_dataset.count(ResourceKind::User));
    QStringList ids;
    bool sawIndirectGroup = false;
    bool sawIndirectGrant = false;
    for (const QJsonValue& value : users) {
        QVERIFY(value.isObject());
        const QJsonObject user = value.toObject();
        QCOMPARE(sortedKeys(user),
                 (QStringList{"active", "displayName", "emails", "entitlements", "groups", "id", "roles", "userName"}));
        QVERIFY(user.value(QLatin1String("id")).isString());
        QVERIFY(user.value(QLatin1String("userName")).isString());
        QVERIFY(user.value(QLatin1String("displayName")).isString());
        QVERIFY(user.value(QLatin1String("active")).isBool());
        QVERIFY(user.value(QLatin1String("emails")).isArray());
        for (const QJsonValue& email : user.value(QLatin1String("emails")).toArray())
            QVERIFY(email.isString());
        ids.append(user.value(QLatin1String("id")).toString());

        for (const QJsonValue& entry : user.value(QLatin1String("groups")).toArray()) {
            const QJsonObject group = entry.toObject();
            QVERIFY(group.value(QLatin1String("id")).isString());
            QVERIFY(group.value(QLatin1String("displayName")).isString());
            const QString type = group.value(QLatin1String("type")).toString();
            QVERIFY2(type == QLatin1String("direct") || type == QLatin1String("indirect"), qPrintable(type));
            sawIndirectGroup |= type == QLatin1String("indirect");
        }
        for (const char* field : {"roles", "entitlements"}) {
            QVERIFY(user.value(QLatin1String(field)).isArray());
            for (const QJsonValue& entry : user.value(QLatin1String(field)).toArray()) {
                const QJsonObject grant = entry.toObject();
                QVERIFY(grant.value(QLatin1String("value")).isString());
                const QString type = grant.value(QLatin1String("type")).toString();
                if (type == QLatin1String("indirect")) {
                    QVERIFY(grant.value(QLatin1String("via")).isString());
                    QVERIFY(!grant.value(QLatin1String("via")).toString().isEmpty());
                    sawIndirectGrant = true;
                } else {
                    QCOMPARE(type, QStringLiteral("direct"));
                    QVERIFY(!grant.contains(QLatin1String("via")));
                }
            }
        }
    }
    QCOMPARE(sorted(ids), sorted(m_dataset.ids(ResourceKind::User)));
    QVERIFY2(sawIndirectGroup && sawIndirectGrant, "the generated dataset should exercise inheritance");
}

void TestCli::groupsJsonContract()
{
    const QJsonArray groups = runJson(QStringLiteral("groups"));
    QCOMPARE(groups.size(), m_dataset.count(ResourceKind::Group));
    QSet<QString> kinds;
    for (const QJsonValue& value : groups) {
        const QJsonObject group = value.toObject();
        QCOMPARE(sortedKeys(group), (QStringList{"displayName", "entitlements", "id", "members", "roles", "source"}));
        const QString id = group.value(QLatin1String("id")).toString();
        QVERIFY(m_dataset.contains(ResourceKind::Group, id));
        QVERIFY(group.value(QLatin1String("displayName")).isString());
        QVERIFY(QStringList({"Account", "Workspace", "System", "Unknown"})
                    .contains(group.value(QLatin1String("source")).toString()));
        const QJsonArray members = group.value(QLatin1String("members")).toArray();
        QCOMPARE(members.size(),
                 m_dataset.resource(ResourceKind::Group, id).value(QLatin1String("members")).toArray().size());
        for (const QJsonValue& entry : members) {
            const QJsonObject member = entry.toObject();
            QCOMPARE(sortedKeys(member), (QStringList{"display", "id", "kind"}));
            QVERIFY(member.value(QLatin1String("display")).isString());
            const QString kind = member.value(QLatin1String("kind")).toString();
            const std::optional<ResourceKind> actual = m_dataset.kindOf(member.value(QLatin1String("id")).toString());
            QVERIFY(actual.has_value());
            const QString expected = *actual == ResourceKind::User    ? QStringLiteral("user")
                                     : *actual == ResourceKind::Group ? QStringLiteral("group")
                                                                      : QStringLiteral("servicePrincipal");
            QCOMPARE(kind, expected);
            kinds.insert(kind);
        }
        for (const char* field : {"roles", "entitlements"})
            for (const QJsonValue& entry : group.value(QLatin1String(field)).toArray())
                QVERIFY(entry.toObject().value(QLatin1String("value")).isString());
    }
    QVERIFY2(kinds.contains(QStringLiteral("user")), "the dataset should have user members");
}

void TestCli::servicePrincipalsJsonContract()
{
    const QJsonArray sps = runJson(QStringLiteral("service-principals"));
    QCOMPARE(sps.size(), m_dataset.count(ResourceKind::ServicePrincipal));
    for (const QJsonValue& value : sps) {
        const QJsonObject sp = value.toObject();
        QCOMPARE(sortedKeys(sp),
                 (QStringList{"active", "applicationId", "displayName", "entitlements", "groups", "id", "roles"}));
        const QString id = sp.value(QLatin1String("id")).toString();
        QVERIFY(m_dataset.contains(ResourceKind::ServicePrincipal, id));
        QCOMPARE(
            sp.value(QLatin1String("applicationId")).toString(),
            m_dataset.resource(ResourceKind::ServicePrincipal, id).value(QLatin1String("applicationId")).toString());
        QVERIFY(sp.value(QLatin1String("active")).isBool());
        QVERIFY(sp.value(QLatin1String("roles")).isArray());
        QVERIFY(sp.value(QLatin1String("entitlements")).isArray());
    }
}

void TestCli::rolesJsonContract()
{
    const QJsonArray roles = runJson(QStringLiteral("roles"));
    QSet<QString> values;
    for (const QJsonValue& value : roles) {
        const QJsonObject role = value.toObject();
        QCOMPARE(sortedKeys(role), (QStringList{"holders", "value"}));
        values.insert(role.value(QLatin1String("value")).toString());
        const QJsonArray holders = role.value(QLatin1String("holders")).toArray();
        QVERIFY(!holders.isEmpty());
        for (const QJsonValue& entry : holders) {
            const QJsonObject holder = entry.toObject();
            QVERIFY(holder.value(QLatin1String("id")).isString());
            QVERIFY(holder.value(QLatin1String("name")).isString());
            QVERIFY(QStringList({"user", "group", "servicePrincipal"})
                        .contains(holder.value(QLatin1String("kind")).toString()));
            QVERIFY(holder.contains(QLatin1String("via")));
            if (holder.value(QLatin1String("type")).toString() == QLatin1String("direct")) {
                QVERIFY(holder.value(QLatin1String("via")).isNull());
            } else {
                QCOMPARE(holder.value(QLatin1String("type")).toString(), QStringLiteral("indirect"));
                QVERIFY(holder.value(QLatin1String("via")).isString());
            }
        }
    }
    QCOMPARE(values, distinctRoles(m_dataset));
}

void TestCli::jsonMatchesEmulatorDerivation()
{
    // The emulator derives transitive memberships its own way; both must agree on every user.
    const QJsonArray users = runJson(QStringLiteral("users"));
    QVERIFY(!users.isEmpty());
    for (const QJsonValue& value : users) {
        const QJsonObject user = value.toObject();
        const QString id = user.value(QLatin1String("id")).toString();
        QStringList direct;
        QStringList indirect;
        for (const Dataset::Membership& membership : m_dataset.ancestors(id))
            (membership.direct ? direct : indirect).append(membership.groupId);
        QStringList gotDirect;
        QStringList gotIndirect;
        for (const QJsonValue& entry : user.value(QLatin1String("groups")).toArray()) {
            const QJsonObject group = entry.toObject();
            (group.value(QLatin1String("type")).toString() == QLatin1String("direct") ? gotDirect : gotIndirect)
                .append(group.value(QLatin1String("id")).toString());
        }
        QCOMPARE(sorted(gotDirect), sorted(direct));
        QCOMPARE(sorted(gotIndirect), sorted(indirect));
    }
}

void TestCli::accountLevel()
{
    m_emulator->updateOptions([](EmulatorOptions& options) { options.accountId = kAccountId; });
    m_emulator->resetStats();
    QProcessEnvironment env = workspaceEnvironment();
    env.insert(QStringLiteral("DATABRICKS_ACCOUNT_ID"), kAccountId);
    // A loopback host has no "accounts." in its name, so --kind says what it is.
    const Run result = run({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--kind"),
                            QStringLiteral("account"), QStringLiteral("-o"), QStringLiteral("json")},
                           env);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray users = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(users.size(), m_dataset.count(ResourceKind::User));
    // Account users carry no entitlements (the account API has none) but the field is still an array.
    QVERIFY(users.at(0).toObject().value(QLatin1String("entitlements")).isArray());

    const QString accountPrefix = QStringLiteral("/api/2.0/accounts/%1/scim/v2/").arg(kAccountId);
    const QList<emulator::EmulatorStats::Request> requests = m_emulator->stats().requests;
    QVERIFY(!requests.isEmpty());
    for (const auto& request : requests)
        QVERIFY2(request.pathAndQuery.startsWith(accountPrefix), qPrintable(request.pathAndQuery));

    // --kind account without an account id is a clear error, not a request to a broken URL.
    env.remove(QStringLiteral("DATABRICKS_ACCOUNT_ID"));
    const Run missing = run(
        {QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--kind"), QStringLiteral("account")}, env);
    QCOMPARE(missing.exitCode, 2);
    QCOMPARE(missing.errLines().size(), 1);
    QVERIFY2(missing.err.contains("account id"), missing.err.constData());
}

void TestCli::profileFromConfigFile_data()
{
    QTest::addColumn<bool>("viaFlag");
    QTest::newRow("--profile") << true;
    QTest::newRow("DATABRICKS_CONFIG_PROFILE") << false;
}

void TestCli::profileFromConfigFile()
{
    QFETCH(bool, viaFlag);
    const QString path = m_home.filePath(QStringLiteral("custom.databrickscfg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QStringLiteral("[DEFAULT]\nhost = https://wrong.example.invalid\ntoken = nope\n\n"
                              "[emulator]\nhost = %1\ntoken = %2\n")
                   .arg(m_emulator->baseUrl().toString(), m_token)
                   .toUtf8());
    file.close();

    // Environment credentials that would fail: the profile must win over them.
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), path);
    env.insert(QStringLiteral("DATABRICKS_HOST"), m_emulator->baseUrl().toString());
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), kWrongToken);
    QStringList arguments{QStringLiteral("groups"), QStringLiteral("list"), QStringLiteral("-o"),
                          QStringLiteral("json")};
    if (viaFlag)
        arguments << QStringLiteral("--profile") << QStringLiteral("emulator");
    else
        env.insert(QStringLiteral("DATABRICKS_CONFIG_PROFILE"), QStringLiteral("emulator"));
    const Run result = run(arguments, env);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), m_dataset.count(ResourceKind::Group));
}

void TestCli::unknownProfile()
{
    const QString path = m_home.filePath(QStringLiteral("other.databrickscfg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(
        QStringLiteral("[dev]\nhost = %1\ntoken = %2\n").arg(m_emulator->baseUrl().toString(), m_token).toUtf8());
    file.close();
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("DATABRICKS_CONFIG_FILE"), path);
    const Run result = run(
        {QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--profile"), QStringLiteral("prod")}, env);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.contains("'prod'") && result.err.contains("dev"), result.err.constData());
    QVERIFY(result.out.isEmpty());
    verifyNoSecret(result, m_token);
}

void TestCli::savedConnection()
{
    // Save a connection where the GUI keeps them: QSettings "Scimitar"/"Scimitar" under XDG_CONFIG_HOME.
    const QString ini = m_home.filePath(QStringLiteral("config/Scimitar/Scimitar.conf"));
    {
        ConnectionStore store(ini);
        Connection connection = Connection::create(QStringLiteral("Emulator"));
        connection.setHost(m_emulator->baseUrl().toString());
        QCOMPARE(store.save(connection), QString());
    }
    QProcessEnvironment env = workspaceEnvironment();

    const Run unknown = run(
        {QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--connection"), QStringLiteral("Prod")}, env);
    QCOMPARE(unknown.exitCode, 2);
    QCOMPARE(unknown.errLines().size(), 1);
    QVERIFY2(unknown.err.contains("'Prod'") && unknown.err.contains("Emulator"), unknown.err.constData());

    // The test environment has no keychain (dead D-Bus address): the CLI must get as far as asking it, then say
    // so in one line, and must not fall back to the environment's token behind the user's back.
    const Run found = run(
        {QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--connection"), QStringLiteral("emulator")},
        env);
    QCOMPARE(found.exitCode, 2);
    QCOMPARE(found.errLines().size(), 1);
    QVERIFY2(found.err.contains("'Emulator'") && found.err.contains("keychain"), found.err.constData());
    QVERIFY(found.out.isEmpty());
    QFile::remove(ini);
}

void TestCli::wrongToken()
{
    QProcessEnvironment env = workspaceEnvironment();
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), kWrongToken);
    const Run result = run({QStringLiteral("users"), QStringLiteral("list")}, env);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.startsWith("scimitar-cli: "), result.err.constData());
    QVERIFY2(result.err.contains("401"), result.err.constData());
    verifyNoSecret(result, kWrongToken);
}

void TestCli::missingHost_data()
{
    QTest::addColumn<bool>("withToken");
    QTest::newRow("token only") << true;
    QTest::newRow("nothing set") << false;
}

void TestCli::missingHost()
{
    QFETCH(bool, withToken);
    QProcessEnvironment env = cleanEnvironment();
    if (withToken)
        env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_token);
    const Run result = run({QStringLiteral("users"), QStringLiteral("list")}, env);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.contains("DATABRICKS_HOST"), result.err.constData());
    verifyNoSecret(result, m_token);
}

void TestCli::badInvocation_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("no command") << QStringList{} << "No command";
    QTest::newRow("unknown command") << QStringList{"widgets", "list"} << "widgets list";
    QTest::newRow("noun only") << QStringList{"users"} << "users list";
    QTest::newRow("unknown verb") << QStringList{"users", "delete"} << "users delete";
    QTest::newRow("bad output") << QStringList{"users", "list", "--output", "xml"} << "xml";
    QTest::newRow("missing output value") << QStringList{"users", "list", "--output"} << "output";
    QTest::newRow("unknown option") << QStringList{"users", "list", "--frobnicate"} << "frobnicate";
    QTest::newRow("token option") << QStringList{"users", "list", "--token", "dapi-x"} << "DATABRICKS_TOKEN";
    QTest::newRow("bad kind") << QStringList{"users", "list", "--kind", "region"} << "region";
    QTest::newRow("connection and profile")
        << QStringList{"users", "list", "--connection", "a", "--profile", "b"} << "not both";
}

void TestCli::badInvocation()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    m_emulator->resetStats();
    const Run result = run(arguments, workspaceEnvironment());
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.contains(mentions.toUtf8()), result.err.constData());
    QCOMPARE(m_emulator->stats().totalRequests, 0); // refused before any network traffic
}

void TestCli::plainHttpToOtherHostRefused()
{
    QProcessEnvironment env = cleanEnvironment();
    // A reserved name (RFC 6761) rather than an address: the refusal must come before any lookup or connection,
    // and even a regression must not send traffic anywhere but this machine.
    env.insert(QStringLiteral("DATABRICKS_HOST"), QStringLiteral("http://dbc-1234.databricks.invalid:8080"));
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_token);
    QElapsedTimer timer;
    timer.start();
    const Run result = run({QStringLiteral("users"), QStringLiteral("list")}, env, 20000);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(timer.elapsed() < 10000);
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.contains("http") && result.err.contains("dbc-1234.databricks.invalid"), result.err.constData());
    verifyNoSecret(result, m_token);
}

void TestCli::helpAndVersion()
{
    const Run help = run({QStringLiteral("--help")}, cleanEnvironment());
    QCOMPARE(help.exitCode, 0);
    for (const char* text : {"users list", "groups list", "service-principals list", "roles list", "--output",
                             "--connection", "--profile", "DATABRICKS_HOST", "--strict"})
        QVERIFY2(help.out.contains(text), text);
    QVERIFY(help.err.isEmpty());

    const Run version = run({QStringLiteral("--version")}, cleanEnvironment());
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.startsWith("scimitar-cli "), version.out.constData());
}

void TestCli::incompleteListingIsAlwaysAnError_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("default") << QStringList();
    QTest::newRow("--strict") << QStringList{QStringLiteral("--strict")};
}

void TestCli::incompleteListingIsAlwaysAnError()
{
    // Small pages, and pages after the first without "Resources": a listing that ends early is never printed as if
    // it were whole, with or without --strict.
    QFETCH(QStringList, extra);
    m_emulator->updateOptions([](EmulatorOptions& options) {
        options.maxPageSize = 10;
        options.omitResourcesAfter = 1;
    });
    const QStringList arguments{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("-o"),
                                QStringLiteral("json")};
    const Run result = run(arguments + extra, workspaceEnvironment());
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    const QStringList lines = result.errLines();
    QCOMPARE(lines.size(), 1);
    // Users and groups are listed at once; whichever fails first is named.
    QVERIFY2(lines.first().contains(QLatin1String("scimitar-cli: Listing ")), qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(QLatin1String("positions 11-")), qPrintable(lines.first()));
}

void TestCli::interruptCancels()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGINT is POSIX");
#else
    m_emulator->updateOptions([](EmulatorOptions& options) { options.latencyMs = 20000; });
    m_emulator->resetStats();
    QProcess process;
    process.setProcessEnvironment(workspaceEnvironment());
    process.start(m_binary, {QStringLiteral("users"), QStringLiteral("list")});
    QVERIFY(process.waitForStarted(10000));
    // Wait until the CLI is actually waiting on the server, then press "Ctrl+C".
    QTRY_VERIFY_WITH_TIMEOUT(m_emulator->stats().totalRequests > 0, 10000);
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(10000));
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(err, QByteArray("scimitar-cli: cancelled.\n"));
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
