#include "SnapshotFetcher.h"

#include <QEventLoop>
#include <utility>

namespace scimitar::cli {

SnapshotFetcher::SnapshotFetcher(QObject* parent)
    : QObject(parent)
{
    connect(&m_loader, &DirectoryLoader::progress, this, &SnapshotFetcher::progress);
    connect(&m_loader, &DirectoryLoader::finished, this, [this](SnapshotPtr snapshot) {
        m_result.snapshot = std::move(snapshot);
        if (m_loop)
            m_loop->quit();
    });
    connect(&m_loader, &DirectoryLoader::failed, this, [this](const QString& message) {
        m_result.error = message;
        if (m_loop)
            m_loop->quit();
    });
    connect(&m_loader, &DirectoryLoader::cancelled, this, [this] {
        m_result.cancelled = true;
        if (m_loop)
            m_loop->quit();
    });
}

SnapshotFetcher::Result SnapshotFetcher::fetch(const LoadRequest& request)
{
    m_result = {};
    QEventLoop loop;
    m_loop = &loop;
    m_loader.start(request);
    // The loader never answers synchronously, but a request refused up front might one day; don't wait then.
    if (m_loader.isRunning())
        loop.exec();
    m_loop = nullptr;
    return std::exchange(m_result, {});
}

void SnapshotFetcher::cancel()
{
    m_loader.cancel();
}

} // namespace scimitar::cli
