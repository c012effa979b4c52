#include "drift/DriftReview.h"

#include "drift/DriftEngine.h"
#include "idp/IdpLoader.h"
#include "idp/IdpSource.h"

#include <QMetaObject>

namespace scimitar {

namespace {

QString databricksLabel(const QString& connectionName)
{
    return connectionName.isEmpty() ? QStringLiteral("Databricks")
                                    : QStringLiteral("Databricks (%1)").arg(connectionName);
}

// For embedding a sentence in another one.
QString clause(QString sentence)
{
    sentence = sentence.trimmed();
    if (sentence.endsWith(QLatin1Char('.')))
        sentence.chop(1);
    return sentence;
}

} // namespace

DriftReview::DriftReview(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<scimitar::DriftReviewResult>();
    qRegisterMetaType<scimitar::DriftReport>();
    connect(&m_loader, &DirectoryLoader::progress, this, [this](const LoadProgress& progress) {
        if (m_running)
            emit databricksProgress(progress);
    });
    connect(&m_loader, &DirectoryLoader::finished, this, [this](SnapshotPtr snapshot) {
        if (m_running)
            onSnapshot(std::move(snapshot));
    });
    connect(&m_loader, &DirectoryLoader::failed, this, [this](const QString& message) {
        if (m_running)
            fail(QStringLiteral("%1: %2").arg(databricksLabel(m_databricksName), message));
    });
}

DriftReview::~DriftReview()
{
    stop();
}

void DriftReview::stop()
{
    m_running = false;
    m_loader.cancel(); // its cancelled() is not connected: the review answers for itself
    if (m_idp) {
        m_idp->cancel();
        m_idp->disconnect(this);
        m_idp->deleteLater();
        m_idp = nullptr;
    }
}

void DriftReview::begin(IdpSource* source, const Policy& policy)
{
    stop();
    m_policy = policy;
    m_snapshot.reset();
    m_groupsLoaded = false;
    m_lookingUp = false;
    m_awaitingSnapshot = false;
    m_running = true;

    m_idp = new IdpLoader(source, this);
    if (m_clock)
        m_idp->setClock(m_clock);
    connect(m_idp, &IdpLoader::progress, this, &DriftReview::idpProgress);
    connect(m_idp, &IdpLoader::failed, this, [this](const QString& message) {
        if (m_running)
            fail(message);
    });
    connect(m_idp, &IdpLoader::groupsLoaded, this, [this] {
        if (!m_running)
            return;
        m_groupsLoaded = true;
        continueWhenBothLoaded();
    });
    connect(m_idp, &IdpLoader::usersLookedUp, this, [this] {
        if (m_running && m_lookingUp)
            complete();
    });
}

void DriftReview::start(const LoadRequest& request, IdpSource* source, const Policy& policy)
{
    begin(source, policy);
    m_databricksName = request.connectionName;
    // Both sides at once: an IdP and a workspace are independent, and the slower one sets the pace.
    m_loader.start(request);
    m_idp->loadGroups(policy.idpGroups());
}

void DriftReview::start(SnapshotPtr snapshot, IdpSource* source, const Policy& policy)
{
    startAwaitingSnapshot(source, policy, snapshot ? snapshot->info().connectionName : QString());
    // Queued, so the answer never arrives inside start() (the IdP side may already have failed by then).
    QMetaObject::invokeMethod(
        this,
        [this, snapshot = std::move(snapshot), idp = QPointer<IdpLoader>(m_idp)] {
            if (m_running && idp == m_idp)
                provideSnapshot(snapshot);
        },
        Qt::QueuedConnection);
}

void DriftReview::startAwaitingSnapshot(IdpSource* source, const Policy& policy, const QString& databricksName)
{
    begin(source, policy);
    m_databricksName = databricksName;
    m_awaitingSnapshot = true;
    m_idp->loadGroups(policy.idpGroups());
}

void DriftReview::provideSnapshot(SnapshotPtr snapshot)
{
    if (!isAwaitingSnapshot())
        return;
    m_awaitingSnapshot = false;
    if (snapshot && m_databricksName.isEmpty())
        m_databricksName = snapshot->info().connectionName;
    onSnapshot(std::move(snapshot));
}

void DriftReview::databricksFailed(const QString& message)
{
    if (!isAwaitingSnapshot())
        return;
    m_awaitingSnapshot = false;
    fail(QStringLiteral("%1: %2").arg(databricksLabel(m_databricksName), message.trimmed()));
}

void DriftReview::onSnapshot(SnapshotPtr snapshot)
{
    const QString where = databricksLabel(m_databricksName);
    if (!snapshot) {
        fail(QStringLiteral("%1: no directory snapshot to review.").arg(where));
        return;
    }
    if (!snapshot->isComplete()) {
        const QStringList& warnings = snapshot->info().warnings;
        fail(QStringLiteral("%1: the listing is incomplete (%2%3), and drift is never computed from partial data.")
                 .arg(where, clause(warnings.first()),
                      warnings.size() > 1 ? QStringLiteral("; %1 more warning(s)").arg(warnings.size() - 1)
                                          : QString()));
        return;
    }
    m_snapshot = std::move(snapshot);
    continueWhenBothLoaded();
}

void DriftReview::continueWhenBothLoaded()
{
    if (!m_snapshot || !m_groupsLoaded || m_lookingUp)
        return;
    const QStringList problems = DriftEngine::check(*m_snapshot, m_idp->directory(), m_policy);
    if (!problems.isEmpty()) {
        fail(problems.size() == 1 ? problems.first()
                                  : QStringLiteral("%1 (and %2 more problem(s) like it).")
                                        .arg(clause(problems.first()))
                                        .arg(problems.size() - 1));
        return;
    }
    m_lookingUp = true;
    const DriftEngine::Lookups lookups = DriftEngine::lookupsNeeded(*m_snapshot, m_idp->directory().groups, m_policy);
    emit idpLookupsStarted(int(lookups.values.size()));
    m_idp->lookupUsers(lookups.values, lookups.key);
}

void DriftReview::complete()
{
    DriftReviewResult result;
    result.idp = m_idp->directory();
    result.report = DriftEngine::run(*m_snapshot, result.idp, m_policy);
    result.snapshot = m_snapshot;
    result.policy = m_policy;
    stop();
    emit finished(result);
}

void DriftReview::fail(const QString& message)
{
    stop();
    emit failed(message);
}

void DriftReview::cancel()
{
    if (!m_running)
        return;
    stop();
    emit cancelled();
}

} // namespace scimitar
