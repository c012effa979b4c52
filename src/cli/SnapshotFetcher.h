#pragma once

#include "scim/DirectoryLoader.h"

#include <QEventLoop>
#include <QObject>
#include <QPointer>

namespace scimitar::cli {

// Runs a DirectoryLoader in the calling (main) thread and waits for it with a local event loop: the CLI has no
// window to keep responsive, and the loader already does its network work asynchronously in its own thread.
class SnapshotFetcher : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        SnapshotPtr snapshot; // set on success
        QString error;        // set on failure
        bool cancelled = false;
    };

    explicit SnapshotFetcher(QObject* parent = nullptr);

    // Blocks (running the event loop) until the load finishes, fails or is cancelled.
    Result fetch(const LoadRequest& request);
    bool isRunning() const { return m_loop != nullptr; }

public slots:
    void cancel();

signals:
    void progress(const scimitar::LoadProgress& progress);

private:
    DirectoryLoader m_loader;
    QPointer<QEventLoop> m_loop;
    Result m_result;
};

} // namespace scimitar::cli
