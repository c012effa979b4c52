#pragma once

#include "idp/IdpDirectory.h"

#include <QObject>

namespace scimitar {

// One identity provider (Okta, Entra ID, a file). Asynchronous, works in the thread it lives in, like
// DirectoryLoader. A source never returns partial data: any failure (a group that does not exist, throttled out,
// cancelled) is reported through failed() and nothing else.
class IdpSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString label() const = 0;

    // Loads these groups by exact name (compared case-insensitively), with their members. A name the IdP does not
    // have is an error naming it — never an empty group. Answers with groupsLoaded() or failed().
    virtual void loadGroups(const QStringList& names) = 0;

    // Looks people up one by one, by login or by email (`key`). Answers with usersLookedUp(found, notFound) or
    // failed(). By login, `found` holds the person asked about; by email, everyone the IdP has with that email
    // (emails need not be unique; the caller decides what several mean). `notFound` holds the values as asked.
    virtual void lookupUsers(const QStringList& values, IdpLookupKey key) = 0;

    virtual void cancel() = 0;

signals:
    void progress(int done, int total, const QString& note);
    void groupsLoaded(const QList<scimitar::IdpGroup>& groups);
    void usersLookedUp(const QList<scimitar::IdpUser>& found, const QStringList& notFound);
    void failed(const QString& message);
};

} // namespace scimitar
