#pragma once

#include "scim/DirectoryLoader.h"

#include <QObject>

class QThread;

namespace scimitar {

// Runs a DirectoryLoader in a worker thread so network I/O, JSON parsing and snapshot building never touch the
// GUI thread. Signals arrive queued in the owner's thread.
class BackgroundDirectoryLoader : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundDirectoryLoader(QObject* parent = nullptr);
    ~BackgroundDirectoryLoader() override;

    // Starts a load; one still running is abandoned and nothing more is heard from it.
    void start(const LoadRequest& request);
    // Stops the running load; cancelled() follows (queued) and nothing more is heard from that load.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const scimitar::LoadProgress& progress);
    void finished(scimitar::SnapshotPtr snapshot);
    void failed(const QString& message);
    void cancelled();

private:
    QThread* m_thread = nullptr;
    DirectoryLoader* m_worker = nullptr; // lives in m_thread
    quint64 m_generation = 0;            // tag of the load whose answers we still want
    bool m_running = false;
};

} // namespace scimitar
