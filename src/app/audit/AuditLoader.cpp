#include "AuditLoader.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace scimitar::gui {

AuditLoader::AuditLoader(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AuditLoader::onFinished);
}

// A read still running keeps going in the pool and its result is dropped: it holds nothing of ours but the path.
AuditLoader::~AuditLoader() = default;

void AuditLoader::load(const QString& path)
{
    if (isLoading()) {
        m_pending = true;
        m_pendingPath = path;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(&AuditLoader::read, path));
}

bool AuditLoader::isLoading() const
{
    return m_watcher.isRunning();
}

void AuditLoader::onFinished()
{
    if (m_pending) {
        m_pending = false;
        m_watcher.setFuture(QtConcurrent::run(&AuditLoader::read, m_pendingPath));
        return;
    }
    emit loaded(m_watcher.result());
}

AuditLoadResult AuditLoader::read(const QString& path)
{
    AuditLoadResult result;
    result.path = QFileInfo(path).absoluteFilePath();
    // Only sending creates a journal; a missing one is shown as "nothing changed from here yet".
    if (!QFileInfo::exists(path)) {
        result.missing = true;
        return result;
    }
    AuditJournal journal;
    if (!journal.openForReading(path, &result.error))
        return result;
    QString error;
    result.entries = journal.entries(JournalFilter{}, &error);
    if (!error.isEmpty())
        result.error = QStringLiteral("The audit journal %1 cannot be read: %2").arg(result.path, error);
    return result;
}

} // namespace scimitar::gui
