#pragma once

#include "connections/Connection.h"
#include "scim/BackgroundDirectoryLoader.h"
#include "secrets/SecretResult.h"

#include <QObject>

namespace scimitar {

class TokenVault;

namespace gui {

// One refresh at a time: fetches the connection's token from the vault, then runs the SCIM load in the
// background loader. The window only sees started / progress / finished / failed / cancelled, each tagged with
// the connection id so a late answer for a connection the user has since left cannot land in the wrong view.
class RefreshController : public QObject
{
    Q_OBJECT

public:
    explicit RefreshController(TokenVault& tokens, QObject* parent = nullptr);
    ~RefreshController() override;

    // Starts loading `connection`; a refresh already running is cancelled first (silently).
    void start(const Connection& connection);
    // Stops the running refresh; emits cancelled() once it has stopped. Does nothing when idle.
    void cancel();
    bool isRunning() const { return m_state != State::Idle; }
    QString connectionId() const { return m_connection.id; }

signals:
    void started(const QString& connectionId);
    void progress(const QString& connectionId, const scimitar::LoadProgress& progress);
    void finished(const QString& connectionId, scimitar::SnapshotPtr snapshot);
    // `connectionProblem`: the connection itself needs fixing (invalid settings, no token), not the server.
    void failed(const QString& connectionId, const QString& message, bool connectionProblem);
    void cancelled(const QString& connectionId);

private:
    enum class State
    {
        Idle,
        ReadingToken,
        Loading,
    };

    void createLoader();
    void onToken(quint64 generation, const SecretResult& result);
    void fail(const QString& message);

    TokenVault& m_tokens;
    BackgroundDirectoryLoader* m_loader = nullptr;
    Connection m_connection;
    State m_state = State::Idle;
    quint64 m_generation = 0; // bumps on every start/cancel, so a late token answer is ignored
};

} // namespace gui
} // namespace scimitar
