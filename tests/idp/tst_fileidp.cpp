#include "idp/FileIdpSource.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace scimitar;

namespace {

const QString kOrigin = QStringLiteral("File (idp)");

// "group: login/status/email/displayName, …" per group, then "people: login, …": one string a row can compare.
QString describe(const FileIdpSource::Contents& contents)
{
    QStringList lines;
    for (const IdpGroup& group : contents.groups) {
        QStringList members;
        for (const IdpUser& user : group.members)
            members.append(QStringList{user.login, idpUserStatusName(user.status), user.email, user.displayName}.join(
                QLatin1Char('/')));
        lines.append(group.name + QStringLiteral(": ") + members.join(QStringLiteral(", ")));
    }
    QStringList people;
    for (const IdpUser& user : contents.people)
        people.append(user.login);
    lines.append(QStringLiteral("people: ") + people.join(QStringLiteral(", ")));
    return lines.join(QLatin1Char('\n'));
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(data);
    return path;
}

const QByteArray kCsv = "group,user,status,email\r\n"
                        "dbx-pii-analysts,ana@acme.example,active,ana@acme.example\r\n"
                        "dbx-pii-analysts,bo@acme.example,suspended,\r\n"
                        "dbx-engineers,Ana@Acme.example,,\r\n"
                        ",gone@acme.example,deprovisioned,gone.mail@acme.example\r\n";

} // namespace

class TestFileIdp final : public QObject
{
    Q_OBJECT

private slots:
    void csv_data();
    void csv();
    void csvErrors_data();
    void csvErrors();
    void json_data();
    void json();
    void jsonErrors_data();
    void jsonErrors();
    void formatFollowsTheFileName_data();
    void formatFollowsTheFileName();

    void loadGroupsAnswersQueuedInTheAskedOrder();
    void missingGroupIsAnErrorNotAnEmptyGroup();
    void unreadableFileFails_data();
    void unreadableFileFails();
    void lookupUsersAnswersFromEveryoneInTheFile();
    void lookupUsersByEmail_data();
    void lookupUsersByEmail();
    void cancelSilencesPendingAnswers();
};

void TestFileIdp::csv_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    QTest::newRow("minimal, LF") << QByteArray("group,user\ndbx-a,ana@x\ndbx-a,bo@x\ndbx-b,ana@x\n")
                                 << QStringLiteral("dbx-a: ana@x/active//, bo@x/active//\n"
                                                   "dbx-b: ana@x/active//\npeople: ana@x, bo@x");
    QTest::newRow("all columns, CRLF, case-insensitive people and defaults")
        << kCsv
        << QStringLiteral("dbx-pii-analysts: ana@acme.example/active/ana@acme.example/, "
                          "bo@acme.example/suspended//\n"
                          "dbx-engineers: ana@acme.example/active/ana@acme.example/\n"
                          "people: ana@acme.example, bo@acme.example, gone@acme.example");
    QTest::newRow("columns in any order and case, BOM, no final line end")
        << QByteArray("\xEF\xBB\xBF"
                      "DisplayName,Status,USER,Group\r\n\"Ana, the analyst\",DISABLED,ana@x,dbx-a")
        << QStringLiteral("dbx-a: ana@x/disabled//Ana, the analyst\npeople: ana@x");
    QTest::newRow("RFC 4180 quotes: doubled quotes, line breaks, commas")
        << QByteArray("group,user,displayName\r\n\"dbx \"\"quoted\"\"\",\"o'neill@x\",\"Liam\r\nO'Neill\"\r\n")
        << QStringLiteral("dbx \"quoted\": o'neill@x/active//Liam\nO'Neill\npeople: o'neill@x");
    QTest::newRow("blank lines and surrounding spaces ignored")
        << QByteArray("group , user\n\n dbx-a , ana@x \n\n") << QStringLiteral("dbx-a: ana@x/active//\npeople: ana@x");
    QTest::newRow("group names differing only in case are one group")
        << QByteArray("group,user\nDBX-A,ana@x\ndbx-a,bo@x\n")
        << QStringLiteral("DBX-A: ana@x/active//, bo@x/active//\npeople: ana@x, bo@x");
    QTest::newRow("a person in no group")
        << QByteArray("group,user,status\n,ghost@x,suspended\n") << QStringLiteral("people: ghost@x");
    QTest::newRow("repeated status agrees, ignoring case")
        << QByteArray("group,user,status\na,ana@x,Suspended\nb,ana@x,suspended\n")
        << QStringLiteral("a: ana@x/suspended//\nb: ana@x/suspended//\npeople: ana@x");
}

void TestFileIdp::csv()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QString error;
    const std::optional<FileIdpSource::Contents> contents = FileIdpSource::parseCsv(data, kOrigin, &error);
    QVERIFY2(contents, qPrintable(error));
    QCOMPARE(describe(*contents), expected);
}

void TestFileIdp::csvErrors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QByteArray("\n\n")
                           << QStringLiteral("the file is empty; it needs a header row such as "
                                             "group,user");
    QTest::newRow("unknown column") << QByteArray("group,user,emial\n")
                                    << QStringLiteral("line 1, column 12: unknown column \"emial\"; the columns are "
                                                      "group, user, status, email, displayName");
    QTest::newRow("no user column") << QByteArray("group,email\n")
                                    << QStringLiteral("line 1: the header has no user column; it needs at least "
                                                      "group,user");
    QTest::newRow("no group column") << QByteArray("user\nana@x\n")
                                     << QStringLiteral("line 1: the header has no group column; it needs at least "
                                                       "group,user");
    QTest::newRow("column twice") << QByteArray("group,user,User\n")
                                  << QStringLiteral("line 1, column 12: the column user appears twice");
    QTest::newRow("too many fields") << QByteArray("group,user\na,ana@x\nb,bo@x,extra\n")
                                     << QStringLiteral("line 3: 3 fields, but the header has 2");
    QTest::newRow("too few fields") << QByteArray("group,user,status\na,ana@x\n")
                                    << QStringLiteral("line 2: 2 fields, but the header has 3");
    QTest::newRow("empty user") << QByteArray("group,user\ndbx-a, \n")
                                << QStringLiteral("line 2, column 7 (user): the user is empty");
    QTest::newRow("unknown status") << QByteArray("group,user,status\ndbx-a,ana@x,active\ndbx-a,bo@x,gone\n")
                                    << QStringLiteral("line 3, column 12 (status): status \"gone\" is not one of "
                                                      "active, deprovisioned, suspended, disabled");
    QTest::newRow("contradicting status")
        << QByteArray("group,user,status\na,ana@x,active\nb,ANA@x,suspended\n")
        << QStringLiteral("line 3, column 9 (status): ANA@x has status \"suspended\" here but \"active\" at line 2, "
                          "column 9 (status)");
    QTest::newRow("contradicting email")
        << QByteArray("group,user,email\na,ana@x,ana@x\nb,ana@x,other@x\n")
        << QStringLiteral("line 3, column 9 (email): ana@x has email \"other@x\" here but \"ana@x\" at line 2, column "
                          "9 (email)");
    QTest::newRow("unterminated quote, reported where it starts")
        << QByteArray("group,user\na,\"ana@x\nb,bo@x\n")
        << QStringLiteral("line 2, column 3: the quoted field starting here never ends (a missing closing \")");
    QTest::newRow("quote inside an unquoted field") << QByteArray("group,user\na,an\"a@x\n")
                                                    << QStringLiteral("line 2, column 5: a quote inside an unquoted "
                                                                      "field; quote the whole field and double the "
                                                                      "quote (\"\")");
    QTest::newRow("text after a closing quote") << QByteArray("group,user\n\"a\"b,ana@x\n")
                                                << QStringLiteral("line 2, column 4: unexpected text after a closing "
                                                                  "quote; a quoted field must end at a comma or the "
                                                                  "end of the line");
    QTest::newRow("line numbers count line breaks inside quotes")
        << QByteArray("group,user,displayName\na,ana@x,\"two\nlines\"\nb,bo@x,\"x\"y\n")
        << QStringLiteral("line 4, column 11: unexpected text after a closing quote; a quoted field must end at a "
                          "comma or the end of the line");
    QTest::newRow("not UTF-8") << QByteArray("group,user\na,caf\xE9@x\n")
                               << QStringLiteral("the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in "
                                                 "spreadsheets)");
}

void TestFileIdp::csvErrors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!FileIdpSource::parseCsv(data, kOrigin, &actual));
    QCOMPARE(actual, QStringLiteral("%1, %2.").arg(kOrigin, error));
}

void TestFileIdp::json_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    QTest::newRow("groups and people in no group")
        << QByteArray(R"({"groups": [
              {"name": "dbx-pii-analysts", "members": [
                  {"user": "ana@acme.example", "email": "ana@acme.example", "displayName": "Ana"},
                  {"user": "bo@acme.example", "status": "suspended"}]},
              {"name": "dbx-engineers", "members": [{"user": "ANA@acme.example"}]},
              {"name": "dbx-empty", "members": []}],
            "users": [{"user": "gone@acme.example", "status": "deprovisioned"}]})")
        << QStringLiteral("dbx-pii-analysts: ana@acme.example/active/ana@acme.example/Ana, "
                          "bo@acme.example/suspended//\n"
                          "dbx-engineers: ana@acme.example/active/ana@acme.example/Ana\n"
                          "dbx-empty: \n"
                          "people: ana@acme.example, bo@acme.example, gone@acme.example");
    QTest::newRow("no groups") << QByteArray(R"({"groups": []})") << QStringLiteral("people: ");
}

void TestFileIdp::json()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QString error;
    const std::optional<FileIdpSource::Contents> contents = FileIdpSource::parseJson(data, kOrigin, &error);
    QVERIFY2(contents, qPrintable(error));
    QCOMPARE(describe(*contents), expected);
}

void TestFileIdp::jsonErrors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");

    QTest::newRow("syntax") << QByteArray("{\"groups\": [\n  {\"name\": \"a\",}\n]}")
                            << QStringLiteral(", line 2, column ");
    QTest::newRow("an array of rows") << QByteArray(R"([{"group": "a", "user": "b"}])")
                                      << QStringLiteral(": (top level): must be an object {\"groups\": [...]}.");
    QTest::newRow("unknown key") << QByteArray(R"({"group": []})")
                                 << QStringLiteral(": group: unknown key; expected groups, users.");
    QTest::newRow("no groups") << QByteArray(R"({"users": []})")
                               << QStringLiteral(": groups: must be an array of groups.");
    QTest::newRow("group without name") << QByteArray(R"({"groups": [{"members": []}]})")
                                        << QStringLiteral(": groups[0].name: must be a non-empty string.");
    QTest::newRow("group key typo") << QByteArray(R"({"groups": [{"name": "a", "member": []}]})")
                                    << QStringLiteral(": groups[0].member: unknown key; expected name, members.");
    QTest::newRow("group without members") << QByteArray(R"({"groups": [{"name": "a"}]})")
                                           << QStringLiteral(": groups[0].members: must be an array (it may be "
                                                             "empty).");
    QTest::newRow("group twice") << QByteArray(
                                        R"({"groups": [{"name": "a", "members": []}, {"name": "A", "members": []}]})")
                                 << QStringLiteral(": groups[1].name: the group \"A\" is listed twice.");
    QTest::newRow("member a string") << QByteArray(R"({"groups": [{"name": "a", "members": ["ana@x"]}]})")
                                     << QStringLiteral(": groups[0].members[0]: must be an object such as {\"user\": "
                                                       "\"ana@example.com\"}.");
    QTest::newRow("member without user") << QByteArray(R"({"groups": [{"name": "a", "members": [{"email": "e"}]}]})")
                                         << QStringLiteral(": groups[0].members[0].user: is required (a non-empty "
                                                           "login).");
    QTest::newRow("member key typo")
        << QByteArray(R"({"groups": [{"name": "a", "members": [{"user": "u", "Status": "active"}]}]})")
        << QStringLiteral(": groups[0].members[0].Status: unknown key (did you mean status?).");
    QTest::newRow("bad status")
        << QByteArray(R"({"groups": [{"name": "a", "members": [{"user": "u"}, {"user": "v", "status": "locked"}]}]})")
        << QStringLiteral(": groups[0].members[1].status: status \"locked\" is not one of active, deprovisioned, "
                          "suspended, disabled.");
    QTest::newRow("status not a string")
        << QByteArray(R"({"groups": [{"name": "a", "members": [{"user": "u", "status": true}]}]})")
        << QStringLiteral(": groups[0].members[0].status: must be a string.");
    QTest::newRow("contradiction between a group and users")
        << QByteArray(R"({"groups": [{"name": "a", "members": [{"user": "u", "status": "active"}]}],
                          "users": [{"user": "U", "status": "disabled"}]})")
        << QStringLiteral(": users[0].status: U has status \"disabled\" here but \"active\" at "
                          "groups[0].members[0].status.");
    QTest::newRow("users not an array") << QByteArray(R"({"groups": [], "users": {}})")
                                        << QStringLiteral(": users: must be an array of people.");
}

void TestFileIdp::jsonErrors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!FileIdpSource::parseJson(data, kOrigin, &actual));
    QVERIFY2(actual.startsWith(kOrigin + error), qPrintable(actual));
}

void TestFileIdp::formatFollowsTheFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("data");
    QTest::newRow(".csv") << QStringLiteral("idp.csv") << QByteArray("group,user\na,ana@x\n");
    QTest::newRow(".JSON") << QStringLiteral("idp.JSON")
                           << QByteArray(R"({"groups": [{"name": "a", "members": [{"user": "ana@x"}]}]})");
    QTest::newRow("no extension, JSON inside")
        << QStringLiteral("export") << QByteArray(R"( {"groups": [{"name": "a", "members": [{"user": "ana@x"}]}]})");
    QTest::newRow(".txt, CSV inside") << QStringLiteral("export.txt") << QByteArray("group,user\na,ana@x\n");
}

void TestFileIdp::formatFollowsTheFileName()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, data);
    QString error;
    const std::optional<FileIdpSource::Contents> contents = FileIdpSource::parse(data, name, kOrigin, &error);
    QVERIFY2(contents, qPrintable(error));
    QCOMPARE(describe(*contents), QStringLiteral("a: ana@x/active//\npeople: ana@x"));
}

void TestFileIdp::loadGroupsAnswersQueuedInTheAskedOrder()
{
    QTemporaryDir dir;
    FileIdpSource source(writeFile(dir, QStringLiteral("idp.csv"), kCsv));
    QCOMPARE(source.label(), QStringLiteral("File (%1)").arg(QDir::toNativeSeparators(dir.filePath("idp.csv"))));
    QSignalSpy loaded(&source, &IdpSource::groupsLoaded);
    QSignalSpy failed(&source, &IdpSource::failed);
    QSignalSpy progress(&source, &IdpSource::progress);
    source.loadGroups(
        {QStringLiteral("DBX-ENGINEERS"), QStringLiteral("dbx-pii-analysts"), QStringLiteral("dbx-engineers")});
    QCOMPARE(loaded.size(), 0); // never inside the call
    QVERIFY(loaded.wait(5000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(progress.size(), 1);
    const auto groups = loaded.first().first().value<QList<IdpGroup>>();
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups[0].name, QStringLiteral("dbx-engineers")); // as the file spells it
    QCOMPARE(groups[1].name, QStringLiteral("dbx-pii-analysts"));
    QCOMPARE(groups[1].members.size(), 2);
    QCOMPARE(groups[1].members[1].status, IdpUserStatus::Suspended);
    QCOMPARE(groups[1].members[1].rawStatus, QStringLiteral("suspended"));
    QTest::qWait(50);
    QCOMPARE(loaded.size(), 1); // exactly one answer
}

void TestFileIdp::missingGroupIsAnErrorNotAnEmptyGroup()
{
    QTemporaryDir dir;
    FileIdpSource source(writeFile(dir, QStringLiteral("idp.csv"), kCsv));
    QSignalSpy loaded(&source, &IdpSource::groupsLoaded);
    QSignalSpy failed(&source, &IdpSource::failed);
    source.loadGroups({QStringLiteral("dbx-pii-analysts"), QStringLiteral("dbx-pii-analyst")});
    QVERIFY(failed.wait(5000));
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(failed.first().first().toString(),
             QStringLiteral("%1 has no group dbx-pii-analyst; it lists dbx-pii-analysts, dbx-engineers.")
                 .arg(source.label()));
}

void TestFileIdp::unreadableFileFails_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing") << QStringLiteral("absent.csv")
                             << QStringLiteral("Cannot read the IdP file %1: it does "
                                               "not exist.");
    QTest::newRow("folder") << QStringLiteral("folder")
                            << QStringLiteral("Cannot read the IdP file %1: it is a "
                                              "folder, not a file.");
    QTest::newRow("broken") << QStringLiteral("broken.csv")
                            << QStringLiteral("File (%1), line 2: 1 fields, but the "
                                              "header has 2.");
}

void TestFileIdp::unreadableFileFails()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    writeFile(dir, QStringLiteral("broken.csv"), "group,user\nana@x\n");
    const QString path = dir.filePath(name);
    FileIdpSource source(path);
    QSignalSpy failed(&source, &IdpSource::failed);
    source.loadGroups({QStringLiteral("a")});
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().toString(), error.arg(QDir::toNativeSeparators(path)));

    // A lookup without a loaded file reads it too, and fails the same way.
    QSignalSpy lookupFailed(&source, &IdpSource::failed);
    source.lookupUsers({QStringLiteral("ana@x")}, IdpLookupKey::Login);
    QVERIFY(lookupFailed.wait(5000));
}

void TestFileIdp::lookupUsersAnswersFromEveryoneInTheFile()
{
    QTemporaryDir dir;
    FileIdpSource source(writeFile(dir, QStringLiteral("idp.csv"), kCsv));
    QSignalSpy loaded(&source, &IdpSource::groupsLoaded);
    source.loadGroups({QStringLiteral("dbx-engineers")});
    QVERIFY(loaded.wait(5000));

    QSignalSpy lookedUp(&source, &IdpSource::usersLookedUp);
    // bo is in a group that was not loaded, gone is in no group and asked by email; nobody@ is unknown.
    source.lookupUsers({QStringLiteral("BO@acme.example"), QStringLiteral("gone.mail@acme.example"),
                        QStringLiteral("nobody@acme.example"), QStringLiteral("bo@acme.example")},
                       IdpLookupKey::Login);
    QVERIFY(lookedUp.wait(5000));
    const auto found = lookedUp.first().at(0).value<QList<IdpUser>>();
    const auto notFound = lookedUp.first().at(1).toStringList();
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].login, QStringLiteral("bo@acme.example"));
    QCOMPARE(found[0].status, IdpUserStatus::Suspended);
    QCOMPARE(found[1].login, QStringLiteral("gone@acme.example"));
    QCOMPARE(found[1].status, IdpUserStatus::Deprovisioned);
    QCOMPARE(notFound, QStringList{QStringLiteral("nobody@acme.example")});
}

void TestFileIdp::lookupUsersByEmail_data()
{
    QTest::addColumn<QStringList>("emails");
    QTest::addColumn<QStringList>("foundLogins");
    QTest::addColumn<QStringList>("notFound");
    QTest::newRow("email differs from the login")
        << QStringList{"ana.mail@acme.example"} << QStringList{"ana@acme.example"} << QStringList{};
    QTest::newRow("any case") << QStringList{"ANA.MAIL@acme.example"} << QStringList{"ana@acme.example"}
                              << QStringList{};
    QTest::newRow("a login is not an email")
        << QStringList{"ana@acme.example"} << QStringList{} << QStringList{"ana@acme.example"};
    QTest::newRow("not found") << QStringList{"nobody@acme.example"} << QStringList{}
                               << QStringList{"nobody@acme.example"};
    QTest::newRow("two people share an email: both")
        << QStringList{"shared@acme.example"} << QStringList{"dup1@acme.example", "dup2@acme.example"} << QStringList{};
    QTest::newRow("quote and backslash") << QStringList{"o\"ne\\il@acme.example"} << QStringList{"gone@acme.example"}
                                         << QStringList{};
}

void TestFileIdp::lookupUsersByEmail()
{
    QFETCH(QStringList, emails);
    QFETCH(QStringList, foundLogins);
    QFETCH(QStringList, notFound);
    QTemporaryDir dir;
    FileIdpSource source(writeFile(dir, QStringLiteral("idp.csv"),
                                   "group,user,status,email\n"
                                   "dbx-pii-analysts,ana@acme.example,active,ana.mail@acme.example\n"
                                   ",dup1@acme.example,active,shared@acme.example\n"
                                   ",dup2@acme.example,suspended,shared@acme.example\n"
                                   ",gone@acme.example,deprovisioned,\"o\"\"ne\\il@acme.example\"\n"
                                   ",nomail@acme.example,active,\n"));
    QSignalSpy lookedUp(&source, &IdpSource::usersLookedUp);
    source.lookupUsers(emails, IdpLookupKey::Email);
    QVERIFY(lookedUp.wait(5000));
    QStringList logins;
    for (const IdpUser& user : lookedUp.first().at(0).value<QList<IdpUser>>())
        logins.append(user.login);
    QCOMPARE(logins, foundLogins);
    QCOMPARE(lookedUp.first().at(1).toStringList(), notFound);
}

void TestFileIdp::cancelSilencesPendingAnswers()
{
    QTemporaryDir dir;
    FileIdpSource source(writeFile(dir, QStringLiteral("idp.csv"), kCsv));
    QSignalSpy loaded(&source, &IdpSource::groupsLoaded);
    QSignalSpy lookedUp(&source, &IdpSource::usersLookedUp);
    QSignalSpy failed(&source, &IdpSource::failed);
    source.loadGroups({QStringLiteral("dbx-engineers")});
    source.lookupUsers({QStringLiteral("ana@acme.example")}, IdpLookupKey::Login);
    source.cancel();
    QTest::qWait(100);
    QCOMPARE(loaded.size() + lookedUp.size() + failed.size(), 0);

    // The source stays usable after a cancel.
    source.loadGroups({QStringLiteral("dbx-engineers")});
    QVERIFY(loaded.wait(5000));
}

QTEST_GUILESS_MAIN(TestFileIdp)
#include "tst_fileidp.moc"
