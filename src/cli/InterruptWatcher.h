#pragma once

#include <QObject>

class QSocketNotifier;

namespace scimitar::cli {

// Turns SIGINT/SIGTERM (Ctrl+C, `kill`) into a Qt signal delivered by the event loop, so a load can be cancelled
// cleanly (network replies aborted, "cancelled" on stderr, exit 2) instead of the process dying mid-write.
// A signal handler may do almost nothing, so it only writes a byte to a pipe that a QSocketNotifier watches.
// One instance per process; on platforms without POSIX signals it never fires.
class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject* parent = nullptr);
    ~InterruptWatcher() override;

signals:
    void interrupted();

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace scimitar::cli
