#pragma once

#include "secrets/SecretStore.h"

#include <chrono>
#include <qt6keychain/keychain.h>

namespace scimitar {

// Stores secrets in the OS keychain through QtKeychain: the Secret Service (gnome-keyring,
// KeePassXC, KWallet's bridge) on Linux, Keychain on macOS, Credential Manager on Windows.
// This is the only class in Scimitar that knows QtKeychain exists.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };

    static QString defaultServiceName() { return QStringLiteral("Scimitar"); }

    // `serviceName` is the keychain "service" every key is filed under; tests pass their own
    // so they can never read or delete a real user's tokens.
    explicit KeychainSecretStore(const QString& serviceName = defaultServiceName(), QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    QString serviceName() const { return m_serviceName; }
    bool isPersistent() const override { return true; }
    QString description() const override;

    // A keychain can wait forever on an unlock prompt nobody sees (or on a Secret Service that
    // never answers); after this long the caller gets Status::Failed and may retry.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // Turns a QtKeychain error into our status and a sentence the user can act on. Public and
    // static so the mapping can be tested without a keychain. `backendMessage` is QtKeychain's
    // errorString(); it never contains the secret (QtKeychain does not echo data in errors).
    static SecretResult resultFor(Operation operation, QKeychain::Error error, const QString& backendMessage);

protected:
    void doRead(const QString& key, Callback done) override;
    void doWrite(const QString& key, const QString& secret, Callback done) override;
    void doRemove(const QString& key, Callback done) override;

private:
    void run(QKeychain::Job* job, Operation operation, Callback done);

    QString m_serviceName;
    std::chrono::milliseconds m_timeout = std::chrono::minutes(2);
};

} // namespace scimitar
