// IdpConnection and IdpConnectionStore: what is written to QSettings and read back, validation, unique names and
// secrets, and that no secret can reach the settings file. Every test uses an INI file in a temporary folder.

#include "connections/ConnectionStore.h"
#include "connections/IdpBinding.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace scimitar;

Q_DECLARE_METATYPE(scimitar::IdpSettings)

namespace {

IdpSettings okta(const QString& url)
{
    IdpSettings settings;
    settings.type = IdpType::Okta;
    settings.url = QUrl(url);
    return settings;
}

IdpSettings entra(const QString& tenant, const QString& clientId, const QString& authority = {},
                  const QString& graph = {})
{
    IdpSettings settings;
    settings.type = IdpType::Entra;
    settings.tenant = tenant;
    settings.clientId = clientId;
    settings.authority = authority.isEmpty() ? QUrl() : QUrl(authority);
    settings.graph = graph.isEmpty() ? QUrl() : QUrl(graph);
    return settings;
}

} // namespace

class TestIdpConnections : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void roundTrip_data();
    void roundTrip();
    void defaultNames_data();
    void defaultNames();
    void secretKeys_data();
    void secretKeys();
    void validation_data();
    void validation();
    void namesAreUniqueAndCaseInsensitive();
    void oneConnectionPerSecret();
    void updateAndRemove();
    void sharesTheFileWithDatabricksConnections();
    void skipsUnknownTypes();
    void entraClouds_data();
    void entraClouds();
    void oktaDomains_data();
    void oktaDomains();
    void storedSecretKeepsToItsHosts_data();
    void storedSecretKeepsToItsHosts();

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("Scimitar.conf")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestIdpConnections::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestIdpConnections::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<IdpSettings>("settings");
    QTest::newRow("okta") << "Okta prod" << okta(QStringLiteral("https://acme.okta.com"));
    QTest::newRow("okta on a port, loopback http") << "emulator" << okta(QStringLiteral("http://127.0.0.1:8443"));
    QTest::newRow("okta, non-ASCII name") << "Ökta – Zürich" << okta(QStringLiteral("https://zurich.okta.com"));
    QTest::newRow("entra, global cloud") << "Contoso"
                                         << entra(QStringLiteral("contoso.onmicrosoft.com"),
                                                  QStringLiteral("11111111-2222-3333-4444-5555"));
    QTest::newRow("entra, national cloud")
        << "Contoso US Gov"
        << entra(QStringLiteral("0a1b2c3d-0000-1111-2222-333344445555"), QStringLiteral("app"),
                 QStringLiteral("https://login.microsoftonline.us"), QStringLiteral("https://graph.microsoft.us"));
    QTest::newRow("name with slash and equals") << "a/b=c;d" << okta(QStringLiteral("https://slash.okta.com"));
}

void TestIdpConnections::roundTrip()
{
    QFETCH(QString, name);
    QFETCH(IdpSettings, settings);
    const IdpConnection connection = IdpConnection::create(name, settings);
    {
        IdpConnectionStore store(iniPath());
        QSignalSpy changed(&store, &IdpConnectionStore::changed);
        QCOMPARE(store.save(connection), QString());
        QCOMPARE(changed.size(), 1);
    }
    // A fresh store on the same file (a new run of the app, or the CLI) reads the same connection back.
    IdpConnectionStore store(iniPath());
    const QList<IdpConnection> list = store.list();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first(), connection);
    QCOMPARE(store.find(connection.id), connection);
    QCOMPARE(store.findByName(name.toUpper()), connection);
    QCOMPARE(store.findFor(settings), connection);
    QCOMPARE(store.names(), QStringList{name});
}

void TestIdpConnections::defaultNames_data()
{
    QTest::addColumn<IdpSettings>("settings");
    QTest::addColumn<QString>("name");
    QTest::newRow("okta host") << okta(QStringLiteral("https://Acme.okta.com/")) << "acme.okta.com";
    QTest::newRow("entra tenant") << entra(QStringLiteral("contoso.onmicrosoft.com"), QStringLiteral("app"))
                                  << "contoso.onmicrosoft.com";
    QTest::newRow("file") << IdpSettings() << QString();
}

void TestIdpConnections::defaultNames()
{
    QFETCH(IdpSettings, settings);
    QFETCH(QString, name);
    QCOMPARE(IdpConnection::defaultName(settings), name);
}

void TestIdpConnections::secretKeys_data()
{
    QTest::addColumn<IdpSettings>("settings");
    QTest::addColumn<QString>("key");
    // The keys the GUI has always used: secrets stored before named connections existed keep working.
    QTest::newRow("okta") << okta(QStringLiteral("https://Acme.okta.com")) << "idp/okta/acme.okta.com";
    QTest::newRow("entra") << entra(QStringLiteral("Contoso.onmicrosoft.com"), QStringLiteral("APP-1"))
                           << "idp/entra/contoso.onmicrosoft.com/app-1";
}

void TestIdpConnections::secretKeys()
{
    QFETCH(IdpSettings, settings);
    QFETCH(QString, key);
    QCOMPARE(IdpConnection::create(QStringLiteral("x"), settings).secretKey(), key);
}

void TestIdpConnections::validation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<IdpSettings>("settings");
    QTest::addColumn<QString>("error"); // empty: valid
    QTest::newRow("okta") << "a" << okta(QStringLiteral("https://acme.okta.com")) << QString();
    QTest::newRow("no name") << "  " << okta(QStringLiteral("https://acme.okta.com")) << "name is empty";
    QTest::newRow("okta without URL") << "a" << okta(QString()) << "Okta org URL is missing";
    QTest::newRow("okta over plain http")
        << "a" << okta(QStringLiteral("http://acme.okta.invalid")) << "Okta org URL is not usable";
    QTest::newRow("okta URL with a password")
        << "a" << okta(QStringLiteral("https://me:pw@acme.okta.com")) << "must not contain a user name or password";
    QTest::newRow("entra without tenant") << "a" << entra(QString(), QStringLiteral("app")) << "tenant is missing";
    QTest::newRow("entra without client id") << "a" << entra(QStringLiteral("t"), QString()) << "client id is missing";
    QTest::newRow("entra authority over http")
        << "a" << entra(QStringLiteral("t"), QStringLiteral("app"), QStringLiteral("http://login.example.invalid"))
        << "login authority is not usable";
    QTest::newRow("file") << "a" << IdpSettings() << "file IdP needs no saved connection";
}

void TestIdpConnections::validation()
{
    QFETCH(QString, name);
    QFETCH(IdpSettings, settings);
    QFETCH(QString, error);
    const IdpConnection connection = IdpConnection::create(name, settings);
    IdpConnectionStore store(iniPath());
    const QString refused = store.save(connection);
    if (error.isEmpty()) {
        QCOMPARE(refused, QString());
        return;
    }
    QVERIFY2(refused.contains(error), qPrintable(refused));
    QVERIFY(store.list().isEmpty());
}

void TestIdpConnections::namesAreUniqueAndCaseInsensitive()
{
    IdpConnectionStore store(iniPath());
    QCOMPARE(store.save(IdpConnection::create(QStringLiteral("Prod"), okta(QStringLiteral("https://a.okta.com")))),
             QString());
    const QString refused =
        store.save(IdpConnection::create(QStringLiteral(" prod "), okta(QStringLiteral("https://b.okta.com"))));
    QVERIFY2(refused.contains(QStringLiteral("already exists")), qPrintable(refused));
    QCOMPARE(store.list().size(), 1);
}

void TestIdpConnections::oneConnectionPerSecret()
{
    // Secrets are keyed by where the IdP is: a second connection to the same org would share (and overwrite) the
    // first one's token.
    IdpConnectionStore store(iniPath());
    QCOMPARE(store.save(IdpConnection::create(QStringLiteral("A"), okta(QStringLiteral("https://acme.okta.com")))),
             QString());
    const QString refused =
        store.save(IdpConnection::create(QStringLiteral("B"), okta(QStringLiteral("https://ACME.okta.com/"))));
    QVERIFY2(refused.contains(QStringLiteral("'A' already connects to")), qPrintable(refused));
    QCOMPARE(store.save(IdpConnection::create(QStringLiteral("C"), entra(QStringLiteral("t"), QStringLiteral("x")))),
             QString());
    QVERIFY(!store.save(IdpConnection::create(QStringLiteral("D"), entra(QStringLiteral("T"), QStringLiteral("X"))))
                 .isEmpty());
    QCOMPARE(store.save(IdpConnection::create(QStringLiteral("E"), entra(QStringLiteral("t"), QStringLiteral("y")))),
             QString());
}

void TestIdpConnections::updateAndRemove()
{
    IdpConnectionStore store(iniPath());
    IdpConnection connection = IdpConnection::create(QStringLiteral("A"), okta(QStringLiteral("https://a.okta.com")));
    QCOMPARE(store.save(connection), QString());
    // A type change leaves nothing of the old type behind.
    connection.name = QStringLiteral("B");
    connection.settings = entra(QStringLiteral("t"), QStringLiteral("c"));
    QCOMPARE(store.save(connection), QString());
    QCOMPARE(store.list(), QList<IdpConnection>{connection});
    QSettings raw(iniPath(), QSettings::IniFormat);
    QVERIFY(!raw.contains(QStringLiteral("idpConnections/%1/url").arg(connection.id)));

    QSignalSpy changed(&store, &IdpConnectionStore::changed);
    QVERIFY(store.remove(connection.id));
    QVERIFY(!store.remove(connection.id));
    QCOMPARE(changed.size(), 1);
    QVERIFY(store.list().isEmpty());
}

void TestIdpConnections::sharesTheFileWithDatabricksConnections()
{
    // One settings file, one group each: neither store sees (or damages) the other's entries.
    QSettings settings(iniPath(), QSettings::IniFormat);
    ConnectionStore connections(settings);
    IdpConnectionStore idpConnections(settings);
    Connection workspace = Connection::create(QStringLiteral("Prod"));
    workspace.setHost(QStringLiteral("https://dbc-1.cloud.databricks.com"));
    QCOMPARE(connections.save(workspace), QString());
    QCOMPARE(
        idpConnections.save(IdpConnection::create(QStringLiteral("Prod"), okta(QStringLiteral("https://a.okta.com")))),
        QString());
    QCOMPARE(connections.list().size(), 1);
    QCOMPARE(idpConnections.list().size(), 1);
    QCOMPARE(idpConnections.fileName(), connections.fileName());
    QVERIFY(settings.childGroups().contains(QStringLiteral("idpConnections")));
    QVERIFY(settings.childGroups().contains(QStringLiteral("connections")));
}

void TestIdpConnections::skipsUnknownTypes()
{
    {
        QSettings raw(iniPath(), QSettings::IniFormat);
        raw.setValue(QStringLiteral("idpConnections/0a1b2c3d-0000-1111-2222-333344445555/name"), QStringLiteral("x"));
        raw.setValue(QStringLiteral("idpConnections/0a1b2c3d-0000-1111-2222-333344445555/type"),
                     QStringLiteral("ping"));
        raw.setValue(QStringLiteral("idpConnections/not-a-uuid/name"), QStringLiteral("y"));
        raw.setValue(QStringLiteral("idpConnections/not-a-uuid/type"), QStringLiteral("okta"));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Skipping IdP connection")));
    IdpConnectionStore store(iniPath());
    QVERIFY(store.list().isEmpty());
}

void TestIdpConnections::entraClouds_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("graph");
    QTest::addColumn<bool>("known");
    QTest::newRow("global") << "https://login.microsoftonline.com"
                            << "https://graph.microsoft.com" << true;
    QTest::newRow("global, paths and case") << "https://LOGIN.microsoftonline.com/"
                                            << "https://graph.microsoft.com/v1.0" << true;
    QTest::newRow("us gov l4") << "https://login.microsoftonline.us"
                               << "https://graph.microsoft.us" << true;
    QTest::newRow("us gov l5") << "https://login.microsoftonline.us"
                               << "https://dod-graph.microsoft.us" << true;
    QTest::newRow("china") << "https://login.chinacloudapi.cn"
                           << "https://microsoftgraph.chinacloudapi.cn" << true;
    QTest::newRow("mixed clouds") << "https://login.microsoftonline.com"
                                  << "https://graph.microsoft.us" << false;
    QTest::newRow("http") << "http://login.microsoftonline.com"
                          << "https://graph.microsoft.com" << false;
    QTest::newRow("another port") << "https://login.microsoftonline.com:8443"
                                  << "https://graph.microsoft.com" << false;
    QTest::newRow("look-alike") << "https://login.microsoftonline.com.evil.example"
                                << "https://graph.microsoft.com" << false;
}

void TestIdpConnections::entraClouds()
{
    QFETCH(QString, authority);
    QFETCH(QString, graph);
    QFETCH(bool, known);
    QCOMPARE(IdpBinding::isKnownEntraCloud(QUrl(authority), QUrl(graph)), known);
}

void TestIdpConnections::oktaDomains_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("okta");
    QTest::newRow("okta.com") << "https://acme.okta.com" << true;
    QTest::newRow("preview") << "https://acme.oktapreview.com" << true;
    QTest::newRow("emea") << "https://acme.okta-emea.com" << true;
    QTest::newRow("explicit 443") << "https://acme.okta.com:443" << true;
    QTest::newRow("another port") << "https://acme.okta.com:8443" << false;
    QTest::newRow("http") << "http://acme.okta.com" << false;
    QTest::newRow("look-alike") << "https://acme.okta.com.evil.example" << false;
    QTest::newRow("suffix without a dot") << "https://evilokta.com" << false;
    QTest::newRow("custom domain") << "https://login.acme.example" << false;
}

void TestIdpConnections::oktaDomains()
{
    QFETCH(QString, url);
    QFETCH(bool, okta);
    QCOMPARE(IdpBinding::isOktaDomain(QUrl(url)), okta);
}

void TestIdpConnections::storedSecretKeepsToItsHosts_data()
{
    QTest::addColumn<QString>("stored"); // %SAVED%: encoded for `saved`; anything else as is
    QTest::addColumn<QString>("savedFor");
    QTest::addColumn<QString>("usedFor");
    QTest::addColumn<bool>("released");
    QTest::newRow("okta, same org") << "%SAVED%"
                                    << "https://acme.okta.com"
                                    << "https://ACME.okta.com/" << true;
    QTest::newRow("okta, another port") << "%SAVED%"
                                        << "https://acme.okta.com"
                                        << "https://acme.okta.com:8443" << false;
    QTest::newRow("okta, http") << "%SAVED%"
                                << "https://acme.okta.com"
                                << "http://acme.okta.com" << false;
    QTest::newRow("okta, loopback as saved") << "%SAVED%"
                                             << "http://127.0.0.1:4000"
                                             << "http://127.0.0.1:4000" << true;
    QTest::newRow("bare secret, https org") << "bare-token"
                                            << ""
                                            << "https://acme.okta.com" << true;
    QTest::newRow("bare secret, another port") << "bare-token"
                                               << ""
                                               << "https://acme.okta.com:8443" << false;
    QTest::newRow("bare secret, loopback") << "bare-token"
                                           << ""
                                           << "http://127.0.0.1:4000" << false;
    QTest::newRow("unknown record") << R"({"scimitarIdpSecret": 7, "secret": "x"})"
                                    << ""
                                    << "https://acme.okta.com" << false;
}

void TestIdpConnections::storedSecretKeepsToItsHosts()
{
    QFETCH(QString, stored);
    QFETCH(QString, savedFor);
    QFETCH(QString, usedFor);
    QFETCH(bool, released);
    IdpSettings saved;
    saved.type = IdpType::Okta;
    saved.url = QUrl(savedFor);
    IdpSettings used = saved;
    used.url = QUrl(usedFor);
    const QString secret = QStringLiteral("bare-token");
    if (stored == QLatin1String("%SAVED%"))
        stored = IdpStoredSecret::encode(secret, saved);
    QString error;
    const std::optional<QString> plain = IdpStoredSecret::decode(stored, used, &error);
    QCOMPARE(plain.has_value(), released);
    if (released) {
        QCOMPARE(*plain, secret);
    } else {
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(secret), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestIdpConnections)
#include "tst_idp_connections.moc"
