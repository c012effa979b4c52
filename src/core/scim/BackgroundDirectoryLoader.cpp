#include "scim/BackgroundDirectoryLoader.h"

#include <QThread>

namespace scimitar {

BackgroundDirectoryLoader::BackgroundDirectoryLoader(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new DirectoryLoader)
{
    m_thread->setObjectName(QStringLiteral("scimitar-loader"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // The forwarders run in the worker thread (direct connections) so they can read which load emitted, then hop
    // to our thread, where answers of a load that was cancelled or replaced since are dropped.
    auto forward = [this](auto deliver) {
        const quint64 tag = m_worker->currentTag();
        QMetaObject::invokeMethod(
            this,
            [this, tag, deliver] {
                if (tag == m_generation && m_running)
                    deliver();
            },
            Qt::QueuedConnection);
    };
    connect(
        m_worker, &DirectoryLoader::progress, m_worker,
        [this, forward](const LoadProgress& p) { forward([this, p] { emit progress(p); }); }, Qt::DirectConnection);
    connect(
        m_worker, &DirectoryLoader::finished, m_worker,
        [this, forward](SnapshotPtr snapshot) {
            forward([this, snapshot] {
                m_running = false;
                emit finished(snapshot);
            });
        },
        Qt::DirectConnection);
    connect(
        m_worker, &DirectoryLoader::failed, m_worker,
        [this, forward](const QString& message) {
            forward([this, message] {
                m_running = false;
                emit failed(message);
            });
        },
        Qt::DirectConnection);
    m_thread->start();
}

BackgroundDirectoryLoader::~BackgroundDirectoryLoader()
{
    m_running = false;
    QMetaObject::invokeMethod(m_worker, &DirectoryLoader::cancel, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void BackgroundDirectoryLoader::start(const LoadRequest& request)
{
    LoadRequest tagged = request;
    tagged.tag = ++m_generation;
    m_running = true;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, tagged] { worker->start(tagged); }, Qt::QueuedConnection);
}

void BackgroundDirectoryLoader::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // whatever the cancelled load still sends is now stale
    m_running = false;
    QMetaObject::invokeMethod(m_worker, &DirectoryLoader::cancel, Qt::QueuedConnection);
    QMetaObject::invokeMethod(this, &BackgroundDirectoryLoader::cancelled, Qt::QueuedConnection);
}

} // namespace scimitar
