#include "AppSession.h"

#include "MainWindow.h"
#include "TokenVault.h"
#include "connections/ConnectionStore.h"
#include "connections/IdpConnectionStore.h"
#include "connections/IdpStoredSecret.h"
#include "demo/DemoEnvironment.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"

#include <QSettings>

namespace scimitar::gui {

AppSession::AppSession(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
    , m_connections(std::make_unique<ConnectionStore>(*m_settings))
    , m_idpConnections(std::make_unique<IdpConnectionStore>(*m_settings))
    , m_keychain(std::make_unique<KeychainSecretStore>())
    , m_memory(std::make_unique<MemorySecretStore>())
    , m_tokens(std::make_unique<TokenVault>(*m_keychain, *m_memory))
{
}

AppSession::~AppSession() = default;

bool AppSession::start(const Options& options, QString* error)
{
    if (options.demo) {
        m_demo = std::make_unique<DemoEnvironment>();
        if (!m_demo->start(error)) {
            m_demo.reset();
            return false;
        }
        // Memory only: the demo must leave nothing behind, least of all in the user's keychain.
        m_memory->write(m_demo->connection().secretKey(), DemoEnvironment::token(), nullptr);
        if (const auto& policy = m_demo->policy()) {
            m_demoIdp = IdpConnection::create(QStringLiteral("Demo Okta"), policy->idp());
            m_memory->write(m_demoIdp->secretKey(),
                            IdpStoredSecret::encode(DemoEnvironment::oktaToken(), m_demoIdp->settings), nullptr);
        }
    }

    m_window = std::make_unique<MainWindow>(*m_connections, *m_idpConnections, *m_tokens, *m_settings);
    if (m_demo) {
        m_window->setDemoMode(true);
        m_window->setJournalPath(m_demo->journalPath()); // never the user's real journal
        if (const auto& policy = m_demo->policy())
            m_window->setPolicy(*policy); // not remembered: the demo leaves the user's settings alone
        m_window->addTransientConnection(m_demo->connection());
        if (m_demoIdp)
            m_window->addTransientIdpConnection(*m_demoIdp);
        m_window->selectConnection(m_demo->connection().id); // loads at once: nothing is cached yet
        return true;
    }

    const QList<Connection> saved = m_connections->list();
    if (saved.isEmpty()) {
        m_window->showWelcome();
        return true;
    }
    const QString last = m_connections->lastConnectionId();
    if (!(m_connections->find(last) && m_window->selectConnection(last)))
        m_window->selectConnection(saved.first().id);
    return true;
}

} // namespace scimitar::gui
