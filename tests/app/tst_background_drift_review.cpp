#include "drift/BackgroundDriftReview.h"
#include "idp/FileIdpSource.h"
#include "idp/IdpSourceFactory.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

// ana holds pii-analysts without being in the IdP group; bo is in both.
SnapshotPtr snapshot()
{
    User ana;
    ana.id = QStringLiteral("1");
    ana.userName = QStringLiteral("ana@acme.example");
    User bo;
    bo.id = QStringLiteral("2");
    bo.userName = QStringLiteral("bo@acme.example");
    Group group;
    group.id = QStringLiteral("g1");
    group.displayName = QStringLiteral("pii-analysts");
    group.members = {{ana.id, ana.userName, PrincipalKind::User}, {bo.id, bo.userName, PrincipalKind::User}};
    return DirectorySnapshot::build({ana, bo}, {group}, {}, {});
}

Policy filePolicy(const QString& path)
{
    IdpSettings idp;
    idp.type = IdpType::File;
    idp.path = path;
    return Policy(idp, MatchAttribute::UserName,
                  {PolicyRule::group(QStringLiteral("dbx-pii-analysts"), QStringLiteral("pii-analysts"))});
}

} // namespace

class TestBackgroundDriftReview final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reviewsInWorkerThread();
    void cancelSilencesReview();
    void sourceProblemFails();
    void awaitsTheSnapshot();
    void databricksFailureEndsTheReview();

private:
    QTemporaryDir m_dir;
    QString m_idpPath;
};

void TestBackgroundDriftReview::initTestCase()
{
    m_idpPath = m_dir.filePath(QStringLiteral("idp.csv"));
    QFile file(m_idpPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("group,user,status\ndbx-pii-analysts,bo@acme.example,active\n,ana@acme.example,active\n");
}

void TestBackgroundDriftReview::reviewsInWorkerThread()
{
    BackgroundDriftReview review;
    QSignalSpy finished(&review, &BackgroundDriftReview::finished);
    QSignalSpy failed(&review, &BackgroundDriftReview::failed);
    QThread* sourceThread = nullptr;
    const Policy policy = filePolicy(m_idpPath);
    const auto factory = IdpSourceFactory::factory(policy, {});
    review.start(
        snapshot(),
        [factory, &sourceThread](QString* error) {
            sourceThread = QThread::currentThread(); // the source must be built where the review runs
            return factory(error);
        },
        policy);
    QVERIFY(review.isRunning());
    QTRY_COMPARE(finished.size() + failed.size(), 1);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(sourceThread && sourceThread != QThread::currentThread());
    QVERIFY(!review.isRunning());
    const auto result = finished.first().first().value<DriftReviewResult>();
    QCOMPARE(result.report.count(FindingKind::MemberWithoutGrant), 1);
    QCOMPARE(result.report.findings().first().principal.userName, QStringLiteral("ana@acme.example"));
}

void TestBackgroundDriftReview::cancelSilencesReview()
{
    BackgroundDriftReview review;
    QSignalSpy finished(&review, &BackgroundDriftReview::finished);
    QSignalSpy cancelled(&review, &BackgroundDriftReview::cancelled);
    const Policy policy = filePolicy(m_idpPath);
    review.start(snapshot(), IdpSourceFactory::factory(policy, {}), policy);
    review.cancel();
    QTRY_COMPARE(cancelled.size(), 1);
    QTest::qWait(200);
    QCOMPARE(finished.size(), 0);
    // A new review after a cancel is heard normally.
    review.start(snapshot(), IdpSourceFactory::factory(policy, {}), policy);
    QTRY_COMPARE(finished.size(), 1);
}

void TestBackgroundDriftReview::sourceProblemFails()
{
    BackgroundDriftReview review;
    QSignalSpy failed(&review, &BackgroundDriftReview::failed);
    IdpSettings okta;
    okta.type = IdpType::Okta;
    okta.url = QUrl(QStringLiteral("https://acme.okta.example"));
    const Policy policy(okta, MatchAttribute::UserName,
                        {PolicyRule::group(QStringLiteral("dbx-pii-analysts"), QStringLiteral("pii-analysts"))});
    review.start(snapshot(), IdpSourceFactory::factory(policy, {}), policy); // no token
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("acme.okta.example")),
             qPrintable(failed.first().first().toString()));
}

// The IdP side starts first; the snapshot is handed over later, into the worker thread.
void TestBackgroundDriftReview::awaitsTheSnapshot()
{
    BackgroundDriftReview review;
    QSignalSpy finished(&review, &BackgroundDriftReview::finished);
    QSignalSpy failed(&review, &BackgroundDriftReview::failed);
    QSignalSpy lookups(&review, &BackgroundDriftReview::idpLookupsStarted);
    const Policy policy = filePolicy(m_idpPath);
    review.startAwaitingSnapshot(IdpSourceFactory::factory(policy, {}), policy, QStringLiteral("prod"));
    QVERIFY(review.isRunning());
    review.provideSnapshot(snapshot());
    QTRY_COMPARE(finished.size() + failed.size(), 1);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(lookups.size(), 1);
    QCOMPARE(finished.first().first().value<DriftReviewResult>().report.count(FindingKind::MemberWithoutGrant), 1);
}

void TestBackgroundDriftReview::databricksFailureEndsTheReview()
{
    BackgroundDriftReview review;
    QSignalSpy finished(&review, &BackgroundDriftReview::finished);
    QSignalSpy failed(&review, &BackgroundDriftReview::failed);
    const Policy policy = filePolicy(m_idpPath);
    review.startAwaitingSnapshot(IdpSourceFactory::factory(policy, {}), policy, QStringLiteral("prod"));
    review.databricksFailed(QStringLiteral("The token was rejected."));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(), QStringLiteral("Databricks (prod): The token was rejected."));
    QVERIFY(!review.isRunning());
    review.provideSnapshot(snapshot()); // too late: nothing is running
    QTest::qWait(50);
    QCOMPARE(finished.size(), 0);
}

QTEST_MAIN(TestBackgroundDriftReview)
#include "tst_background_drift_review.moc"
