// What happens when there is no OS keychain at all, as on a server or in a container without a
// D-Bus session: every operation must answer promptly with Status::NoBackend and the plain
// "no keychain" sentence (never a raw D-Bus error, never the secret), and the importer must not
// save a connection whose token went nowhere.
//
// QtKeychain 0.13.2 on Debian 12 goes through libsecret, which reports a dead session bus as
// OtherError "Could not connect: No such file or directory"; KeychainSecretStore maps that.

#include "connections/ConnectionImporter.h"
#include "connections/ConnectionStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SyncSecretReader.h"

#include <QtTest>

using namespace scimitar;
using Status = SecretResult::Status;

Q_DECLARE_METATYPE(scimitar::KeychainSecretStore::Operation)

namespace {

const QString secret = QStringLiteral("dapiNOKEYCHAIN0123456789abcdef");
const QString expectedMessage = QStringLiteral("No OS keychain is available (no Secret Service on the session bus). "
                                               "Scimitar can keep the token in memory for this run only.");

} // namespace

class TestNoKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reportsNoBackend_data();
    void reportsNoBackend();
    void importerKeepsNothingThenMemoryFallbackWorks();
};

void TestNoKeychain::initTestCase()
{
    // Before the first keychain use in this process: libsecret (GDBus) connects lazily and then
    // keeps that connection. No display either, so D-Bus cannot autolaunch a bus.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/scimitar-no-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
}

void TestNoKeychain::reportsNoBackend_data()
{
    using Op = KeychainSecretStore::Operation;
    QTest::addColumn<Op>("operation");
    QTest::newRow("write") << Op::Write;
    QTest::newRow("read") << Op::Read;
    QTest::newRow("remove") << Op::Remove;
}

void TestNoKeychain::reportsNoBackend()
{
    QFETCH(KeychainSecretStore::Operation, operation);
    KeychainSecretStore store(QStringLiteral("ScimitarTest-nokeychain"));
    const auto limit = std::chrono::seconds(20);
    const QString key = QStringLiteral("databricks/0a1b2c3d-0000-4111-8222-333344445555");

    QElapsedTimer clock;
    clock.start();
    SecretResult result;
    switch (operation) {
    case KeychainSecretStore::Operation::Write:
        result = SyncSecretReader::write(store, key, secret, limit);
        break;
    case KeychainSecretStore::Operation::Read:
        result = SyncSecretReader::read(store, key, limit);
        break;
    case KeychainSecretStore::Operation::Remove:
        result = SyncSecretReader::remove(store, key, limit);
        break;
    }

    QVERIFY2(clock.elapsed() < 10000, "a missing keychain must be reported promptly, not after a hang");
    QCOMPARE(SecretResult::statusName(result.status), SecretResult::statusName(Status::NoBackend));
    QCOMPARE(result.message, expectedMessage);
    QVERIFY(!result.message.contains(secret));
    QVERIFY(result.secret.isEmpty());
}

void TestNoKeychain::importerKeepsNothingThenMemoryFallbackWorks()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ConnectionStore connections(dir.filePath(QStringLiteral("connections.ini")));
    KeychainSecretStore keychain(QStringLiteral("ScimitarTest-nokeychain"));

    Connection connection = Connection::create(QStringLiteral("Prod workspace"));
    connection.setHost(QStringLiteral("dbc-1234.cloud.databricks.com"));

    std::optional<ConnectionImporter::Result> result;
    {
        ConnectionImporter importer(keychain, connections);
        importer.import(connection, secret, [&result](const ConnectionImporter::Result& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    }
    QVERIFY(!result->ok);
    QCOMPARE(SecretResult::statusName(result->secret.status), SecretResult::statusName(Status::NoBackend));
    QCOMPARE(result->message, expectedMessage);
    QVERIFY(connections.list().isEmpty()); // no metadata without a stored token

    // The caller's way out: "keep it in memory for this run only".
    MemorySecretStore memory;
    result.reset();
    ConnectionImporter importer(memory, connections);
    importer.import(connection, secret, [&result](const ConnectionImporter::Result& r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->message));
    QCOMPARE(connections.list().size(), 1);
    QCOMPARE(SyncSecretReader::read(memory, connection.secretKey()).secret, secret);
}

QTEST_GUILESS_MAIN(TestNoKeychain)
#include "tst_nokeychain.moc"
