#pragma once

#include "drift/DriftReviewResult.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"
#include "secrets/SecretResult.h"

#include <QObject>

namespace scimitar {
class TokenVault;
}

namespace scimitar::gui {

class BackgroundDriftReview;

// One drift review at a time for the window: reads the IdP's secret from the vault (SecretKeys::idp), then
// reviews the Databricks snapshot the window just loaded against the IdP in the background. Reviewing the very
// snapshot the directory pages show keeps the two views consistent and costs no second Databricks load.
class DriftController : public QObject
{
    Q_OBJECT

public:
    explicit DriftController(TokenVault& tokens, QObject* parent = nullptr);
    ~DriftController() override;

    void start(SnapshotPtr snapshot, const Policy& policy);
    // Stops the running review; cancelled() follows. Does nothing when idle.
    void cancel();
    bool isRunning() const { return m_state != State::Idle; }

signals:
    void started();
    void progress(int done, int total, const QString& note);
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

    void onSecret(quint64 generation, const SecretResult& result);
    void review(const QString& secret);

    TokenVault& m_tokens;
    BackgroundDriftReview* m_review = nullptr;
    SnapshotPtr m_snapshot;
    Policy m_policy;
    State m_state = State::Idle;
    quint64 m_generation = 0;
};

} // namespace scimitar::gui
