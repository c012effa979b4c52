#pragma once

#include "drift/DriftReviewResult.h"
#include "policy/Policy.h"

#include <QObject>
#include <functional>

class QThread;

namespace scimitar {
class DriftReview;
class IdpSource;
} // namespace scimitar

namespace scimitar::gui {

// Runs a DriftReview in a worker thread, so IdP paging, JSON parsing and the engine never touch the GUI thread.
// DriftReview works in the thread it lives in and wants its IdpSource in that same thread, so the source is built
// there too, by the factory the caller passes. Signals arrive queued in the owner's thread; answers of a review
// that was cancelled or replaced since are dropped (each run has its own review object and tag).
class BackgroundDriftReview : public QObject
{
    Q_OBJECT

public:
    // Called in the worker thread; the review owns what it returns. nullptr with *error set when it cannot build
    // a source (e.g. invalid settings).
    using SourceFactory = std::function<IdpSource*(QString* error)>;

    explicit BackgroundDriftReview(QObject* parent = nullptr);
    ~BackgroundDriftReview() override;

    // Reviews `snapshot` (already loaded) against the IdP; a review still running is abandoned silently.
    void start(SnapshotPtr snapshot, SourceFactory makeSource, const Policy& policy);
    // Starts loading the IdP side now, while the caller loads Databricks; the review waits for provideSnapshot()
    // or databricksFailed() (DriftReview::startAwaitingSnapshot). A review still running is abandoned silently.
    void startAwaitingSnapshot(SourceFactory makeSource, const Policy& policy, const QString& databricksName);
    // The Databricks side of the running review; ignored when idle.
    void provideSnapshot(SnapshotPtr snapshot);
    void databricksFailed(const QString& message);
    // Stops the running review; cancelled() follows (queued) and nothing more is heard from it.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void idpProgress(int done, int total, const QString& note);
    void idpLookupsStarted(int count);
    void finished(const scimitar::DriftReviewResult& result);
    void failed(const QString& message);
    void cancelled();

private:
    // Posts `deliver` to this object's thread, where it runs only if run `tag` is still the current one.
    void post(quint64 tag, std::function<void()> deliver, bool last);
    // Starts a run in the worker thread: builds the source and the review, then `kickoff(review, source)`.
    void begin(SourceFactory makeSource, std::function<void(DriftReview*, IdpSource*)> kickoff);
    // Runs `step` on the current run's review in the worker thread, if that run is still the current one.
    void toReview(std::function<void(DriftReview*)> step);

    QThread* m_thread = nullptr;
    QObject* m_home = nullptr;       // lives in m_thread; parent of the current run's objects
    QObject* m_scope = nullptr;      // the current run (review + source), touched only in m_thread
    DriftReview* m_review = nullptr; // in m_scope; touched only in m_thread; null when the source could not be built
    quint64 m_reviewTag = 0;         // the run m_review belongs to; touched only in m_thread
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace scimitar::gui
