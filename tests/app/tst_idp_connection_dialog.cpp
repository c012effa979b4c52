#include "TokenVault.h"
#include "idp/IdpConnectionDialog.h"
#include "idp/IdpSourceFactory.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretKeys.h"

#include <QFile>
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

} // namespace

class TestIdpConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void secretIds_data();
    void secretIds();
    void testsFileSource();
    void savesSecretUnderIdpKey();
    void offersMemoryWithoutKeychain();
};

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
    IdpConnectionDialog dialog(vault);
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

void TestIdpConnectionDialog::savesSecretUnderIdpKey()
{
    MemorySecretStore keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    IdpConnectionDialog dialog(vault);
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
    QCOMPARE(stored.secret, QStringLiteral("00a-secret"));
    // The field is emptied: the secret is never shown again.
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("token"))->text().isEmpty());
}

void TestIdpConnectionDialog::offersMemoryWithoutKeychain()
{
    NoKeychain keychain;
    MemorySecretStore memory;
    TokenVault vault(keychain, memory);
    IdpConnectionDialog dialog(vault);
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
    QCOMPARE(stored.secret, QStringLiteral("00a-secret"));
}

QTEST_MAIN(TestIdpConnectionDialog)
#include "tst_idp_connection_dialog.moc"
