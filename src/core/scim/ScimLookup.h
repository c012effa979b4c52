#pragma once

#include "model/Principals.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace scimitar {

class ScimClient;

// The reads that name particular objects rather than list a collection: who owns the token (/Me), and what the
// server calls a set of users, groups or service principals (apply checks its guards against those names, never
// against a hand-editable findings file). Every look-up by id is a filtered listing read by ScimPager, so it pages
// like any listing: a server that caps pages below `count` cannot make somebody look "not found".
//
// Asynchronous, in the thread it lives in; the CLI waits for it with a local event loop.
class ScimLookup : public QObject
{
    Q_OBJECT

public:
    struct ObjectRef
    {
        PrincipalKind kind = PrincipalKind::User;
        QString id;
    };
    // What the server calls one object: its userName (users) or displayName (groups, service principals).
    struct Name
    {
        QString name;
        QString error;         // one sentence when the name is not known; empty when it is
        bool notFound = false; // the read was complete and the object was not in it
    };
    struct Owner
    {
        QString id;
        QString userName;
        // Its groups, direct and indirect, and its role values, direct and inherited, as /Me lists them: what the
        // lock-out guard keeps (OwnerLifeline::fromMe).
        QList<std::pair<QString, QString>> groups; // id, displayName
        QStringList roles;
        bool groupsListed = false; // the answer had a `groups` field (a server may leave it out)
        QString error; // one sentence when /Me failed or named nobody
        int httpStatus = 0;
    };
    using NamesCallback = std::function<void(const QHash<QString, Name>&)>;
    using OwnerCallback = std::function<void(const Owner&)>;

    // Databricks caps filter expressions; 40 comparisons joined by 39 `or` stay far below its 200 nodes.
    static constexpr qsizetype kIdsPerFilter = 40;

    ScimLookup(ScimClient* scim, QObject* parent = nullptr);

    void readOwner(OwnerCallback done);
    // Keyed by key(); `done` is called once, when every filtered read has ended.
    void readNames(const QList<ObjectRef>& objects, NamesCallback done);
    static QString key(PrincipalKind kind, const QString& id) { return principalKindName(kind) + u'/' + id; }
    // `id eq "a" or id eq "b" …`, with the ids quoted as SCIM string literals.
    static QString idFilter(const QStringList& ids);

private:
    ScimClient* m_scim;
};

} // namespace scimitar
