#include "RunWaiter.h"

#include "Console.h"
#include "InterruptWatcher.h"

#include <QEventLoop>

namespace scimitar::cli {

RunWaiter::RunWaiter(ChangeRunner& runner, Console& console, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
    , m_console(console)
{
}

RunWaiter::Result RunWaiter::wait()
{
    Result result;
    QEventLoop loop;
    bool answered = false;
    QObject::connect(&m_runner, &ChangeRunner::finished, &loop, [&](const QList<ItemStatus>& statuses, bool cancelled) {
        result.statuses = statuses;
        result.cancelled = cancelled;
        result.stopReason = m_runner.stopReason();
        answered = true;
        loop.quit();
    });
    QObject::connect(&m_runner, &ChangeRunner::failed, &loop, [&](const QString& message) {
        result.failure = message;
        answered = true;
        loop.quit();
    });
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &loop, [this] {
        m_console.warning(QStringLiteral("interrupted: cancelling the changes not sent yet; waiting for the answer "
                                         "to the one in flight so the journal records it."));
        m_runner.cancel();
    });
    if (!answered)
        loop.exec();
    return result;
}

} // namespace scimitar::cli
