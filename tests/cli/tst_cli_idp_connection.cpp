// `scimitar-cli drift --idp-connection NAME` end to end: the real binary, the emulator's Okta and Graph faces over
// loopback HTTP, IdP connections saved in a temporary settings folder (XDG_CONFIG_HOME) and secrets in the real OS
// keychain. The keychain must be a throwaway one (tests/support/with-keyring.sh, which sets SCIMITAR_KEYRING_READY):
// the CLI reads the service "Scimitar" like the app, so this test refuses to write there on a developer's own
// keyring. Cases that fail before the keychain is asked run against a dead D-Bus address and need no keyring.

#include "CliRun.h"
#include "DemoEmulator.h"
#include "EmulatorThread.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SyncSecretReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace scimitar;
using emulator::EmulatorOptions;
using emulator::EmulatorThread;

namespace {

constexpr auto kKeychainTimeout = std::chrono::seconds(20);
const QString kWrongToken = QStringLiteral("okta-wrong-but-secret-0123");

// The demo policy's rules (see tst_cli_drift); `idp` is filled in per test.
const QByteArray kRules = R"([
    {"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analysts"},
    {"idpGroup": "dbx-pii-analysts", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"},
    {"idpGroup": "dbx-engineers", "entitlements": ["allow-cluster-create"]}
])";

} // namespace

class TestCliIdpConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void oktaConnectionMatchesEnvironmentToken();
    void entraConnectionMatchesEnvironmentSecret();
    void policyWithoutUrlTakesTheConnections();
    void errors_data();
    void errors();
    void storedSecretKeepsToItsHosts_data();
    void storedSecretKeepsToItsHosts();

private:
    using Run = test::CliRun;

    // `keychain`: the real (throwaway) keychain's bus; otherwise a dead bus, as if there were no keychain.
    QProcessEnvironment environment(bool keychain) const;
    Run run(const QStringList& arguments, const QProcessEnvironment& env) const;
    QString writePolicy(const QString& name, const QString& idp) const;
    void saveConnection(const QString& name, const IdpSettings& settings);
    void storeSecret(const QString& key, const QString& secret, bool recordHosts = true);
    bool keyringUsable();
    // "kind userName target op groupId" per finding, in output order.
    static QStringList findingKeys(const Run& run);
    QString oktaIdp() const;
    QString entraIdp() const;

    QString m_binary;
    QTemporaryDir m_dir;
    std::unique_ptr<EmulatorThread> m_emulator;
    std::unique_ptr<IdpConnectionStore> m_store;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    QStringList m_keys; // written to the keychain, removed in cleanupTestCase
    bool m_keyring = false;
};

void TestCliIdpConnection::initTestCase()
{
    m_binary = test::cliBinary();
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not built")));
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home/config/Scimitar")));

    QString error;
    m_emulator = test::startDemoEmulator(&error);
    QVERIFY2(m_emulator, qPrintable(error));

    // Where the app keeps its settings, seen through the test's XDG_CONFIG_HOME: the CLI reads this very file.
    m_store =
        std::make_unique<IdpConnectionStore>(m_dir.filePath(QStringLiteral("home/config/Scimitar/Scimitar.conf")));
    IdpSettings okta;
    okta.type = IdpType::Okta;
    okta.url = m_emulator->baseUrl();
    saveConnection(QStringLiteral("Emulator Okta"), okta);
    IdpSettings entra;
    entra.type = IdpType::Entra;
    entra.tenant = QStringLiteral("acme-tenant");
    entra.clientId = QLatin1String(EmulatorOptions::kDemoEntraClientId);
    entra.authority = m_emulator->baseUrl();
    entra.graph = m_emulator->baseUrl();
    saveConnection(QStringLiteral("Emulator Entra"), entra);
    IdpSettings nosecret;
    nosecret.type = IdpType::Okta;
    nosecret.url = QUrl(QStringLiteral("https://nosecret.okta.invalid"));
    saveConnection(QStringLiteral("No secret"), nosecret);

    if (qEnvironmentVariable("SCIMITAR_NO_KEYRING_TESTS") == QLatin1String("1"))
        return; // the keyring cases skip themselves
    QVERIFY2(qEnvironmentVariable("SCIMITAR_KEYRING_READY") == QLatin1String("1"),
             "This test writes to the keychain service the CLI reads (\"Scimitar\"), so it only runs inside the "
             "throwaway keyring of tests/support/with-keyring.sh. Run it there, or set SCIMITAR_NO_KEYRING_TESTS=1 "
             "to skip the keychain cases on purpose.");
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_keychain->setTimeout(kKeychainTimeout);
    storeSecret(m_store->findByName(QStringLiteral("Emulator Okta"))->secretKey(),
                QLatin1String(EmulatorOptions::kDemoOktaToken));
    storeSecret(m_store->findByName(QStringLiteral("Emulator Entra"))->secretKey(),
                QLatin1String(EmulatorOptions::kDemoEntraClientSecret));
    // "No secret" has none, on purpose.
    SyncSecretReader::remove(*m_keychain, m_store->findByName(QStringLiteral("No secret"))->secretKey(),
                             kKeychainTimeout);
    m_keyring = true;
}

void TestCliIdpConnection::cleanupTestCase()
{
    if (m_keychain)
        for (const QString& key : std::as_const(m_keys))
            SyncSecretReader::remove(*m_keychain, key, kKeychainTimeout);
}

void TestCliIdpConnection::saveConnection(const QString& name, const IdpSettings& settings)
{
    const QString refused = m_store->save(IdpConnection::create(name, settings));
    QVERIFY2(refused.isEmpty(), qPrintable(refused));
}

void TestCliIdpConnection::storeSecret(const QString& key, const QString& secret, bool recordHosts)
{
    // As the app stores it: with the hosts of the connection it was saved for.
    std::optional<IdpConnection> owner;
    for (const IdpConnection& connection : m_store->list()) {
        if (connection.secretKey() == key)
            owner = connection;
    }
    QVERIFY(owner);
    const QString value = recordHosts ? IdpStoredSecret::encode(secret, owner->settings) : secret;
    const SecretResult written = SyncSecretReader::write(*m_keychain, key, value, kKeychainTimeout);
    QVERIFY2(written.ok(), qPrintable(written.message));
    m_keys.append(key);
}

bool TestCliIdpConnection::keyringUsable()
{
    return m_keyring;
}

QProcessEnvironment TestCliIdpConnection::environment(bool keychain) const
{
    // Settings come from the temporary folder, never from the user's.
    QProcessEnvironment env = test::cliEnvironment(m_dir.filePath(QStringLiteral("home")),
                                                   keychain ? test::CliBus::Real : test::CliBus::Dead);
    env.insert(QStringLiteral("DATABRICKS_HOST"), m_emulator->baseUrl().toString());
    env.insert(QStringLiteral("DATABRICKS_TOKEN"), m_emulator->options().token);
    return env;
}

TestCliIdpConnection::Run TestCliIdpConnection::run(const QStringList& arguments, const QProcessEnvironment& env) const
{
    return test::runCli(m_binary, arguments, env, 120000);
}

QString TestCliIdpConnection::writePolicy(const QString& name, const QString& idp) const
{
    QString text = idp;
    text.replace(QLatin1String("%URL%"), m_emulator->baseUrl().toString());
    QJsonObject policy;
    policy.insert(QStringLiteral("idp"), QJsonDocument::fromJson(text.toUtf8()).object());
    policy.insert(QStringLiteral("match"), QStringLiteral("userName"));
    policy.insert(QStringLiteral("rules"), QJsonDocument::fromJson(kRules).array());
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(policy).toJson());
    return path;
}

QString TestCliIdpConnection::oktaIdp() const
{
    return QString::fromUtf8(R"({"type": "okta", "url": "%URL%"})");
}

QString TestCliIdpConnection::entraIdp() const
{
    // (Raw strings go through QString::fromUtf8, not the QStringLiteral macro, which moc misreads with them.)
    return QString::fromUtf8(R"({"type": "entra", "tenant": "acme-tenant", "clientId": "%1", "authority": "%URL%", )"
                             R"("graph": "%URL%"})")
        .arg(QLatin1String(EmulatorOptions::kDemoEntraClientId));
}

QStringList TestCliIdpConnection::findingKeys(const Run& run)
{
    QStringList keys;
    for (const QJsonValue& value : QJsonDocument::fromJson(run.out).array()) {
        const QJsonObject action = value[QLatin1String("action")].toObject();
        keys.append(QStringList{value[QLatin1String("kind")].toString(),
                                value[QLatin1String("principal")][QLatin1String("userName")].toString(),
                                value[QLatin1String("target")].toString(), action[QLatin1String("op")].toString(),
                                action[QLatin1String("groupId")].toString()}
                        .join(QLatin1Char(' ')));
    }
    return keys;
}

void TestCliIdpConnection::oktaConnectionMatchesEnvironmentToken()
{
    if (!keyringUsable())
        QSKIP("SCIMITAR_NO_KEYRING_TESTS=1");
    const QString policy = writePolicy(QStringLiteral("okta.json"), oktaIdp());
    const QStringList args{QStringLiteral("drift"), QStringLiteral("--policy"), policy, QStringLiteral("-o"),
                           QStringLiteral("json")};

    QProcessEnvironment withToken = environment(false);
    withToken.insert(QStringLiteral("OKTA_API_TOKEN"), QLatin1String(EmulatorOptions::kDemoOktaToken));
    withToken.insert(QStringLiteral("OKTA_ORG_URL"), m_emulator->baseUrl().toString());
    const Run fromEnvironment = run(args, withToken);
    QVERIFY2(fromEnvironment.exitCode == 1, qPrintable(fromEnvironment.describe()));

    // Connection names are matched case-insensitively, like --connection.
    const Run fromConnection =
        run(args + QStringList{QStringLiteral("--idp-connection"), QStringLiteral("emulator okta")}, environment(true));
    QVERIFY2(fromConnection.exitCode == 1, qPrintable(fromConnection.describe()));
    QVERIFY(!fromConnection.err.contains(EmulatorOptions::kDemoOktaToken));
    QVERIFY(!fromConnection.out.contains(EmulatorOptions::kDemoOktaToken));

    const QStringList expected = findingKeys(fromEnvironment);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(findingKeys(fromConnection), expected);
}

void TestCliIdpConnection::entraConnectionMatchesEnvironmentSecret()
{
    if (!keyringUsable())
        QSKIP("SCIMITAR_NO_KEYRING_TESTS=1");
    const QString policy = writePolicy(QStringLiteral("entra.json"), entraIdp());
    const QStringList args{QStringLiteral("drift"), QStringLiteral("--policy"), policy, QStringLiteral("-o"),
                           QStringLiteral("json")};
    QProcessEnvironment withSecret = environment(false);
    withSecret.insert(QStringLiteral("AZURE_CLIENT_SECRET"), QLatin1String(EmulatorOptions::kDemoEntraClientSecret));
    withSecret.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), m_emulator->baseUrl().toString());
    withSecret.insert(QStringLiteral("SCIMITAR_GRAPH_HOST"), m_emulator->baseUrl().toString());
    const Run fromEnvironment = run(args, withSecret);
    QVERIFY2(fromEnvironment.exitCode == 1, qPrintable(fromEnvironment.describe()));
    const Run fromConnection = run(
        args + QStringList{QStringLiteral("--idp-connection"), QStringLiteral("Emulator Entra")}, environment(true));
    QVERIFY2(fromConnection.exitCode == 1, qPrintable(fromConnection.describe()));
    QVERIFY(!fromConnection.err.contains(EmulatorOptions::kDemoEntraClientSecret));
    QVERIFY(!findingKeys(fromEnvironment).isEmpty());
    QCOMPARE(findingKeys(fromConnection), findingKeys(fromEnvironment));
}

void TestCliIdpConnection::policyWithoutUrlTakesTheConnections()
{
    if (!keyringUsable())
        QSKIP("SCIMITAR_NO_KEYRING_TESTS=1");
    const QString policy = writePolicy(QStringLiteral("okta-nourl.json"), QString::fromUtf8(R"({"type": "okta"})"));
    const Run result =
        run({QStringLiteral("drift"), QStringLiteral("--policy"), policy, QStringLiteral("-o"), QStringLiteral("json"),
             QStringLiteral("--idp-connection"), QStringLiteral("Emulator Okta")},
            environment(true));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(!findingKeys(result).isEmpty());
}

void TestCliIdpConnection::errors_data()
{
    QTest::addColumn<QString>("idp");
    QTest::addColumn<QString>("connection");
    QTest::addColumn<bool>("keychain");    // needs the real keychain
    QTest::addColumn<bool>("wrongSecret"); // the keychain holds a wrong token for the emulator's Okta
    QTest::addColumn<QString>("error");

    const QString okta = oktaIdp();
    const QString entra = entraIdp();
    QTest::newRow("unknown name lists the saved ones")
        << okta << "Okta prod" << false << false
        << "There is no saved IdP connection named 'Okta prod'; saved IdP connections: Emulator Entra, Emulator Okta, "
           "No secret.";
    QTest::newRow("type differs") << okta << "Emulator Entra" << false << false
                                  << "IdP connection 'Emulator Entra' is an Entra ID connection, but the policy's "
                                     "idp.type is okta";
    QTest::newRow("file policy") << QString::fromUtf8(R"({"type": "file", "path": "idp.csv"})") << "Emulator Okta"
                                 << false << false << "The policy's IdP is a file, which needs no IdP connection";
    QTest::newRow("okta org differs")
        << QString::fromUtf8(R"({"type": "okta", "url": "https://acme.okta.invalid"})") << "Emulator Okta" << false
        << false << "but the policy's idp.url names https://acme.okta.invalid; its token is never sent to another org";
    QTest::newRow("okta port differs") << QString::fromUtf8(R"({"type": "okta", "url": "http://127.0.0.1:1"})")
                                       << "Emulator Okta" << false << false << "its token is never sent to another org";
    QTest::newRow("entra tenant differs")
        << QString(entra).replace(QLatin1String("acme-tenant"), QLatin1String("other-tenant")) << "Emulator Entra"
        << false << false
        << "is for tenant acme-tenant, but the policy's idp.tenant is other-tenant; its client secret is never sent "
           "to another tenant";
    QTest::newRow("entra client id differs")
        << QString(entra).replace(QLatin1String(EmulatorOptions::kDemoEntraClientId), QLatin1String("other-app"))
        << "Emulator Entra" << false << false << "but the policy's idp.clientId is other-app";
    QTest::newRow("entra login host differs")
        << QString::fromUtf8(R"({"type": "entra", "tenant": "acme-tenant", "clientId": "%1", )"
                             R"("authority": "https://login.example.invalid", "graph": "%URL%"})")
               .arg(QLatin1String(EmulatorOptions::kDemoEntraClientId))
        << "Emulator Entra" << false << false
        << "but the policy's idp.authority is https://login.example.invalid; its secret is never sent to another host";
    QTest::newRow("keychain unavailable")
        << okta << "Emulator Okta" << false << false
        << "No OS keychain is available to read the API token of IdP connection 'Emulator Okta'";
    QTest::newRow("no secret stored") << QString::fromUtf8(
                                             R"({"type": "okta", "url": "https://nosecret.okta.invalid"})")
                                      << "no secret" << true << false
                                      << "No API token is stored for IdP connection 'No secret' in the OS keychain";
    QTest::newRow("wrong secret stored") << QString::fromUtf8(R"({"type": "okta"})") << "Emulator Okta" << true << true
                                         << "Okta (";
}

void TestCliIdpConnection::errors()
{
    QFETCH(QString, idp);
    QFETCH(QString, connection);
    QFETCH(bool, keychain);
    QFETCH(bool, wrongSecret);
    QFETCH(QString, error);
    if (keychain && !keyringUsable())
        QSKIP("SCIMITAR_NO_KEYRING_TESTS=1");
    const QString oktaKey = m_store->findByName(QStringLiteral("Emulator Okta"))->secretKey();
    if (wrongSecret)
        storeSecret(oktaKey, kWrongToken);
    const auto restore = qScopeGuard([&] {
        if (wrongSecret)
            storeSecret(oktaKey, QLatin1String(EmulatorOptions::kDemoOktaToken));
    });
    const QString policy = writePolicy(QStringLiteral("errors.json"), idp);
    const Run result = run(
        {QStringLiteral("drift"), QStringLiteral("--policy"), policy, QStringLiteral("--idp-connection"), connection},
        environment(keychain));
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    // Only our own lines (Qt may warn about an aborted reply after a 401; see tst_cli_drift).
    QStringList lines = QString::fromUtf8(result.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.removeIf([](const QString& line) { return !line.startsWith(QLatin1String("scimitar-cli: ")); });
    QVERIFY2(lines.size() == 1, qPrintable(result.describe()));
    QVERIFY2(lines.first().contains(error), qPrintable(lines.first()));
    for (const QByteArray& secret : {QByteArray(EmulatorOptions::kDemoOktaToken),
                                     QByteArray(EmulatorOptions::kDemoEntraClientSecret), kWrongToken.toUtf8()})
        QVERIFY2(!result.err.contains(secret), "a secret was printed");
}

void TestCliIdpConnection::storedSecretKeepsToItsHosts_data()
{
    QTest::addColumn<bool>("bareSecret"); // stored as versions before 0.x did: the secret alone
    QTest::addColumn<int>("editedPort");  // the settings file edited behind the app's back to this port; 0: not
    QTest::addColumn<QString>("error");
    QTest::newRow("a bare secret is only for the https org") << true << 0
                                                             << "was saved for https://127.0.0.1, not "
                                                                "http://127.0.0.1:";
    QTest::newRow("settings file edited to another port")
        << false << 1 << "not http://127.0.0.1:1; it is never sent to another host";
}

void TestCliIdpConnection::storedSecretKeepsToItsHosts()
{
    // The keychain records where a secret was saved for: neither an old bare value nor an edited settings file
    // (which anyone who can write the user's config folder can change) sends it elsewhere.
    QFETCH(bool, bareSecret);
    QFETCH(int, editedPort);
    QFETCH(QString, error);
    if (!keyringUsable())
        QSKIP("SCIMITAR_NO_KEYRING_TESTS=1");
    const IdpConnection saved = *m_store->findByName(QStringLiteral("Emulator Okta"));
    QTcpServer logger;
    if (editedPort != 0) {
        QVERIFY(logger.listen(QHostAddress::LocalHost, quint16(editedPort == 1 ? 0 : editedPort)));
        error.replace(QLatin1String(":1;"), QStringLiteral(":%1;").arg(logger.serverPort()));
        IdpConnection edited = saved;
        edited.settings.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(logger.serverPort()));
        QCOMPARE(m_store->save(edited), QString());
    }
    if (bareSecret)
        storeSecret(saved.secretKey(), QLatin1String(EmulatorOptions::kDemoOktaToken), false);
    const auto restore = qScopeGuard([&] {
        QCOMPARE(m_store->save(saved), QString());
        storeSecret(saved.secretKey(), QLatin1String(EmulatorOptions::kDemoOktaToken));
    });
    const QString policy = writePolicy(QStringLiteral("bound.json"), QString::fromUtf8(R"({"type": "okta"})"));
    const Run result = run({QStringLiteral("drift"), QStringLiteral("--policy"), policy,
                            QStringLiteral("--idp-connection"), QStringLiteral("Emulator Okta")},
                           environment(true));
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(error.toUtf8()), qPrintable(result.describe()));
    QVERIFY(!result.err.contains(EmulatorOptions::kDemoOktaToken));
    if (logger.isListening())
        QVERIFY(!logger.waitForNewConnection(200));
}

QTEST_GUILESS_MAIN(TestCliIdpConnection)
#include "tst_cli_idp_connection.moc"
