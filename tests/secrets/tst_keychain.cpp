// KeychainSecretStore against the real OS keychain (on Linux the Secret Service, e.g.
// gnome-keyring started by tests/support/with-keyring.sh). Uses its own service name so it can
// never touch a real user's tokens, and removes every key it wrote.
//
// Without a usable keychain this test FAILS with an explanation, because a silently skipped
// keychain test would hide exactly the failure it exists to catch. Set
// SCIMITAR_NO_KEYRING_TESTS=1 to skip it deliberately (e.g. on a platform without a keychain).

#include "connections/ConnectionImporter.h"
#include "connections/ConnectionStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretKeys.h"
#include "secrets/SyncSecretReader.h"

#include <QtTest>

using namespace scimitar;
using Status = SecretResult::Status;

namespace {

constexpr auto timeout = std::chrono::seconds(20);

QString describe(const SecretResult& result)
{
    return SecretResult::statusName(result.status) + QStringLiteral(": ") + result.message;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip_data();
    void roundTrip();
    void emptySecretIsRefused();
    void removeAbsentIsOk();
    void servicesAreIsolated();
    void answerIsAsynchronous();
    void importerStoresTokenInKeychainOnly();

private:
    QString newKey();

    std::unique_ptr<KeychainSecretStore> m_store;
    bool m_usable = false;
    QStringList m_keys; // every key written, removed again in cleanupTestCase
};

QString TestKeychain::newKey()
{
    const QString key = SecretKeys::databricks(QUuid::createUuid().toString());
    m_keys << key;
    return key;
}

void TestKeychain::initTestCase()
{
    if (qEnvironmentVariable("SCIMITAR_NO_KEYRING_TESTS") == QLatin1String("1"))
        QSKIP("SCIMITAR_NO_KEYRING_TESTS=1: keychain tests skipped on request.");

    // A unique service per run: parallel runs and leftovers from a crashed run cannot interfere.
    m_store = std::make_unique<KeychainSecretStore>(
        QStringLiteral("ScimitarTest-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    m_store->setTimeout(timeout);

    const SecretResult probe = SyncSecretReader::write(*m_store, newKey(), QStringLiteral("probe"), timeout);
    if (!probe.ok()) {
        const QString why = QStringLiteral("The OS keychain is not usable here (%1). Run the tests under "
                                           "tests/support/with-keyring.sh, or set SCIMITAR_NO_KEYRING_TESTS=1 to "
                                           "skip the keychain tests on purpose.")
                                .arg(describe(probe));
        QFAIL(qPrintable(why));
    }
    m_usable = true;
}

void TestKeychain::cleanupTestCase()
{
    if (!m_usable) // initTestCase already said why; more failures here would only add noise
        return;
    for (const QString& key : std::as_const(m_keys)) {
        const SecretResult removed = SyncSecretReader::remove(*m_store, key, timeout);
        QVERIFY2(removed.ok(), qPrintable(describe(removed)));
    }
}

void TestKeychain::roundTrip_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("pat") << QStringLiteral("dapi0123456789abcdef0123456789abcdef");
    QTest::newRow("unicode") << QStringLiteral("pässwörd-🔑-日本語-ℵ");
    QTest::newRow("4 KiB") << QString(4096, QLatin1Char('k'));
    QTest::newRow("64 KiB mixed") << QStringLiteral("ab€\u00e9").repeated(16 * 1024);
    QTest::newRow("spaces, newlines, quotes")
        << QStringLiteral("  leading and trailing  \nsecond line \"quoted\" 'single' back\\slash ");
}

void TestKeychain::roundTrip()
{
    QFETCH(QString, secret);
    const QString key = newKey();

    SecretResult result = SyncSecretReader::write(*m_store, key, secret, timeout);
    QVERIFY2(result.ok(), qPrintable(describe(result)));

    result = SyncSecretReader::read(*m_store, key, timeout);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result.secret, secret);

    const QString replacement = QStringLiteral("replaced-") + secret.left(100);
    result = SyncSecretReader::write(*m_store, key, replacement, timeout);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    result = SyncSecretReader::read(*m_store, key, timeout);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result.secret, replacement);

    result = SyncSecretReader::remove(*m_store, key, timeout);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    result = SyncSecretReader::read(*m_store, key, timeout);
    QCOMPARE(SecretResult::statusName(result.status), SecretResult::statusName(Status::NotFound));
    QVERIFY(result.secret.isEmpty());
    QVERIFY(!result.message.contains(replacement));
}

void TestKeychain::emptySecretIsRefused()
{
    // Decision (docs/secrets.md): an empty token is refused, not stored and not treated as remove.
    const QString key = newKey();
    const SecretResult written = SyncSecretReader::write(*m_store, key, QString(), timeout);
    QCOMPARE(SecretResult::statusName(written.status), SecretResult::statusName(Status::Failed));
    QVERIFY(!written.message.isEmpty());
    const SecretResult read = SyncSecretReader::read(*m_store, key, timeout);
    QCOMPARE(SecretResult::statusName(read.status), SecretResult::statusName(Status::NotFound));
}

void TestKeychain::removeAbsentIsOk()
{
    const SecretResult removed = SyncSecretReader::remove(*m_store, newKey(), timeout);
    QVERIFY2(removed.ok(), qPrintable(describe(removed)));
}

void TestKeychain::servicesAreIsolated()
{
    const QString key = newKey();
    QVERIFY(SyncSecretReader::write(*m_store, key, QStringLiteral("mine"), timeout).ok());

    KeychainSecretStore other(m_store->serviceName() + QStringLiteral("-other"));
    const SecretResult read = SyncSecretReader::read(other, key, timeout);
    QCOMPARE(SecretResult::statusName(read.status), SecretResult::statusName(Status::NotFound));
}

void TestKeychain::answerIsAsynchronous()
{
    const QString key = newKey();
    QVERIFY(SyncSecretReader::write(*m_store, key, QStringLiteral("async"), timeout).ok());
    std::optional<SecretResult> answer;
    m_store->read(key, [&answer](const SecretResult& result) { answer = result; });
    QVERIFY(!answer.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20000);
    QCOMPARE(answer->secret, QStringLiteral("async"));
}

void TestKeychain::importerStoresTokenInKeychainOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString iniPath = dir.filePath(QStringLiteral("connections.ini"));
    ConnectionStore connections(iniPath);
    ConnectionImporter importer(*m_store, connections);

    Connection connection = Connection::create(QStringLiteral("Keychain import"));
    connection.setHost(QStringLiteral("https://dbc-1234.cloud.databricks.com"));
    m_keys << connection.secretKey();
    const QString token = QStringLiteral("dapiKEYCHAINIMPORT0123456789abcdef");

    std::optional<ConnectionImporter::Result> result;
    importer.import(connection, token, [&result](const ConnectionImporter::Result& r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QVERIFY2(result->ok, qPrintable(result->message));

    const SecretResult read = SyncSecretReader::read(*m_store, connection.secretKey(), timeout);
    QCOMPARE(read.secret, token);
    QVERIFY(connections.find(connection.id).has_value());

    QFile ini(iniPath);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray bytes = ini.readAll();
    QVERIFY(bytes.contains("Keychain import"));
    QVERIFY(!bytes.contains(token.toUtf8()));
    QVERIFY(!bytes.contains("dapi"));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
