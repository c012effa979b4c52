// The SCIM client against the emulator over real loopback HTTP: paging shapes, throttling, faults, cancel.
#include "EmulatorThread.h"
#include "net/HttpClient.h"
#include "scim/BackgroundDirectoryLoader.h"
#include "scim/DirectoryLoader.h"
#include "scim/ScimClient.h"
#include "scim/ScimLookup.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace scimitar;
using emulator::Dataset;
using emulator::EmulatorOptions;
using emulator::EmulatorThread;
using emulator::ResourceKind;

namespace {

struct LoadOutcome
{
    SnapshotPtr snapshot;
    QString error;
    bool cancelled = false;
};

net::RetryPolicy fastPolicy()
{
    net::RetryPolicy policy;
    policy.baseDelayMs = 20; // keep backoff short in tests; Retry-After values are still honoured as sent
    policy.timeoutMs = 10000;
    return policy;
}

LoadRequest workspaceRequest(const EmulatorThread& emulator, const QString& token = QString())
{
    LoadRequest request;
    request.connectionName = QStringLiteral("emulator");
    request.scimBaseUrl = emulator.workspaceScimUrl();
    request.level = DirectoryLevel::Workspace;
    request.token = (token.isEmpty() ? emulator.options().token : token).toUtf8();
    request.retryPolicy = fastPolicy();
    return request;
}

LoadOutcome load(const LoadRequest& request, int timeoutMs = 60000)
{
    DirectoryLoader loader;
    LoadOutcome outcome;
    QEventLoop loop;
    QObject::connect(&loader, &DirectoryLoader::finished, &loop, [&](SnapshotPtr snapshot) {
        outcome.snapshot = std::move(snapshot);
        loop.quit();
    });
    QObject::connect(&loader, &DirectoryLoader::failed, &loop, [&](const QString& message) {
        outcome.error = message;
        loop.quit();
    });
    QObject::connect(&loader, &DirectoryLoader::cancelled, &loop, [&] {
        outcome.cancelled = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        outcome.error = QStringLiteral("test timed out");
        loop.quit();
    });
    loader.start(request);
    loop.exec();
    return outcome;
}

QSet<QString> idsOf(const SnapshotPtr& snapshot)
{
    QSet<QString> ids;
    for (const User& user : snapshot->users())
        ids.insert(user.id);
    return ids;
}

int countRequests(const EmulatorThread& emulator, const QString& needle, int status = -1)
{
    int n = 0;
    for (const auto& request : emulator.stats().requests)
        if (request.pathAndQuery.contains(needle) && (status < 0 || request.status == status))
            ++n;
    return n;
}

} // namespace

Q_DECLARE_METATYPE(scimitar::emulator::Fault)

class TestScimClient final : public QObject
{
    Q_OBJECT

private slots:
    void loadsACompleteWorkspace();
    void pagingShapes_data();
    void pagingShapes();
    void totalResultsChangingMidListing_data();
    void totalResultsChangingMidListing();
    void missingResourcesIsAnError();
    void repeatingServerFails();
    void lookupByIdPagesAndSplits_data();
    void lookupByIdPagesAndSplits();
    void throttlingIsRetried_data();
    void throttlingIsRetried();
    void persistentThrottlingFailsClearly();
    void gatewayErrorsAreRetriedThenNamed_data();
    void gatewayErrorsAreRetriedThenNamed();
    void wrongTokenSaysSo();
    void malformedJsonFails();
    void timeoutFails();
    void cancelStopsTheLoad();
    void backgroundLoaderRestartsCleanly();
    void accountGroupsGetTheirMembers();
    void failingRequestIsNamed();
    void plainHttpToRemoteHostIsRefused();
};

void TestScimClient::loadsACompleteWorkspace()
{
    const Dataset dataset = Dataset::generate(250, 60, 7);
    EmulatorThread emulator(dataset);
    QVERIFY2(!emulator.start().isEmpty(), qPrintable(emulator.errorString()));
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(outcome.snapshot);
    QVERIFY2(outcome.snapshot->isComplete(), qPrintable(outcome.snapshot->info().warnings.join(QLatin1Char('\n'))));
    QCOMPARE(outcome.snapshot->users().size(), dataset.count(ResourceKind::User));
    QCOMPARE(outcome.snapshot->groups().size(), dataset.count(ResourceKind::Group));
    QCOMPARE(outcome.snapshot->servicePrincipals().size(), dataset.count(ResourceKind::ServicePrincipal));
    QCOMPARE(outcome.snapshot->info().meUserName, dataset.me());

    // Members arrive with the workspace group list, so no group is fetched one by one.
    QCOMPARE(countRequests(emulator, QStringLiteral("/Groups/")), 0);
    // Pages ask for 100 and slim the payload with attributes.
    QVERIFY(countRequests(emulator, QStringLiteral("Users?startIndex=101&count=100&attributes=")) == 1);
    // Every membership the emulator knows shows up in the snapshot.
    int memberships = 0;
    for (const QString& groupId : dataset.ids(ResourceKind::Group))
        memberships += dataset.resource(ResourceKind::Group, groupId).value(QLatin1String("members")).toArray().size();
    int loaded = 0;
    for (const Group& group : outcome.snapshot->groups())
        loaded += group.members.size();
    QCOMPARE(loaded, memberships);
}

void TestScimClient::pagingShapes_data()
{
    QTest::addColumn<int>("maxPageSize");
    QTest::addColumn<bool>("uneven");
    QTest::addColumn<bool>("omitMembers");
    QTest::addColumn<int>("latencyMs");
    QTest::addColumn<bool>("ignoreCount");
    QTest::newRow("server caps pages at 1") << 1 << false << false << 0 << false;
    QTest::newRow("server caps pages at 7") << 7 << false << false << 0 << false;
    QTest::newRow("server caps pages at 37") << 37 << false << false << 0 << false;
    QTest::newRow("server caps pages at 100") << 100 << false << false << 0 << false;
    QTest::newRow("count ignored, pages of 7") << 7 << false << false << 0 << true;
    QTest::newRow("count ignored, pages of 1000") << 1000 << false << false << 0 << true;
    QTest::newRow("uneven pages") << 100 << true << false << 0 << false;
    QTest::newRow("uneven pages capped at 23") << 23 << true << false << 0 << false;
    QTest::newRow("members omitted from group lists") << 100 << false << true << 0 << false;
    QTest::newRow("slow server, overlapping requests") << 50 << false << true << 40 << false;
}

void TestScimClient::pagingShapes()
{
    QFETCH(int, maxPageSize);
    QFETCH(bool, uneven);
    QFETCH(bool, omitMembers);
    QFETCH(int, latencyMs);
    QFETCH(bool, ignoreCount);
    const Dataset dataset = Dataset::generate(430, 90, 11);
    EmulatorOptions options;
    options.ignoreCount = ignoreCount;
    options.maxPageSize = maxPageSize;
    options.unevenPages = uneven;
    options.omitMembersInLists = omitMembers;
    options.latencyMs = latencyMs;
    EmulatorThread emulator(dataset, options);
    QVERIFY(!emulator.start().isEmpty());
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY2(outcome.snapshot->isComplete(), qPrintable(outcome.snapshot->info().warnings.join(QLatin1Char('\n'))));
    QCOMPARE(outcome.snapshot->users().size(), dataset.count(ResourceKind::User));
    QCOMPARE(idsOf(outcome.snapshot).size(), dataset.count(ResourceKind::User));
    QCOMPARE(outcome.snapshot->groups().size(), dataset.count(ResourceKind::Group));
    for (const Group& group : outcome.snapshot->groups()) {
        const int expected =
            dataset.resource(ResourceKind::Group, group.id).value(QLatin1String("members")).toArray().size();
        QCOMPARE(group.members.size(), expected);
    }
    // Databricks rejects more than 4 concurrent requests per workspace; we never send more.
    QVERIFY2(emulator.stats().peakInFlight <= 4, qPrintable(QString::number(emulator.stats().peakInFlight)));
    QCOMPARE(countRequests(emulator, QString(), 500), 0);
    if (latencyMs > 0)
        QVERIFY(emulator.stats().peakInFlight > 1); // pages really do go out concurrently
}

void TestScimClient::totalResultsChangingMidListing_data()
{
    QTest::addColumn<int>("growTimes");
    QTest::addColumn<bool>("completes");
    // Growing during the first read only: the second read, from the start, is consistent.
    QTest::newRow("changes once, read again") << 1 << true;
    // Growing on every request: never consistent, so it fails clearly instead of returning a shifted list.
    QTest::newRow("keeps changing") << 0 << false;
}

void TestScimClient::totalResultsChangingMidListing()
{
    QFETCH(int, growTimes);
    QFETCH(bool, completes);
    const Dataset dataset = Dataset::generate(300, 20, 3);
    EmulatorOptions options;
    options.growTotalPerListRequest = 7;
    options.growTotalTimes = growTimes;
    EmulatorThread emulator(dataset, options);
    QVERIFY(!emulator.start().isEmpty());
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    if (!completes) {
        QVERIFY(!outcome.snapshot);
        QVERIFY2(outcome.error.contains(QLatin1String("Listing users: the server's pages contradicted each other "
                                                      "twice (totalResults went from")),
                 qPrintable(outcome.error));
        return;
    }
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(outcome.snapshot->isComplete());
    QVERIFY2(outcome.snapshot->info().notes.join(QLatin1Char(' ')).contains(QLatin1String("read again from the start")),
             qPrintable(outcome.snapshot->info().notes.join(QLatin1Char(' '))));
    const QSet<QString> loaded = idsOf(outcome.snapshot);
    QCOMPARE(loaded.size(), outcome.snapshot->users().size()); // no duplicates
    QCOMPARE(loaded.size(), dataset.count(ResourceKind::User) + 7);
    for (const QString& id : dataset.ids(ResourceKind::User))
        QVERIFY2(loaded.contains(id), qPrintable(id)); // nobody who existed at the start is missing
}

void TestScimClient::missingResourcesIsAnError()
{
    const Dataset dataset = Dataset::generate(250, 10, 5);
    EmulatorOptions options;
    options.omitResourcesAfter = 100;
    EmulatorThread emulator(dataset, options);
    QVERIFY(!emulator.start().isEmpty());
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY(!outcome.snapshot); // never a shorter list that looks whole
    QVERIFY2(outcome.error.contains(QLatin1String("it reported 250 but sent 100; positions 101-250 never arrived")),
             qPrintable(outcome.error));
}

void TestScimClient::repeatingServerFails()
{
    const Dataset dataset = Dataset::generate(350, 10, 5);
    EmulatorOptions options;
    options.repeatFirstPage = true;
    EmulatorThread emulator(dataset, options);
    QVERIFY(!emulator.start().isEmpty());
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(QLatin1String("came at position 1 and again at ")), qPrintable(outcome.error));
    QVERIFY(countRequests(emulator, QStringLiteral("/Users?")) < 20);
}

void TestScimClient::lookupByIdPagesAndSplits_data()
{
    QTest::addColumn<int>("pageCap");
    QTest::addColumn<bool>("ignoreCount");
    QTest::newRow("pages of 1") << 1 << false;
    QTest::newRow("pages of 7") << 7 << false;
    QTest::newRow("pages of 100") << 100 << false;
    QTest::newRow("count ignored, pages of 7") << 7 << true;
}

// Looking up 130 users by id (plus two that do not exist): every name arrives whatever the page cap, each filter
// stays bounded, and only the two absent ids are "not found".
void TestScimClient::lookupByIdPagesAndSplits()
{
    QFETCH(int, pageCap);
    QFETCH(bool, ignoreCount);
    const Dataset dataset = Dataset::generate(150, 5, 9);
    EmulatorOptions options;
    options.maxPageSize = pageCap;
    options.ignoreCount = ignoreCount;
    EmulatorThread emulator(dataset, options);
    QVERIFY(!emulator.start().isEmpty());

    net::HttpClient http;
    http.setAuthorization("Bearer " + options.token.toUtf8());
    http.setRetryPolicy(fastPolicy());
    ScimClient scim(&http, emulator.workspaceScimUrl());
    ScimLookup lookup(&scim);
    QList<ScimLookup::ObjectRef> wanted;
    const QStringList ids = dataset.ids(ResourceKind::User).mid(0, 130);
    for (const QString& id : ids)
        wanted.append({PrincipalKind::User, id});
    wanted.append({PrincipalKind::User, QStringLiteral("no-such-user-1")});
    wanted.append({PrincipalKind::User, QStringLiteral("no-such-user-2")});

    QHash<QString, ScimLookup::Name> names;
    bool done = false;
    lookup.readNames(wanted, [&](const QHash<QString, ScimLookup::Name>& answer) {
        names = answer;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
    QCOMPARE(names.size(), 132);
    for (const QString& id : ids) {
        const ScimLookup::Name name = names.value(ScimLookup::key(PrincipalKind::User, id));
        QVERIFY2(name.error.isEmpty(), qPrintable(name.error));
        QCOMPARE(name.name, dataset.resource(ResourceKind::User, id).value(QLatin1String("userName")).toString());
    }
    const ScimLookup::Name absent = names.value(ScimLookup::key(PrincipalKind::User, QStringLiteral("no-such-user-1")));
    QVERIFY(absent.notFound);
    QVERIFY2(absent.error.contains(QLatin1String("was not found")), qPrintable(absent.error));
    // Each filter names at most kIdsPerFilter ids, so no expression comes near Databricks' 200-node cap.
    for (const auto& request : emulator.stats().requests) {
        const qsizetype terms =
            request.pathAndQuery.count(QLatin1String("id%20eq")) + request.pathAndQuery.count(QLatin1String("id eq"));
        QVERIFY2(terms <= ScimLookup::kIdsPerFilter, qPrintable(request.pathAndQuery.left(200)));
    }
}

void TestScimClient::throttlingIsRetried_data()
{
    QTest::addColumn<int>("throttleEvery");
    QTest::addColumn<QString>("retryAfter");
    QTest::addColumn<int>("limitExceededEvery");
    QTest::addColumn<int>("unavailableEvery");
    QTest::addColumn<int>("dropEvery");
    QTest::addColumn<int>("expectedStatus");
    QTest::newRow("429 with fractional Retry-After") << 3 << QStringLiteral("0.2") << 0 << 0 << 0 << 429;
    QTest::newRow("429 with integer Retry-After") << 6 << QStringLiteral("1") << 0 << 0 << 0 << 429;
    QTest::newRow("429 without Retry-After") << 6 << QString() << 0 << 0 << 0 << 429;
    QTest::newRow("500 REQUEST_LIMIT_EXCEEDED") << 0 << QString() << 3 << 0 << 0 << 500;
    QTest::newRow("503") << 0 << QString() << 0 << 4 << 0 << 503;
    QTest::newRow("dropped connections") << 0 << QString() << 0 << 0 << 4 << 0;
}

void TestScimClient::throttlingIsRetried()
{
    QFETCH(int, throttleEvery);
    QFETCH(QString, retryAfter);
    QFETCH(int, limitExceededEvery);
    QFETCH(int, unavailableEvery);
    QFETCH(int, dropEvery);
    QFETCH(int, expectedStatus);
    const Dataset dataset = Dataset::generate(260, 30, 9);
    EmulatorOptions options;
    options.throttleEvery = throttleEvery;
    options.retryAfter = retryAfter;
    options.limitExceededEvery = limitExceededEvery;
    options.unavailableEvery = unavailableEvery;
    options.dropConnectionEvery = dropEvery;
    EmulatorThread emulator(dataset, options);
    QVERIFY(!emulator.start().isEmpty());

    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(outcome.snapshot->isComplete());
    QCOMPARE(outcome.snapshot->users().size(), dataset.count(ResourceKind::User));
    QVERIFY2(countRequests(emulator, QString(), expectedStatus) > 0, "the fault never happened");
}

void TestScimClient::persistentThrottlingFailsClearly()
{
    EmulatorOptions options;
    options.throttleEvery = 1;
    options.retryAfter = QStringLiteral("0.05");
    EmulatorThread emulator(Dataset::generate(20, 3, 1), options);
    QVERIFY(!emulator.start().isEmpty());
    LoadRequest request = workspaceRequest(emulator);
    request.retryPolicy.maxAttempts = 3;
    const LoadOutcome outcome = load(request);
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(QLatin1String("still throttling after 3 attempts")), qPrintable(outcome.error));
    QVERIFY(outcome.error.contains(QLatin1String("/Me")));
    QCOMPARE(emulator.stats().totalRequests, 3);
}

void TestScimClient::gatewayErrorsAreRetriedThenNamed_data()
{
    QTest::addColumn<emulator::Fault>("fault");
    QTest::addColumn<QString>("words");
    QTest::newRow("502") << emulator::Fault::Html502 << QStringLiteral("HTTP 502");
    QTest::newRow("504") << emulator::Fault::Html504 << QStringLiteral("HTTP 504");
}

void TestScimClient::gatewayErrorsAreRetriedThenNamed()
{
    // A gateway's error is usually one bad hop: a read tries again, within its budget, then names the page.
    QFETCH(emulator::Fault, fault);
    QFETCH(QString, words);
    EmulatorOptions options;
    options.faults = {fault};
    options.faultFrom = 1;
    EmulatorThread emulator(Dataset::generate(20, 3, 1), options);
    QVERIFY(!emulator.start().isEmpty());
    LoadRequest request = workspaceRequest(emulator);
    request.retryPolicy.maxAttempts = 3;
    const LoadOutcome outcome = load(request);
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(words), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(QLatin1String("an HTML page titled")), qPrintable(outcome.error));
    QVERIFY(outcome.error.contains(QLatin1String("/Me")));
    QCOMPARE(emulator.stats().totalRequests, 3);
}

void TestScimClient::wrongTokenSaysSo()
{
    EmulatorThread emulator(Dataset::generate(20, 3, 1));
    QVERIFY(!emulator.start().isEmpty());
    const QString wrongToken = QStringLiteral("dapi-wrong-token-0123456789");
    const LoadOutcome outcome = load(workspaceRequest(emulator, wrongToken));
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(QLatin1String("401")), qPrintable(outcome.error));
    QVERIFY(outcome.error.contains(QLatin1String("wrong or has expired")));
    QVERIFY(!outcome.error.contains(wrongToken));
    QVERIFY(!outcome.error.contains(emulator.options().token));
}

void TestScimClient::malformedJsonFails()
{
    EmulatorOptions options;
    options.malformedEvery = 3;
    EmulatorThread emulator(Dataset::generate(250, 10, 2), options);
    QVERIFY(!emulator.start().isEmpty());
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(QLatin1String("malformed JSON")), qPrintable(outcome.error));
}

void TestScimClient::timeoutFails()
{
    EmulatorOptions options;
    options.latencyMs = 3000;
    EmulatorThread emulator(Dataset::generate(5, 2, 2), options);
    QVERIFY(!emulator.start().isEmpty());
    LoadRequest request = workspaceRequest(emulator);
    request.retryPolicy.timeoutMs = 300;
    const LoadOutcome outcome = load(request);
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(QLatin1String("no answer")), qPrintable(outcome.error));
    QVERIFY(outcome.error.contains(QLatin1String("0.3 s")));
}

void TestScimClient::cancelStopsTheLoad()
{
    EmulatorOptions options;
    options.latencyMs = 200;
    EmulatorThread emulator(Dataset::generate(900, 40, 2), options);
    QVERIFY(!emulator.start().isEmpty());
    DirectoryLoader loader;
    QSignalSpy finished(&loader, &DirectoryLoader::finished);
    QSignalSpy failed(&loader, &DirectoryLoader::failed);
    QSignalSpy cancelled(&loader, &DirectoryLoader::cancelled);
    QSignalSpy progress(&loader, &DirectoryLoader::progress);
    loader.start(workspaceRequest(emulator));
    QVERIFY(progress.wait(5000)); // the load is under way
    loader.cancel();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!loader.isRunning());
    const qint64 requestsAtCancel = emulator.stats().totalRequests;
    QTest::qWait(800); // anything still in flight must not surface
    QCOMPARE(finished.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(emulator.stats().totalRequests <= requestsAtCancel + 4);
}

void TestScimClient::backgroundLoaderRestartsCleanly()
{
    // Cancel, then start again at once (what a user pressing Cancel then F5 does): the new load must be the one
    // that answers, and nothing late from the cancelled one may clear its state or show up as its result.
    const Dataset small = Dataset::generate(40, 5, 1);
    EmulatorOptions options;
    options.latencyMs = 150;
    // The cancelled load's requests stay "in flight" at the server until their delayed replies go out (as they
    // would at Databricks); this test is about restart semantics, so the server's concurrency limit is lifted.
    options.maxConcurrent = 0;
    EmulatorThread emulator(Dataset::generate(600, 30, 2), options);
    QVERIFY(!emulator.start().isEmpty());
    BackgroundDirectoryLoader loader;
    QSignalSpy finished(&loader, &BackgroundDirectoryLoader::finished);
    QSignalSpy cancelled(&loader, &BackgroundDirectoryLoader::cancelled);
    QSignalSpy failed(&loader, &BackgroundDirectoryLoader::failed);
    loader.start(workspaceRequest(emulator));
    QTest::qWait(200);
    loader.cancel();
    QVERIFY(!loader.isRunning());
    emulator.setDataset(small); // the second load sees different data, so its result is recognisable
    // While the new load reports progress it is running: a late "cancelled" of the old one did not end it.
    // (Checked at each report, not after a wait: a 40-user load can finish right after its last report.)
    QList<bool> runningAtProgress;
    connect(&loader, &BackgroundDirectoryLoader::progress, this, [&] { runningAtProgress.append(loader.isRunning()); });
    loader.start(workspaceRequest(emulator));
    QVERIFY(finished.wait(20000));
    QVERIFY(!runningAtProgress.isEmpty());
    QVERIFY(!runningAtProgress.contains(false));
    QCOMPARE(cancelled.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.size(), 1);
    const auto snapshot = finished.first().first().value<SnapshotPtr>();
    QCOMPARE(snapshot->users().size(), small.count(ResourceKind::User));
    QVERIFY(!loader.isRunning());
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1);
}

void TestScimClient::accountGroupsGetTheirMembers()
{
    const Dataset dataset = Dataset::generate(120, 25, 4);
    EmulatorThread emulator(dataset);
    QVERIFY(!emulator.start().isEmpty());
    LoadRequest request = workspaceRequest(emulator);
    request.level = DirectoryLevel::Account;
    request.scimBaseUrl = emulator.accountScimUrl(QStringLiteral("0d26daa6-5e44-4c97-a497-ef015f91254a"));
    const LoadOutcome outcome = load(request);
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.snapshot->groups().size(), dataset.count(ResourceKind::Group));
    for (const Group& group : outcome.snapshot->groups()) {
        const int expected =
            dataset.resource(ResourceKind::Group, group.id).value(QLatin1String("members")).toArray().size();
        QCOMPARE(group.members.size(), expected);
        QCOMPARE(group.source == GroupSource::System || group.source == GroupSource::Account, true);
    }
    QCOMPARE(countRequests(emulator, QStringLiteral("/Groups/")), dataset.count(ResourceKind::Group));
    // No entitlements are asked for at account level: they exist only in workspaces.
    for (const auto& sent : emulator.stats().requests)
        if (sent.pathAndQuery.contains(QLatin1String("attributes=")))
            QVERIFY2(!sent.pathAndQuery.contains(QLatin1String("entitlements")), qPrintable(sent.pathAndQuery));
}

void TestScimClient::failingRequestIsNamed()
{
    EmulatorOptions options;
    options.failPath = QStringLiteral("/Groups?");
    options.failStatus = 500;
    EmulatorThread emulator(Dataset::generate(30, 5, 1), options);
    QVERIFY(!emulator.start().isEmpty());
    const LoadOutcome outcome = load(workspaceRequest(emulator));
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.startsWith(QLatin1String("Listing groups from 1 failed (HTTP 500)")),
             qPrintable(outcome.error));
}

void TestScimClient::plainHttpToRemoteHostIsRefused()
{
    LoadRequest request;
    request.scimBaseUrl = QUrl(QStringLiteral("http://dbc-1234.cloud.databricks.example/api/2.0/preview/scim/v2"));
    request.token = "dapi-not-sent";
    const LoadOutcome outcome = load(request, 5000);
    QVERIFY(!outcome.snapshot);
    QVERIFY2(outcome.error.contains(QLatin1String("Refusing plain http")), qPrintable(outcome.error));
}

QTEST_GUILESS_MAIN(TestScimClient)
#include "tst_scimclient.moc"
