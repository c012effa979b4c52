#include "RefreshController.h"

#include "TokenVault.h"

#include <QPointer>

namespace scimitar::gui {

RefreshController::RefreshController(TokenVault& tokens, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
{
    createLoader();
}

void RefreshController::createLoader()
{
    m_loader = new BackgroundDirectoryLoader(this);
    connect(m_loader, &BackgroundDirectoryLoader::progress, this, [this](const LoadProgress& p) {
        if (m_state == State::Loading)
            emit progress(m_connection.id, p);
    });
    connect(m_loader, &BackgroundDirectoryLoader::finished, this, [this](SnapshotPtr snapshot) {
        if (m_state != State::Loading)
            return;
        m_state = State::Idle;
        emit finished(m_connection.id, std::move(snapshot));
    });
    connect(m_loader, &BackgroundDirectoryLoader::failed, this, [this](const QString& message) {
        if (m_state != State::Loading)
            return;
        m_state = State::Idle;
        emit failed(m_connection.id, message, false);
    });
    connect(m_loader, &BackgroundDirectoryLoader::cancelled, this, [this] {
        if (m_state != State::Loading)
            return;
        m_state = State::Idle;
        emit cancelled(m_connection.id);
    });
}

RefreshController::~RefreshController() = default;

void RefreshController::start(const Connection& connection)
{
    if (m_state == State::Loading) {
        // Answers of the old load may already be queued; a fresh loader guarantees none of them is mistaken for
        // the new load's. Deleting the old one cancels it and joins its thread (it only has to drop its requests).
        delete m_loader;
        createLoader();
    }
    ++m_generation;
    m_connection = connection;
    m_state = State::ReadingToken;
    emit started(connection.id);

    if (const QString invalid = connection.validate(); !invalid.isEmpty()) {
        fail(invalid);
        return;
    }
    const quint64 generation = m_generation;
    QPointer<RefreshController> self(this);
    m_tokens.read(connection.secretKey(), [self, generation](const SecretResult& result) {
        if (self)
            self->onToken(generation, result);
    });
}

void RefreshController::onToken(quint64 generation, const SecretResult& result)
{
    if (generation != m_generation || m_state != State::ReadingToken)
        return;
    if (!result.ok()) {
        switch (result.status) {
        case SecretResult::Status::NotFound:
            fail(QStringLiteral("No token is stored for '%1'. Open Manage connections… and enter it.")
                     .arg(m_connection.name));
            return;
        case SecretResult::Status::NoBackend:
            fail(result.message + QStringLiteral(" Open Manage connections… to enter the token for this run."));
            return;
        default:
            fail(QStringLiteral("Could not read the token of '%1': %2").arg(m_connection.name, result.message));
            return;
        }
    }
    LoadRequest request;
    request.connectionName = m_connection.name;
    request.scimBaseUrl = m_connection.scimBaseUrl();
    request.level =
        m_connection.kind == Connection::Kind::Account ? DirectoryLevel::Account : DirectoryLevel::Workspace;
    request.token = result.secret.toUtf8();
    m_state = State::Loading;
    m_loader->start(request);
}

void RefreshController::cancel()
{
    switch (m_state) {
    case State::Idle:
        return;
    case State::ReadingToken:
        // Nothing has gone to the network yet: stop here and say so.
        ++m_generation;
        m_state = State::Idle;
        emit cancelled(m_connection.id);
        return;
    case State::Loading:
        // The loader answers with cancelled() (or, if it had just finished, with finished()).
        m_loader->cancel();
        return;
    }
}

void RefreshController::fail(const QString& message)
{
    m_state = State::Idle;
    emit failed(m_connection.id, message, true);
}

} // namespace scimitar::gui
