#include "DriftController.h"

#include "TokenVault.h"
#include "drift/BackgroundDriftReview.h"
#include "idp/IdpSourceFactory.h"
#include "secrets/SecretKeys.h"

#include <QPointer>

namespace scimitar::gui {

DriftController::DriftController(TokenVault& tokens, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
    , m_review(new BackgroundDriftReview(this))
{
    connect(m_review, &BackgroundDriftReview::idpProgress, this, &DriftController::progress);
    connect(m_review, &BackgroundDriftReview::finished, this, [this](const DriftReviewResult& result) {
        m_state = State::Idle;
        emit finished(result);
    });
    connect(m_review, &BackgroundDriftReview::failed, this, [this](const QString& message) {
        m_state = State::Idle;
        emit failed(message);
    });
    connect(m_review, &BackgroundDriftReview::cancelled, this, [this] {
        m_state = State::Idle;
        emit cancelled();
    });
}

DriftController::~DriftController() = default;

void DriftController::start(SnapshotPtr snapshot, const Policy& policy)
{
    ++m_generation;
    m_snapshot = std::move(snapshot);
    m_policy = policy;
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
        m_state = State::Idle;
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
    m_review->start(m_snapshot, IdpSourceFactory::factory(m_policy, secret), m_policy);
}

void DriftController::cancel()
{
    switch (m_state) {
    case State::Idle:
        return;
    case State::ReadingSecret:
        ++m_generation;
        m_state = State::Idle;
        emit cancelled();
        return;
    case State::Reviewing:
        m_review->cancel();
        return;
    }
}

} // namespace scimitar::gui
