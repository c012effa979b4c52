#pragma once

#include "secrets/SecretStore.h"

#include <QObject>
#include <QPointer>

namespace scimitar {

// The app's two places for tokens, behind one read: the OS keychain (persistent) and a memory-only store for
// tokens the user chose to keep for this run only (no keychain) and for the demo. A token in memory wins, so
// "keep in memory" works even when the keychain still has an older token. Nothing here writes anywhere else.
class TokenVault : public QObject
{
    Q_OBJECT

public:
    TokenVault(SecretStore& persistent, SecretStore& memory, QObject* parent = nullptr);

    SecretStore& persistent() { return *m_persistent; }
    SecretStore& memory() { return *m_memory; }

    // Memory first, then the keychain. `done` is called later, from the event loop.
    void read(const QString& key, SecretStore::Callback done);
    // Removes the token from both stores; reports the keychain's answer (the memory store cannot fail).
    void remove(const QString& key, SecretStore::Callback done);

private:
    QPointer<SecretStore> m_persistent;
    QPointer<SecretStore> m_memory;
};

} // namespace scimitar
