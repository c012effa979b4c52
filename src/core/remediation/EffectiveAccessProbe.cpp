#include "remediation/EffectiveAccessProbe.h"

#include "remediation/ScimPatch.h"
#include "scim/ScimClient.h"

#include <QJsonArray>

namespace scimitar {

namespace {

constexpr auto kArrow = " \u2192 ";

bool isInherited(const QJsonObject& entry)
{
    return entry.value(QStringLiteral("type")).toString() == QLatin1String("indirect");
}

} // namespace

EffectiveAccessProbe::EffectiveAccessProbe(ScimClient* scim, QObject* parent)
    : QObject(parent)
    , m_scim(scim)
{
}

bool EffectiveAccessProbe::holdsItself(const QJsonObject& object, const QString& attribute, const QString& value)
{
    for (const QJsonValue& item : object.value(attribute).toArray()) {
        const QJsonObject entry = item.toObject();
        if (!isInherited(entry) && entry.value(QStringLiteral("value")).toString() == value)
            return true;
    }
    return false;
}

bool EffectiveAccessProbe::listsInherited(const QJsonObject& object, const QString& attribute, const QString& value)
{
    for (const QJsonValue& item : object.value(attribute).toArray()) {
        const QJsonObject entry = item.toObject();
        if (isInherited(entry) && entry.value(QStringLiteral("value")).toString() == value)
            return true;
    }
    return false;
}

QStringList EffectiveAccessProbe::parentIds(const QJsonObject& object)
{
    QStringList ids;
    for (const QJsonValue& item : object.value(QStringLiteral("groups")).toArray()) {
        const QString id = item.toObject().value(QStringLiteral("value")).toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void EffectiveAccessProbe::cancel()
{
    ++m_generation;
    m_walk = Walk();
}

void EffectiveAccessProbe::check(const AccessTarget& target, Done done)
{
    ++m_generation;
    m_walk = Walk();
    m_walk.target = target;
    m_walk.done = std::move(done);
    m_walk.attribute =
        target.kind == SideEffect::Kind::Entitlement ? QStringLiteral("entitlements") : QStringLiteral("roles");
    const quint64 generation = m_generation;
    const QString who = target.principalName.isEmpty() ? target.principalId : target.principalName;
    m_scim->getResource(ScimPatch::collection(target.principalKind), target.principalId,
                        {QStringLiteral("id"), m_walk.attribute, QStringLiteral("groups")},
                        QStringLiteral("re-read %1 to check no path still grants %2").arg(who, target.value),
                        [this, generation](const ScimClient::ObjectResult& result) {
                            if (generation == m_generation)
                                onPrincipal(result.object, result.error);
                        });
}

void EffectiveAccessProbe::onPrincipal(const QJsonObject& object, const QString& error)
{
    if (!error.isEmpty()) {
        m_walk.result.error = error;
        finish();
        return;
    }
    if (holdsItself(object, m_walk.attribute, m_walk.target.value))
        m_walk.result.through.append(QStringLiteral("directly"));
    // Remembered for the end: a server that marks the grant inherited knows a path even if no group read shows it.
    if (listsInherited(object, m_walk.attribute, m_walk.target.value))
        m_walk.result.held = true;
    // The walk starts at the groups the principal is in itself, so each path is named from where it is attached;
    // the inherited ones the server lists are walked from afterwards, if the walk did not reach them.
    for (const QJsonValue& item : object.value(QStringLiteral("groups")).toArray()) {
        const QJsonObject entry = item.toObject();
        const QString id = entry.value(QStringLiteral("value")).toString();
        if (id.isEmpty())
            continue;
        if (isInherited(entry)) {
            m_walk.inherited.append(id);
        } else if (!m_walk.seen.contains(id)) {
            m_walk.seen.insert(id);
            m_walk.cameFrom.insert(id, QString());
            m_walk.queue.append(id);
        }
    }
    next();
}

void EffectiveAccessProbe::next()
{
    if (m_walk.queue.isEmpty()) {
        for (const QString& id : std::as_const(m_walk.inherited)) {
            if (m_walk.seen.contains(id))
                continue;
            m_walk.seen.insert(id);
            m_walk.cameFrom.insert(id, QString());
            m_walk.queue.append(id);
        }
        m_walk.inherited.clear();
    }
    while (!m_walk.queue.isEmpty()) {
        const QString id = m_walk.queue.takeFirst();
        if (m_groups.contains(id)) {
            onGroup(id, m_groups.value(id));
            continue;
        }
        if (m_walk.seen.size() > kMaxGroups) {
            m_walk.result.error =
                QStringLiteral("%1 is in more than %2 groups (nested ones counted); Scimitar does not follow that "
                               "many to check whether %3 is still held")
                    .arg(m_walk.target.principalName)
                    .arg(kMaxGroups)
                    .arg(m_walk.target.value);
            finish();
            return;
        }
        const quint64 generation = m_generation;
        m_scim->getResource(
            ScimPatch::collection(PrincipalKind::Group), id,
            {QStringLiteral("id"), QStringLiteral("displayName"), m_walk.attribute, QStringLiteral("groups")},
            QStringLiteral("read group %1 to check whether it grants %2").arg(id, m_walk.target.value),
            [this, generation, id](const ScimClient::ObjectResult& result) {
                if (generation != m_generation)
                    return;
                if (!result.error.isEmpty() && result.response.status != 404) {
                    m_walk.result.error = result.error;
                    finish();
                    return;
                }
                // A group deleted since it was listed grants nothing any more.
                m_groups.insert(id, result.error.isEmpty() ? result.object : QJsonObject());
                onGroup(id, m_groups.value(id));
                next();
            });
        return;
    }
    finish();
}

void EffectiveAccessProbe::onGroup(const QString& id, const QJsonObject& object)
{
    if (object.isEmpty())
        return;
    if (holdsItself(object, m_walk.attribute, m_walk.target.value))
        m_walk.result.through.append(pathTo(id));
    for (const QString& parent : parentIds(object)) {
        if (m_walk.seen.contains(parent))
            continue;
        m_walk.seen.insert(parent);
        m_walk.cameFrom.insert(parent, id);
        m_walk.queue.append(parent);
    }
}

QString EffectiveAccessProbe::pathTo(const QString& groupId) const
{
    QStringList names;
    QString id = groupId;
    for (int guard = 0; !id.isEmpty() && guard <= kMaxGroups; ++guard) {
        const QString name = m_groups.value(id).value(QStringLiteral("displayName")).toString();
        names.prepend(name.isEmpty() ? id : name);
        id = m_walk.cameFrom.value(id);
    }
    return names.join(QString::fromUtf8(kArrow));
}

void EffectiveAccessProbe::finish()
{
    Result result = m_walk.result;
    Done done = std::move(m_walk.done);
    if (result.error.isEmpty()) {
        if (!result.through.isEmpty())
            result.held = true;
        else if (result.held)
            result.through.append(QStringLiteral("a group (the server lists it as inherited)"));
    }
    ++m_generation;
    m_walk = Walk();
    if (done)
        done(result);
}

} // namespace scimitar
