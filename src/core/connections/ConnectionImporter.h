#pragma once

#include "connections/ImportedConnection.h"
#include "secrets/SecretResult.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace scimitar {

class ConnectionStore;
class SecretStore;

// Adds (or updates) a connection together with its token, in the one safe order: the token goes
// to the SecretStore first and the metadata is saved only when that worked. So a failure never
// leaves a connection in the list whose token went nowhere, and "no keychain" reaches the caller
// (Result::secret.status == NoBackend), who can offer a memory-only store and call again.
class ConnectionImporter : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        bool ok = false;
        Connection connection;
        // The secret store's answer; Ok when the failure happened elsewhere or before writing.
        SecretResult secret = SecretResult::success();
        // Empty on success; else one sentence for the user (never containing the token).
        QString message;
    };
    using Callback = std::function<void(const Result&)>;

    // Both stores must outlive pending imports; if either is destroyed first, `done` is not called.
    ConnectionImporter(SecretStore& secrets, ConnectionStore& connections, QObject* parent = nullptr);
    ~ConnectionImporter() override;

    // Surrounding whitespace of the token is dropped (pasting often adds a newline). `done` is
    // always called later from the event loop.
    void import(const Connection& connection, const QString& token, Callback done);
    // Convenience for the importers: reports `imported.error` if there is one.
    void import(const ImportedConnection& imported, Callback done);

private:
    void finish(Callback done, const Result& result);

    QPointer<SecretStore> m_secrets;
    QPointer<ConnectionStore> m_connections;
};

} // namespace scimitar
