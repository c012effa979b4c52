#include "BackgroundDriftReview.h"

#include "drift/DriftReview.h"
#include "idp/IdpSource.h"

#include <QThread>

namespace scimitar::gui {

BackgroundDriftReview::BackgroundDriftReview(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_home(new QObject)
{
    m_thread->setObjectName(QStringLiteral("scimitar-drift"));
    m_home->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_home, &QObject::deleteLater);
    m_thread->start();
}

BackgroundDriftReview::~BackgroundDriftReview()
{
    m_running = false;
    // Tear the run down in its own thread: the source's network objects belong there.
    QMetaObject::invokeMethod(
        m_home,
        [this] {
            delete m_scope;
            m_scope = nullptr;
            m_review = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void BackgroundDriftReview::post(quint64 tag, std::function<void()> deliver, bool last)
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

void BackgroundDriftReview::start(SnapshotPtr snapshot, SourceFactory makeSource, const Policy& policy)
{
    begin(std::move(makeSource), [snapshot = std::move(snapshot), policy](DriftReview* review, IdpSource* source) {
        review->start(snapshot, source, policy);
    });
}

void BackgroundDriftReview::startAwaitingSnapshot(SourceFactory makeSource, const Policy& policy,
                                                  const QString& databricksName)
{
    begin(std::move(makeSource), [policy, databricksName](DriftReview* review, IdpSource* source) {
        review->startAwaitingSnapshot(source, policy, databricksName);
    });
}

void BackgroundDriftReview::provideSnapshot(SnapshotPtr snapshot)
{
    toReview([snapshot = std::move(snapshot)](DriftReview* review) { review->provideSnapshot(snapshot); });
}

void BackgroundDriftReview::databricksFailed(const QString& message)
{
    toReview([message](DriftReview* review) { review->databricksFailed(message); });
}

void BackgroundDriftReview::toReview(std::function<void(DriftReview*)> step)
{
    if (!m_running)
        return;
    const quint64 tag = m_generation;
    QMetaObject::invokeMethod(
        m_home,
        [this, tag, step = std::move(step)] {
            // Queued behind its run's start, so the review exists unless the source could not be built (failed()
            // has answered) or a newer run or a cancel replaced it.
            if (m_review && tag == m_reviewTag)
                step(m_review);
        },
        Qt::QueuedConnection);
}

void BackgroundDriftReview::begin(SourceFactory makeSource, std::function<void(DriftReview*, IdpSource*)> kickoff)
{
    const quint64 tag = ++m_generation;
    m_running = true;
    QMetaObject::invokeMethod(
        m_home,
        [this, tag, makeSource = std::move(makeSource), kickoff = std::move(kickoff)] {
            // A new run replaces the old one wholesale; deleting its scope abandons its requests.
            delete m_scope;
            m_review = nullptr;
            m_scope = new QObject(m_home);
            QString error;
            IdpSource* source = makeSource(&error);
            if (!source) {
                post(
                    tag, [this, error] { emit failed(error); }, true);
                return;
            }
            source->setParent(m_scope);
            auto* review = new DriftReview(m_scope);
            m_review = review;
            m_reviewTag = tag;
            connect(review, &DriftReview::idpProgress, m_scope, [this, tag](int done, int total, const QString& note) {
                post(
                    tag, [this, done, total, note] { emit idpProgress(done, total, note); }, false);
            });
            connect(review, &DriftReview::idpLookupsStarted, m_scope, [this, tag](int count) {
                post(
                    tag, [this, count] { emit idpLookupsStarted(count); }, false);
            });
            connect(review, &DriftReview::finished, m_scope, [this, tag](const DriftReviewResult& result) {
                post(
                    tag, [this, result] { emit finished(result); }, true);
            });
            connect(review, &DriftReview::failed, m_scope, [this, tag](const QString& message) {
                post(
                    tag, [this, message] { emit failed(message); }, true);
            });
            kickoff(review, source);
        },
        Qt::QueuedConnection);
}

void BackgroundDriftReview::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // whatever the cancelled review still sends is now stale
    m_running = false;
    QMetaObject::invokeMethod(
        m_home,
        [this] {
            delete m_scope;
            m_scope = nullptr;
            m_review = nullptr;
        },
        Qt::QueuedConnection);
    QMetaObject::invokeMethod(this, &BackgroundDriftReview::cancelled, Qt::QueuedConnection);
}

} // namespace scimitar::gui
