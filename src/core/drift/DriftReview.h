#pragma once

#include "drift/DriftReviewResult.h"
#include "policy/Policy.h"
#include "scim/DirectoryLoader.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <functional>

namespace scimitar {

class IdpLoader;
class IdpSource;

// One drift review, start to finish: loads Databricks (unless given a snapshot) and the policy's IdP groups
// concurrently, then asks the IdP about the users the groups did not cover (DriftEngine::lookupsNeeded),
// then runs DriftEngine. The CLI lets it load Databricks; the GUI loads Databricks itself (its tables need the
// snapshot anyway) and starts the IdP side at the same moment with startAwaitingSnapshot(), handing the snapshot
// (or Databricks' failure) over when its load ends.
//
// Never computes drift from partial data: a failed, throttled-out or cancelled source, an incomplete snapshot
// (any warning), an IdP group or Databricks group the policy names that does not exist — each ends the review
// with failed(one sentence naming the source) and no report.
//
// Works in the thread it lives in, like DirectoryLoader; the IdpSource must live in the same thread. Exactly one
// of finished(), failed() or cancelled() answers each start().
class DriftReview : public QObject
{
    Q_OBJECT

public:
    explicit DriftReview(QObject* parent = nullptr);
    ~DriftReview() override;

    // Starts a review; one already running is abandoned silently. Does not take ownership of `source`.
    void start(const LoadRequest& request, IdpSource* source, const Policy& policy);
    void start(SnapshotPtr snapshot, IdpSource* source, const Policy& policy);
    // Starts the IdP side now and waits for the Databricks side, which someone else is loading: the review goes on
    // when provideSnapshot() hands it the snapshot, and fails when databricksFailed() says that load failed.
    // `databricksName` names Databricks in messages until the snapshot names itself. Cancel with cancel().
    void startAwaitingSnapshot(IdpSource* source, const Policy& policy, const QString& databricksName = {});
    // The Databricks side of a review started with startAwaitingSnapshot(); held until the IdP groups are in, or
    // checked at once if they already are (so failed() may be emitted before this returns). Ignored when the
    // review is not waiting for one.
    void provideSnapshot(SnapshotPtr snapshot);
    // The Databricks load the review waits for failed: the review fails with one sentence naming Databricks and
    // `message`, and stops the IdP side. Ignored when the review is not waiting for a snapshot.
    void databricksFailed(const QString& message);
    void cancel();
    bool isRunning() const { return m_running; }
    // Where "now" comes from for the IdP side's time (tests inject one); default: the system clock, UTC.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    bool isAwaitingSnapshot() const { return m_running && m_awaitingSnapshot; }

signals:
    void databricksProgress(const scimitar::LoadProgress& progress);
    void idpProgress(int done, int total, const QString& note);
    // The IdP groups are in; from here idpProgress() counts look-ups of `count` people (possibly none).
    void idpLookupsStarted(int count);
    void finished(const scimitar::DriftReviewResult& result);
    void failed(const QString& message);
    void cancelled();

private:
    void begin(IdpSource* source, const Policy& policy);
    void onSnapshot(SnapshotPtr snapshot);
    void continueWhenBothLoaded();
    void complete();
    void fail(const QString& message);
    void stop();

    DirectoryLoader m_loader;
    IdpLoader* m_idp = nullptr; // per review
    Policy m_policy;
    SnapshotPtr m_snapshot;
    QString m_databricksName;
    bool m_running = false;
    bool m_groupsLoaded = false;
    bool m_lookingUp = false;
    bool m_awaitingSnapshot = false; // started with startAwaitingSnapshot(), no snapshot or failure handed yet
    std::function<QDateTime()> m_clock;
};

} // namespace scimitar
