#include "TokenVault.h"

namespace scimitar {

TokenVault::TokenVault(SecretStore& persistent, SecretStore& memory, QObject* parent)
    : QObject(parent)
    , m_persistent(&persistent)
    , m_memory(&memory)
{
}

void TokenVault::read(const QString& key, SecretStore::Callback done)
{
    QPointer<TokenVault> self(this);
    m_memory->read(key, [self, key, done = std::move(done)](const SecretResult& inMemory) {
        if (!self || !self->m_persistent)
            return;
        if (inMemory.ok()) {
            done(inMemory);
            return;
        }
        self->m_persistent->read(key, done);
    });
}

void TokenVault::remove(const QString& key, SecretStore::Callback done)
{
    m_memory->remove(key, nullptr);
    m_persistent->remove(key, std::move(done));
}

} // namespace scimitar
