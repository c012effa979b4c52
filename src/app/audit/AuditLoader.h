#pragma once

#include "remediation/AuditJournal.h"

#include <QFutureWatcher>
#include <QObject>

namespace scimitar::gui {

// What one read of the journal found.
struct AuditLoadResult
{
    QString path;
    bool missing = false; // no journal file yet: nothing was ever sent from this machine (not an error)
    QString error;        // a sentence naming the file, when it cannot be read
    QList<JournalEntry> entries;
};

// Reads the whole journal in a pool thread (QtConcurrent) with its own AuditJournal: SQLite connections belong to
// the thread that opened them, and the GUI thread must never wait for the disk.
class AuditLoader final : public QObject
{
    Q_OBJECT

public:
    explicit AuditLoader(QObject* parent = nullptr);
    ~AuditLoader() override;

    // A call while a read runs is remembered and run when that one ends, so the last result is never older than
    // the last call; the stale one is dropped, not shown.
    void load(const QString& path);
    bool isLoading() const;

    // The read itself, in whatever thread calls it. Never creates a journal that does not exist.
    static AuditLoadResult read(const QString& path);

signals:
    void loaded(const scimitar::gui::AuditLoadResult& result);

private:
    void onFinished();

    QFutureWatcher<AuditLoadResult> m_watcher;
    QString m_pendingPath;
    bool m_pending = false;
};

} // namespace scimitar::gui
