#include "policy/PolicyParser.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace scimitar;

// Declared before the test data: moc does not understand raw string literals holding "//" (URLs) and would
// lose the class if it came after them.
class TestPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheExample();
    void idpTypes_data();
    void idpTypes();
    void queriesIgnoreCase();
    void rulesForNamesTheirIndexes();
    void roundTripsThroughToJson_data();
    void roundTripsThroughToJson();
    void errorsNameTheirField_data();
    void errorsNameTheirField();
    void syntaxErrorsGiveLineAndColumn_data();
    void syntaxErrorsGiveLineAndColumn();
    void loadNamesTheFile();
    void loadRefusesWhatIsNotAPolicyFile_data();
    void loadRefusesWhatIsNotAPolicyFile();
    void relativeIdpPathFollowsThePolicyFile();
};

namespace {

const QString kPii = QStringLiteral("arn:aws:iam::123456789012:instance-profile/pii-read");

// The example of the issue and docs/policy.md.
const QByteArray kExample = R"({
  "idp": {"type": "okta", "url": "https://example.okta.com"},
  "match": "userName",
  "rules": [
    {"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analysts"},
    {"idpGroup": "dbx-pii-analysts", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"},
    {"idpGroup": "dbx-engineers", "entitlements": ["allow-cluster-create"]}
  ],
  "protected": {"users": ["scim-admin@example.com"], "groups": ["admins", "users", "account users"]}
})";

std::optional<Policy> parse(const QByteArray& json, QString* error = nullptr)
{
    QString ignored;
    return PolicyParser::parse(json, QStringLiteral("/policies"), error ? error : &ignored);
}

// A valid file with one part replaced, so each error row shows only what is wrong.
QByteArray withRules(const QByteArray& rules)
{
    return R"({"idp": {"type": "file", "path": "idp.csv"}, "rules": )" + rules + "}";
}

QByteArray withIdp(const QByteArray& idp)
{
    return R"({"idp": )" + idp + R"(, "rules": [{"idpGroup": "a", "databricksGroup": "b"}]})";
}

} // namespace

void TestPolicy::parsesTheExample()
{
    QString error;
    const std::optional<Policy> policy = parse(kExample, &error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(policy->idp().type, IdpType::Okta);
    QCOMPARE(policy->idp().url, QUrl(QStringLiteral("https://example.okta.com")));
    QCOMPARE(policy->match(), MatchAttribute::UserName);
    QCOMPARE(policy->rules().size(), 3);
    QCOMPARE(policy->rules()[0], PolicyRule::group(QStringLiteral("dbx-pii-analysts"), QStringLiteral("pii-analysts")));
    QCOMPARE(policy->rules()[1], PolicyRule::grantsRole(QStringLiteral("dbx-pii-analysts"), kPii));
    QCOMPARE(policy->rules()[2],
             PolicyRule::grantsEntitlements(QStringLiteral("dbx-engineers"), {QStringLiteral("allow-cluster-create")}));
    QCOMPARE(policy->protectedUsers(), QStringList{QStringLiteral("scim-admin@example.com")});
    QCOMPARE(policy->protectedGroups(),
             (QStringList{QStringLiteral("admins"), QStringLiteral("users"), QStringLiteral("account users")}));
    QCOMPARE(policy->idpGroups(), (QStringList{QStringLiteral("dbx-pii-analysts"), QStringLiteral("dbx-engineers")}));
    QCOMPARE(policy->managedGroups(), QStringList{QStringLiteral("pii-analysts")});
    QCOMPARE(policy->managedRoles(), QStringList{kPii});
    QCOMPARE(policy->managedEntitlements(), QStringList{QStringLiteral("allow-cluster-create")});
}

void TestPolicy::idpTypes_data()
{
    QTest::addColumn<QByteArray>("idp");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("detail"); // url / tenant|clientId|authority|graph / path

    QTest::newRow("okta with url") << QByteArray(R"({"type": "okta", "url": "https://acme.okta.com"})")
                                   << int(IdpType::Okta) << QStringLiteral("https://acme.okta.com");
    QTest::newRow("okta, url from the environment")
        << QByteArray(R"({"type": "okta"})") << int(IdpType::Okta) << QString();
    QTest::newRow("okta on loopback http (emulator)")
        << QByteArray(R"({"type": "okta", "url": "http://127.0.0.1:8080"})") << int(IdpType::Okta)
        << QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("entra") << QByteArray(R"({"type": "entra", "tenant": "contoso.onmicrosoft.com", "clientId": "c1"})")
                           << int(IdpType::Entra) << QStringLiteral("contoso.onmicrosoft.com|c1||");
    QTest::newRow("entra, national cloud")
        << QByteArray(
               R"({"type": "entra", "tenant": "t", "clientId": "c", "authority": "https://login.microsoftonline.us", "graph": "https://graph.microsoft.us"})")
        << int(IdpType::Entra) << QStringLiteral("t|c|https://login.microsoftonline.us|https://graph.microsoft.us");
    QTest::newRow("file") << QByteArray(R"({"type": "file", "path": "exports/okta.csv"})") << int(IdpType::File)
                          << QStringLiteral("exports/okta.csv");
}

void TestPolicy::idpTypes()
{
    QFETCH(QByteArray, idp);
    QFETCH(int, type);
    QFETCH(QString, detail);
    QString error;
    const std::optional<Policy> policy = parse(withIdp(idp), &error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(int(policy->idp().type), type);
    switch (policy->idp().type) {
    case IdpType::Okta:
        QCOMPARE(policy->idp().url.toString(), detail);
        break;
    case IdpType::Entra:
        QCOMPARE(QStringList({policy->idp().tenant, policy->idp().clientId, policy->idp().authority.toString(),
                              policy->idp().graph.toString()})
                     .join(QLatin1Char('|')),
                 detail);
        break;
    case IdpType::File:
        QCOMPARE(policy->idp().path, detail);
        QCOMPARE(policy->idpFilePath(), QDir::cleanPath(QStringLiteral("/policies/") + detail));
        break;
    }
    QVERIFY(policy->protectedUsers().isEmpty());
}

void TestPolicy::queriesIgnoreCase()
{
    const std::optional<Policy> policy = parse(withRules(R"([
        {"idpGroup": "DBX-PII", "databricksGroup": "PII-Analysts"},
        {"idpGroup": "dbx-pii-extra", "databricksGroup": "pii-analysts"},
        {"idpGroup": "dbx-pii", "role": "ARN:aws:iam::123456789012:instance-profile/pii-read"},
        {"idpGroup": "dbx-eng", "entitlements": ["allow-cluster-create", "workspace-access"]},
        {"idpGroup": "dbx-ops", "entitlements": ["Allow-Cluster-Create"]}
    ], "protected": {"users": ["Admin@Example.com"], "groups": ["Admins"]})"));
    QVERIFY(policy);
    QCOMPARE(policy->idpGroups(), (QStringList{QStringLiteral("DBX-PII"), QStringLiteral("dbx-pii-extra"),
                                               QStringLiteral("dbx-eng"), QStringLiteral("dbx-ops")}));
    QCOMPARE(policy->managedGroups(), QStringList{QStringLiteral("PII-Analysts")});
    QVERIFY(policy->managesGroup(QStringLiteral("pii-analysts")));
    QVERIFY(!policy->managesGroup(QStringLiteral("pii-readers")));
    QVERIFY(policy->managesRole(kPii));
    QVERIFY(!policy->managesRole(QStringLiteral("arn:aws:iam::123456789012:instance-profile/etl-write")));
    QCOMPARE(policy->managedEntitlements(),
             (QStringList{QStringLiteral("allow-cluster-create"), QStringLiteral("workspace-access")}));
    QCOMPARE(policy->idpGroupsGrantingGroup(QStringLiteral("PII-ANALYSTS")),
             (QStringList{QStringLiteral("DBX-PII"), QStringLiteral("dbx-pii-extra")}));
    QCOMPARE(policy->idpGroupsGrantingRole(kPii), QStringList{QStringLiteral("dbx-pii")});
    QCOMPARE(policy->idpGroupsGrantingEntitlement(QStringLiteral("allow-cluster-create")),
             (QStringList{QStringLiteral("dbx-eng"), QStringLiteral("dbx-ops")}));
    QVERIFY(policy->idpGroupsGrantingEntitlement(QStringLiteral("databricks-sql-access")).isEmpty());
    QVERIFY(policy->idpGroupsGrantingRole(QStringLiteral("pii-analysts")).isEmpty()); // a group is not a role
    QVERIFY(policy->isProtectedUser(QStringLiteral("admin@example.COM")));
    QVERIFY(!policy->isProtectedUser(QStringLiteral("ana@example.com")));
    QVERIFY(policy->isProtectedGroup(QStringLiteral("admins")));
    QVERIFY(!policy->isProtectedGroup(QStringLiteral("users")));
}

void TestPolicy::rulesForNamesTheirIndexes()
{
    const std::optional<Policy> policy = parse(kExample);
    QVERIFY(policy);
    QCOMPARE(policy->rulesFor(PolicyRule::Target::DatabricksGroup, QStringLiteral("PII-analysts")), QList<int>{0});
    QCOMPARE(policy->rulesFor(PolicyRule::Target::Role, kPii), QList<int>{1});
    QCOMPARE(policy->rulesFor(PolicyRule::Target::Entitlements, QStringLiteral("allow-cluster-create")), QList<int>{2});
    QVERIFY(policy->rulesFor(PolicyRule::Target::Role, QStringLiteral("pii-analysts")).isEmpty());
}

void TestPolicy::roundTripsThroughToJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("example") << kExample;
    QTest::newRow("entra, email, description") << QByteArray(R"({"description": "Reviewed quarterly", "match": "email",
                          "idp": {"type": "entra", "tenant": "t", "clientId": "c", "graph": "https://graph.microsoft.us"},
                          "rules": [{"idpGroup": "g", "entitlements": ["workspace-access", "databricks-sql-access"]}]})");
    QTest::newRow("file, no protected") << withRules(R"([{"idpGroup": "g", "role": "account_admin"}])");
}

void TestPolicy::roundTripsThroughToJson()
{
    QFETCH(QByteArray, json);
    const std::optional<Policy> policy = parse(json);
    QVERIFY(policy);
    const QByteArray saved = QJsonDocument(policy->toJson()).toJson();
    QString error;
    const std::optional<Policy> again = parse(saved, &error);
    QVERIFY2(again, qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(saved)));
    QCOMPARE(*again, *policy);
    QCOMPARE(again->toJson(), policy->toJson());
}

void TestPolicy::errorsNameTheirField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::newRow("not an object") << QByteArray("[]")
                                   << QStringLiteral("the policy must be a JSON object with idp, match, rules and "
                                                     "protected");
    QTest::newRow("unknown top-level key") << QByteArray(R"({"idp": {"type": "file", "path": "x"}, "rule": []})")
                                           << QStringLiteral("rule: unknown key; expected idp, match, rules, "
                                                             "protected, description");
    QTest::newRow("no idp") << QByteArray(R"({"rules": []})") << QStringLiteral("idp: is required");
    QTest::newRow("idp not an object")
        << QByteArray(R"({"idp": "okta", "rules": []})")
        << QStringLiteral("idp: must be an object such as {\"type\": \"okta\", \"url\": \"https://example.okta.com\"}");
    QTest::newRow("no type") << withIdp("{}") << QStringLiteral("idp.type: is required (one of okta, entra, file)");
    QTest::newRow("type typo") << withIdp(R"({"type": "oktaa"})")
                               << QStringLiteral("idp.type: \"oktaa\" is not one of okta, entra, file");
    QTest::newRow("type wrong case") << withIdp(R"({"type": "Okta"})")
                                     << QStringLiteral("idp.type: \"Okta\" is not one of okta, entra, file");
    QTest::newRow("type not a string") << withIdp(R"({"type": 3})")
                                       << QStringLiteral("idp.type: 3 is not one of okta, entra, file");
    QTest::newRow("okta url not a URL") << withIdp(R"({"type": "okta", "url": "acme"})")
                                        << QStringLiteral("idp.url: \"acme\" is not a URL such as "
                                                          "https://example.okta.com");
    QTest::newRow("okta url plain http elsewhere")
        << withIdp(R"({"type": "okta", "url": "http://acme.okta.com"})") << QStringLiteral("idp.url: ");
    QTest::newRow("okta key of entra") << withIdp(R"({"type": "okta", "tenant": "t"})")
                                       << QStringLiteral("idp.tenant: unknown key; expected type, url");
    QTest::newRow("entra without tenant")
        << withIdp(R"({"type": "entra", "clientId": "c"})") << QStringLiteral("idp.tenant: is required");
    QTest::newRow("entra empty client id") << withIdp(R"({"type": "entra", "tenant": "t", "clientId": " "})")
                                           << QStringLiteral("idp.clientId: must be a non-empty string");
    QTest::newRow("entra clientid case typo") << withIdp(R"({"type": "entra", "tenant": "t", "clientid": "c"})")
                                              << QStringLiteral("idp.clientid: unknown key (did you mean clientId?)");
    QTest::newRow("entra secret in the file")
        << withIdp(R"({"type": "entra", "tenant": "t", "clientId": "c", "clientSecret": "s"})")
        << QStringLiteral("idp.clientSecret: unknown key; expected type, tenant, clientId, authority, graph");
    QTest::newRow("file without path") << withIdp(R"({"type": "file"})") << QStringLiteral("idp.path: is required");
    QTest::newRow("match typo") << QByteArray(R"({"idp": {"type": "file", "path": "x"}, "match": "mail", "rules": []})")
                                << QStringLiteral("match: \"mail\" is not one of userName, email");
    QTest::newRow("no rules") << QByteArray(R"({"idp": {"type": "file", "path": "x"}})")
                              << QStringLiteral("rules: is required");
    QTest::newRow("rules empty") << withRules("[]") << QStringLiteral("rules: must contain at least one rule");
    QTest::newRow("rules not an array") << withRules("{}") << QStringLiteral("rules: must be an array of rules");
    QTest::newRow("rule not an object") << withRules(R"([{"idpGroup": "a", "role": "r"}, "x"])")
                                        << QStringLiteral("rules[1]: must be an object such as {\"idpGroup\": \"…\", "
                                                          "\"databricksGroup\": \"…\"}");
    QTest::newRow("rule without idpGroup")
        << withRules(R"([{"role": "r"}])") << QStringLiteral("rules[0].idpGroup: is required");
    QTest::newRow("rule without target") << withRules(R"([{"idpGroup": "a"}])")
                                         << QStringLiteral("rules[0]: needs one of databricksGroup, role or "
                                                           "entitlements: what members of a should have");
    QTest::newRow("rule with two targets")
        << withRules(R"([{"idpGroup": "a", "role": "r", "databricksGroup": "g"}])")
        << QStringLiteral("rules[0]: has both databricksGroup and role; a rule names exactly one of "
                          "databricksGroup, role or entitlements (write one rule per target)");
    QTest::newRow("empty role") << withRules(R"([{"idpGroup": "a", "role": "r"}, {"idpGroup": "a", "role": ""},
                                                 {"idpGroup": "b", "role": "x"}])")
                                << QStringLiteral("rules[1].role: must be a non-empty string");
    QTest::newRow("role not a string") << withRules(R"([{"idpGroup": "a", "role": "r"}, {"idpGroup": "b", "role": 1},
                                                        {"idpGroup": "b", "role": ["x"]}])")
                                       << QStringLiteral("rules[1].role: must be a non-empty string");
    QTest::newRow("the issue's example error")
        << withRules(
               R"([{"idpGroup": "a", "role": "r"}, {"idpGroup": "a", "role": "s"}, {"idpGroup": "b", "role": null}])")
        << QStringLiteral("rules[2].role: must be a non-empty string");
    QTest::newRow("databricksGroup case typo")
        << withRules(R"([{"idpGroup": "a", "databricksgroup": "g"}])")
        << QStringLiteral("rules[0].databricksgroup: unknown key (did you mean databricksGroup?)");
    QTest::newRow("entitlements not an array") << withRules(R"([{"idpGroup": "a", "entitlements": "x"}])")
                                               << QStringLiteral("rules[0].entitlements: must be a non-empty array of "
                                                                 "strings");
    QTest::newRow("entitlements empty") << withRules(R"([{"idpGroup": "a", "entitlements": []}])")
                                        << QStringLiteral("rules[0].entitlements: must be a non-empty array of "
                                                          "strings");
    QTest::newRow("entitlement empty") << withRules(R"([{"idpGroup": "a", "entitlements": ["x", ""]}])")
                                       << QStringLiteral("rules[0].entitlements[1]: must be a non-empty string");
    QTest::newRow("entitlement twice") << withRules(R"([{"idpGroup": "a", "entitlements": ["x", "X"]}])")
                                       << QStringLiteral("rules[0].entitlements[1]: \"X\" is listed twice");
    QTest::newRow("protected not an object")
        << QByteArray(
               R"({"idp": {"type": "file", "path": "x"}, "rules": [{"idpGroup": "a", "role": "r"}], "protected": []})")
        << QStringLiteral("protected: must be an object such as {\"users\": [], \"groups\": []}");
    QTest::newRow("protected typo")
        << QByteArray(
               R"({"idp": {"type": "file", "path": "x"}, "rules": [{"idpGroup": "a", "role": "r"}], "protected": {"user": []}})")
        << QStringLiteral("protected.user: unknown key; expected users, groups");
    QTest::newRow("protected user not a string")
        << QByteArray(
               R"({"idp": {"type": "file", "path": "x"}, "rules": [{"idpGroup": "a", "role": "r"}], "protected": {"users": ["a", 2]}})")
        << QStringLiteral("protected.users[1]: must be a non-empty string");
    QTest::newRow("protected groups not an array")
        << QByteArray(
               R"({"idp": {"type": "file", "path": "x"}, "rules": [{"idpGroup": "a", "role": "r"}], "protected": {"groups": "admins"}})")
        << QStringLiteral("protected.groups: must be an array of strings");
    QTest::newRow("description not a string")
        << QByteArray(
               R"({"idp": {"type": "file", "path": "x"}, "rules": [{"idpGroup": "a", "role": "r"}], "description": 1})")
        << QStringLiteral("description: must be a string");
}

void TestPolicy::errorsNameTheirField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!parse(json, &actual));
    // Rows ending in ": " only pin the field (the reason comes from elsewhere, e.g. UrlPolicy).
    if (error.endsWith(QLatin1String(": ")))
        QVERIFY2(actual.startsWith(error), qPrintable(actual));
    else
        QCOMPARE(actual, error);
}

void TestPolicy::syntaxErrorsGiveLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("location");
    QTest::newRow("missing comma on line 3")
        << QByteArray("{\n  \"idp\": {\"type\": \"file\"}\n  \"rules\": []\n}") << QStringLiteral("line 3, column 3: ");
    QTest::newRow("trailing comma") << QByteArray("{\"rules\": [1,]}") << QStringLiteral("line 1, column ");
    QTest::newRow("unterminated string after accents")
        << QByteArray("{\n\"description\": \"Zugriff für café\n}") << QStringLiteral("line 3, column ");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("line 1, column 1: ");
}

void TestPolicy::syntaxErrorsGiveLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, location);
    QString error;
    QVERIFY(!parse(json, &error));
    QVERIFY2(error.startsWith(location), qPrintable(error));
    QVERIFY2(error.endsWith(QLatin1String("(JSON syntax)")), qPrintable(error));
}

void TestPolicy::loadNamesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("policy.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(withRules(R"([{"idpGroup": "a", "role": "r"}, {"idpGroup": "b", "role": ""}])"));
    file.close();
    QString error;
    QVERIFY(!PolicyParser::load(path, &error));
    QCOMPARE(error, QStringLiteral("Policy file %1: rules[1].role: must be a non-empty string.")
                        .arg(QDir::toNativeSeparators(path)));
}

void TestPolicy::loadRefusesWhatIsNotAPolicyFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << QStringLiteral("absent.json") << QStringLiteral("it does not exist.");
    QTest::newRow("a folder") << QStringLiteral("folder") << QStringLiteral("it is a folder, not a file.");
    QTest::newRow("too large") << QStringLiteral("huge.json")
                               << QStringLiteral("bytes it is too large to be a policy.");
}

void TestPolicy::loadRefusesWhatIsNotAPolicyFile()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    QFile huge(dir.filePath(QStringLiteral("huge.json")));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    QVERIFY(huge.resize(PolicyParser::kMaxFileSize + 1));
    huge.close();

    const QString path = dir.filePath(name);
    QString error;
    QVERIFY(!PolicyParser::load(path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot read the policy file %1: ").arg(QDir::toNativeSeparators(path))),
             qPrintable(error));
    QVERIFY2(error.endsWith(reason), qPrintable(error));
}

void TestPolicy::relativeIdpPathFollowsThePolicyFile()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("policies")));
    const QString path = dir.filePath(QStringLiteral("policies/policy.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"idp": {"type": "file", "path": "../exports/idp.csv"}, "rules": [{"idpGroup": "a", "role": "r"}]})");
    file.close();
    QString error;
    const std::optional<Policy> policy = PolicyParser::load(path, &error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(policy->idpFilePath(), QDir::cleanPath(dir.filePath(QStringLiteral("exports/idp.csv"))));
    // toJson keeps the path as written, so a saved policy still works when the repository moves.
    QCOMPARE(policy->toJson().value(QLatin1String("idp")).toObject().value(QLatin1String("path")).toString(),
             QStringLiteral("../exports/idp.csv"));
}

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
