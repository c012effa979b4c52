#include "BackgroundChangeRunner.h"

#include <QThread>

namespace scimitar::gui {

BackgroundChangeRunner::BackgroundChangeRunner(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_home(new QObject)
{
    qRegisterMetaType<scimitar::ItemStatus>();
    qRegisterMetaType<QList<scimitar::ItemStatus>>();
    m_thread->setObjectName(QStringLiteral("scimitar-changes"));
    m_home->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_home, &QObject::deleteLater);
    m_thread->start();
}

BackgroundChangeRunner::~BackgroundChangeRunner()
{
    m_running = false;
    // The runner's HTTP client and journal connection belong to the worker thread: delete them there.
    QMetaObject::invokeMethod(
        m_home,
        [this] {
            delete m_runner;
            m_runner = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void BackgroundChangeRunner::post(quint64 tag, std::function<void()> deliver, bool last)
{
    QMetaObject::invokeMethod(
        this,
        [this, tag, deliver = std::move(deliver), last] {
            if (tag != m_generation || !m_running)
                return;
            if (last)
                m_running = false;
            deliver();
        },
        Qt::QueuedConnection);
}

void BackgroundChangeRunner::launch(std::function<void(ChangeRunner*)> run)
{
    const quint64 tag = ++m_generation;
    m_running = true;
    QMetaObject::invokeMethod(
        m_home,
        [this, tag, run = std::move(run)] {
            delete m_runner; // a previous run that is still going is abandoned with its requests
            m_runner = new ChangeRunner(m_home);
            connect(m_runner, &ChangeRunner::itemChanged, m_runner, [this, tag](int index, const ItemStatus& status) {
                post(
                    tag, [this, index, status] { emit itemChanged(index, status); }, false);
            });
            connect(m_runner, &ChangeRunner::verifying, m_runner, [this, tag](int done, int total) {
                post(
                    tag, [this, done, total] { emit verifying(done, total); }, false);
            });
            connect(m_runner, &ChangeRunner::throttled, m_runner, [this, tag](const QString& note) {
                post(
                    tag, [this, note] { emit throttled(note); }, false);
            });
            connect(m_runner, &ChangeRunner::finished, m_runner,
                    [this, tag](const QList<ItemStatus>& statuses, bool cancelled) {
                        post(
                            tag, [this, statuses, cancelled] { emit finished(statuses, cancelled); }, true);
                    });
            connect(m_runner, &ChangeRunner::failed, m_runner, [this, tag](const QString& message) {
                post(
                    tag, [this, message] { emit failed(message); }, true);
            });
            run(m_runner);
        },
        Qt::QueuedConnection);
}

void BackgroundChangeRunner::start(const QList<RunItem>& items, const RunSettings& settings)
{
    launch([items, settings](ChangeRunner* runner) { runner->start(items, settings); });
}

void BackgroundChangeRunner::verify(const QList<RunItem>& items, const QList<qint64>& intentIds,
                                    const RunSettings& settings)
{
    launch([items, intentIds, settings](ChangeRunner* runner) { runner->verify(items, intentIds, settings); });
}

void BackgroundChangeRunner::cancel()
{
    if (!m_running)
        return;
    // Not a discard: the runner stops what is not sent yet and still answers with finished().
    QMetaObject::invokeMethod(
        m_home,
        [this] {
            if (m_runner)
                m_runner->cancel();
        },
        Qt::QueuedConnection);
}

} // namespace scimitar::gui
