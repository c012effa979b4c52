#include "secrets/MemorySecretStore.h"

namespace scimitar {

MemorySecretStore::MemorySecretStore(QObject* parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

QString MemorySecretStore::description() const
{
    return QStringLiteral("Memory only (forgotten when Scimitar quits)");
}

void MemorySecretStore::doRead(const QString& key, Callback done)
{
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.constEnd()) {
        answer(std::move(done),
               SecretResult::failure(SecretResult::Status::NotFound,
                                     QStringLiteral("No token is stored for this connection in this session.")));
        return;
    }
    answer(std::move(done), SecretResult::success(it.value()));
}

void MemorySecretStore::doWrite(const QString& key, const QString& secret, Callback done)
{
    m_secrets.insert(key, secret);
    answer(std::move(done), SecretResult::success());
}

void MemorySecretStore::doRemove(const QString& key, Callback done)
{
    m_secrets.remove(key);
    answer(std::move(done), SecretResult::success());
}

} // namespace scimitar
