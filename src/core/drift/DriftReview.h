#pragma once

#include "drift/DriftReviewResult.h"
#include "policy/Policy.h"
#include "scim/DirectoryLoader.h"

#include <QObject>
#include <QPointer>

namespace scimitar {

class IdpLoader;
class IdpSource;

// One drift review, start to finish: loads Databricks (unless given a snapshot) and the policy's IdP groups
// concurrently, then asks the IdP about the users the groups did not cover (DriftEngine::lookupsNeeded),
// then runs DriftEngine. Used by the CLI now and the GUI next.
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
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void databricksProgress(const scimitar::LoadProgress& progress);
    void idpProgress(int done, int total, const QString& note);
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
};

} // namespace scimitar
