#pragma once

#include "connections/IdpConnection.h"
#include "drift/DriftReviewResult.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"
#include "secrets/SecretResult.h"

#include <QObject>
#include <optional>

namespace scimitar {
class IdpConnectionStore;
class TokenVault;
}

namespace scimitar::gui {

class BackgroundDriftReview;

// One drift review at a time for the window: finds the saved IdP connection the policy's IdP settings belong to and
// checks that the two agree (IdpBinding), only then reads the IdP's secret from the vault and checks the hosts it was
// saved for (IdpStoredSecret), then reviews in the background. A policy file alone never decides where a secret goes.
// On Refresh the window starts it at the same time as the Databricks load (start(policy, name)), so the IdP loads
// concurrently, and hands it the very snapshot the directory pages will show when that load ends (provideSnapshot) — or
// says that load failed (databricksFailed). Reviewing the same snapshot keeps the two views consistent and costs no
// second Databricks load.
class DriftController : public QObject
{
    Q_OBJECT

public:
    DriftController(TokenVault& tokens, IdpConnectionStore& connections, QObject* parent = nullptr);
    ~DriftController() override;

    // An IdP connection known for this session only (the demo's), consulted before the saved ones.
    void addTransientConnection(const IdpConnection& connection);
    // Starts the IdP side now; the review waits for provideSnapshot() or databricksFailed().
    void start(const Policy& policy, const QString& databricksName);
    // Reviews a snapshot already loaded.
    void start(SnapshotPtr snapshot, const Policy& policy);
    // The Databricks side of a review started with start(policy, name); ignored when idle.
    void provideSnapshot(SnapshotPtr snapshot);
    // The Databricks load failed: the review fails (failed() names Databricks). Ignored when idle.
    void databricksFailed(const QString& message);
    // Stops the running review; cancelled() is emitted before this returns. Does nothing when idle.
    void cancel();
    bool isRunning() const { return m_state != State::Idle; }

signals:
    void started();
    // IdP progress: groups until lookupsStarted(), then look-ups.
    void progress(int done, int total, const QString& note);
    void lookupsStarted(int count);
    void finished(const scimitar::DriftReviewResult& result);
    void failed(const QString& message);
    void cancelled();

private:
    enum class State
    {
        Idle,
        ReadingSecret,
        Reviewing,
    };

    void begin(const Policy& policy);
    void onSecret(quint64 generation, const SecretResult& result);
    void review(const QString& secret);
    std::optional<IdpConnection> connectionFor(const IdpSettings& settings) const;
    void failLater(const QString& message);
    void end();

    TokenVault& m_tokens;
    IdpConnectionStore& m_connections;
    QList<IdpConnection> m_transientConnections;
    BackgroundDriftReview* m_review = nullptr;
    Policy m_policy;
    QString m_databricksName;
    // What is known of the Databricks side while the secret is read: handed on once the review runs.
    SnapshotPtr m_snapshot;
    std::optional<QString> m_databricksFailure;
    State m_state = State::Idle;
    quint64 m_generation = 0;
};

} // namespace scimitar::gui
