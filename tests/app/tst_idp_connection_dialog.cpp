#include "TokenVault.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"
#include "idp/IdpConnectionDialog.h"
#include "idp/IdpSourceFactory.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretKeys.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

// A machine without a usable keychain: every write says so.
class NoKeychain final : public SecretStore
{
public:
    bool isPersistent() const override { return true; }
    QString description() const override { return QStringLiteral("no keychain"); }

protected:
    void doRead(const QString&, Callback done) override
    {
        answer(std::move(done), SecretResult::failure(SecretResult::Status::NoBackend, QStringLiteral("No keychain.")));
    }
    void doWrite(const QString&, const QString&, Callback done) override
    {
        answer(std::move(done), SecretResult::failure(SecretResult::Status::NoBackend, QStringLiteral("No keychain.")));
    }
    void doRemove(const QString&, Callback done) override { answer(std::move(done), SecretResult::success()); }
};

// The secret a stored value holds for `settings`, or a marker when it was saved for other hosts.
QString plainSecret(const QString& stored, const IdpSettings& settings)
{
    QString error;
    return IdpStoredSecret::decode(stored, settings, &error).value_or(QStringLiteral("<refused: %1>").arg(error));
}

} // namespace

class TestIdpConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void secretIds_data();
    void secretIds();
    void testsFileSource();
    void fieldsFitTheState();
    void savesSecretUnderIdpKey();
    void offersMemoryWithoutKeychain();
    void savesNamedConnection_data();
    void savesNamedConnection();
    void picksSavedConnection();
    void selectsTheConnectionOfThePolicy();
    void refusesDuplicateNameBeforeWritingSecret();
    void fileNeedsNoConnection();
    void policyNamingAnotherHostShowsTheSavedOne_data();
    void policyNamingAnotherHostShowsTheSavedOne();
    void movingHostsNeedsTheSecretAgain();
    void testRefusesStoredSecretForAnotherHost();

private:
    // Every test's connections go to an INI file of its own: the user's settings are never touched.
    std::unique_ptr<IdpConnectionStore> newStore();
    static SecretResult readSecret(SecretStore& store, const QString& key);

    QTemporaryDir m_dir;
    int m_stores = 0;
};

std::unique_ptr<IdpConnectionStore> TestIdpConnectionDialog::newStore()
{
    return std::make_unique<IdpConnectionStore>(m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_stores)));
}

SecretResult TestIdpConnectionDialog::readSecret(SecretStore& store, const QString& key)
{
    SecretResult result;
    bool done = false;
    store.read(key, [&](const SecretResult& r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }))
        return SecretResult::failure(SecretResult::Status::Failed, QStringLiteral("no answer"));
    return result;
}

void TestIdpConnectionDialog::secretIds_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("id");
    QTest::newRow("okta") << int(IdpType::Okta) << QStringLiteral("https://Acme.okta.com") << QString()
                          << QStringLiteral("okta/acme.okta.com");
    QTest::newRow("entra") << int(IdpType::Entra) << QString() << QStringLiteral("Contoso.onmicrosoft.com")
                           << QStringLiteral("entra/contoso.onmicrosoft.com/app-1");
    QTest::newRow("file needs none") << int(IdpType::File) << QString() << QString() << QString();
}

void TestIdpConnectionDialog::secretIds()
{
    QFETCH(int, type);
    QFETCH(QString, url);
    QFETCH(QString, tenant);
    QFETCH(QString, id);
    IdpSettings settings;
    settings.type = IdpType(type);
    settings.url = QUrl(url);
    settings.tenant = tenant;
    settings.clientId = QStringLiteral("APP-1");
    QCOMPARE(IdpSourceFactory::secretId(settings), id);
}

void TestIdpConnectionDialog::testsFileSource()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("idp.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "group,user,status\ndbx-pii-analysts,ana@acme.example,active\ndbx-pii-analysts,bo@acme.example,active\n");
    file.close();
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings settings;
    settings.type = IdpType::File;
    settings.path = path;
    dialog.setSettings(settings, QStringLiteral("dbx-pii-analysts"));
    QSignalSpy finished(&dialog, &IdpConnectionDialog::testFinished);
    dialog.test();
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.testResult()));
    QVERIFY2(dialog.testResult().contains(QStringLiteral("2 member")), qPrintable(dialog.testResult()));

    dialog.setSettings(settings, QStringLiteral("no-such-group"));
    dialog.test();
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(!finished.last().first().toBool());
    QVERIFY2(dialog.testResult().contains(QStringLiteral("no-such-group")), qPrintable(dialog.testResult()));
}

void TestIdpConnectionDialog::fieldsFitTheState()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings settings;
    settings.type = IdpType::Okta;
    settings.url = QUrl(QStringLiteral("https://acme.okta.com"));
    dialog.setSettings(settings, QStringLiteral("dbx-pii-analysts"));
    // It says which IdP the active policy reviews against.
    auto* policy = dialog.findChild<QLabel*>(QStringLiteral("policyIdp"));
    QVERIFY(policy && !policy->isHidden());
    QCOMPARE(policy->text(), QStringLiteral("The active policy reviews drift against acme.okta.com (Okta)."));
    // Nothing is stored for a new connection, so nothing can be kept.
    auto* token = dialog.findChild<QLineEdit*>(QStringLiteral("token"));
    QCOMPARE(token->placeholderText(), QStringLiteral("Paste the API token"));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("clientSecret"))->placeholderText(),
             QStringLiteral("Paste the client secret"));
    QVERIFY(token->findChild<QAction*>(QStringLiteral("revealSecret")));
    token->setText(QStringLiteral("00a-secret"));
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(token->placeholderText(), QStringLiteral("Leave empty to keep the stored token"));

    // A result belongs to the type it was run for.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("idp.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("group,user,status\ndbx-pii-analysts,ana@acme.example,active\n");
    file.close();
    IdpSettings fileSettings;
    fileSettings.type = IdpType::File;
    fileSettings.path = path;
    dialog.setSettings(fileSettings, QStringLiteral("dbx-pii-analysts"));
    QSignalSpy finished(&dialog, &IdpConnectionDialog::testFinished);
    dialog.test();
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!dialog.testResult().isEmpty());
    auto* type = dialog.findChild<QComboBox*>(QStringLiteral("type"));
    type->setCurrentIndex(type->findData(idpTypeName(IdpType::Okta)));
    QVERIFY2(dialog.testResult().isEmpty(), qPrintable(dialog.testResult()));
}

void TestIdpConnectionDialog::savesSecretUnderIdpKey()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings settings;
    settings.type = IdpType::Okta;
    settings.url = QUrl(QStringLiteral("https://acme.okta.com"));
    dialog.setSettings(settings, QStringLiteral("dbx-pii-analysts"));
    dialog.findChild<QLineEdit*>(QStringLiteral("token"))->setText(QStringLiteral("00a-secret"));
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.first().first().value<IdpSettings>().url, settings.url);
    SecretResult stored;
    bool done = false;
    keychain.read(SecretKeys::idp(QStringLiteral("okta/acme.okta.com")), [&](const SecretResult& r) {
        stored = r;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(stored.ok());
    QCOMPARE(plainSecret(stored.secret, settings), QStringLiteral("00a-secret"));
    QVERIFY2(stored.secret.contains(QStringLiteral("https://acme.okta.com")), "the hosts are not recorded");
    // The field is emptied: the secret is never shown again.
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("token"))->text().isEmpty());
}

void TestIdpConnectionDialog::offersMemoryWithoutKeychain()
{
    NoKeychain keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings settings;
    settings.type = IdpType::Okta;
    settings.url = QUrl(QStringLiteral("https://acme.okta.com"));
    dialog.setSettings(settings, QStringLiteral("dbx-pii-analysts"));
    dialog.findChild<QLineEdit*>(QStringLiteral("token"))->setText(QStringLiteral("00a-secret"));
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    auto* memoryButton = dialog.findChild<QPushButton*>(QStringLiteral("memoryButton"));
    QTRY_VERIFY(!memoryButton->isHidden());
    QVERIFY2(dialog.message().contains(QStringLiteral("never writes secrets to files")), qPrintable(dialog.message()));
    QCOMPARE(saved.size(), 0);
    memoryButton->click();
    QTRY_COMPARE(saved.size(), 1);
    bool done = false;
    SecretResult stored;
    memory.read(SecretKeys::idp(QStringLiteral("okta/acme.okta.com")), [&](const SecretResult& r) {
        stored = r;
        done = true;
    });
    QTRY_VERIFY(done);
    QCOMPARE(plainSecret(stored.secret, settings), QStringLiteral("00a-secret"));
}

void TestIdpConnectionDialog::savesNamedConnection_data()
{
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<QString>("typedName"); // empty: keep the suggested name
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::newRow("okta, suggested name") << "okta" << QString() << "acme.okta.com"
                                          << "idp/okta/acme.okta.com";
    QTest::newRow("okta, typed name") << "okta"
                                      << "Okta prod"
                                      << "Okta prod"
                                      << "idp/okta/acme.okta.com";
    QTest::newRow("entra, suggested name") << "entra" << QString() << "contoso.onmicrosoft.com"
                                           << "idp/entra/contoso.onmicrosoft.com/app-1";
    QTest::newRow("entra, typed name") << "entra"
                                       << "Entra"
                                       << "Entra"
                                       << "idp/entra/contoso.onmicrosoft.com/app-1";
}

void TestIdpConnectionDialog::savesNamedConnection()
{
    QFETCH(QString, typeName);
    QFETCH(QString, typedName);
    QFETCH(QString, name);
    QFETCH(QString, key);
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings settings;
    QVERIFY(idpTypeFromName(typeName, &settings.type));
    if (settings.type == IdpType::Okta) {
        settings.url = QUrl(QStringLiteral("https://acme.okta.com"));
    } else {
        settings.tenant = QStringLiteral("contoso.onmicrosoft.com");
        settings.clientId = QStringLiteral("app-1");
    }
    dialog.setSettings(settings, QStringLiteral("dbx-pii-analysts"));
    auto* nameField = dialog.findChild<QLineEdit*>(QStringLiteral("name"));
    QCOMPARE(nameField->text(), IdpConnection::defaultName(settings));
    if (!typedName.isEmpty()) {
        nameField->clear();
        QTest::keyClicks(nameField, typedName);
    }
    const QString secret = QStringLiteral("s3cret-%1").arg(typeName);
    dialog
        .findChild<QLineEdit*>(settings.type == IdpType::Okta ? QStringLiteral("token")
                                                              : QStringLiteral("clientSecret"))
        ->setText(secret);
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QTRY_COMPARE(saved.size(), 1);

    const QList<IdpConnection> connections = store->list();
    QCOMPARE(connections.size(), 1);
    QCOMPARE(connections.first().name, name);
    QCOMPARE(connections.first().settings, settings);
    QCOMPARE(connections.first().id, dialog.connectionId());
    QCOMPARE(connections.first().secretKey(), key);
    const SecretResult stored = readSecret(keychain, key);
    QVERIFY2(stored.ok(), qPrintable(stored.message));
    QCOMPARE(plainSecret(stored.secret, settings), secret);
    // Saved connections are offered for picking from now on.
    QVERIFY(dialog.findChild<QComboBox*>(QStringLiteral("savedConnection"))->findText(name) > 0);

    // Saving again updates the same connection; the secret stays when none is typed.
    nameField->clear();
    QTest::keyClicks(nameField, QStringLiteral("renamed"));
    dialog.save();
    QTRY_COMPARE(saved.size(), 2);
    QCOMPARE(store->names(), QStringList{QStringLiteral("renamed")});
    QCOMPARE(plainSecret(readSecret(keychain, key).secret, settings), secret);

    // Metadata only in the settings file.
    QFile file(store->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray ini = file.readAll();
    QVERIFY(ini.contains("idpConnections"));
    QVERIFY(!ini.contains(secret.toUtf8()));
}

void TestIdpConnectionDialog::picksSavedConnection()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpSettings okta;
    okta.type = IdpType::Okta;
    okta.url = QUrl(QStringLiteral("https://acme.okta.com"));
    IdpSettings entra;
    entra.type = IdpType::Entra;
    entra.tenant = QStringLiteral("contoso.onmicrosoft.com");
    entra.clientId = QStringLiteral("app-1");
    entra.graph = QUrl(QStringLiteral("https://graph.microsoft.us"));
    QCOMPARE(store->save(IdpConnection::create(QStringLiteral("Acme"), okta)), QString());
    const IdpConnection contoso = IdpConnection::create(QStringLiteral("Contoso"), entra);
    QCOMPARE(store->save(contoso), QString());

    IdpConnectionDialog dialog(vault, *store);
    IdpSettings file;
    file.path = QStringLiteral("idp.csv");
    dialog.setSettings(file, QStringLiteral("dbx-pii-analysts"));
    auto* picker = dialog.findChild<QComboBox*>(QStringLiteral("savedConnection"));
    QCOMPARE(picker->count(), 3); // "New connection", Acme, Contoso
    QCOMPARE(picker->currentIndex(), 0);
    picker->setCurrentIndex(picker->findText(QStringLiteral("Contoso")));
    emit picker->activated(picker->currentIndex());
    IdpSettings expected = entra;
    expected.path = file.path; // the policy's file stays typed, unused
    QCOMPARE(dialog.settings(), expected);
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("name"))->text(), QStringLiteral("Contoso"));
    QCOMPARE(dialog.connectionId(), contoso.id);

    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.first().first().value<IdpSettings>(), expected);
    QCOMPARE(store->list().size(), 2); // picked, not duplicated
}

void TestIdpConnectionDialog::selectsTheConnectionOfThePolicy()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpSettings okta;
    okta.type = IdpType::Okta;
    okta.url = QUrl(QStringLiteral("https://acme.okta.com"));
    const IdpConnection acme = IdpConnection::create(QStringLiteral("Acme prod"), okta);
    QCOMPARE(store->save(acme), QString());

    IdpConnectionDialog dialog(vault, *store);
    IdpSettings policy = okta;
    policy.url = QUrl(QStringLiteral("https://ACME.okta.com/")); // the same org, spelt differently
    dialog.setSettings(policy, QStringLiteral("dbx-pii-analysts"));
    QCOMPARE(dialog.connectionId(), acme.id);
    QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("savedConnection"))->currentText(),
             QStringLiteral("Acme prod"));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("name"))->text(), QStringLiteral("Acme prod"));
}

void TestIdpConnectionDialog::refusesDuplicateNameBeforeWritingSecret()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpSettings acme;
    acme.type = IdpType::Okta;
    acme.url = QUrl(QStringLiteral("https://acme.okta.com"));
    QCOMPARE(store->save(IdpConnection::create(QStringLiteral("Okta"), acme)), QString());

    IdpConnectionDialog dialog(vault, *store);
    IdpSettings other = acme;
    other.url = QUrl(QStringLiteral("https://other.okta.com"));
    dialog.setSettings(other, QStringLiteral("dbx-pii-analysts"));
    auto* nameField = dialog.findChild<QLineEdit*>(QStringLiteral("name"));
    nameField->clear();
    QTest::keyClicks(nameField, QStringLiteral("okta"));
    dialog.findChild<QLineEdit*>(QStringLiteral("token"))->setText(QStringLiteral("00b-secret"));
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QVERIFY2(dialog.message().contains(QStringLiteral("already exists")), qPrintable(dialog.message()));
    QCOMPARE(saved.size(), 0);
    QCOMPARE(readSecret(keychain, SecretKeys::idp(QStringLiteral("okta/other.okta.com"))).status,
             SecretResult::Status::NotFound);
    QCOMPARE(store->list().size(), 1);
}

void TestIdpConnectionDialog::fileNeedsNoConnection()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings file;
    file.path = QStringLiteral("idp.csv");
    dialog.setSettings(file, QStringLiteral("dbx-pii-analysts"));
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("name"))->isHidden());
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(store->list().isEmpty());
}

void TestIdpConnectionDialog::policyNamingAnotherHostShowsTheSavedOne_data()
{
    QTest::addColumn<QString>("policyUrl");
    QTest::newRow("another port") << "https://acme.okta.com:8443";
    QTest::newRow("another scheme") << "http://acme.okta.com";
}

void TestIdpConnectionDialog::policyNamingAnotherHostShowsTheSavedOne()
{
    // A policy from git names the saved org's host with another port or scheme: the dialog shows what the user
    // saved and says why, so a Save cannot quietly move the connection to where the policy points.
    QFETCH(QString, policyUrl);
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpSettings okta;
    okta.type = IdpType::Okta;
    okta.url = QUrl(QStringLiteral("https://acme.okta.com"));
    QCOMPARE(store->save(IdpConnection::create(QStringLiteral("Acme"), okta)), QString());
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings policy = okta;
    policy.url = QUrl(policyUrl);
    dialog.setSettings(policy, QStringLiteral("dbx-pii-analysts"));
    QCOMPARE(dialog.settings().url, okta.url);
    QVERIFY2(dialog.message().contains(QStringLiteral("is for https://acme.okta.com, but the policy's idp.url names ")),
             qPrintable(dialog.message()));
    QVERIFY2(dialog.message().contains(QUrl(policyUrl).toString(QUrl::RemovePath)), qPrintable(dialog.message()));
}

void TestIdpConnectionDialog::movingHostsNeedsTheSecretAgain()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpConnectionDialog dialog(vault, *store);
    IdpSettings entra;
    entra.type = IdpType::Entra;
    entra.tenant = QStringLiteral("contoso.onmicrosoft.com");
    entra.clientId = QStringLiteral("app-1");
    dialog.setSettings(entra, QStringLiteral("dbx-pii-analysts"));
    dialog.findChild<QLineEdit*>(QStringLiteral("clientSecret"))->setText(QStringLiteral("entra-s3cret"));
    QSignalSpy saved(&dialog, &IdpConnectionDialog::settingsSaved);
    dialog.save();
    QTRY_COMPARE(saved.size(), 1);

    // The login host is changed and no secret typed: the stored one was given for the global cloud, not for this.
    dialog.findChild<QLineEdit*>(QStringLiteral("authority"))->setText(QStringLiteral("https://login.example.net"));
    dialog.save();
    QVERIFY2(dialog.message().contains(QStringLiteral("type the secret again")), qPrintable(dialog.message()));
    QVERIFY2(dialog.message().contains(QStringLiteral("https://login.example.net")), qPrintable(dialog.message()));
    QCOMPARE(saved.size(), 1);
    QVERIFY(store->list().first().settings.authority.isEmpty());

    // Typed again, it is saved for the new host, and only for it.
    dialog.findChild<QLineEdit*>(QStringLiteral("clientSecret"))->setText(QStringLiteral("entra-s3cret"));
    dialog.save();
    QTRY_COMPARE(saved.size(), 2);
    const IdpConnection moved = store->list().first();
    QCOMPARE(moved.settings.authority, QUrl(QStringLiteral("https://login.example.net")));
    const QString stored = readSecret(keychain, moved.secretKey()).secret;
    QCOMPARE(plainSecret(stored, moved.settings), QStringLiteral("entra-s3cret"));
    QVERIFY(plainSecret(stored, entra).startsWith(QStringLiteral("<refused: ")));
}

void TestIdpConnectionDialog::testRefusesStoredSecretForAnotherHost()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    const auto store = newStore();
    IdpSettings okta;
    okta.type = IdpType::Okta;
    okta.url = QUrl(QStringLiteral("https://acme.okta.com"));
    const IdpConnection acme = IdpConnection::create(QStringLiteral("Acme"), okta);
    QCOMPARE(store->save(acme), QString());
    bool written = false;
    keychain.write(acme.secretKey(), IdpStoredSecret::encode(QStringLiteral("00a-secret"), okta),
                   [&](const SecretResult&) { written = true; });
    QTRY_VERIFY(written);

    IdpConnectionDialog dialog(vault, *store);
    dialog.setSettings(okta, QStringLiteral("dbx-pii-analysts"));
    dialog.findChild<QLineEdit*>(QStringLiteral("url"))->setText(QStringLiteral("https://acme.okta.com:8443"));
    QSignalSpy finished(&dialog, &IdpConnectionDialog::testFinished);
    dialog.findChild<QPushButton*>(QStringLiteral("testButton"))->click();
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!finished.first().first().toBool());
    QVERIFY2(dialog.testResult().contains(
                 QStringLiteral("was saved for https://acme.okta.com, not https://acme.okta.com:8443")),
             qPrintable(dialog.testResult()));
}

QTEST_MAIN(TestIdpConnectionDialog)
#include "tst_idp_connection_dialog.moc"
