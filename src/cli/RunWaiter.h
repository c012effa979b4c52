#pragma once

#include "remediation/ChangeRunner.h"

#include <QObject>

namespace scimitar::cli {

class Console;

// Waits for one ChangeRunner run (a batch or a verification) in the main thread, turning Ctrl+C / SIGTERM into
// ChangeRunner::cancel(): the items not sent yet are cancelled, the one in flight is answered and journaled, and
// the run still ends with finished(). Only a run that ends that way leaves the journal complete, so the process
// never exits from the signal itself.
class RunWaiter : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        QList<ItemStatus> statuses;
        bool cancelled = false;
        QString stopReason; // ChangeRunner::stopReason(): the batch stopped by itself
        QString failure;    // ChangeRunner::failed(): nothing was sent
    };

    RunWaiter(ChangeRunner& runner, Console& console, QObject* parent = nullptr);

    // Runs the event loop until the runner answers; call right after start() or verify().
    Result wait();

private:
    ChangeRunner& m_runner;
    Console& m_console;
};

} // namespace scimitar::cli
