#include "EmulatorThread.h"

#include "EmulatorServer.h"

#include <QMetaObject>

namespace scimitar::emulator {

EmulatorThread::EmulatorThread(Dataset dataset, EmulatorOptions options)
    : m_server(new EmulatorServer(std::move(dataset), std::move(options)))
{
    m_thread.setObjectName(QStringLiteral("scimitar-emulator"));
    // The server must belong to the thread that runs its sockets and timers.
    m_server->moveToThread(&m_thread);
    m_thread.start();
}

EmulatorThread::~EmulatorThread()
{
    // deleteLater() is processed when the thread's event loop ends (QThread flushes deferred
    // deletions on exit), so the server and its sockets die in their own thread.
    m_server->deleteLater();
    m_thread.quit();
    m_thread.wait();
}

QUrl EmulatorThread::start(quint16 port)
{
    if (m_port != 0)
        return baseUrl();
    quint16 chosen = 0;
    QString error;
    QMetaObject::invokeMethod(
        m_server, [&] { chosen = m_server->listenLocal(port, &error); }, Qt::BlockingQueuedConnection);
    m_port = chosen;
    m_error = error;
    return m_port != 0 ? baseUrl() : QUrl();
}

QUrl EmulatorThread::baseUrl() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QUrl EmulatorThread::workspaceScimUrl(const QString& resource) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/api/2.0/preview/scim/v2/") + resource);
    return url;
}

QUrl EmulatorThread::accountScimUrl(const QString& accountId, const QString& resource, const QString& apiVersion) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/api/%1/accounts/%2/scim/v2/%3").arg(apiVersion, accountId, resource));
    return url;
}

QUrl EmulatorThread::oktaUrl(const QString& path) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/api/v1/") + path);
    return url;
}

QUrl EmulatorThread::entraTokenUrl(const QString& tenant) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/%1/oauth2/v2.0/token").arg(tenant));
    return url;
}

QUrl EmulatorThread::graphUrl(const QString& path) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/v1.0/") + path);
    return url;
}

EmulatorOptions EmulatorThread::options() const
{
    return m_server->options();
}

void EmulatorThread::setOptions(const EmulatorOptions& options)
{
    m_server->setOptions(options);
}

void EmulatorThread::updateOptions(const std::function<void(EmulatorOptions&)>& change)
{
    EmulatorOptions options = m_server->options();
    change(options);
    m_server->setOptions(options);
}

EmulatorStats EmulatorThread::stats() const
{
    return m_server->stats();
}

void EmulatorThread::resetStats()
{
    m_server->resetStats();
}

Dataset EmulatorThread::dataset() const
{
    return m_server->dataset();
}

void EmulatorThread::setDataset(Dataset dataset)
{
    m_server->setDataset(std::move(dataset));
}

void EmulatorThread::modifyDataset(const std::function<void(Dataset&)>& change)
{
    m_server->modifyDataset(change);
}

} // namespace scimitar::emulator
