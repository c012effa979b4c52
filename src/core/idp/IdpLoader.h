#pragma once

#include "idp/IdpDirectory.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>

namespace scimitar {

class IdpSource;

// Drives one IdpSource through a review's two steps — the policy's groups, then individual look-ups — and
// checks every answer against its question before it becomes part of the IdpDirectory: a group asked for and
// not returned, or a login asked about and neither found nor reported missing, is a failure, never a gap
// silently read as "no members" or "unknown". Late answers (after cancel() or a failure) are dropped.
// Works in the thread it lives in; the source must live there too.
class IdpLoader : public QObject
{
    Q_OBJECT

public:
    // Does not take ownership of `source`.
    explicit IdpLoader(IdpSource* source, QObject* parent = nullptr);

    QString label() const { return m_label; }

    // Step 1: starts a fresh directory with these groups. Answers with groupsLoaded() or failed().
    void loadGroups(const QStringList& names);
    // Step 2 (after groupsLoaded): adds what the IdP says about these logins or emails (`key`). Answers with
    // usersLookedUp() or failed(); an empty list answers at once (queued).
    void lookupUsers(const QStringList& values, IdpLookupKey key);
    void cancel();

    bool isRunning() const { return m_step != Step::Idle; }
    // Where "now" comes from (tests inject one); default: the system clock, UTC.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    const IdpDirectory& directory() const { return m_directory; }

signals:
    void progress(int done, int total, const QString& note);
    void groupsLoaded();
    void usersLookedUp();
    // One sentence naming the source.
    void failed(const QString& message);

private:
    enum class Step
    {
        Idle,
        Groups,
        Lookups,
    };

    void onGroups(const QList<scimitar::IdpGroup>& groups);
    void onUsers(const QList<scimitar::IdpUser>& found, const QStringList& notFound);
    void onFailed(const QString& message);
    void fail(const QString& message);

    QPointer<IdpSource> m_source;
    QString m_label;
    Step m_step = Step::Idle;
    QStringList m_asked;
    IdpLookupKey m_key = IdpLookupKey::Login;
    IdpDirectory m_directory;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace scimitar
