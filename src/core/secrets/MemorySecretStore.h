#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

namespace scimitar {

// Keeps secrets in this process only: used when there is no OS keychain and the user chooses
// "keep the token for this run only", and for the demo. Nothing is ever written anywhere.
// Answers are queued like a real keychain's, so code tested against it behaves the same later.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject* parent = nullptr);
    ~MemorySecretStore() override;

    bool isPersistent() const override { return false; }
    QString description() const override;

    // For diagnostics and tests: how many secrets are held (never which ones or their values).
    int count() const { return m_secrets.size(); }

protected:
    void doRead(const QString& key, Callback done) override;
    void doWrite(const QString& key, const QString& secret, Callback done) override;
    void doRemove(const QString& key, Callback done) override;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace scimitar
