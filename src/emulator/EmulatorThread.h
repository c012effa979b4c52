#pragma once

#include "Dataset.h"
#include "EmulatorOptions.h"
#include "EmulatorStats.h"

#include <QString>
#include <QThread>
#include <QUrl>
#include <functional>

namespace scimitar::emulator {

class EmulatorServer;

// Runs an EmulatorServer in a thread of its own, so the caller's event loop (a test, the GUI in
// demo mode, a benchmark) is never blocked by the server and vice versa. start() blocks until
// the port is known; the destructor stops the server and joins the thread.
//
//   EmulatorThread emulator(Dataset::generate(500, 80, 1));
//   const QUrl base = emulator.start();                  // http://127.0.0.1:<port>
//   QUrl users = emulator.workspaceScimUrl("Users");     // base + /api/2.0/preview/scim/v2/Users
//   QUrl groups = emulator.oktaUrl("groups");            // base + /api/v1/groups
class EmulatorThread
{
public:
    explicit EmulatorThread(Dataset dataset, EmulatorOptions options = {});
    ~EmulatorThread();
    EmulatorThread(const EmulatorThread&) = delete;
    EmulatorThread& operator=(const EmulatorThread&) = delete;

    // Listens on 127.0.0.1:port (0 = any free port). Returns the base URL, or an empty QUrl with
    // errorString() set. Calling it again after success returns the same URL.
    QUrl start(quint16 port = 0);
    bool isRunning() const { return m_port != 0; }
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    // <base>/api/2.0/preview/scim/v2/<resource>
    QUrl workspaceScimUrl(const QString& resource = QString()) const;
    // <base>/api/<apiVersion>/accounts/<accountId>/scim/v2/<resource>
    QUrl accountScimUrl(const QString& accountId, const QString& resource = QString(),
                        const QString& apiVersion = QStringLiteral("2.0")) const;
    // <base>/api/v1/<path>, the Okta org URL is <base> itself.
    QUrl oktaUrl(const QString& path = QString()) const;
    // <base>/<tenant>/oauth2/v2.0/token
    QUrl entraTokenUrl(const QString& tenant = QStringLiteral("emulator-tenant")) const;
    // <base>/v1.0/<path>, the Graph root is <base> itself.
    QUrl graphUrl(const QString& path = QString()) const;

    // Thread-safe views of the running server.
    EmulatorOptions options() const;
    void setOptions(const EmulatorOptions& options); // also restarts the "every Nth" counters
    void updateOptions(const std::function<void(EmulatorOptions&)>& change);
    EmulatorStats stats() const;
    void resetStats();
    Dataset dataset() const; // a copy
    void setDataset(Dataset dataset);
    void modifyDataset(const std::function<void(Dataset&)>& change);

private:
    QThread m_thread;
    EmulatorServer* m_server = nullptr; // lives in m_thread; deleted there
    quint16 m_port = 0;
    QString m_error;
};

} // namespace scimitar::emulator
