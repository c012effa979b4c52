#pragma once

#include "remediation/BlastRadius.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <functional>

namespace scimitar {

class ScimClient;

// Asks the server whether a principal still holds a role or entitlement by any path — the check that a revocation
// revoked, not only that the attribute it edited changed. It reads the principal (its own grants and the groups it
// lists, direct and inherited) and then every group reachable from there upwards (their grants and parents), so a
// server that lists no inherited groups or roles is followed group by group all the same. A role the server marks
// inherited on the principal counts as held even when no group read shows where from.
//
// Reads go one at a time through the runner's ScimClient (writes and reads to one workspace are serialised); group
// reads are cached until clearCache(), so a batch of findings sharing groups reads each group once.
class EffectiveAccessProbe : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        bool held = false;
        // The paths it is still held through: "directly", "pii-analysts", "team-a → pii-analysts", or
        // "a group (the server lists it as inherited)".
        QStringList through;
        QString error; // the reads did not complete: nothing can be said
    };
    using Done = std::function<void(const Result&)>;

    // More groups than this on the way up is an error rather than an endless walk.
    static constexpr int kMaxGroups = 200;

    explicit EffectiveAccessProbe(ScimClient* scim, QObject* parent = nullptr);

    void check(const AccessTarget& target, Done done);
    void cancel();
    void clearCache() { m_groups.clear(); }

    // The pure halves, for tests: whether an object holds `value` itself (not marked "indirect").
    static bool holdsItself(const QJsonObject& object, const QString& attribute, const QString& value);
    static bool listsInherited(const QJsonObject& object, const QString& attribute, const QString& value);
    // The ids in an object's `groups` (its parents), in order, without repeats.
    static QStringList parentIds(const QJsonObject& object);

private:
    struct Walk
    {
        AccessTarget target;
        Done done;
        QString attribute; // "roles" or "entitlements"
        QList<QString> queue;
        QStringList inherited; // groups the principal lists as inherited, walked from if not reached otherwise
        QHash<QString, QString> cameFrom; // group id -> the group (or "" for the principal) it was reached from
        QSet<QString> seen;
        Result result;
    };

    void onPrincipal(const QJsonObject& object, const QString& error);
    void next();
    void onGroup(const QString& id, const QJsonObject& object);
    QString pathTo(const QString& groupId) const;
    void finish();

    ScimClient* m_scim = nullptr;
    Walk m_walk;
    QHash<QString, QJsonObject> m_groups; // id -> the group as read (empty object: it no longer exists)
    quint64 m_generation = 0;
};

} // namespace scimitar
