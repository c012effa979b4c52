#include "AuditCsvExport.h"

#include "remediation/AuditCsv.h"
#include "secrets/PrivateFile.h"

#include <QtConcurrent/QtConcurrentRun>

namespace scimitar::gui {

AuditCsvExport::AuditCsvExport(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] { emit finished(m_path, m_watcher.result()); });
}

// A write still running finishes in the pool: it owns copies of everything it needs.
AuditCsvExport::~AuditCsvExport() = default;

bool AuditCsvExport::start(const QList<JournalEntry>& entries, const QString& path)
{
    if (isRunning())
        return false;
    m_path = path;
    m_watcher.setFuture(QtConcurrent::run(&AuditCsvExport::write, entries, path));
    return true;
}

bool AuditCsvExport::isRunning() const
{
    return m_watcher.isRunning();
}

QString AuditCsvExport::write(const QList<JournalEntry>& entries, const QString& path)
{
    QString error;
    PrivateFile::write(path, AuditCsv::write(entries).toUtf8(), &error); // who changed whose access: 0600
    return error;
}

} // namespace scimitar::gui
