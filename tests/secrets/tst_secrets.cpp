// The SecretStore contract without any OS keychain: MemorySecretStore, the base-class rules every
// store shares, key names, SyncSecretReader, and how QtKeychain errors become user messages.

#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/PrivateFile.h"
#include "secrets/ProcessHardening.h"
#include "secrets/SecretKeys.h"
#include "secrets/SecretScrubber.h"
#include "secrets/SyncSecretReader.h"

#include <QLocalServer>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <optional>
#include <sys/stat.h>

using namespace scimitar;
using Status = SecretResult::Status;

Q_DECLARE_METATYPE(scimitar::SecretResult::Status)
Q_DECLARE_METATYPE(scimitar::KeychainSecretStore::Operation)
Q_DECLARE_METATYPE(QKeychain::Error)

namespace {

// A store that never answers, or answers with a fixed result: exercises timeouts and the base
// class's checks without depending on a real backend.
class ScriptedStore : public SecretStore
{
public:
    std::optional<SecretResult> reply; // nullopt: never answer
    int calls = 0;

    bool isPersistent() const override { return false; }
    QString description() const override { return QStringLiteral("scripted"); }

protected:
    void doRead(const QString&, Callback done) override { respond(std::move(done)); }
    void doWrite(const QString&, const QString&, Callback done) override { respond(std::move(done)); }
    void doRemove(const QString&, Callback done) override { respond(std::move(done)); }

private:
    void respond(Callback done)
    {
        ++calls;
        if (reply)
            answer(std::move(done), *reply);
    }
};

int synchronousAnswers = 0;

// Runs one asynchronous store call and waits for its answer. Answers must come from the event
// loop, never during the call; cleanup() fails the test if one did.
template <typename Start> std::optional<SecretResult> await(Start start)
{
    std::optional<SecretResult> result;
    start([&result](const SecretResult& r) { result = r; });
    if (result)
        ++synchronousAnswers;
    for (int i = 0; i < 500 && !result; ++i)
        QTest::qWait(10);
    return result;
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void memoryRoundTrip_data();
    void memoryRoundTrip();
    void memoryMissingKey();
    void memoryRemoveAbsentIsOk();
    void memoryIsNotPersistent();
    void emptyInputIsRefused_data();
    void emptyInputIsRefused();
    void answersAreNeverSynchronous();
    void deletedStoreDropsAnswer();
    void backendMessageIsScrubbed();
    void secretKeys_data();
    void secretKeys();
    void keychainErrorMapping_data();
    void keychainErrorMapping();
    void syncReaderReturnsAnswer();
    void syncReaderTimesOut();
    void statusNames();
    void scrubber_data();
    void scrubber();
    void secretsLeaveTheEnvironment();
    void busAutolaunchIsPrevented();
    void privateFilesAreTheUsersAlone_data();
    void privateFilesAreTheUsersAlone();
};

void TestSecrets::cleanup()
{
    QCOMPARE(synchronousAnswers, 0);
}

void TestSecrets::memoryRoundTrip_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("pat") << QStringLiteral("dapi0123456789abcdef0123456789abcdef");
    QTest::newRow("unicode") << QStringLiteral("pässwörd-🔑-日本語");
    QTest::newRow("4 KiB") << QString(4096, QLatin1Char('x'));
    QTest::newRow("newlines and quotes") << QStringLiteral("line1\nline2 \"q\" 'q' \\");
}

void TestSecrets::memoryRoundTrip()
{
    QFETCH(QString, secret);
    MemorySecretStore store;
    const QString key = SecretKeys::databricks(QUuid::createUuid().toString());

    auto written = await([&](auto done) { store.write(key, secret, done); });
    QVERIFY(written);
    QVERIFY2(written->ok(), qPrintable(written->message));
    QCOMPARE(store.count(), 1);

    auto read = await([&](auto done) { store.read(key, done); });
    QVERIFY(read);
    QCOMPARE(read->status, Status::Ok);
    QCOMPARE(read->secret, secret);

    auto overwritten = await([&](auto done) { store.write(key, secret + QStringLiteral("-2"), done); });
    QVERIFY(overwritten && overwritten->ok());
    read = await([&](auto done) { store.read(key, done); });
    QCOMPARE(read->secret, secret + QStringLiteral("-2"));

    auto removed = await([&](auto done) { store.remove(key, done); });
    QVERIFY(removed && removed->ok());
    read = await([&](auto done) { store.read(key, done); });
    QCOMPARE(read->status, Status::NotFound);
    QVERIFY(read->secret.isEmpty());
    QCOMPARE(store.count(), 0);
}

void TestSecrets::memoryMissingKey()
{
    MemorySecretStore store;
    auto read = await([&](auto done) { store.read(QStringLiteral("databricks/none"), done); });
    QVERIFY(read);
    QCOMPARE(read->status, Status::NotFound);
    QVERIFY(!read->message.isEmpty());
}

void TestSecrets::memoryRemoveAbsentIsOk()
{
    MemorySecretStore store;
    auto removed = await([&](auto done) { store.remove(QStringLiteral("databricks/none"), done); });
    QVERIFY(removed);
    QCOMPARE(removed->status, Status::Ok);
}

void TestSecrets::memoryIsNotPersistent()
{
    MemorySecretStore store;
    QVERIFY(!store.isPersistent());
    QVERIFY(store.description().contains(QStringLiteral("Memory")));
    KeychainSecretStore keychain(QStringLiteral("ScimitarTestUnused"));
    QVERIFY(keychain.isPersistent());
    QCOMPARE(keychain.serviceName(), QStringLiteral("ScimitarTestUnused"));
    QCOMPARE(KeychainSecretStore::defaultServiceName(), QStringLiteral("Scimitar"));
}

void TestSecrets::emptyInputIsRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::newRow("empty secret") << QStringLiteral("databricks/x") << QString();
    QTest::newRow("empty key") << QString() << QStringLiteral("dapi123");
}

void TestSecrets::emptyInputIsRefused()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    // ScriptedStore would answer Ok: a Failed answer proves the base class refused before asking it.
    ScriptedStore store;
    store.reply = SecretResult::success();
    auto written = await([&](auto done) { store.write(key, secret, done); });
    QVERIFY(written);
    QCOMPARE(written->status, Status::Failed);
    QVERIFY(!written->message.isEmpty());
    QCOMPARE(store.calls, 0);
}

void TestSecrets::answersAreNeverSynchronous()
{
    MemorySecretStore store;
    bool called = false;
    store.write(QStringLiteral("k"), QStringLiteral("v"), [&](const SecretResult&) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY(called);

    called = false;
    store.read(QString(), [&](const SecretResult&) { called = true; }); // refused by the base class
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

void TestSecrets::deletedStoreDropsAnswer()
{
    auto* store = new MemorySecretStore;
    bool called = false;
    store->write(QStringLiteral("k"), QStringLiteral("v"), [&](const SecretResult&) { called = true; });
    delete store;
    QTest::qWait(50);
    QVERIFY(!called);
}

void TestSecrets::backendMessageIsScrubbed()
{
    const QString secret = QStringLiteral("dapi-echoed-secret");
    ScriptedStore store;
    store.reply = SecretResult::failure(Status::Failed, QStringLiteral("backend said: ") + secret);
    auto written = await([&](auto done) { store.write(QStringLiteral("k"), secret, done); });
    QVERIFY(written);
    QVERIFY(!written->message.contains(secret));
    QVERIFY(written->message.startsWith(QStringLiteral("backend said: ")));
}

void TestSecrets::secretKeys_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    const QString id = QStringLiteral("0a1b2c3d-0000-4111-8222-333344445555");
    QTest::newRow("plain uuid") << SecretKeys::databricks(id) << QStringLiteral("databricks/") + id;
    QTest::newRow("braces and upper case") << SecretKeys::databricks(QLatin1Char('{') + id.toUpper() + QLatin1Char('}'))
                                           << QStringLiteral("databricks/") + id;
    QTest::newRow("idp") << SecretKeys::idp(id) << QStringLiteral("idp/") + id;
    QTest::newRow("idp non-uuid kept") << SecretKeys::idp(QStringLiteral("Entra-Main"))
                                       << QStringLiteral("idp/Entra-Main");
    QTest::newRow("empty id gives empty key") << SecretKeys::databricks(QString()) << QString();
}

void TestSecrets::secretKeys()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestSecrets::keychainErrorMapping_data()
{
    using Op = KeychainSecretStore::Operation;
    QTest::addColumn<Op>("operation");
    QTest::addColumn<QKeychain::Error>("error");
    QTest::addColumn<QString>("backendMessage");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("messageStart");

    const QString noKeychain = QStringLiteral("No OS keychain is available");
    QTest::newRow("no error") << Op::Read << QKeychain::NoError << QString() << Status::Ok << QString();
    QTest::newRow("read not found") << Op::Read << QKeychain::EntryNotFound << QStringLiteral("Entry not found")
                                    << Status::NotFound << QStringLiteral("No token is stored");
    QTest::newRow("remove not found is ok")
        << Op::Remove << QKeychain::EntryNotFound << QStringLiteral("Entry not found") << Status::Ok << QString();
    QTest::newRow("no backend") << Op::Write << QKeychain::NoBackendAvailable << QStringLiteral("whatever")
                                << Status::NoBackend << noKeychain;
    QTest::newRow("not implemented") << Op::Read << QKeychain::NotImplemented << QString() << Status::NoBackend
                                     << noKeychain;
    QTest::newRow("access denied") << Op::Write << QKeychain::AccessDenied << QStringLiteral("locked")
                                   << Status::AccessDenied << QStringLiteral("The keychain refused access");
    QTest::newRow("denied by user") << Op::Read << QKeychain::AccessDeniedByUser << QString() << Status::AccessDenied
                                    << QStringLiteral("The keychain request was denied");
    // Texts really produced by QtKeychain 0.13.2 + libsecret on Debian 12 (see tst_nokeychain).
    QTest::newRow("dead bus socket") << Op::Write << QKeychain::OtherError
                                     << QStringLiteral("Could not connect: No such file or directory")
                                     << Status::NoBackend << noKeychain;
    QTest::newRow("no bus, no display") << Op::Read << QKeychain::OtherError
                                        << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY")
                                        << Status::NoBackend << noKeychain;
    QTest::newRow("service unknown")
        << Op::Read << QKeychain::OtherError
        << QStringLiteral("GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets "
                          "was not provided by any .service files")
        << Status::NoBackend << noKeychain;
    QTest::newRow("kwallet missing") << Op::Read << QKeychain::OtherError
                                     << QStringLiteral("Could not start kwalletd: unknown") << Status::NoBackend
                                     << noKeychain;
    QTest::newRow("no login keyring, cannot prompt")
        << Op::Write << QKeychain::OtherError
        << QStringLiteral("Object does not exist at path \u201c/org/freedesktop/secrets/collection/login\u201d")
        << Status::NoBackend << QStringLiteral("The OS keychain has no default keyring");
    QTest::newRow("other write") << Op::Write << QKeychain::OtherError << QStringLiteral("disk full") << Status::Failed
                                 << QStringLiteral("The token could not be saved in the OS keychain: disk full.");
    QTest::newRow("other read") << Op::Read << QKeychain::OtherError << QString() << Status::Failed
                                << QStringLiteral("The token could not be read from the OS keychain.");
    QTest::newRow("could not delete") << Op::Remove << QKeychain::CouldNotDeleteEntry << QStringLiteral("busy")
                                      << Status::Failed
                                      << QStringLiteral("The token could not be removed from the OS keychain: busy.");
}

void TestSecrets::keychainErrorMapping()
{
    QFETCH(KeychainSecretStore::Operation, operation);
    QFETCH(QKeychain::Error, error);
    QFETCH(QString, backendMessage);
    QFETCH(Status, status);
    QFETCH(QString, messageStart);

    const SecretResult result = KeychainSecretStore::resultFor(operation, error, backendMessage);
    QCOMPARE(SecretResult::statusName(result.status), SecretResult::statusName(status));
    QVERIFY2(result.message.startsWith(messageStart), qPrintable(result.message));
    QVERIFY(result.secret.isEmpty());
    if (status == Status::NoBackend || status == Status::AccessDenied)
        QVERIFY2(result.message.contains(QStringLiteral("in memory for this run only")), qPrintable(result.message));
    if (status == Status::Ok)
        QVERIFY(result.message.isEmpty());
}

void TestSecrets::syncReaderReturnsAnswer()
{
    MemorySecretStore store;
    QVERIFY(SyncSecretReader::write(store, QStringLiteral("k"), QStringLiteral("v")).ok());
    const SecretResult read = SyncSecretReader::read(store, QStringLiteral("k"));
    QCOMPARE(read.status, Status::Ok);
    QCOMPARE(read.secret, QStringLiteral("v"));
    QVERIFY(SyncSecretReader::remove(store, QStringLiteral("k")).ok());
    QCOMPARE(SyncSecretReader::read(store, QStringLiteral("k")).status, Status::NotFound);
}

void TestSecrets::syncReaderTimesOut()
{
    ScriptedStore silent; // never answers
    QElapsedTimer clock;
    clock.start();
    const SecretResult result = SyncSecretReader::read(silent, QStringLiteral("k"), std::chrono::milliseconds(200));
    QCOMPARE(result.status, Status::Failed);
    QVERIFY(result.message.contains(QStringLiteral("did not answer")));
    QVERIFY(clock.elapsed() >= 150);
    QVERIFY(clock.elapsed() < 5000);
}

void TestSecrets::statusNames()
{
    QCOMPARE(SecretResult::statusName(Status::NoBackend), QStringLiteral("NoBackend"));
    QVERIFY(SecretResult::success(QStringLiteral("x")).ok());
    QVERIFY(!SecretResult::failure(Status::NotFound, QStringLiteral("m")).ok());
}

void TestSecrets::privateFilesAreTheUsersAlone_data()
{
    QTest::addColumn<bool>("viaSettings");
    QTest::addColumn<bool>("fileExisted"); // with the umask's 0644
    QTest::newRow("an export, new") << false << false;
    QTest::newRow("an export over a readable file") << false << true;
    QTest::newRow("settings, new") << true << false;
    QTest::newRow("settings made readable by an older version") << true << true;
}

void TestSecrets::privateFilesAreTheUsersAlone()
{
    QFETCH(bool, viaSettings);
    QFETCH(bool, fileExisted);
    QTemporaryDir dir;
    const QString path = dir.filePath(viaSettings ? QStringLiteral("scimitar.conf") : QStringLiteral("export.csv"));
    const mode_t previous = ::umask(022); // the usual umask: what Qt would create is readable by everyone
    if (fileExisted) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[old]\nkey=1\n");
        file.close();
        QVERIFY(QFile::permissions(path) & QFile::ReadOther);
    }
    if (viaSettings) {
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(QStringLiteral("connections/1/host"), QStringLiteral("https://dbc-1.cloud.databricks.com"));
        QVERIFY(PrivateFile::sync(settings));
        // And again once the file exists: QSettings rewrites it through a temporary file of its own.
        settings.setValue(QStringLiteral("connections/1/name"), QStringLiteral("prod"));
        QVERIFY(PrivateFile::sync(settings));
    } else {
        QString error;
        QVERIFY2(PrivateFile::write(path, "kind,principal\n", &error), qPrintable(error));
    }
    ::umask(previous);
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser), QFile::ReadOwner | QFile::WriteOwner);
}

QTEST_GUILESS_MAIN(TestSecrets)
void TestSecrets::scrubber_data()
{
    QTest::addColumn<QByteArray>("added");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray token = "dapiABCdef0123456789";
    QTest::newRow("header echoed") << "Bearer " + token << "<pre>Authorization: Bearer " + token + "</pre>"
                                   << QByteArray("<pre>Authorization: [redacted]</pre>");
    QTest::newRow("bare token") << "Bearer " + token << "token=" + token + "&x=1" << QByteArray("token=[redacted]&x=1");
    QTest::newRow("another case") << "Bearer " + token << "TOKEN " + token.toUpper() << QByteArray("TOKEN [redacted]");
    QTest::newRow("okta scheme") << QByteArray("SSWS 00aBcD-secret") << QByteArray("ssws 00abcd-SECRET said no")
                                 << QByteArray("[redacted] said no");
    QTest::newRow("percent-encoded") << QByteArray("s3cr3t/with+chars=") << QByteArray("q=s3cr3t%2Fwith%2Bchars%3D")
                                     << QByteArray("q=[redacted]");
    QTest::newRow("repeated") << token << token + token << QByteArray("[redacted][redacted]");
    QTest::newRow("too short to scrub") << QByteArray("abc") << QByteArray("abc abc") << QByteArray("abc abc");
    QTest::newRow("not valid UTF-8 around it")
        << token << "\xff\xfe" + token + "\xff" << QByteArray("\xff\xfe[redacted]\xff");
}

void TestSecrets::scrubber()
{
    QFETCH(QByteArray, added);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    SecretScrubber scrubber;
    scrubber.add(added);
    QCOMPARE(scrubber.scrub(text), expected);
    if (QString::fromUtf8(text).toUtf8() == text) // the QString form agrees where the text is UTF-8
        QCOMPARE(scrubber.scrub(QString::fromUtf8(text)), QString::fromUtf8(expected));
}

void TestSecrets::secretsLeaveTheEnvironment()
{
    // A child started after the secrets were read inherits none of them.
    const QStringList variables = ProcessHardening::secretVariables();
    QVERIFY(variables.contains(QStringLiteral("DATABRICKS_TOKEN")));
    QVERIFY(variables.contains(QStringLiteral("AZURE_CLIENT_SECRET")));
    for (const QString& variable : variables)
        qputenv(variable.toLatin1().constData(), "secret-in-the-environment-" + variable.toLatin1());
    qputenv("SCIMITAR_TEST_KEPT", "kept");
    ProcessHardening::removeSecretsFromEnvironment();
    QProcess child;
    child.start(QStringLiteral("env"), {});
    QVERIFY(child.waitForFinished(10000));
    const QByteArray environment = child.readAllStandardOutput();
    QVERIFY(environment.contains("SCIMITAR_TEST_KEPT=kept"));
    QVERIFY2(!environment.contains("secret-in-the-environment-"), environment.constData());
    qunsetenv("SCIMITAR_TEST_KEPT");
}

void TestSecrets::busAutolaunchIsPrevented()
{
    const QByteArray savedAddress = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
    const auto restore = qScopeGuard([&] {
        qputenv("DBUS_SESSION_BUS_ADDRESS", savedAddress);
        qputenv("XDG_RUNTIME_DIR", savedRuntime);
    });
    QTemporaryDir runtime;
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));

    // No bus named, none at the user-session path: a keychain read must fail, not start dbus-launch.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    QVERIFY(ProcessHardening::preventBusAutolaunch());
    QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"), QByteArray("disabled:"));

    // A systemd user bus is named, so the keychain keeps working there.
    QLocalServer bus;
    QVERIFY(bus.listen(runtime.filePath(QStringLiteral("bus"))));
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    QVERIFY(!ProcessHardening::preventBusAutolaunch());
    QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"), "unix:path=" + QFile::encodeName(runtime.filePath("bus")));

    // An address already set is left alone.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1/bus");
    QVERIFY(!ProcessHardening::preventBusAutolaunch());
    QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"), QByteArray("unix:path=/run/user/1/bus"));
}

#include "tst_secrets.moc"
