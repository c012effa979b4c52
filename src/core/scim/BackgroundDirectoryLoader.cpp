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
    connect(m_worker, &DirectoryLoader::progress, this, [this](const LoadProgress& p) {
        if (m_running)
            emit progress(p);
    });
    connect(m_worker, &DirectoryLoader::finished, this, [this](SnapshotPtr snapshot) {
        m_running = false;
        emit finished(std::move(snapshot));
    });
    connect(m_worker, &DirectoryLoader::failed, this, [this](const QString& message) {
        m_running = false;
        emit failed(message);
    });
    connect(m_worker, &DirectoryLoader::cancelled, this, [this] {
        m_running = false;
        emit cancelled();
    });
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
    m_running = true;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request] { worker->start(request); }, Qt::QueuedConnection);
}

void BackgroundDirectoryLoader::cancel()
{
    QMetaObject::invokeMethod(m_worker, &DirectoryLoader::cancel, Qt::QueuedConnection);
}

} // namespace scimitar
