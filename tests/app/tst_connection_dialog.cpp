#include "TokenVault.h"
#include "connections/ConnectionDialog.h"
#include "connections/ConnectionStore.h"
#include "secrets/MemorySecretStore.h"
#include "widgets/MessageBar.h"

#include <EmulatorHost.h>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFocusEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

// A keychain that is not there, as on a headless Linux box without a Secret Service.
class NoBackendStore final : public SecretStore
{
public:
    bool isPersistent() const override { return true; }
    QString description() const override { return QStringLiteral("OS keychain (none)"); }
    int writes = 0;

protected:
    void doRead(const QString&, Callback done) override { answer(std::move(done), noBackend()); }
    void doWrite(const QString&, const QString&, Callback done) override
    {
        ++writes;
        answer(std::move(done), noBackend());
    }
    void doRemove(const QString&, Callback done) override { answer(std::move(done), noBackend()); }

private:
    static SecretResult noBackend()
    {
        return SecretResult::failure(SecretResult::Status::NoBackend, QStringLiteral("No OS keychain is available."));
    }
};

QString readSecret(SecretStore& store, const QString& key)
{
    QString secret;
    bool done = false;
    store.read(key, [&](const SecretResult& result) {
        secret = result.ok() ? result.secret : QString();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        return QStringLiteral("<timeout>");
    return secret;
}

// Answers the next modal message box with `button` once it is up (the dialog asks before deleting).
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box)
            box->button(button)->click();
    });
}

} // namespace

class TestConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addStoresTokenInKeychainOnly();
    void invalidInputIsShownInline_data();
    void invalidInputIsShownInline();
    void editingKeepsStoredToken();
    void noKeychainOffersMemoryOnly();
    void deleteRemovesToken();
    void testConnectionNamesTokenOwner();
    void testSaysWhetherTheTokenReadsEverything_data();
    void testSaysWhetherTheTokenReadsEverything();
    void newConnectionsAreReadOnlyAndTheTokenCanBeShown();

private:
    template <typename T> T* child(const char* name) const
    {
        T* found = m_dialog->findChild<T*>(QLatin1String(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }
    void fillNew(const QString& name, const QString& host, const QString& token);
    void save() { child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Save)->click(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConnectionStore> m_store;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<MemorySecretStore> m_memory;
    std::unique_ptr<TokenVault> m_tokens;
    std::unique_ptr<ConnectionDialog> m_dialog;
};

void TestConnectionDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ConnectionStore>(m_dir->filePath(QStringLiteral("connections.ini")));
    // A memory store stands in for the keychain: the dialog only knows the SecretStore interface.
    m_keychain = std::make_unique<MemorySecretStore>();
    m_memory = std::make_unique<MemorySecretStore>();
    m_tokens = std::make_unique<TokenVault>(*m_keychain, *m_memory);
    m_dialog = std::make_unique<ConnectionDialog>(*m_store, *m_tokens);
    m_dialog->show();
}

void TestConnectionDialog::cleanup()
{
    m_dialog.reset();
    m_tokens.reset();
    m_memory.reset();
    m_keychain.reset();
    m_store.reset();
    m_dir.reset();
}

void TestConnectionDialog::fillNew(const QString& name, const QString& host, const QString& token)
{
    child<QPushButton>("addButton")->click();
    child<QLineEdit>("nameEdit")->setText(name);
    child<QLineEdit>("hostEdit")->setText(host);
    child<QLineEdit>("tokenEdit")->setText(token);
}

void TestConnectionDialog::addStoresTokenInKeychainOnly()
{
    QSignalSpy saved(m_dialog.get(), &ConnectionDialog::connectionSaved);
    fillNew(QStringLiteral("Prod"), QStringLiteral("dbc-1234.cloud.databricks.com"), QStringLiteral("dapi-secret-1"));
    QCOMPARE(child<QLineEdit>("tokenEdit")->echoMode(), QLineEdit::Password);
    save();
    QTRY_COMPARE(saved.count(), 1);
    const std::optional<Connection> connection = m_store->findByName(QStringLiteral("Prod"));
    QVERIFY(connection);
    QCOMPARE(connection->host.toString(), QStringLiteral("https://dbc-1234.cloud.databricks.com"));
    QCOMPARE(readSecret(*m_keychain, connection->secretKey()), QStringLiteral("dapi-secret-1"));
    QCOMPARE(m_memory->count(), 0);
    // After saving, the form shows the connection for editing, without the token.
    QVERIFY(child<QLineEdit>("tokenEdit")->text().isEmpty());
    QCOMPARE(child<QListWidget>("connectionList")->count(), 1);
    // And the settings file never sees the token.
    QFile ini(m_store->fileName());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("dapi-secret-1"));
}

void TestConnectionDialog::invalidInputIsShownInline_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no name") << ""
                             << "dbc-1.cloud.databricks.com" << 0 << "t"
                             << "name is empty";
    QTest::newRow("plain http elsewhere") << "x"
                                          << "http://example.com" << 0 << "t"
                                          << "host is not usable";
    QTest::newRow("account without id") << "x"
                                        << "accounts.cloud.databricks.com" << 1 << "t"
                                        << "account id";
    QTest::newRow("no token for a new connection") << "x"
                                                   << "dbc-1.cloud.databricks.com" << 0 << ""
                                                   << "token";
}

void TestConnectionDialog::invalidInputIsShownInline()
{
    QFETCH(QString, name);
    QFETCH(QString, host);
    QFETCH(int, kind);
    QFETCH(QString, token);
    QFETCH(QString, expected);
    fillNew(name, host, token);
    child<QComboBox>("kindCombo")->setCurrentIndex(kind);
    QVERIFY(!child<QLineEdit>("accountIdEdit")->isEnabled() || kind == 1);
    save();
    auto* validation = child<QLabel>("validationLabel");
    QVERIFY(validation->isVisible());
    QVERIFY2(validation->text().contains(expected, Qt::CaseInsensitive), qPrintable(validation->text()));
    QVERIFY(m_store->list().isEmpty());
}

void TestConnectionDialog::editingKeepsStoredToken()
{
    QSignalSpy saved(m_dialog.get(), &ConnectionDialog::connectionSaved);
    fillNew(QStringLiteral("Dev"), QStringLiteral("dbc-9.cloud.databricks.com"), QStringLiteral("dapi-old"));
    save();
    QTRY_COMPARE(saved.count(), 1);
    child<QLineEdit>("nameEdit")->setText(QStringLiteral("Dev (renamed)"));
    QVERIFY(child<QLineEdit>("tokenEdit")->text().isEmpty());
    QVERIFY(child<QLineEdit>("tokenEdit")->placeholderText().contains(QStringLiteral("keep")));
    save();
    QTRY_COMPARE(saved.count(), 2);
    const std::optional<Connection> connection = m_store->findByName(QStringLiteral("Dev (renamed)"));
    QVERIFY(connection);
    QCOMPARE(readSecret(*m_keychain, connection->secretKey()), QStringLiteral("dapi-old"));
}

void TestConnectionDialog::noKeychainOffersMemoryOnly()
{
    // Rebuild the dialog over a keychain that is missing.
    m_dialog.reset();
    auto* noBackend = new NoBackendStore;
    m_keychain.reset(noBackend);
    m_tokens = std::make_unique<TokenVault>(*m_keychain, *m_memory);
    m_dialog = std::make_unique<ConnectionDialog>(*m_store, *m_tokens);
    m_dialog->show();

    QSignalSpy saved(m_dialog.get(), &ConnectionDialog::connectionSaved);
    fillNew(QStringLiteral("Laptop"), QStringLiteral("dbc-5.cloud.databricks.com"), QStringLiteral("dapi-mem"));
    save();
    auto* bar = child<MessageBar>("messageBar");
    QTRY_VERIFY(bar->isVisible());
    QVERIFY2(bar->text().contains(QStringLiteral("No OS keychain")), qPrintable(bar->text()));
    QCOMPARE(bar->level(), MessageBar::Level::Warning);
    QCOMPARE(noBackend->writes, 1);
    QVERIFY(m_store->list().isEmpty()); // nothing saved until the user chooses
    QCOMPARE(saved.count(), 0);

    QPushButton* keepInMemory = nullptr;
    for (QPushButton* button : bar->findChildren<QPushButton*>()) {
        if (button->text().contains(QStringLiteral("memory")))
            keepInMemory = button;
    }
    QVERIFY(keepInMemory);
    keepInMemory->click();
    QTRY_COMPARE(saved.count(), 1);
    const std::optional<Connection> connection = m_store->findByName(QStringLiteral("Laptop"));
    QVERIFY(connection);
    QCOMPARE(readSecret(*m_memory, connection->secretKey()), QStringLiteral("dapi-mem"));
    QVERIFY2(bar->text().contains(QStringLiteral("in memory")), qPrintable(bar->text()));
}

void TestConnectionDialog::deleteRemovesToken()
{
    QSignalSpy saved(m_dialog.get(), &ConnectionDialog::connectionSaved);
    fillNew(QStringLiteral("Old"), QStringLiteral("dbc-7.cloud.databricks.com"), QStringLiteral("dapi-gone"));
    save();
    QTRY_COMPARE(saved.count(), 1);
    const Connection connection = *m_store->findByName(QStringLiteral("Old"));
    QCOMPARE(readSecret(*m_keychain, connection.secretKey()), QStringLiteral("dapi-gone"));

    answerNextMessageBox(QMessageBox::Yes);
    child<QPushButton>("deleteButton")->click();
    QVERIFY(m_store->list().isEmpty());
    QTRY_COMPARE(readSecret(*m_keychain, connection.secretKey()), QString());
    QTRY_VERIFY(child<MessageBar>("messageBar")->text().contains(QStringLiteral("Deleted")));
}

void TestConnectionDialog::testConnectionNamesTokenOwner()
{
    test::EmulatorHost host;
    QVERIFY2(host.isRunning(), qPrintable(host.errorString()));
    fillNew(QStringLiteral("Emulator"), host.baseUrl().toString(), host.token());
    child<QPushButton>("testButton")->click();
    auto* result = child<QLabel>("testResultLabel");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("Token belongs to")), 15000);
    QVERIFY2(result->text().contains(host.dataset().me()), qPrintable(result->text()));

    child<QLineEdit>("tokenEdit")->setText(QStringLiteral("dapi-wrong"));
    child<QPushButton>("testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!result->text().contains(QStringLiteral("Testing")), 15000);
    QVERIFY2(!result->text().contains(QStringLiteral("Token belongs to")), qPrintable(result->text()));
    QVERIFY(!result->text().contains(QStringLiteral("dapi-wrong")));
}

void TestConnectionDialog::testSaysWhetherTheTokenReadsEverything_data()
{
    QTest::addColumn<QString>("forbidden"); // a collection the token may not list (403); empty: none
    QTest::addColumn<QString>("expected");
    QTest::newRow("reads everything") << QString() << "everything Scimitar needs";
    QTest::newRow("no service principals") << "/ServicePrincipals"
                                           << "service principals: ";
    QTest::newRow("no groups") << "/Groups"
                               << "groups: ";
}

void TestConnectionDialog::testSaysWhetherTheTokenReadsEverything()
{
    QFETCH(QString, forbidden);
    QFETCH(QString, expected);
    emulator::EmulatorOptions options;
    options.failPath = forbidden;
    options.failStatus = 403;
    test::EmulatorHost host(options);
    QVERIFY2(host.isRunning(), qPrintable(host.errorString()));
    fillNew(QStringLiteral("Emulator"), host.baseUrl().toString(), host.token());
    child<QPushButton>("testButton")->click();
    auto* result = child<QLabel>("testResultLabel");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("Token belongs to")), 15000);
    QVERIFY2(result->text().contains(expected), qPrintable(result->text()));
    QCOMPARE(result->text().contains(QStringLiteral("cannot read everything")), !forbidden.isEmpty());
    QVERIFY(!result->text().contains(host.token()));
}

void TestConnectionDialog::newConnectionsAreReadOnlyAndTheTokenCanBeShown()
{
    child<QPushButton>("addButton")->click();
    QVERIFY(child<QCheckBox>("readOnlyCheck")->isChecked());
    auto* token = child<QLineEdit>("tokenEdit");
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QAction* reveal = token->findChild<QAction*>(QStringLiteral("revealSecret"));
    QVERIFY(reveal);
    token->setFocus();
    reveal->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    reveal->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    // Shown, then the focus moves on: hidden again, never left on screen.
    reveal->trigger();
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    QFocusEvent focusOut(QEvent::FocusOut, Qt::TabFocusReason);
    QCoreApplication::sendEvent(token, &focusOut);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connection_dialog.moc"
