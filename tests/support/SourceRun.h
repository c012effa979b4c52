#pragma once

// Runs one IdpSource call to its answer in the test's event loop and records everything it said.

#include "idp/IdpSource.h"
#include "net/HttpTypes.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace scimitar::test {

// Retries quickly, so throttling and failure tests run fast; waits a server names (X-Rate-Limit-Reset, Retry-After)
// are still honoured as sent, up to the policy's maxDelayMs.
inline net::RetryPolicy fastRetryPolicy()
{
    net::RetryPolicy policy;
    policy.baseDelayMs = 20;
    policy.timeoutMs = 10000;
    return policy;
}

struct SourceRun
{
    bool answered = false;
    bool timedOut = false;
    QList<IdpGroup> groups;
    QList<IdpUser> found;
    QStringList notFound;
    QString error;
    QStringList notes;
    int answers = 0; // answers of any kind: exactly one is expected
    qint64 elapsedMs = 0;

    const IdpGroup* group(const QString& name) const
    {
        for (const IdpGroup& group : groups)
            if (group.name.compare(name, Qt::CaseInsensitive) == 0)
                return &group;
        return nullptr;
    }
    QStringList memberLogins(const QString& name) const
    {
        QStringList logins;
        if (const IdpGroup* found = group(name))
            for (const IdpUser& user : found->members)
                logins.append(user.login);
        return logins;
    }
};

// `start` kicks the source off (loadGroups or lookupUsers); waits for the first answer, then a little longer to
// catch a second one (a source must answer exactly once).
inline SourceRun runSource(IdpSource& source, const std::function<void()>& start, int timeoutMs = 30000)
{
    SourceRun run;
    QEventLoop loop;
    QElapsedTimer clock;
    const auto answered = [&] {
        ++run.answers;
        if (!run.answered) {
            run.answered = true;
            run.elapsedMs = clock.elapsed();
            QTimer::singleShot(100, &loop, &QEventLoop::quit);
        }
    };
    QList<QMetaObject::Connection> connections{
        QObject::connect(&source, &IdpSource::groupsLoaded, &loop,
                         [&](const QList<IdpGroup>& groups) {
                             run.groups = groups;
                             answered();
                         }),
        QObject::connect(&source, &IdpSource::usersLookedUp, &loop,
                         [&](const QList<IdpUser>& found, const QStringList& notFound) {
                             run.found = found;
                             run.notFound = notFound;
                             answered();
                         }),
        QObject::connect(&source, &IdpSource::failed, &loop,
                         [&](const QString& message) {
                             run.error = message;
                             answered();
                         }),
        QObject::connect(&source, &IdpSource::progress, &loop,
                         [&](int, int, const QString& note) {
                             if (!note.isEmpty())
                                 run.notes.append(note);
                         }),
    };
    QTimer::singleShot(timeoutMs, &loop, [&] {
        run.timedOut = true;
        loop.quit();
    });
    clock.start();
    start();
    loop.exec();
    for (const auto& connection : connections)
        QObject::disconnect(connection);
    return run;
}

inline SourceRun loadGroups(IdpSource& source, const QStringList& names, int timeoutMs = 30000)
{
    return runSource(
        source, [&] { source.loadGroups(names); }, timeoutMs);
}

inline SourceRun lookupUsers(IdpSource& source, const QStringList& logins, int timeoutMs = 30000)
{
    return runSource(
        source, [&] { source.lookupUsers(logins, IdpLookupKey::Login); }, timeoutMs);
}

inline SourceRun lookupEmails(IdpSource& source, const QStringList& emails, int timeoutMs = 30000)
{
    return runSource(
        source, [&] { source.lookupUsers(emails, IdpLookupKey::Email); }, timeoutMs);
}

} // namespace scimitar::test
