#include "connections/ConnectionImporter.h"

#include "connections/ConnectionStore.h"
#include "secrets/SecretStore.h"

#include <QMetaObject>

namespace scimitar {

ConnectionImporter::ConnectionImporter(SecretStore& secrets, ConnectionStore& connections, QObject* parent)
    : QObject(parent)
    , m_secrets(&secrets)
    , m_connections(&connections)
{
}

ConnectionImporter::~ConnectionImporter() = default;

void ConnectionImporter::finish(Callback done, const Result& result)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result]() { done(result); }, Qt::QueuedConnection);
}

void ConnectionImporter::import(const ImportedConnection& imported, Callback done)
{
    if (!imported.ok()) {
        Result result;
        result.connection = imported.connection;
        result.message = imported.error;
        finish(std::move(done), result);
        return;
    }
    import(imported.connection, imported.token, std::move(done));
}

void ConnectionImporter::import(const Connection& connection, const QString& token, Callback done)
{
    Result result;
    result.connection = connection;
    if (!m_secrets || !m_connections)
        return;

    // Check everything that could make the metadata save fail before the token is written, so the
    // keychain does not collect tokens of connections that were never added.
    if (const QString refused = m_connections->checkSave(connection); !refused.isEmpty()) {
        result.message = refused;
        finish(std::move(done), result);
        return;
    }
    const QString trimmedToken = token.trimmed();
    if (trimmedToken.isEmpty()) {
        result.message = QStringLiteral("The token is empty; paste the personal access token or account SCIM "
                                        "token for '%1'.")
                             .arg(connection.name);
        finish(std::move(done), result);
        return;
    }

    const bool existedBefore = m_connections->find(connection.id).has_value();
    const QString key = connection.secretKey();
    QPointer<ConnectionImporter> self(this);
    m_secrets->write(key, trimmedToken, [self, result, key, existedBefore, done](const SecretResult& written) mutable {
        if (!self || !self->m_connections || !self->m_secrets)
            return;
        result.secret = written;
        if (!written.ok()) {
            result.message = written.message;
            self->finish(std::move(done), result);
            return;
        }
        if (const QString failed = self->m_connections->save(result.connection); !failed.isEmpty()) {
            result.message = failed;
            // Roll back a new connection's token so nothing is left that no connection points to.
            // For an existing connection the old token is already overwritten; keep the new one.
            if (!existedBefore)
                self->m_secrets->remove(key, nullptr);
            self->finish(std::move(done), result);
            return;
        }
        result.ok = true;
        self->finish(std::move(done), result);
    });
}

} // namespace scimitar
