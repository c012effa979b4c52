#include "EmulatorHost.h"
#include "drift/DriftReview.h"
#include "idp/FileIdpSource.h"
#include "idp/IdpLoader.h"
#include "policy/PolicyParser.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace scimitar;
using emulator::Dataset;

namespace {

// A small workspace: pii-analysts (holds pii-read) has ana and bob; cy holds pii-read directly; gus has nothing.
const QByteArray kDataset = R"({
  "me": "admin@acme.example",
  "users": [
    {"id": "1", "userName": "admin@acme.example", "active": true},
    {"id": "2", "userName": "ana@acme.example", "active": true},
    {"id": "3", "userName": "bob@acme.example", "active": true},
    {"id": "4", "userName": "cy@acme.example", "active": true,
     "roles": [{"value": "arn:aws:iam::123456789012:instance-profile/pii-read"}]},
    {"id": "5", "userName": "gus@acme.example", "active": true}
  ],
  "groups": [
    {"id": "10", "displayName": "pii-analysts", "meta": {"resourceType": "Group"},
     "members": [{"value": "2"}, {"value": "3"}],
     "roles": [{"value": "arn:aws:iam::123456789012:instance-profile/pii-read"}]}
  ],
  "servicePrincipals": []
})";

// The IdP: dbx-pii-analysts has ana (bob is gone from it); cy is deprovisioned and in no group.
const QByteArray kIdpCsv = "group,user,status\n"
                           "dbx-pii-analysts,ana@acme.example,active\n"
                           ",cy@acme.example,deprovisioned\n";

const QByteArray kPolicy = R"({
  "idp": {"type": "file", "path": "idp.csv"},
  "rules": [
    {"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analysts"},
    {"idpGroup": "dbx-pii-analysts", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"}
  ]
})";

// An IdP that answers however a test scripts it, to exercise what a real source might do wrong.
class ScriptedSource : public IdpSource
{
public:
    std::function<void(ScriptedSource&, const QStringList&)> onGroups;
    std::function<void(ScriptedSource&, const QStringList&)> onLookups = [](ScriptedSource& s, const QStringList& l) {
        s.answerLookups({}, l);
    };
    QStringList askedLogins;
    IdpLookupKey askedBy = IdpLookupKey::Login;
    int cancels = 0;

    QString label() const override { return QStringLiteral("Scripted IdP"); }
    void loadGroups(const QStringList& names) override
    {
        QMetaObject::invokeMethod(
            this, [this, names] { onGroups(*this, names); }, Qt::QueuedConnection);
    }
    void lookupUsers(const QStringList& logins, IdpLookupKey key) override
    {
        askedLogins = logins;
        askedBy = key;
        QMetaObject::invokeMethod(
            this, [this, logins] { onLookups(*this, logins); }, Qt::QueuedConnection);
    }
    void cancel() override { ++cancels; }

    void answerGroups(const QList<IdpGroup>& groups) { emit groupsLoaded(groups); }
    void answerLookups(const QList<IdpUser>& found, const QStringList& notFound)
    {
        emit usersLookedUp(found, notFound);
    }
    void fail(const QString& message) { emit failed(message); }
};

using Script = std::function<void(ScriptedSource&, const QStringList&)>;

IdpUser person(const QString& login, IdpUserStatus status = IdpUserStatus::Active)
{
    IdpUser user;
    user.login = login;
    user.status = status;
    return user;
}

Policy parsePolicy(const QByteArray& json, const QString& dir)
{
    QString error;
    const std::optional<Policy> policy = PolicyParser::parse(json, dir, &error);
    if (!policy)
        qFatal("policy: %s", qPrintable(error));
    return *policy;
}

// Runs one review to its single answer.
struct Outcome
{
    std::optional<DriftReviewResult> result;
    QString error;
    bool cancelled = false;
    int answers = 0;
};

template <typename Start> Outcome runReview(DriftReview& review, Start start, int timeoutMs = 30000)
{
    Outcome outcome;
    QSignalSpy finished(&review, &DriftReview::finished);
    QSignalSpy failed(&review, &DriftReview::failed);
    QSignalSpy cancelled(&review, &DriftReview::cancelled);
    start();
    // A timeout shows as zero answers, which every test checks.
    (void)QTest::qWaitFor([&] { return finished.size() + failed.size() + cancelled.size() > 0; }, timeoutMs);
    QTest::qWait(100); // a second answer would arrive here
    outcome.answers = int(finished.size() + failed.size() + cancelled.size());
    if (!finished.isEmpty())
        outcome.result = finished.first().first().value<DriftReviewResult>();
    if (!failed.isEmpty())
        outcome.error = failed.first().first().toString();
    outcome.cancelled = !cancelled.isEmpty();
    return outcome;
}

SnapshotPtr snapshotWithWarning()
{
    User user;
    user.id = QStringLiteral("1");
    user.userName = QStringLiteral("ana@acme.example");
    Group group;
    group.id = QStringLiteral("10");
    group.displayName = QStringLiteral("pii-analysts");
    SnapshotInfo info;
    info.connectionName = QStringLiteral("prod");
    info.warnings = {QStringLiteral("The server ended the Users listing early at 100 of 250."),
                     QStringLiteral("Another warning.")};
    return DirectorySnapshot::build({user}, {group}, {}, info);
}

// The kDataset workspace as a loaded snapshot, for reviews that are handed one (startAwaitingSnapshot).
SnapshotPtr loadedSnapshot()
{
    auto user = [](const char* id, const char* name) {
        User u;
        u.id = QString::fromLatin1(id);
        u.userName = QString::fromLatin1(name);
        return u;
    };
    Group group;
    group.id = QStringLiteral("10");
    group.displayName = QStringLiteral("pii-analysts");
    group.members = {{QStringLiteral("2"), QString(), PrincipalKind::User},
                     {QStringLiteral("3"), QString(), PrincipalKind::User}};
    SnapshotInfo info;
    info.connectionName = QStringLiteral("prod");
    info.meId = QStringLiteral("1");
    return DirectorySnapshot::build(
        {user("1", "admin@acme.example"), user("2", "ana@acme.example"), user("3", "bob@acme.example")}, {group}, {},
        info);
}

// An IdP whose group answer waits until the test releases it.
struct HeldSource : ScriptedSource
{
    HeldSource()
    {
        onGroups = [](ScriptedSource& s, const QStringList& names) { static_cast<HeldSource&>(s).asked = names; };
    }
    void release() { answerGroups({{{}, asked.value(0), {person(QStringLiteral("ana@acme.example"))}}}); }
    QStringList asked;
};

} // namespace

Q_DECLARE_METATYPE(Script)

class TestDriftReview final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reviewsBothSidesAndLooksUpTheRest();
    void idpTimeIsThatOfItsLastAnswer();
    void looksUpByEmailWhenThePolicyMatchesByEmail();
    void acceptsALoadedSnapshot();
    void incompleteSnapshotIsAnError();
    void databricksFailureNamesDatabricks();
    void idpFailures_data();
    void idpFailures();
    void policyNamesAMissingDatabricksGroup();
    void cancelAnswersOnceAndSilencesTheRest();
    void awaitedSnapshotAfterGroups();
    void awaitedSnapshotBeforeGroups();
    void awaitedDatabricksFailure();
    void idpFailureDoesNotWaitForDatabricks();
    void cancelWhileAwaitingSnapshot();

private:
    LoadRequest request() const;

    std::unique_ptr<test::EmulatorHost> m_host;
    QTemporaryDir m_dir;
};

void TestDriftReview::initTestCase()
{
    QString error;
    std::optional<Dataset> dataset = Dataset::fromJson(kDataset, &error);
    QVERIFY2(dataset, qPrintable(error));
    m_host = std::make_unique<test::EmulatorHost>(emulator::EmulatorOptions(), *dataset);
    QVERIFY2(m_host->isRunning(), qPrintable(m_host->errorString()));
    QVERIFY(m_dir.isValid());
    QFile idp(m_dir.filePath(QStringLiteral("idp.csv")));
    QVERIFY(idp.open(QIODevice::WriteOnly));
    idp.write(kIdpCsv);
}

LoadRequest TestDriftReview::request() const
{
    LoadRequest request;
    request.connectionName = QStringLiteral("emulator");
    request.scimBaseUrl = m_host->workspaceScimUrl();
    request.token = m_host->token().toUtf8();
    return request;
}

void TestDriftReview::idpTimeIsThatOfItsLastAnswer()
{
    // Look-ups can take minutes after the groups against a rate-limited org: the review's IdP time is when the
    // last of them answered, not when the groups came in.
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    FileIdpSource source(policy.idpFilePath());
    DriftReview review;
    const QDateTime start(QDate(2026, 12, 6), QTime(9, 0), Qt::UTC);
    int calls = 0;
    review.setClock([&] { return start.addSecs(240 * calls++); });
    const Outcome outcome = runReview(review, [&] { review.start(request(), &source, policy); });
    QVERIFY2(outcome.result, qPrintable(outcome.error));
    QVERIFY(!outcome.result->idp.lookedUp.isEmpty() || !outcome.result->idp.notFound.isEmpty());
    QCOMPARE(calls, 2); // the groups, then the look-ups
    QCOMPARE(outcome.result->idp.loadedAt, start.addSecs(240));
}

void TestDriftReview::reviewsBothSidesAndLooksUpTheRest()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    FileIdpSource source(policy.idpFilePath());
    DriftReview review;
    QSignalSpy databricksProgress(&review, &DriftReview::databricksProgress);
    QSignalSpy idpProgress(&review, &DriftReview::idpProgress);
    const Outcome outcome = runReview(review, [&] { review.start(request(), &source, policy); });
    QVERIFY2(outcome.result, qPrintable(outcome.error));
    QCOMPARE(outcome.answers, 1);
    QVERIFY(!databricksProgress.isEmpty());
    QCOMPARE(idpProgress.size(), 2); // groups, then the look-up

    const DriftReviewResult& result = *outcome.result;
    QVERIFY(result.snapshot);
    QCOMPARE(result.snapshot->info().meId, QStringLiteral("1"));
    QCOMPARE(result.idp.sourceLabel, source.label());
    QCOMPARE(result.idp.groups.size(), 1);
    // bob (pii-analysts, in no loaded IdP group) and cy (pii-read directly) were looked up; cy was found.
    QCOMPARE(result.idp.lookedUp.size(), 1);
    QCOMPARE(result.idp.lookedUp.first().login, QStringLiteral("cy@acme.example"));
    QCOMPARE(result.idp.notFound, QStringList{QStringLiteral("bob@acme.example")});

    QStringList kinds;
    for (const Finding& finding : result.report.findings())
        kinds.append(findingKindName(finding.kind) + QLatin1Char(' ') + finding.principal.userName);
    QCOMPARE(kinds, (QStringList{"role-without-grant bob@acme.example", "role-without-grant cy@acme.example",
                                 "member-without-grant bob@acme.example", "deprovisioned-active cy@acme.example",
                                 "unknown-in-idp bob@acme.example"}));
}

// "match": "email", and every IdP login differs from the email: ana is matched through the group, bob and cy only
// by a look-up by email. bob's email belongs to two IdP people, one of them suspended: the restrictive one wins.
void TestDriftReview::looksUpByEmailWhenThePolicyMatchesByEmail()
{
    QFile idp(m_dir.filePath(QStringLiteral("idp-email.csv")));
    QVERIFY(idp.open(QIODevice::WriteOnly));
    idp.write("group,user,status,email\n"
              "dbx-pii-analysts,a.lee@corp.example,active,ana@acme.example\n"
              ",c.young@corp.example,deprovisioned,cy@acme.example\n"
              ",b.one@corp.example,active,bob@acme.example\n"
              ",b.two@corp.example,suspended,BOB@acme.example\n");
    idp.close();
    QByteArray json = kPolicy;
    json.replace(R"("path": "idp.csv"},)", R"("path": "idp-email.csv"}, "match": "email",)");
    const Policy policy = parsePolicy(json, m_dir.path());
    QCOMPARE(policy.match(), MatchAttribute::Email);
    FileIdpSource source(policy.idpFilePath());
    DriftReview review;
    const Outcome outcome = runReview(review, [&] { review.start(request(), &source, policy); });
    QVERIFY2(outcome.result, qPrintable(outcome.error));
    QCOMPARE(outcome.answers, 1);

    const DriftReviewResult& result = *outcome.result;
    QCOMPARE(result.idp.lookedUpBy, IdpLookupKey::Email);
    QStringList lookedUp;
    for (const IdpUser& user : result.idp.lookedUp)
        lookedUp.append(user.login);
    QCOMPARE(lookedUp, (QStringList{"b.one@corp.example", "b.two@corp.example", "c.young@corp.example"}));
    QVERIFY(result.idp.notFound.isEmpty());

    QStringList kinds;
    for (const Finding& finding : result.report.findings())
        kinds.append(findingKindName(finding.kind) + QLatin1Char(' ') + finding.principal.userName);
    QCOMPARE(kinds, (QStringList{"role-without-grant bob@acme.example", "role-without-grant cy@acme.example",
                                 "member-without-grant bob@acme.example", "deprovisioned-active bob@acme.example",
                                 "deprovisioned-active cy@acme.example"}));
}

void TestDriftReview::acceptsALoadedSnapshot()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    FileIdpSource source(policy.idpFilePath());
    DriftReview first;
    const Outcome loaded = runReview(first, [&] { first.start(request(), &source, policy); });
    QVERIFY2(loaded.result, qPrintable(loaded.error));

    DriftReview review;
    QSignalSpy databricksProgress(&review, &DriftReview::databricksProgress);
    const Outcome outcome = runReview(review, [&] { review.start(loaded.result->snapshot, &source, policy); });
    QVERIFY2(outcome.result, qPrintable(outcome.error));
    QCOMPARE(databricksProgress.size(), 0); // nothing loaded again
    QCOMPARE(outcome.result->report, loaded.result->report);
}

void TestDriftReview::incompleteSnapshotIsAnError()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    FileIdpSource source(policy.idpFilePath());
    DriftReview review;
    const Outcome outcome = runReview(review, [&] { review.start(snapshotWithWarning(), &source, policy); });
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.answers, 1);
    QCOMPARE(outcome.error, QStringLiteral("Databricks (prod): the listing is incomplete (The server ended the Users "
                                           "listing early at 100 of 250; 1 more warning(s)), and drift is never "
                                           "computed from partial data."));
}

void TestDriftReview::databricksFailureNamesDatabricks()
{
    m_host->updateOptions([](emulator::EmulatorOptions& options) {
        options.failPath = QStringLiteral("/Users");
        options.failStatus = 404;
    });
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    ScriptedSource source;
    source.onGroups = [](ScriptedSource& s, const QStringList&) {
        s.answerGroups({IdpGroup{{}, QStringLiteral("dbx-pii-analysts"), {}}});
    };
    DriftReview review;
    const Outcome outcome = runReview(review, [&] { review.start(request(), &source, policy); });
    m_host->setOptions(emulator::EmulatorOptions());
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.answers, 1);
    QVERIFY2(outcome.error.startsWith(QStringLiteral("Databricks (emulator): ")), qPrintable(outcome.error));
}

void TestDriftReview::idpFailures_data()
{
    QTest::addColumn<Script>("groups");
    QTest::addColumn<Script>("lookups");
    QTest::addColumn<QString>("error");

    const Script allGroups = [](ScriptedSource& s, const QStringList& names) {
        QList<IdpGroup> groups;
        for (const QString& name : names)
            groups.append({{}, name.toUpper(), {person(QStringLiteral("ana@acme.example"))}});
        s.answerGroups(groups);
    };
    const Script everyoneUnknown = [](ScriptedSource& s, const QStringList& logins) { s.answerLookups({}, logins); };

    QTest::newRow("the source fails, naming itself")
        << Script([](ScriptedSource& s, const QStringList&) { s.fail(QStringLiteral("Scripted IdP: throttled out.")); })
        << everyoneUnknown << QStringLiteral("Scripted IdP: throttled out.");
    QTest::newRow("the source fails without its name")
        << Script([](ScriptedSource& s, const QStringList&) { s.fail(QStringLiteral("The group x does not exist.")); })
        << everyoneUnknown << QStringLiteral("Scripted IdP: The group x does not exist.");
    QTest::newRow("a group asked for is missing from the answer")
        << Script([](ScriptedSource& s, const QStringList&) { s.answerGroups({}); }) << everyoneUnknown
        << QStringLiteral("Scripted IdP did not return the group dbx-pii-analysts it was asked for; a group that "
                          "cannot be read is never treated as empty.");
    QTest::newRow("a login asked about gets no answer")
        << allGroups << Script([](ScriptedSource& s, const QStringList& logins) { s.answerLookups({}, logins.mid(1)); })
        << QStringLiteral("Scripted IdP gave no answer about bob@acme.example; without one, drift for this user "
                          "cannot be judged.");
    QTest::newRow("the look-up fails") << allGroups << Script([](ScriptedSource& s, const QStringList&) {
        s.fail(QStringLiteral("Scripted IdP: 401 Unauthorized."));
    }) << QStringLiteral("Scripted IdP: 401 Unauthorized.");
    QTest::newRow("an IdP member without a login") << Script([](ScriptedSource& s, const QStringList& names) {
        s.answerGroups({{{}, names.first(), {person(QString())}}});
    }) << everyoneUnknown
                                                   << QStringLiteral("Scripted IdP lists a member in dbx-pii-analysts "
                                                                     "without a login, which the policy matches "
                                                                     "people by.");
}

void TestDriftReview::idpFailures()
{
    QFETCH(Script, groups);
    QFETCH(Script, lookups);
    QFETCH(QString, error);
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    ScriptedSource source;
    source.onGroups = groups;
    source.onLookups = lookups;
    DriftReview review;
    const Outcome outcome = runReview(review, [&] { review.start(request(), &source, policy); });
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.answers, 1);
    QCOMPARE(outcome.error, error);
}

void TestDriftReview::policyNamesAMissingDatabricksGroup()
{
    const Policy policy = parsePolicy(R"({"idp": {"type": "file", "path": "idp.csv"},
        "rules": [{"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analyst"}]})",
                                      m_dir.path());
    FileIdpSource source(policy.idpFilePath());
    DriftReview review;
    const Outcome outcome = runReview(review, [&] { review.start(request(), &source, policy); });
    QVERIFY(!outcome.result);
    QCOMPARE(outcome.error, QStringLiteral("The policy's rules[0] names the Databricks group pii-analyst, which does "
                                           "not exist in Databricks (emulator)."));
}

void TestDriftReview::cancelAnswersOnceAndSilencesTheRest()
{
    m_host->updateOptions([](emulator::EmulatorOptions& options) { options.latencyMs = 300; });
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    ScriptedSource source;
    source.onGroups = [](ScriptedSource& s, const QStringList& names) {
        s.answerGroups({{{}, names.first(), {person(QStringLiteral("ana@acme.example"))}}});
    };
    DriftReview review;
    const Outcome outcome = runReview(review, [&] {
        review.start(request(), &source, policy);
        QTimer::singleShot(50, &review, &DriftReview::cancel);
    });
    m_host->setOptions(emulator::EmulatorOptions());
    QVERIFY(outcome.cancelled);
    QCOMPARE(outcome.answers, 1);
    QVERIFY(source.cancels >= 1);
    QVERIFY(!review.isRunning());
    QTest::qWait(500); // the emulator's late answers change nothing
}

// The GUI's way: the IdP side starts at once, Databricks is loaded elsewhere and handed over when it is in.
void TestDriftReview::awaitedSnapshotAfterGroups()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    ScriptedSource source;
    source.onGroups = [](ScriptedSource& s, const QStringList& names) {
        s.answerGroups({{{}, names.first(), {person(QStringLiteral("ana@acme.example"))}}});
    };
    QSignalSpy groupsLoaded(&source, &IdpSource::groupsLoaded);
    DriftReview review;
    QSignalSpy finished(&review, &DriftReview::finished);
    QSignalSpy failed(&review, &DriftReview::failed);
    QSignalSpy lookups(&review, &DriftReview::idpLookupsStarted);
    review.startAwaitingSnapshot(&source, policy, QStringLiteral("prod"));
    QVERIFY(review.isAwaitingSnapshot());
    QTRY_COMPARE(groupsLoaded.size(), 1);
    // The groups are in; without Databricks there is nothing to compare yet.
    QVERIFY(review.isRunning());
    QCOMPARE(finished.size() + failed.size(), 0);
    QCOMPARE(lookups.size(), 0);

    review.provideSnapshot(loadedSnapshot());
    QVERIFY(!review.isAwaitingSnapshot());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(lookups.size(), 1);
    QCOMPARE(lookups.first().first().toInt(), 1); // bob: in pii-analysts, in no loaded IdP group
    QCOMPARE(source.askedLogins, QStringList{QStringLiteral("bob@acme.example")});
    const auto result = finished.first().first().value<DriftReviewResult>();
    QCOMPARE(result.snapshot->info().connectionName, QStringLiteral("prod"));
    QCOMPARE(result.report.count(FindingKind::MemberWithoutGrant), 1);
    // Handed over twice: the second one is not a second review.
    review.provideSnapshot(loadedSnapshot());
    QVERIFY(!review.isRunning());
    QCOMPARE(finished.size(), 1);
}

void TestDriftReview::awaitedSnapshotBeforeGroups()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    HeldSource source;
    DriftReview review;
    QSignalSpy finished(&review, &DriftReview::finished);
    QSignalSpy failed(&review, &DriftReview::failed);
    review.startAwaitingSnapshot(&source, policy);
    QTRY_COMPARE(source.asked, QStringList{QStringLiteral("dbx-pii-analysts")});
    review.provideSnapshot(loadedSnapshot());
    QVERIFY(!review.isAwaitingSnapshot());
    QVERIFY(review.isRunning()); // waits for the IdP groups
    QCOMPARE(finished.size() + failed.size(), 0);
    source.release();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0);
    // The connection's name came with the snapshot.
    QCOMPARE(finished.first().first().value<DriftReviewResult>().snapshot->info().connectionName,
             QStringLiteral("prod"));
}

void TestDriftReview::awaitedDatabricksFailure()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    HeldSource source;
    DriftReview review;
    QSignalSpy finished(&review, &DriftReview::finished);
    QSignalSpy failed(&review, &DriftReview::failed);
    QSignalSpy cancelled(&review, &DriftReview::cancelled);
    review.startAwaitingSnapshot(&source, policy, QStringLiteral("prod"));
    QTRY_VERIFY(!source.asked.isEmpty());
    review.databricksFailed(QStringLiteral("The token was rejected (401). "));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(), QStringLiteral("Databricks (prod): The token was rejected (401)."));
    QVERIFY(!review.isRunning());
    QVERIFY(source.cancels >= 1); // the IdP side stops too
    // Whatever either side still says changes nothing: never drift from partial data.
    source.release();
    review.provideSnapshot(loadedSnapshot());
    review.databricksFailed(QStringLiteral("again"));
    QTest::qWait(50);
    QCOMPARE(finished.size() + failed.size() + cancelled.size(), 1);
}

void TestDriftReview::idpFailureDoesNotWaitForDatabricks()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    ScriptedSource source;
    source.onGroups = [](ScriptedSource& s, const QStringList&) { s.fail(QStringLiteral("Scripted IdP: 403.")); };
    DriftReview review;
    QSignalSpy finished(&review, &DriftReview::finished);
    QSignalSpy failed(&review, &DriftReview::failed);
    review.startAwaitingSnapshot(&source, policy, QStringLiteral("prod"));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(), QStringLiteral("Scripted IdP: 403."));
    QVERIFY(!review.isAwaitingSnapshot());
    review.provideSnapshot(loadedSnapshot()); // too late: ignored
    QTest::qWait(50);
    QCOMPARE(finished.size() + failed.size(), 1);
}

void TestDriftReview::cancelWhileAwaitingSnapshot()
{
    const Policy policy = parsePolicy(kPolicy, m_dir.path());
    HeldSource source;
    DriftReview review;
    QSignalSpy finished(&review, &DriftReview::finished);
    QSignalSpy failed(&review, &DriftReview::failed);
    QSignalSpy cancelled(&review, &DriftReview::cancelled);
    review.startAwaitingSnapshot(&source, policy);
    QTRY_VERIFY(!source.asked.isEmpty());
    review.cancel();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(source.cancels >= 1);
    QVERIFY(!review.isRunning());
    source.release();
    review.provideSnapshot(loadedSnapshot());
    review.databricksFailed(QStringLiteral("late"));
    QTest::qWait(50);
    QCOMPARE(finished.size() + failed.size() + cancelled.size(), 1);
}

QTEST_GUILESS_MAIN(TestDriftReview)
#include "tst_driftreview.moc"
