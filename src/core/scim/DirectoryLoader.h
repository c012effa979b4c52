#pragma once

#include "model/DirectorySnapshot.h"
#include "net/HttpTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace scimitar {

class ScimClient;
class ScimPager;

struct LoadRequest
{
    QString connectionName;
    QUrl scimBaseUrl;
    DirectoryLevel level = DirectoryLevel::Workspace;
    QByteArray token; // kept in memory only, never logged; scrubbed from every message
    net::RetryPolicy retryPolicy;
    quint64 tag = 0; // the caller's label for this load, so it can tell a late answer of an older load apart
};

struct LoadProgress
{
    struct Part
    {
        int done = 0;
        int total = -1; // unknown until the first page arrives
    };
    Part users;
    Part groups;
    Part servicePrincipals;
    Part groupMembers; // groups whose members had to be fetched one by one
    QString note;      // e.g. "Throttled by the server; retrying in 2 s"

    int done() const;
    int total() const; // sum of the known totals
};

// Loads a whole workspace or account — token owner, users, groups (with members), service principals — into one
// DirectorySnapshot. Works entirely in the thread it lives in (network and JSON parsing included), so the GUI runs
// it in a worker thread (BackgroundDirectoryLoader) and the CLI in its main thread.
class DirectoryLoader : public QObject
{
    Q_OBJECT

public:
    explicit DirectoryLoader(QObject* parent = nullptr);
    ~DirectoryLoader() override;

    // Starts a load; a load already running is abandoned silently.
    void start(const LoadRequest& request);
    void cancel();
    bool isRunning() const { return m_scope != nullptr; }
    quint64 currentTag() const { return m_request.tag; }

signals:
    void progress(const scimitar::LoadProgress& progress);
    void finished(scimitar::SnapshotPtr snapshot);
    void failed(const QString& message);
    void cancelled();

private:
    void startListings();
    void onPagerFinished(ScimPager* pager, QList<QJsonObject>* into, LoadProgress::Part* part);
    void completeGroupMembers();
    void finishIfDone();
    void fail(const QString& message);
    void abandon();
    QString redact(QString text) const;
    void trackProgress(ScimPager* pager, LoadProgress::Part* part);

    LoadRequest m_request;
    QObject* m_scope = nullptr; // parent of every per-load object; deleting it abandons the load
    quint64 m_generation = 0;
    ScimClient* m_scim = nullptr;
    qint64 m_startedMs = 0;

    int m_listingsPending = 0;
    int m_memberFetchesPending = 0;
    bool m_memberFetchStarted = false;
    LoadProgress m_progress;
    QJsonObject m_me;
    QStringList m_warnings;
    QStringList m_notes;
    QList<QJsonObject> m_users;
    QList<QJsonObject> m_groups;
    QList<QJsonObject> m_servicePrincipals;
};

} // namespace scimitar

Q_DECLARE_METATYPE(scimitar::LoadProgress)
Q_DECLARE_METATYPE(scimitar::SnapshotPtr)
