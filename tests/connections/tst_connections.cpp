// Connections without any keychain: parsing ~/.databrickscfg like the Databricks SDKs, profile
// resolution, Connection validation and SCIM URLs, the URL policy, the QSettings-backed store
// (which must never contain a token), environment variables and the importer's ordering.

#include "connections/Connection.h"
#include "connections/ConnectionImporter.h"
#include "connections/ConnectionStore.h"
#include "connections/DatabricksConfigFile.h"
#include "connections/EnvironmentCredentials.h"
#include "net/UrlPolicy.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SyncSecretReader.h"

#include <QSettings>
#include <QtTest>

using namespace scimitar;
using Kind = Connection::Kind;

Q_DECLARE_METATYPE(scimitar::Connection::Kind)

namespace {

const QString workspaceHost = QStringLiteral("https://dbc-1234.cloud.databricks.com");
const QString accountsHost = QStringLiteral("https://accounts.cloud.databricks.com");
const QString accountId = QStringLiteral("0a1b2c3d-0000-4111-8222-333344445555");

QProcessEnvironment envWith(std::initializer_list<std::pair<const char*, QString>> values)
{
    QProcessEnvironment env; // empty: tests never depend on the developer's own variables
    for (const auto& [name, value] : values)
        env.insert(QLatin1String(name), value);
    return env;
}

Connection validWorkspace()
{
    Connection connection = Connection::create(QStringLiteral("Prod"));
    connection.setHost(workspaceHost);
    return connection;
}

Connection validAccount()
{
    Connection connection = Connection::create(QStringLiteral("Account"));
    connection.kind = Kind::Account;
    connection.authType = Connection::AuthType::AccountScimToken;
    connection.setHost(accountsHost);
    connection.accountId = accountId;
    return connection;
}

ConnectionImporter::Result importAndWait(ConnectionImporter& importer, const Connection& connection,
                                         const QString& token)
{
    std::optional<ConnectionImporter::Result> result;
    importer.import(connection, token, [&result](const ConnectionImporter::Result& r) { result = r; });
    if (result) // the importer must answer from the event loop
        return {};
    for (int i = 0; i < 500 && !result; ++i)
        QTest::qWait(10);
    return result.value_or(ConnectionImporter::Result{});
}

// A secret store that refuses every write, as a missing keychain does.
class RefusingStore : public SecretStore
{
public:
    int writes = 0;
    bool isPersistent() const override { return true; }
    QString description() const override { return QStringLiteral("refusing"); }

protected:
    void doRead(const QString&, Callback done) override
    {
        answer(std::move(done), SecretResult::failure(SecretResult::Status::NoBackend, QStringLiteral("No keychain.")));
    }
    void doWrite(const QString&, const QString&, Callback done) override
    {
        ++writes;
        answer(std::move(done), SecretResult::failure(SecretResult::Status::NoBackend, QStringLiteral("No keychain.")));
    }
    void doRemove(const QString&, Callback done) override { answer(std::move(done), SecretResult::success()); }
};

} // namespace

class TestConnections : public QObject
{
    Q_OBJECT

private slots:
    void configFile_data();
    void configFile();
    void configFileKeepsUnknownKeys();
    void configFileListsProfiles();
    void configFileFromDisk();
    void configFileMissing();
    void configFileDefaultPath();
    void configFileRealEnvironment();
    void validate_data();
    void validate();
    void scimBaseUrl_data();
    void scimBaseUrl();
    void urlPolicy_data();
    void urlPolicy();
    void enumNames();
    void storeRoundTrip();
    void storeReadOnlyDefaultsToFalse();
    void storeRefusesInvalidAndDuplicates();
    void storeFileHasNoSecret();
    void environment_data();
    void environment();
    void importerRefusesBeforeWritingSecret();
    void importerSurfacesSecretStoreFailure();
    void importerRollsBackWhenSaveFails();
    void importerImportedConnection();
};

// ---- ~/.databrickscfg --------------------------------------------------------------------------

void TestConnections::configFile_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("explicitProfile");
    QTest::addColumn<QString>("envProfile");
    QTest::addColumn<QString>("error"); // substring of the expected error; empty = success
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("host");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("token");

    const QString none;
    const QString basic = QStringLiteral("[DEFAULT]\nhost = %1\ntoken = dapi123\n").arg(workspaceHost);

    QTest::newRow("DEFAULT profile") << basic << none << none << none << "DEFAULT" << workspaceHost << Kind::Workspace
                                     << "dapi123";
    QTest::newRow("double quotes keep # and spaces")
        << QStringLiteral("[DEFAULT]\nhost = \"%1\"\ntoken = \"dapi 1 #2\" # note\n").arg(workspaceHost) << none << none
        << none << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi 1 #2";
    QTest::newRow("single quotes") << QStringLiteral("[DEFAULT]\nhost = '%1'\ntoken = 'dapi;x'\n").arg(workspaceHost)
                                   << none << none << none << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi;x";
    QTest::newRow("inline # after space is a comment")
        << QStringLiteral("[DEFAULT]\nhost = %1 # prod\ntoken = dapi123 # my token\n").arg(workspaceHost) << none
        << none << none << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi123";
    QTest::newRow("inline ; after tab is a comment")
        << QStringLiteral("[DEFAULT]\nhost = %1\ntoken = dapi123\t; note\n").arg(workspaceHost) << none << none << none
        << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi123";
    QTest::newRow("# and ; without preceding space are data")
        << QStringLiteral("[DEFAULT]\nhost = %1\ntoken = dapi#12;3\n").arg(workspaceHost) << none << none << none
        << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi#12;3";
    QTest::newRow("comment lines and blank lines")
        << QStringLiteral("# top\n; also\n\n[DEFAULT]\n  # indented\nhost = %1\n\ntoken = dapi123\n").arg(workspaceHost)
        << none << none << none << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi123";
    QTest::newRow("whitespace around =")
        << QStringLiteral("[DEFAULT]\nhost=%1\n   token   =    dapi123   \n").arg(workspaceHost) << none << none << none
        << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi123";
    QTest::newRow("upper-case keys") << QStringLiteral("[DEFAULT]\nHOST = %1\nToken = dapi123\n").arg(workspaceHost)
                                     << none << none << none << "DEFAULT" << workspaceHost << Kind::Workspace
                                     << "dapi123";
    QTest::newRow("keys before any section belong to DEFAULT")
        << QStringLiteral("host = %1\ntoken = dapi123\n").arg(workspaceHost) << none << none << none << "DEFAULT"
        << workspaceHost << Kind::Workspace << "dapi123";
    QTest::newRow("CRLF line endings")
        << QStringLiteral("[DEFAULT]\r\nhost = %1\r\ntoken = dapi123\r\n").arg(workspaceHost) << none << none << none
        << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi123";
    QTest::newRow("byte order mark") << QChar(0xFEFF) + basic << none << none << none << "DEFAULT" << workspaceHost
                                     << Kind::Workspace << "dapi123";
    QTest::newRow("host without scheme, trailing slash")
        << QStringLiteral("[DEFAULT]\nhost = dbc-1234.cloud.databricks.com/\ntoken = dapi123\n") << none << none << none
        << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi123";

    const QString profiles = QStringLiteral("[__settings__]\ndefault_profile = dev\n"
                                            "[DEFAULT]\nhost = https://default.cloud.databricks.com\ntoken = d0\n"
                                            "[dev]\nhost = https://dev.cloud.databricks.com\ntoken = d1\n"
                                            "[prod]\nhost = https://prod.cloud.databricks.com\ntoken = d2\n");
    QTest::newRow("__settings__ default_profile") << profiles << none << none << none << "dev"
                                                  << "https://dev.cloud.databricks.com" << Kind::Workspace << "d1";
    QTest::newRow("DATABRICKS_CONFIG_PROFILE beats __settings__")
        << profiles << none << "prod" << none << "prod"
        << "https://prod.cloud.databricks.com" << Kind::Workspace << "d2";
    QTest::newRow("explicit name beats DATABRICKS_CONFIG_PROFILE")
        << profiles << "DEFAULT"
        << "prod" << none << "DEFAULT"
        << "https://default.cloud.databricks.com" << Kind::Workspace << "d0";
    QTest::newRow("duplicate section merges, later key wins")
        << QStringLiteral("[p]\nhost = https://a.cloud.databricks.com\ntoken = old\n[q]\ntoken = q\n[p]\ntoken = new\n")
        << "p" << none << none << "p"
        << "https://a.cloud.databricks.com" << Kind::Workspace << "new";

    QTest::newRow("missing profile names the alternatives")
        << profiles << "nope" << none << "Profile 'nope' (as requested) is not in (text); it has: DEFAULT, dev, prod."
        << none << none << Kind::Workspace << none;
    QTest::newRow("missing env profile says where the name came from")
        << basic << none << "ghost"
        << "from DATABRICKS_CONFIG_PROFILE" << none << none << Kind::Workspace << none;
    QTest::newRow("malformed line names source and line")
        << QStringLiteral("[DEFAULT]\nhost = %1\ndapiWRAPPEDTOKENPART\n").arg(workspaceHost) << none << none
        << "(text), line 3: expected 'key = value'" << none << none << Kind::Workspace << none;
    QTest::newRow("unterminated section")
        << QStringLiteral("[DEFAULT\nhost = x\n") << none << none
        << "(text), line 1: the section header has no closing ']'." << none << none << Kind::Workspace << none;
    QTest::newRow("text after closing quote")
        << QStringLiteral("[DEFAULT]\nhost = %1\ntoken = \"dapi\"x\n").arg(workspaceHost) << none << none
        << "line 3: unexpected text after the closing quote of 'token'." << none << none << Kind::Workspace << none;

    QTest::newRow("account: accounts host + account_id")
        << QStringLiteral("[acct]\nhost = %1\naccount_id = %2\ntoken = scim-token\n").arg(accountsHost, accountId)
        << "acct" << none << none << "acct" << accountsHost << Kind::Account << "scim-token";
    QTest::newRow("account_id with a workspace host stays workspace")
        << QStringLiteral("[ws]\nhost = %1\naccount_id = %2\ntoken = dapi1\n").arg(workspaceHost, accountId) << "ws"
        << none << none << "ws" << workspaceHost << Kind::Workspace << "dapi1";
    QTest::newRow("account_id without host is an account missing its host")
        << QStringLiteral("[acct]\naccount_id = %1\ntoken = t\n").arg(accountId) << "acct" << none
        << "Profile 'acct' in (text): The host is missing; enter the account console URL" << none << none
        << Kind::Account << none;
    QTest::newRow("account id not a uuid")
        << QStringLiteral("[acct]\nhost = %1\naccount_id = 12345\ntoken = t\n").arg(accountsHost) << "acct" << none
        << "The account id '12345' is not a UUID" << none << none << Kind::Account << none;
    QTest::newRow("OAuth profile is not supported yet")
        << QStringLiteral("[acct]\nhost = %1\naccount_id = %2\nclient_id = c\nclient_secret = s\n")
               .arg(accountsHost, accountId)
        << "acct" << none << "uses OAuth (client_id and client_secret)" << none << none << Kind::Account << none;
    QTest::newRow("auth_type other than pat")
        << QStringLiteral("[DEFAULT]\nhost = %1\nauth_type = databricks-cli\n").arg(workspaceHost) << none << none
        << "uses auth_type 'databricks-cli'" << none << none << Kind::Workspace << none;
    QTest::newRow("auth_type pat is fine")
        << QStringLiteral("[DEFAULT]\nhost = %1\nauth_type = pat\ntoken = dapi9\n").arg(workspaceHost) << none << none
        << none << "DEFAULT" << workspaceHost << Kind::Workspace << "dapi9";
    QTest::newRow("no token") << QStringLiteral("[DEFAULT]\nhost = %1\n").arg(workspaceHost) << none << none
                              << "Profile 'DEFAULT' in (text) has no token." << none << none << Kind::Workspace << none;
    QTest::newRow("plain http to a remote host is refused")
        << QStringLiteral("[DEFAULT]\nhost = http://dbc-1234.cloud.databricks.com\ntoken = dapi1\n") << none << none
        << "Refusing plain http to dbc-1234.cloud.databricks.com" << none << none << Kind::Workspace << none;
    QTest::newRow("http to loopback is allowed (emulator)")
        << QStringLiteral("[emu]\nhost = http://127.0.0.1:8765\ntoken = dapi-emu\n") << "emu" << none << none << "emu"
        << "http://127.0.0.1:8765" << Kind::Workspace << "dapi-emu";
}

void TestConnections::configFile()
{
    QFETCH(QString, text);
    QFETCH(QString, explicitProfile);
    QFETCH(QString, envProfile);
    QFETCH(QString, error);
    QFETCH(QString, name);
    QFETCH(QString, host);
    QFETCH(Kind, kind);
    QFETCH(QString, token);

    QProcessEnvironment env;
    if (!envProfile.isEmpty())
        env.insert(QStringLiteral("DATABRICKS_CONFIG_PROFILE"), envProfile);

    const DatabricksConfigFile file = DatabricksConfigFile::parse(text);
    const ImportedConnection imported = file.toConnection(explicitProfile, env);
    if (error.isEmpty()) {
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(imported.connection.name, name);
        QCOMPARE(imported.connection.host.toString(), host);
        QCOMPARE(imported.connection.kind, kind);
        QCOMPARE(imported.token, token);
        QCOMPARE(imported.connection.validate(), QString());
        QCOMPARE(imported.connection.authType, kind == Kind::Account ? Connection::AuthType::AccountScimToken
                                                                     : Connection::AuthType::PersonalAccessToken);
    } else {
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error.contains(error), qPrintable(imported.error));
        QVERIFY(imported.token.isEmpty());
        // Errors name a place but never quote file content that might be a token.
        QVERIFY2(!imported.error.contains(QStringLiteral("WRAPPED")), qPrintable(imported.error));
        if (!name.isEmpty() || error.contains(QStringLiteral("host is missing")))
            QCOMPARE(imported.connection.kind, kind);
    }
}

void TestConnections::configFileKeepsUnknownKeys()
{
    const auto file = DatabricksConfigFile::parse(
        QStringLiteral("[dev]\nhost = %1\ncluster_id = 0123-abc\nazure_tenant_id = t\n").arg(workspaceHost));
    QVERIFY(file.isOk());
    QCOMPARE(file.value(QStringLiteral("dev"), QStringLiteral("cluster_id")), QStringLiteral("0123-abc"));
    QCOMPARE(file.value(QStringLiteral("dev"), QStringLiteral("AZURE_TENANT_ID")), QStringLiteral("t"));
    QCOMPARE(file.profile(QStringLiteral("dev")).size(), 3);
}

void TestConnections::configFileListsProfiles()
{
    const auto file = DatabricksConfigFile::parse(
        QStringLiteral("[__settings__]\ndefault_profile = b\n[a]\nhost = x\n[b]\n[DEFAULT]\n"));
    QVERIFY(file.isOk());
    // __settings__ is not a profile; an empty DEFAULT is not listed; an empty [b] still exists.
    QCOMPARE(file.profileNames(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(file.defaultProfileSetting(), QStringLiteral("b"));
    QString origin;
    QCOMPARE(file.resolveProfileName({}, QProcessEnvironment(), &origin), QStringLiteral("b"));
    QCOMPARE(origin, QStringLiteral("from [__settings__] default_profile"));
    QCOMPARE(DatabricksConfigFile::parse(QString()).resolveProfileName({}, QProcessEnvironment()),
             QStringLiteral("DEFAULT"));

    const auto broken = DatabricksConfigFile::parse(QStringLiteral("[a]\nnoequals\n[]\n= v\n"), QStringLiteral("cfg"));
    QCOMPARE(broken.errors().size(), 3);
    QVERIFY(broken.errors().at(0).startsWith(QStringLiteral("cfg, line 2:")));
    QVERIFY(broken.errors().at(1).startsWith(QStringLiteral("cfg, line 3: the section name is empty")));
    QVERIFY(broken.errors().at(2).startsWith(QStringLiteral("cfg, line 4: there is no key")));
}

void TestConnections::configFileFromDisk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("custom.cfg"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QStringLiteral("[DEFAULT]\r\nhost = %1\r\ntoken = dapi-from-file\r\n").arg(workspaceHost).toUtf8());
    out.close();

    const auto env = envWith({{"DATABRICKS_CONFIG_FILE", path}});
    QCOMPARE(DatabricksConfigFile::defaultPath(env), path);
    const DatabricksConfigFile file = DatabricksConfigFile::load(env);
    QVERIFY2(file.isOk(), qPrintable(file.errorString()));
    QCOMPARE(file.source(), QDir::toNativeSeparators(path));
    const ImportedConnection imported = file.toConnection({}, env);
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QCOMPARE(imported.token, QStringLiteral("dapi-from-file"));
    QVERIFY(imported.origin.contains(path));
}

void TestConnections::configFileMissing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.cfg"));
    const auto file = DatabricksConfigFile::load(envWith({{"DATABRICKS_CONFIG_FILE", path}}));
    QVERIFY(!file.isOk());
    QCOMPARE(file.errorString(), QStringLiteral("Cannot read %1: the file does not exist. (DATABRICKS_CONFIG_FILE "
                                                "points there.)")
                                     .arg(QDir::toNativeSeparators(path)));
    const ImportedConnection imported = file.toConnection({}, QProcessEnvironment());
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error, file.errorString());

    // A path that cannot be read as a file at all.
    const auto directory = DatabricksConfigFile::loadFile(dir.path());
    QVERIFY(!directory.isOk());
    QVERIFY2(directory.errorString().startsWith(QStringLiteral("Cannot read ")), qPrintable(directory.errorString()));
}

void TestConnections::configFileDefaultPath()
{
    QCOMPARE(DatabricksConfigFile::defaultPath(QProcessEnvironment()), QDir::homePath() + "/.databrickscfg");
    QCOMPARE(DatabricksConfigFile::defaultPath(envWith({{"DATABRICKS_CONFIG_FILE", "~/other.cfg"}})),
             QDir::homePath() + "/other.cfg");
}

void TestConnections::configFileRealEnvironment()
{
    // The default arguments read the real process environment.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("env.cfg"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(
        QStringLiteral("[one]\nhost = %1\ntoken = t1\n[two]\nhost = %1\ntoken = t2\n").arg(workspaceHost).toUtf8());
    out.close();

    qputenv("DATABRICKS_CONFIG_FILE", path.toUtf8());
    qputenv("DATABRICKS_CONFIG_PROFILE", "two");
    const DatabricksConfigFile file = DatabricksConfigFile::load();
    const ImportedConnection imported = file.toConnection();
    qunsetenv("DATABRICKS_CONFIG_FILE");
    qunsetenv("DATABRICKS_CONFIG_PROFILE");
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QCOMPARE(imported.connection.name, QStringLiteral("two"));
    QCOMPARE(imported.token, QStringLiteral("t2"));
}

// ---- Connection --------------------------------------------------------------------------------

void TestConnections::validate_data()
{
    QTest::addColumn<Connection>("connection");
    QTest::addColumn<QString>("error"); // substring; empty = valid

    QTest::newRow("valid workspace") << validWorkspace() << QString();
    QTest::newRow("valid account") << validAccount() << QString();
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("http://127.0.0.1:8765"));
        QTest::newRow("loopback emulator") << c << QString();
    }
    {
        Connection c = validWorkspace();
        c.name = QStringLiteral("   ");
        QTest::newRow("blank name") << c << QStringLiteral("The connection name is empty");
    }
    {
        Connection c = validWorkspace();
        c.id = QStringLiteral("not-a-uuid");
        QTest::newRow("bad id") << c << QStringLiteral("The connection id 'not-a-uuid' is not a UUID");
    }
    {
        Connection c = validWorkspace();
        c.host = QUrl();
        QTest::newRow("missing host") << c << QStringLiteral("The host is missing; enter the workspace URL");
    }
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("http://dbc-1234.cloud.databricks.com"));
        QTest::newRow("http remote") << c << QStringLiteral("Refusing plain http to dbc-1234.cloud.databricks.com");
    }
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("ftp://dbc-1234.cloud.databricks.com"));
        QTest::newRow("ftp") << c << QStringLiteral("Unsupported URL scheme 'ftp'");
    }
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("https://dbc-1234.cloud.databricks.com/browse/folders"));
        QTest::newRow("browser URL with a path") << c << QStringLiteral("without the path '/browse/folders'");
    }
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("https://ana:pw@dbc-1234.cloud.databricks.com"));
        QTest::newRow("user info in URL") << c << QStringLiteral("must not contain a user name or password");
    }
    {
        Connection c = validAccount();
        c.accountId.clear();
        QTest::newRow("account without account id") << c << QStringLiteral("The account id is missing");
    }
    {
        Connection c = validAccount();
        c.accountId = QStringLiteral("0a1b2c3d/../../x");
        QTest::newRow("account id not uuid") << c << QStringLiteral("is not a UUID");
    }
    {
        Connection c = validWorkspace();
        c.authType = Connection::AuthType::AccountScimToken;
        QTest::newRow("SCIM token on a workspace") << c << QStringLiteral("works only for account connections");
    }
    {
        Connection c = validWorkspace();
        c.accountId = QStringLiteral("whatever");
        QTest::newRow("workspace ignores account id") << c << QString();
    }
}

void TestConnections::validate()
{
    QFETCH(Connection, connection);
    QFETCH(QString, error);
    const QString actual = connection.validate();
    if (error.isEmpty()) {
        QCOMPARE(actual, QString());
    } else {
        QVERIFY2(actual.contains(error), qPrintable(actual));
        QVERIFY(actual.endsWith(QLatin1Char('.')) || actual.endsWith(QLatin1Char(')')));
    }
}

void TestConnections::scimBaseUrl_data()
{
    QTest::addColumn<Connection>("connection");
    QTest::addColumn<QString>("expected");

    QTest::newRow("workspace") << validWorkspace() << workspaceHost + "/api/2.0/preview/scim/v2";
    QTest::newRow("account") << validAccount() << accountsHost + "/api/2.0/accounts/" + accountId + "/scim/v2";
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("dbc-1234.cloud.databricks.com///"));
        QTest::newRow("typed host normalized") << c << workspaceHost + "/api/2.0/preview/scim/v2";
    }
    {
        Connection c = validWorkspace();
        c.setHost(QStringLiteral("http://[::1]:8765"));
        QTest::newRow("loopback IPv6 with port") << c << QStringLiteral("http://[::1]:8765/api/2.0/preview/scim/v2");
    }
    {
        Connection c = validAccount();
        c.accountId = QStringLiteral("a/b?c#d");
        QTest::newRow("account id percent-encoded")
            << c << accountsHost + QStringLiteral("/api/2.0/accounts/a%2Fb%3Fc%23d/scim/v2");
    }
    QTest::newRow("no host, no URL") << Connection() << QString();
}

void TestConnections::scimBaseUrl()
{
    QFETCH(Connection, connection);
    QFETCH(QString, expected);
    QCOMPARE(connection.scimBaseUrl().toString(QUrl::FullyEncoded), expected);
}

void TestConnections::urlPolicy_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https remote") << "https://dbc-1234.cloud.databricks.com" << true;
    QTest::newRow("http remote") << "http://dbc-1234.cloud.databricks.com" << false;
    QTest::newRow("http private LAN address") << "http://10.0.0.5:8080" << false;
    QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:8765" << true;
    QTest::newRow("http [::1]") << "http://[::1]:8765" << true;
    QTest::newRow("http localhost") << "http://localhost:8765" << true;
    QTest::newRow("http localhost.evil.com") << "http://localhost.evil.com" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1" << false;
}

void TestConnections::urlPolicy()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const QString verdict = net::UrlPolicy::check(QUrl(url));
    QCOMPARE(verdict.isEmpty(), allowed);

    // Connection::validate applies the same policy.
    Connection connection = validWorkspace();
    connection.setHost(url);
    QCOMPARE(connection.validate().isEmpty(), allowed);
}

void TestConnections::enumNames()
{
    for (Kind kind : {Kind::Workspace, Kind::Account})
        QCOMPARE(Connection::kindFromName(Connection::kindName(kind)), kind);
    for (auto type : {Connection::AuthType::PersonalAccessToken, Connection::AuthType::AccountScimToken})
        QCOMPARE(Connection::authTypeFromName(Connection::authTypeName(type)), type);
    QVERIFY(!Connection::kindFromName(QStringLiteral("galaxy")));
    QVERIFY(!Connection::authTypeFromName(QStringLiteral("oauth-m2m")));
    const Connection connection = validWorkspace();
    QCOMPARE(connection.secretKey(), QStringLiteral("databricks/") + connection.id);
}

// ---- ConnectionStore ---------------------------------------------------------------------------

void TestConnections::storeRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString iniPath = dir.filePath(QStringLiteral("scimitar.ini"));

    Connection zeta = validWorkspace();
    zeta.name = QStringLiteral("zeta");
    zeta.readOnly = true;
    Connection alpha = validAccount();
    alpha.name = QStringLiteral("Alpha");
    Connection beta = validWorkspace();
    beta.name = QStringLiteral("beta");
    beta.setHost(QStringLiteral("http://[::1]:8765"));

    {
        ConnectionStore store(iniPath);
        QSignalSpy changed(&store, &ConnectionStore::changed);
        for (const Connection& c : {zeta, alpha, beta})
            QCOMPARE(store.save(c), QString());
        QCOMPARE(changed.count(), 3);
        store.setLastConnectionId(beta.id);
    }

    // A new store over the same file sees everything, field for field.
    ConnectionStore store(iniPath);
    const QList<Connection> listed = store.list();
    QCOMPARE(listed.size(), 3);
    QCOMPARE(listed.at(0), alpha); // sorted by name, case-insensitively
    QCOMPARE(listed.at(1), beta);
    QCOMPARE(listed.at(2), zeta);
    QCOMPARE(store.find(zeta.id), zeta);
    QVERIFY(!store.find(Connection::newId()));
    QCOMPARE(store.findByName(QStringLiteral("ALPHA")), alpha);
    QVERIFY(!store.findByName(QStringLiteral("gamma")));
    QCOMPARE(store.lastConnectionId(), beta.id);

    // Each connection's own policy; editing the connection keeps it, removing the connection forgets it.
    QVERIFY(store.policyPath(beta.id).isEmpty());
    store.setPolicyPath(beta.id, QStringLiteral("/repo/beta-policy.json"));
    store.setPolicyPath(zeta.id, QStringLiteral("/repo/zeta-policy.json"));
    store.setPolicyPath(Connection::newId(), QStringLiteral("/repo/nobody.json")); // no such connection: nothing
    QCOMPARE(ConnectionStore(iniPath).policyPath(beta.id), QStringLiteral("/repo/beta-policy.json"));

    // Update in place.
    zeta.name = QStringLiteral("Zeta prod");
    zeta.readOnly = false;
    QCOMPARE(store.save(zeta), QString());
    QCOMPARE(store.list().size(), 3);
    QCOMPARE(store.find(zeta.id), zeta);

    // Removing the last used connection forgets it as last used.
    QCOMPARE(store.policyPath(zeta.id), QStringLiteral("/repo/zeta-policy.json"));
    QVERIFY(store.remove(beta.id));
    QVERIFY(!store.remove(beta.id));
    QCOMPARE(store.lastConnectionId(), QString());
    QCOMPARE(store.list().size(), 2);
    QVERIFY(store.policyPath(beta.id).isEmpty());
    QCOMPARE(store.list().size(), 2); // a policy path alone is no connection

    // The caller's own QSettings works the same.
    QSettings settings(iniPath, QSettings::IniFormat);
    ConnectionStore shared(settings);
    QCOMPARE(shared.list().size(), 2);
    QCOMPARE(shared.fileName(), settings.fileName());
}

void TestConnections::storeReadOnlyDefaultsToFalse()
{
    // A connection saved before read-only existed has no readOnly key: it must read as writable (the default), and
    // a written true must come back true from a fresh store.
    QTemporaryDir dir;
    const QString iniPath = dir.filePath(QStringLiteral("s.ini"));
    Connection old = validWorkspace();
    {
        ConnectionStore store(iniPath);
        QCOMPARE(store.save(old), QString());
    }
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        settings.remove(QStringLiteral("connections/%1/readOnly").arg(old.id));
        settings.sync();
        QVERIFY(!settings.contains(QStringLiteral("connections/%1/readOnly").arg(old.id)));
    }
    QCOMPARE(ConnectionStore(iniPath).find(old.id)->readOnly, false);

    old.readOnly = true;
    QCOMPARE(ConnectionStore(iniPath).save(old), QString());
    QCOMPARE(ConnectionStore(iniPath).find(old.id)->readOnly, true);
    QCOMPARE(ConnectionStore(iniPath).findByName(old.name)->readOnly, true);
}

void TestConnections::storeRefusesInvalidAndDuplicates()
{
    QTemporaryDir dir;
    ConnectionStore store(dir.filePath(QStringLiteral("s.ini")));
    Connection first = validWorkspace();
    QCOMPARE(store.save(first), QString());

    Connection clash = validWorkspace();
    clash.name = first.name.toUpper();
    QVERIFY(store.save(clash).contains(QStringLiteral("already exists")));

    Connection invalid = validWorkspace();
    invalid.name = QStringLiteral("other");
    invalid.host = QUrl(QStringLiteral("http://example.com"));
    QVERIFY(store.save(invalid).contains(QStringLiteral("Refusing plain http")));
    QCOMPARE(store.list().size(), 1);
}

void TestConnections::storeFileHasNoSecret()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString iniPath = dir.filePath(QStringLiteral("scimitar.ini"));
    const QString token = QStringLiteral("dapiSECRET0123456789abcdef0123456789");

    MemorySecretStore secrets;
    {
        ConnectionStore connections(iniPath);
        ConnectionImporter importer(secrets, connections);
        Connection connection = validAccount();
        const auto result = importAndWait(importer, connection, QStringLiteral("  ") + token + QStringLiteral("\n"));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(SyncSecretReader::read(secrets, connection.secretKey()).secret, token); // trimmed
        QCOMPARE(connections.save(validWorkspace()), QString());
    }

    QFile file(iniPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("connections")); // the file really was written
    QVERIFY(bytes.contains(accountId.toUtf8()));
    QVERIFY(!bytes.contains(token.toUtf8()));
    QVERIFY(!bytes.contains(token.mid(4, 16).toUtf8()));
    const QByteArray lower = bytes.toLower();
    for (const char* word : {"dapi", "token=", "secret", "password", "bearer"})
        QVERIFY2(!lower.contains(word), word);
}

// ---- Environment -------------------------------------------------------------------------------

void TestConnections::environment_data()
{
    QTest::addColumn<QProcessEnvironment>("env");
    QTest::addColumn<QString>("error"); // substring; empty = success
    QTest::addColumn<Kind>("kind");

    QTest::newRow("workspace") << envWith({{"DATABRICKS_HOST", workspaceHost}, {"DATABRICKS_TOKEN", "dapi1"}})
                               << QString() << Kind::Workspace;
    QTest::newRow("account") << envWith({{"DATABRICKS_HOST", accountsHost},
                                         {"DATABRICKS_TOKEN", "scim1"},
                                         {"DATABRICKS_ACCOUNT_ID", accountId}})
                             << QString() << Kind::Account;
    QTest::newRow("account id beside a workspace host: the host wins")
        << envWith({{"DATABRICKS_HOST", workspaceHost},
                    {"DATABRICKS_TOKEN", "dapi1"},
                    {"DATABRICKS_ACCOUNT_ID", accountId}})
        << QString() << Kind::Workspace;
    QTest::newRow("account id with a loopback host (emulator) means account")
        << envWith({{"DATABRICKS_HOST", "http://127.0.0.1:8765"},
                    {"DATABRICKS_TOKEN", "dapi1"},
                    {"DATABRICKS_ACCOUNT_ID", accountId}})
        << QString() << Kind::Account;
    QTest::newRow("nothing set") << QProcessEnvironment() << "DATABRICKS_HOST and DATABRICKS_TOKEN are not set."
                                 << Kind::Workspace;
    QTest::newRow("token missing") << envWith({{"DATABRICKS_HOST", workspaceHost}})
                                   << "DATABRICKS_TOKEN is not set. DATABRICKS_TOKEN must hold" << Kind::Workspace;
    QTest::newRow("host missing") << envWith({{"DATABRICKS_TOKEN", "dapi1"}}) << "DATABRICKS_HOST is not set."
                                  << Kind::Workspace;
    QTest::newRow("profile hint") << envWith({{"DATABRICKS_CONFIG_PROFILE", "dev"}})
                                  << "DATABRICKS_CONFIG_PROFILE is set to 'dev'" << Kind::Workspace;
    QTest::newRow("unsupported auth type")
        << envWith(
               {{"DATABRICKS_HOST", workspaceHost}, {"DATABRICKS_TOKEN", "x"}, {"DATABRICKS_AUTH_TYPE", "oauth-m2m"}})
        << "DATABRICKS_AUTH_TYPE is 'oauth-m2m'" << Kind::Workspace;
    QTest::newRow("http remote refused") << envWith({{"DATABRICKS_HOST", "http://dbc-1234.cloud.databricks.com"},
                                                     {"DATABRICKS_TOKEN", "x"}})
                                         << "Refusing plain http" << Kind::Workspace;
    QTest::newRow("bad account id") << envWith({{"DATABRICKS_HOST", accountsHost},
                                                {"DATABRICKS_TOKEN", "x"},
                                                {"DATABRICKS_ACCOUNT_ID", "nope"}})
                                    << "The account id 'nope' is not a UUID" << Kind::Account;
}

void TestConnections::environment()
{
    QFETCH(QProcessEnvironment, env);
    QFETCH(QString, error);
    QFETCH(Kind, kind);

    const ImportedConnection imported = EnvironmentCredentials::read(env);
    QCOMPARE(imported.connection.kind, kind);
    if (error.isEmpty()) {
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(imported.token, env.value(QStringLiteral("DATABRICKS_TOKEN")));
        QCOMPARE(imported.connection.host.toString(), env.value(QStringLiteral("DATABRICKS_HOST")));
        QVERIFY(imported.connection.name.contains(imported.connection.host.host()));
        QVERIFY(EnvironmentCredentials::isPresent(env));
    } else {
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error.contains(error), qPrintable(imported.error));
        QVERIFY(imported.token.isEmpty());
        const QString token = env.value(QStringLiteral("DATABRICKS_TOKEN"));
        if (!token.isEmpty())
            QVERIFY(!imported.error.contains(token));
    }
    QCOMPARE(EnvironmentCredentials::configProfile(env), env.value(QStringLiteral("DATABRICKS_CONFIG_PROFILE")));
}

// ---- ConnectionImporter ------------------------------------------------------------------------

void TestConnections::importerRefusesBeforeWritingSecret()
{
    QTemporaryDir dir;
    ConnectionStore connections(dir.filePath(QStringLiteral("s.ini")));
    MemorySecretStore secrets;
    ConnectionImporter importer(secrets, connections);

    Connection invalid = validWorkspace();
    invalid.host = QUrl();
    auto result = importAndWait(importer, invalid, QStringLiteral("dapi1"));
    QVERIFY(!result.ok);
    QVERIFY(result.message.contains(QStringLiteral("host is missing")));

    result = importAndWait(importer, validWorkspace(), QStringLiteral("   "));
    QVERIFY(!result.ok);
    QVERIFY(result.message.contains(QStringLiteral("The token is empty")));

    Connection existing = validWorkspace();
    QCOMPARE(connections.save(existing), QString());
    Connection sameName = validWorkspace();
    result = importAndWait(importer, sameName, QStringLiteral("dapi1"));
    QVERIFY(!result.ok);
    QVERIFY(result.message.contains(QStringLiteral("already exists")));

    QCOMPARE(secrets.count(), 0); // nothing reached the secret store
}

void TestConnections::importerSurfacesSecretStoreFailure()
{
    QTemporaryDir dir;
    ConnectionStore connections(dir.filePath(QStringLiteral("s.ini")));
    RefusingStore secrets;
    ConnectionImporter importer(secrets, connections);
    const auto result = importAndWait(importer, validWorkspace(), QStringLiteral("dapi1"));
    QVERIFY(!result.ok);
    QCOMPARE(secrets.writes, 1);
    QCOMPARE(result.secret.status, SecretResult::Status::NoBackend);
    QCOMPARE(result.message, QStringLiteral("No keychain."));
    QVERIFY(connections.list().isEmpty()); // token first: no metadata without it
}

void TestConnections::importerRollsBackWhenSaveFails()
{
    // A directory where the INI file should be: validation passes, writing the file fails.
    QTemporaryDir dir;
    const QString blocked = dir.filePath(QStringLiteral("blocked.ini"));
    QVERIFY(QDir().mkpath(blocked));
    ConnectionStore connections(blocked);
    MemorySecretStore secrets;
    ConnectionImporter importer(secrets, connections);

    const auto result = importAndWait(importer, validWorkspace(), QStringLiteral("dapi1"));
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(QStringLiteral("could not be written")), qPrintable(result.message));
    QTRY_COMPARE(secrets.count(), 0); // the new connection's token was removed again
}

void TestConnections::importerImportedConnection()
{
    QTemporaryDir dir;
    ConnectionStore connections(dir.filePath(QStringLiteral("s.ini")));
    MemorySecretStore secrets;
    ConnectionImporter importer(secrets, connections);

    const auto file = DatabricksConfigFile::parse(
        QStringLiteral("[acct]\nhost = %1\naccount_id = %2\ntoken = scim-abc\n[bad]\nhost = %1\n")
            .arg(accountsHost, accountId));

    std::optional<ConnectionImporter::Result> result;
    importer.import(file.toConnection(QStringLiteral("bad"), {}),
                    [&result](const ConnectionImporter::Result& r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok);
    QVERIFY(result->message.contains(QStringLiteral("has no token")));

    result.reset();
    const ImportedConnection good = file.toConnection(QStringLiteral("acct"), {});
    importer.import(good, [&result](const ConnectionImporter::Result& r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->message));
    const auto saved = connections.findByName(QStringLiteral("acct"));
    QVERIFY(saved);
    QCOMPARE(saved->kind, Kind::Account);
    QCOMPARE(saved->scimBaseUrl().toString(), accountsHost + "/api/2.0/accounts/" + accountId + "/scim/v2");
    QCOMPARE(SyncSecretReader::read(secrets, saved->secretKey()).secret, QStringLiteral("scim-abc"));
}

QTEST_GUILESS_MAIN(TestConnections)
#include "tst_connections.moc"
