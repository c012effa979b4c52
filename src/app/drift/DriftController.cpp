#include "DriftController.h"

#include "TokenVault.h"
#include "drift/BackgroundDriftReview.h"
#include "idp/IdpSourceFactory.h"
#include "secrets/SecretKeys.h"

#include <QPointer>
#include <utility>

namespace scimitar::gui {

DriftController::DriftController(TokenVault& tokens, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
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
    const QString secretId = IdpSourceFactory::secretId(policy.idp());
    if (secretId.isEmpty()) {
        review({});
        return;
    }
    m_state = State::ReadingSecret;
    const quint64 generation = m_generation;
    QPointer<DriftController> self(this);
    m_tokens.read(SecretKeys::idp(secretId), [self, generation](const SecretResult& result) {
        if (self)
            self->onSecret(generation, result);
    });
}

void DriftController::onSecret(quint64 generation, const SecretResult& result)
{
    if (generation != m_generation || m_state != State::ReadingSecret)
        return;
    if (!result.ok()) {
        end();
        const QString where =
            m_policy.idp().type == IdpType::Entra ? QStringLiteral("the Entra ID app") : m_policy.idp().url.host();
        if (result.status == SecretResult::Status::NotFound)
            emit failed(
                tr("No identity-provider secret is stored for %1; set up the IdP connection first.").arg(where));
        else
            emit failed(tr("Could not read the identity-provider secret for %1: %2").arg(where, result.message));
        return;
    }
    review(result.secret);
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
