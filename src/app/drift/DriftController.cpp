#include "DriftController.h"

#include "TokenVault.h"
#include "connections/IdpBinding.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"
#include "drift/BackgroundDriftReview.h"
#include "idp/IdpSourceFactory.h"

#include <QPointer>
#include <utility>

namespace scimitar::gui {

DriftController::DriftController(TokenVault& tokens, IdpConnectionStore& connections, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
    , m_connections(connections)
    , m_review(new BackgroundDriftReview(this))
{
    // The background review drops every answer of a run replaced or cancelled since, so whatever arrives here
    // belongs to the current review. Its cancelled() is not forwarded: cancel() answers for itself at once.
    connect(m_review, &BackgroundDriftReview::idpProgress, this, &DriftController::progress);
    connect(m_review, &BackgroundDriftReview::idpLookupsStarted, this, &DriftController::lookupsStarted);
    connect(m_review, &BackgroundDriftReview::finished, this, [this](const DriftReviewResult& result) {
        end();
        emit finished(result);
    });
    connect(m_review, &BackgroundDriftReview::failed, this, [this](const QString& message) {
        end();
        emit failed(message);
    });
}

DriftController::~DriftController() = default;

void DriftController::start(const Policy& policy, const QString& databricksName)
{
    m_databricksName = databricksName;
    begin(policy);
}

void DriftController::start(SnapshotPtr snapshot, const Policy& policy)
{
    m_databricksName = snapshot ? snapshot->info().connectionName : QString();
    begin(policy);
    provideSnapshot(std::move(snapshot));
}

void DriftController::begin(const Policy& policy)
{
    if (m_state == State::Reviewing)
        m_review->cancel(); // silently: this is a restart, not a cancel the window should hear about
    ++m_generation;
    m_policy = policy;
    m_snapshot.reset();
    m_databricksFailure.reset();
    emit started();
    if (!IdpSourceFactory::needsSecret(policy.idp())) {
        review({});
        return;
    }
    // Where the secret may go is decided before it is read: by the connection the user saved, never by the policy.
    const std::optional<IdpConnection> connection = connectionFor(policy.idp());
    if (!connection) {
        failLater(tr("No IdP connection is saved for %1; set it up in File > Identity provider… (a policy alone never "
                     "decides where an IdP secret is sent).")
                      .arg(IdpSourceFactory::where(policy.idp())));
        return;
    }
    QString mismatch;
    const std::optional<IdpSettings> combined = IdpBinding::combine(policy.idp(), *connection, &mismatch);
    if (!combined) {
        failLater(mismatch);
        return;
    }
    m_policy.setIdp(*combined);
    m_state = State::ReadingSecret;
    const quint64 generation = m_generation;
    QPointer<DriftController> self(this);
    m_tokens.read(connection->secretKey(), [self, generation](const SecretResult& result) {
        if (self)
            self->onSecret(generation, result);
    });
}

void DriftController::onSecret(quint64 generation, const SecretResult& result)
{
    if (generation != m_generation || m_state != State::ReadingSecret)
        return;
    const QString where = IdpSourceFactory::where(m_policy.idp());
    if (!result.ok()) {
        end();
        if (result.status == SecretResult::Status::NotFound)
            emit failed(
                tr("No identity-provider secret is stored for %1; set up the IdP connection first.").arg(where));
        else
            emit failed(tr("Could not read the identity-provider secret for %1: %2").arg(where, result.message));
        return;
    }
    QString unbound;
    const std::optional<QString> secret = IdpStoredSecret::decode(result.secret, m_policy.idp(), &unbound);
    if (!secret) {
        end();
        emit failed(unbound);
        return;
    }
    review(*secret);
}

void DriftController::addTransientConnection(const IdpConnection& connection)
{
    m_transientConnections.append(connection);
}

std::optional<IdpConnection> DriftController::connectionFor(const IdpSettings& settings) const
{
    const QString wanted = IdpSourceFactory::secretId(settings);
    for (const IdpConnection& connection : m_transientConnections) {
        if (IdpSourceFactory::secretId(connection.settings) == wanted)
            return connection;
    }
    return m_connections.findFor(settings);
}

void DriftController::failLater(const QString& message)
{
    // Answered from the event loop, like every other outcome: the caller has finished starting the review first.
    m_state = State::ReadingSecret;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, message] {
            if (generation != m_generation || m_state != State::ReadingSecret)
                return;
            end();
            emit failed(message);
        },
        Qt::QueuedConnection);
}

void DriftController::review(const QString& secret)
{
    m_state = State::Reviewing;
    m_review->startAwaitingSnapshot(IdpSourceFactory::factory(m_policy, secret), m_policy, m_databricksName);
    // The Databricks side may have ended while the secret was read.
    if (m_snapshot)
        m_review->provideSnapshot(std::exchange(m_snapshot, {}));
    else if (m_databricksFailure)
        m_review->databricksFailed(*std::exchange(m_databricksFailure, std::nullopt));
}

void DriftController::provideSnapshot(SnapshotPtr snapshot)
{
    switch (m_state) {
    case State::Idle:
        return;
    case State::ReadingSecret:
        m_snapshot = std::move(snapshot);
        return;
    case State::Reviewing:
        m_review->provideSnapshot(std::move(snapshot));
        return;
    }
}

void DriftController::databricksFailed(const QString& message)
{
    switch (m_state) {
    case State::Idle:
        return;
    case State::ReadingSecret:
        m_databricksFailure = message;
        return;
    case State::Reviewing:
        m_review->databricksFailed(message);
        return;
    }
}

void DriftController::cancel()
{
    if (m_state == State::Idle)
        return;
    if (m_state == State::Reviewing)
        m_review->cancel();
    ++m_generation; // a secret still being read is answered into the void
    end();
    emit cancelled();
}

void DriftController::end()
{
    m_state = State::Idle;
    m_snapshot.reset();
    m_databricksFailure.reset();
}

} // namespace scimitar::gui
