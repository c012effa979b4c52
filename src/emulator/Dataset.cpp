#include "Dataset.h"

#include "DatasetGenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace scimitar::emulator {

namespace {

constexpr ResourceKind kAllKinds[] = {ResourceKind::User, ResourceKind::Group, ResourceKind::ServicePrincipal};

// A short label for error messages, e.g. users[3] (userName "ana@example.com").
QString describe(ResourceKind kind, qsizetype index, const QJsonObject& object)
{
    QString label = QStringLiteral("%1[%2]").arg(datasetArrayName(kind)).arg(index);
    for (const char* key : {"userName", "displayName", "applicationId"}) {
        const QString value = object.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            return label + QStringLiteral(" (%1 \"%2\")").arg(QLatin1String(key), value);
    }
    return label;
}

} // namespace

QString resourceKindName(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::User:
        return QStringLiteral("Users");
    case ResourceKind::Group:
        return QStringLiteral("Groups");
    case ResourceKind::ServicePrincipal:
        return QStringLiteral("ServicePrincipals");
    }
    return {};
}

QString datasetArrayName(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::User:
        return QStringLiteral("users");
    case ResourceKind::Group:
        return QStringLiteral("groups");
    case ResourceKind::ServicePrincipal:
        return QStringLiteral("servicePrincipals");
    }
    return {};
}

std::optional<Dataset> Dataset::fromJson(const QByteArray& json, QString* error, const QString& origin)
{
    auto fail = [&](const QString& message) -> std::optional<Dataset> {
        if (error)
            *error = origin + QStringLiteral(": ") + message;
        return std::nullopt;
    };

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            QStringLiteral("JSON parse error at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject())
        return fail(QStringLiteral("top level must be a JSON object"));
    const QJsonObject root = document.object();

    Dataset dataset;
    const QJsonValue me = root.value(QStringLiteral("me"));
    if (!me.isUndefined() && !me.isString())
        return fail(QStringLiteral("\"me\" must be a string (a userName)"));
    dataset.m_me = me.toString();

    QSet<QString> seenIds;
    for (ResourceKind kind : kAllKinds) {
        const QString arrayName = datasetArrayName(kind);
        const QJsonValue arrayValue = root.value(arrayName);
        if (arrayValue.isUndefined())
            continue;
        if (!arrayValue.isArray())
            return fail(QStringLiteral("\"%1\" must be an array").arg(arrayName));
        const QJsonArray array = arrayValue.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isObject())
                return fail(QStringLiteral("%1[%2] is not an object").arg(arrayName).arg(i));
            const QJsonObject object = array.at(i).toObject();
            const QString label = describe(kind, i, object);
            const QJsonValue id = object.value(QStringLiteral("id"));
            if (id.isUndefined() || (id.isString() && id.toString().isEmpty()))
                return fail(label + QStringLiteral(" has no id"));
            if (!id.isString())
                return fail(label + QStringLiteral(" has an id that is not a string (ids are decimal strings)"));
            if (seenIds.contains(id.toString()))
                return fail(label + QStringLiteral(" reuses id %1").arg(id.toString()));
            seenIds.insert(id.toString());

            const char* required = kind == ResourceKind::User    ? "userName"
                                   : kind == ResourceKind::Group ? "displayName"
                                                                 : "applicationId";
            if (object.value(QLatin1String(required)).toString().isEmpty())
                return fail(label + QStringLiteral(" has no %1").arg(QLatin1String(required)));
            for (const char* listKey : {"members", "roles", "entitlements", "emails"}) {
                const QJsonValue list = object.value(QLatin1String(listKey));
                if (!list.isUndefined() && !list.isArray())
                    return fail(label + QStringLiteral(" has \"%1\" that is not an array").arg(QLatin1String(listKey)));
                const QJsonArray items = list.toArray();
                for (qsizetype j = 0; j < items.size(); ++j) {
                    if (items.at(j).toObject().value(QStringLiteral("value")).toString().isEmpty())
                        return fail(label + QStringLiteral(" has %1[%2] without a string \"value\"")
                                                .arg(QLatin1String(listKey))
                                                .arg(j));
                }
            }
            if (kind != ResourceKind::Group && object.contains(QStringLiteral("members")))
                return fail(label + QStringLiteral(" has \"members\" but only groups have members"));
            dataset.upsert(kind, object);
        }
    }

    const QJsonValue idp = root.value(QStringLiteral("idp"));
    if (!idp.isUndefined()) {
        QString idpError;
        std::optional<IdpDataset> parsed = IdpDataset::fromJson(idp, &idpError);
        if (!parsed)
            return fail(idpError);
        dataset.m_idp = std::move(*parsed);
    }

    const QString referenceError = dataset.validateReferences();
    if (!referenceError.isEmpty())
        return fail(referenceError);
    return dataset;
}

std::optional<Dataset> Dataset::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return fromJson(file.readAll(), error, path);
}

QJsonObject Dataset::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("me"), m_me);
    for (ResourceKind kind : kAllKinds) {
        QJsonArray array;
        for (const QString& id : table(kind).order)
            array.append(table(kind).byId.value(id));
        root.insert(datasetArrayName(kind), array);
    }
    // Left out when empty so files written before the IdP side existed round-trip unchanged.
    if (!m_idp.isEmpty())
        root.insert(QStringLiteral("idp"), m_idp.toJson());
    return root;
}

bool Dataset::save(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

Dataset Dataset::generate(int users, int groups, quint32 seed)
{
    return DatasetGenerator(seed).generate(users, groups);
}

QStringList Dataset::appendGeneratedUsers(int count, quint32 seed)
{
    return DatasetGenerator(seed).appendUsers(*this, count);
}

QString Dataset::meId() const
{
    return m_me.isEmpty() ? QString() : findUserByName(m_me);
}

std::optional<ResourceKind> Dataset::kindOf(const QString& id) const
{
    for (ResourceKind kind : kAllKinds) {
        if (table(kind).byId.contains(id))
            return kind;
    }
    return std::nullopt;
}

QString Dataset::findUserByName(const QString& userName) const
{
    const Table& users = table(ResourceKind::User);
    for (const QString& id : users.order) {
        if (users.byId.value(id).value(QStringLiteral("userName")).toString().compare(userName, Qt::CaseInsensitive) ==
            0)
            return id;
    }
    return {};
}

bool Dataset::upsert(ResourceKind kind, const QJsonObject& resource)
{
    const QString id = resource.value(QStringLiteral("id")).toString();
    if (id.isEmpty())
        return false;
    Table& t = table(kind);
    if (!t.byId.contains(id))
        t.order.append(id);
    t.byId.insert(id, resource);
    // Only groups carry membership; other changes cannot invalidate the reverse index.
    if (kind == ResourceKind::Group)
        m_indexValid = false;
    return true;
}

bool Dataset::remove(ResourceKind kind, const QString& id)
{
    Table& t = table(kind);
    if (!t.byId.remove(id))
        return false;
    t.order.removeOne(id);
    for (const QString& groupId : directParents(id)) {
        QJsonObject group = resource(ResourceKind::Group, groupId);
        QJsonArray members = group.value(QStringLiteral("members")).toArray();
        for (qsizetype i = members.size() - 1; i >= 0; --i) {
            if (members.at(i).toObject().value(QStringLiteral("value")).toString() == id)
                members.removeAt(i);
        }
        group.insert(QStringLiteral("members"), members);
        upsert(ResourceKind::Group, group);
    }
    m_indexValid = false;
    return true;
}

void Dataset::ensureIndex() const
{
    if (m_indexValid)
        return;
    m_parents.clear();
    const Table& groups = table(ResourceKind::Group);
    for (const QString& groupId : groups.order) {
        const QJsonArray members = groups.byId.value(groupId).value(QStringLiteral("members")).toArray();
        for (const QJsonValue& member : members) {
            QStringList& parents = m_parents[member.toObject().value(QStringLiteral("value")).toString()];
            if (!parents.contains(groupId))
                parents.append(groupId);
        }
    }
    m_indexValid = true;
}

QStringList Dataset::directParents(const QString& id) const
{
    ensureIndex();
    return m_parents.value(id);
}

QList<Dataset::Membership> Dataset::ancestors(const QString& id) const
{
    ensureIndex();
    // Breadth-first, so a group reachable both directly and through nesting is reported as direct.
    QList<Membership> result;
    QSet<QString> seen{id};
    QList<Membership> queue;
    for (const QString& parent : m_parents.value(id))
        queue.append({parent, true});
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const Membership current = queue.at(i);
        if (seen.contains(current.groupId))
            continue;
        seen.insert(current.groupId);
        result.append(current);
        for (const QString& parent : m_parents.value(current.groupId)) {
            if (!seen.contains(parent))
                queue.append({parent, false});
        }
    }
    return result;
}

QString Dataset::displayOf(const QString& id) const
{
    const std::optional<ResourceKind> kind = kindOf(id);
    if (!kind)
        return {};
    const QJsonObject object = resource(*kind, id);
    const QString displayName = object.value(QStringLiteral("displayName")).toString();
    return displayName.isEmpty() ? object.value(QStringLiteral("userName")).toString() : displayName;
}

QString Dataset::validateReferences() const
{
    const Table& groups = table(ResourceKind::Group);
    for (qsizetype i = 0; i < groups.order.size(); ++i) {
        const QJsonObject group = groups.byId.value(groups.order.at(i));
        const QJsonArray members = group.value(QStringLiteral("members")).toArray();
        for (qsizetype j = 0; j < members.size(); ++j) {
            const QString memberId = members.at(j).toObject().value(QStringLiteral("value")).toString();
            if (!kindOf(memberId))
                return describe(ResourceKind::Group, i, group) +
                       QStringLiteral(" has members[%1] referencing unknown id %2").arg(j).arg(memberId);
        }
    }
    if (!m_me.isEmpty() && meId().isEmpty())
        return QStringLiteral("\"me\" names %1 but no user has that userName").arg(m_me);
    return {};
}

} // namespace scimitar::emulator
