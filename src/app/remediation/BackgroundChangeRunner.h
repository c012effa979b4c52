#pragma once

#include "remediation/ChangeRunner.h"

#include <QObject>
#include <functional>

class QThread;

namespace scimitar::gui {

// Runs a ChangeRunner in a worker thread, so journal commits (synchronous=FULL), PATCHes and re-reads never touch
// the GUI thread. Each run gets a fresh runner in that thread; its signals arrive queued in the owner's thread,
// tagged so that nothing from a run that was replaced since (or from before the owner was destroyed) lands here.
// Unlike a refresh, a cancel is not a discard: ChangeRunner::cancel() stops the items not yet sent, the one in
// flight is answered and journaled, and finished() still reports every item.
class BackgroundChangeRunner : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundChangeRunner(QObject* parent = nullptr);
    // Tears the runner down in its thread; an item in flight is then left "unknown — verify" in the journal.
    ~BackgroundChangeRunner() override;

    void start(const QList<RunItem>& items, const RunSettings& settings);
    // Sends nothing: re-reads the objects of journaled intents (intentIds[i] for items[i]) and journals what shows.
    void verify(const QList<RunItem>& items, const QList<qint64>& intentIds, const RunSettings& settings);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void itemChanged(int index, const scimitar::ItemStatus& status);
    void verifying(int done, int total);
    void finished(const QList<scimitar::ItemStatus>& statuses, bool cancelled);
    void failed(const QString& message);
    void throttled(const QString& note);

private:
    // Replaces the worker's runner and calls `run` on the new one, in the worker thread.
    void launch(std::function<void(ChangeRunner*)> run);
    // Posts `deliver` to this object's thread, where it runs only if run `tag` is still the current one.
    void post(quint64 tag, std::function<void()> deliver, bool last);

    QThread* m_thread = nullptr;
    QObject* m_home = nullptr;        // lives in m_thread; parent of the current runner
    ChangeRunner* m_runner = nullptr; // lives in m_thread; touched only there
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace scimitar::gui
