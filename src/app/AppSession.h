#pragma once

#include "connections/IdpConnection.h"

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

class QSettings;

namespace scimitar {

class ConnectionStore;
class IdpConnectionStore;
class KeychainSecretStore;
class MemorySecretStore;
class TokenVault;

namespace gui {

class DemoEnvironment;
class MainWindow;

// Everything one run of the GUI needs, built in the right order and torn down in reverse: settings, the saved
// connections (Databricks and IdP), the token stores, the demo server (with --demo) and the main window. main() and
// the GUI tests both start the app through here, so the tests exercise the code path users get.
class AppSession : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool demo = false;
    };

    explicit AppSession(QObject* parent = nullptr);
    ~AppSession() override;

    // Builds the window and starts loading (the demo at once; otherwise the last used connection). Returns false
    // with *error set when the demo cannot start; the window is not created then.
    bool start(const Options& options, QString* error);

    MainWindow* mainWindow() const { return m_window.get(); }
    DemoEnvironment* demo() const { return m_demo.get(); }
    ConnectionStore* connections() const { return m_connections.get(); }

private:
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ConnectionStore> m_connections;
    std::unique_ptr<IdpConnectionStore> m_idpConnections;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<MemorySecretStore> m_memory;
    std::unique_ptr<TokenVault> m_tokens;
    std::unique_ptr<DemoEnvironment> m_demo;
    std::optional<IdpConnection> m_demoIdp; // the demo's Okta face: known for this session only
    std::unique_ptr<MainWindow> m_window; // declared last: destroyed first, while everything it uses still exists
};

} // namespace gui
} // namespace scimitar
