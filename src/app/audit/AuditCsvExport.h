#pragma once

#include "remediation/AuditJournal.h"

#include <QFutureWatcher>
#include <QObject>

namespace scimitar::gui {

// Writes journal entries as AuditCsv (the CLI's columns) to a file in a pool thread: a long journal is megabytes
// of text, and the GUI thread must never wait for the disk. The file appears whole or not at all (QSaveFile).
class AuditCsvExport final : public QObject
{
    Q_OBJECT

public:
    explicit AuditCsvExport(QObject* parent = nullptr);
    ~AuditCsvExport() override;

    // False (and nothing started) while an export runs.
    bool start(const QList<JournalEntry>& entries, const QString& path);
    bool isRunning() const;

    // The write itself, in whatever thread calls it. Empty on success, else a sentence naming the file.
    static QString write(const QList<JournalEntry>& entries, const QString& path);

signals:
    // `error` is empty on success.
    void finished(const QString& path, const QString& error);

private:
    QFutureWatcher<QString> m_watcher;
    QString m_path;
};

} // namespace scimitar::gui
