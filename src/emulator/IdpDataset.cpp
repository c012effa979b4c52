#include "IdpDataset.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSet>
#include <QUuid>

namespace scimitar::emulator {

namespace {

// Namespace of the name-based Entra ids; any fixed UUID works, this one is ours.
const QUuid kEntraNamespace(QStringLiteral("5c1a1a7a-e7a0-4d1e-9b0c-000000000e1d"));

QString describeUser(qsizetype index, const QString& login)
{
    QString label = QStringLiteral("idp.users[%1]").arg(index);
    if (!login.isEmpty())
        label += QStringLiteral(" (login \"%1\")").arg(login);
    return label;
}

QString describeGroup(qsizetype index, const QString& name)
{
    QString label = QStringLiteral("idp.groups[%1]").arg(index);
    if (!name.isEmpty())
        label += QStringLiteral(" (name \"%1\")").arg(name);
    return label;
}

QJsonArray stringArray(const QStringList& values)
{
    QJsonArray array;
    for (const QString& value : values)
        array.append(value);
    return array;
}

// Reads an optional string member; false (with *error) when it is present but not a string.
bool readString(const QJsonObject& object, const char* key, QString* out, const QString& label, QString* error)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString()) {
        *error = label + QStringLiteral(" has \"%1\" that is not a string").arg(QLatin1String(key));
        return false;
    }
    *out = value.toString();
    return true;
}

bool readIdList(const QJsonObject& object, const char* key, QStringList* out, const QString& label, QString* error)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = label + QStringLiteral(" has \"%1\" that is not an array of ids").arg(QLatin1String(key));
        return false;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString() || array.at(i).toString().isEmpty()) {
            *error = label + QStringLiteral(" has %1[%2] that is not an id string").arg(QLatin1String(key)).arg(i);
            return false;
        }
        out->append(array.at(i).toString());
    }
    return true;
}

} // namespace

const QStringList& IdpDataset::statuses()
{
    static const QStringList kStatuses = {
        QStringLiteral("STAGED"),    QStringLiteral("PROVISIONED"),      QStringLiteral("ACTIVE"),
        QStringLiteral("RECOVERY"),  QStringLiteral("PASSWORD_EXPIRED"), QStringLiteral("LOCKED_OUT"),
        QStringLiteral("SUSPENDED"), QStringLiteral("DEPROVISIONED"),
    };
    return kStatuses;
}

bool IdpDataset::accountEnabled(const QString& status)
{
    return status != QLatin1String("DEPROVISIONED") && status != QLatin1String("SUSPENDED");
}

QString IdpDataset::entraObjectId(const QString& oktaId, bool group)
{
    const QString name = (group ? QStringLiteral("group:") : QStringLiteral("user:")) + oktaId;
    return QUuid::createUuidV5(kEntraNamespace, name).toString(QUuid::WithoutBraces);
}

QDateTime IdpDataset::derivedTime(const QString& id, int salt)
{
    const QByteArray digest =
        QCryptographicHash::hash((id + QLatin1Char('/') + QString::number(salt)).toUtf8(), QCryptographicHash::Sha1);
    const quint32 bits = quint32(quint8(digest[0])) << 24 | quint32(quint8(digest[1])) << 16 |
                         quint32(quint8(digest[2])) << 8 | quint32(quint8(digest[3]));
    const QDateTime base(QDate(2022, 1, 3), QTime(8, 0), Qt::UTC);
    const quint32 firstDay = salt == 1 ? 0 : 400;
    const quint32 days = salt == 1 ? 400 : 500;
    return base.addSecs(qint64(firstDay) * 86400 + qint64(bits % (days * 86400)));
}

std::optional<IdpDataset> IdpDataset::fromJson(const QJsonValue& value, QString* error)
{
    QString problem;
    auto fail = [&](const QString& message) -> std::optional<IdpDataset> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!value.isObject())
        return fail(QStringLiteral("\"idp\" must be an object with \"users\" and \"groups\" arrays"));
    const QJsonObject root = value.toObject();
    for (const char* key : {"users", "groups"}) {
        const QJsonValue array = root.value(QLatin1String(key));
        if (!array.isUndefined() && !array.isArray())
            return fail(QStringLiteral("idp.%1 must be an array").arg(QLatin1String(key)));
    }

    IdpDataset idp;
    QSet<QString> seenIds;
    const QJsonArray users = root.value(QStringLiteral("users")).toArray();
    for (qsizetype i = 0; i < users.size(); ++i) {
        if (!users.at(i).isObject())
            return fail(QStringLiteral("idp.users[%1] is not an object").arg(i));
        const QJsonObject object = users.at(i).toObject();
        User user;
        const QString label = describeUser(i, object.value(QStringLiteral("login")).toString());
        if (!readString(object, "id", &user.id, label, &problem) ||
            !readString(object, "login", &user.login, label, &problem) ||
            !readString(object, "email", &user.email, label, &problem) ||
            !readString(object, "firstName", &user.firstName, label, &problem) ||
            !readString(object, "lastName", &user.lastName, label, &problem) ||
            !readString(object, "displayName", &user.displayName, label, &problem) ||
            !readString(object, "status", &user.status, label, &problem))
            return fail(problem);
        if (user.id.isEmpty())
            return fail(label + QStringLiteral(" has no id"));
        if (user.login.isEmpty())
            return fail(label + QStringLiteral(" has no login"));
        if (seenIds.contains(user.id))
            return fail(label + QStringLiteral(" reuses id %1").arg(user.id));
        seenIds.insert(user.id);
        if (user.email.isEmpty())
            user.email = user.login;
        idp.upsertUser(user);
    }

    const QJsonArray groups = root.value(QStringLiteral("groups")).toArray();
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (!groups.at(i).isObject())
            return fail(QStringLiteral("idp.groups[%1] is not an object").arg(i));
        const QJsonObject object = groups.at(i).toObject();
        Group group;
        const QString label = describeGroup(i, object.value(QStringLiteral("name")).toString());
        if (!readString(object, "id", &group.id, label, &problem) ||
            !readString(object, "name", &group.name, label, &problem) ||
            !readString(object, "description", &group.description, label, &problem) ||
            !readIdList(object, "members", &group.members, label, &problem) ||
            !readIdList(object, "groups", &group.groups, label, &problem))
            return fail(problem);
        if (group.id.isEmpty())
            return fail(label + QStringLiteral(" has no id"));
        if (group.name.isEmpty())
            return fail(label + QStringLiteral(" has no name"));
        if (seenIds.contains(group.id))
            return fail(label + QStringLiteral(" reuses id %1").arg(group.id));
        seenIds.insert(group.id);
        idp.upsertGroup(group);
    }

    const QString invalid = idp.validate();
    if (!invalid.isEmpty())
        return fail(invalid);
    return idp;
}

QJsonObject IdpDataset::toJson() const
{
    QJsonArray users;
    for (const User& user : m_users) {
        QJsonObject object{{QStringLiteral("id"), user.id},
                           {QStringLiteral("login"), user.login},
                           {QStringLiteral("email"), user.email},
                           {QStringLiteral("status"), user.status}};
        if (!user.firstName.isEmpty())
            object.insert(QStringLiteral("firstName"), user.firstName);
        if (!user.lastName.isEmpty())
            object.insert(QStringLiteral("lastName"), user.lastName);
        if (!user.displayName.isEmpty())
            object.insert(QStringLiteral("displayName"), user.displayName);
        users.append(object);
    }
    QJsonArray groups;
    for (const Group& group : m_groups) {
        QJsonObject object{{QStringLiteral("id"), group.id},
                           {QStringLiteral("name"), group.name},
                           {QStringLiteral("members"), stringArray(group.members)}};
        if (!group.description.isEmpty())
            object.insert(QStringLiteral("description"), group.description);
        if (!group.groups.isEmpty())
            object.insert(QStringLiteral("groups"), stringArray(group.groups));
        groups.append(object);
    }
    return {{QStringLiteral("users"), users}, {QStringLiteral("groups"), groups}};
}

const IdpDataset::User* IdpDataset::user(const QString& id) const
{
    const auto it = m_userById.constFind(id);
    return it == m_userById.constEnd() ? nullptr : &m_users.at(*it);
}

const IdpDataset::User* IdpDataset::findUserByLogin(const QString& login) const
{
    const auto it = m_userByLogin.constFind(login.toLower());
    return it == m_userByLogin.constEnd() ? nullptr : &m_users.at(*it);
}

const IdpDataset::User* IdpDataset::findUserByEntraId(const QString& entraId) const
{
    const auto it = m_userByEntraId.constFind(entraId.toLower());
    return it == m_userByEntraId.constEnd() ? nullptr : &m_users.at(*it);
}

const IdpDataset::Group* IdpDataset::group(const QString& id) const
{
    const auto it = m_groupById.constFind(id);
    return it == m_groupById.constEnd() ? nullptr : &m_groups.at(*it);
}

const IdpDataset::Group* IdpDataset::findGroupByEntraId(const QString& entraId) const
{
    const auto it = m_groupByEntraId.constFind(entraId.toLower());
    return it == m_groupByEntraId.constEnd() ? nullptr : &m_groups.at(*it);
}

QStringList IdpDataset::transitiveGroups(const QString& groupId) const
{
    QStringList result;
    QSet<QString> seen{groupId};
    QStringList queue{groupId};
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const Group* current = group(queue.at(i));
        if (!current)
            continue;
        for (const QString& nested : current->groups) {
            if (seen.contains(nested) || !group(nested))
                continue;
            seen.insert(nested);
            result.append(nested);
            queue.append(nested);
        }
    }
    return result;
}

QStringList IdpDataset::transitiveUsers(const QString& groupId) const
{
    QStringList result;
    QSet<QString> seen;
    QStringList groupIds{groupId};
    groupIds += transitiveGroups(groupId);
    for (const QString& id : std::as_const(groupIds)) {
        const Group* current = group(id);
        if (!current)
            continue;
        for (const QString& member : current->members) {
            if (!seen.contains(member) && user(member)) {
                seen.insert(member);
                result.append(member);
            }
        }
    }
    return result;
}

void IdpDataset::upsertUser(User user)
{
    user.entraId = entraObjectId(user.id, false);
    const auto it = m_userById.constFind(user.id);
    if (it != m_userById.constEnd()) {
        m_users[*it] = std::move(user);
        rebuildIndex(); // the login may have changed
        return;
    }
    const qsizetype index = m_users.size();
    m_userById.insert(user.id, index);
    if (!m_userByLogin.contains(user.login.toLower()))
        m_userByLogin.insert(user.login.toLower(), index);
    m_userByEntraId.insert(user.entraId, index);
    m_users.append(std::move(user));
}

void IdpDataset::upsertGroup(Group group)
{
    group.entraId = entraObjectId(group.id, true);
    const auto it = m_groupById.constFind(group.id);
    if (it != m_groupById.constEnd()) {
        m_groups[*it] = std::move(group);
        return;
    }
    m_groupById.insert(group.id, m_groups.size());
    m_groupByEntraId.insert(group.entraId, m_groups.size());
    m_groups.append(std::move(group));
}

bool IdpDataset::removeUser(const QString& id)
{
    const auto it = m_userById.constFind(id);
    if (it == m_userById.constEnd())
        return false;
    m_users.removeAt(*it);
    for (Group& group : m_groups)
        group.members.removeAll(id);
    rebuildIndex();
    return true;
}

void IdpDataset::rebuildIndex()
{
    m_userById.clear();
    m_userByLogin.clear();
    m_userByEntraId.clear();
    for (qsizetype i = 0; i < m_users.size(); ++i) {
        m_userById.insert(m_users.at(i).id, i);
        if (!m_userByLogin.contains(m_users.at(i).login.toLower()))
            m_userByLogin.insert(m_users.at(i).login.toLower(), i);
        m_userByEntraId.insert(m_users.at(i).entraId, i);
    }
    m_groupById.clear();
    m_groupByEntraId.clear();
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        m_groupById.insert(m_groups.at(i).id, i);
        m_groupByEntraId.insert(m_groups.at(i).entraId, i);
    }
}

QString IdpDataset::validate() const
{
    QHash<QString, qsizetype> logins;
    for (qsizetype i = 0; i < m_users.size(); ++i) {
        const User& user = m_users.at(i);
        if (!statuses().contains(user.status))
            return describeUser(i, user.login) + QStringLiteral(" has status \"%1\"; expected one of %2")
                                                     .arg(user.status, statuses().join(QStringLiteral(", ")));
        // Users/{login} look-ups and login matching must be unambiguous, as in Okta.
        const QString folded = user.login.toLower();
        if (logins.contains(folded))
            return describeUser(i, user.login) +
                   QStringLiteral(" has the same login as idp.users[%1] (logins are case-insensitive)")
                       .arg(logins.value(folded));
        logins.insert(folded, i);
    }
    for (qsizetype i = 0; i < m_groups.size(); ++i) {
        const Group& group = m_groups.at(i);
        if (user(group.id))
            return describeGroup(i, group.name) + QStringLiteral(" reuses the id of an IdP user: %1").arg(group.id);
        for (qsizetype j = 0; j < group.members.size(); ++j) {
            if (user(group.members.at(j)))
                continue;
            const QString hint = this->group(group.members.at(j))
                                     ? QStringLiteral(" (that is a group: list nested groups in \"groups\")")
                                     : QString();
            return describeGroup(i, group.name) +
                   QStringLiteral(" has members[%1] referencing unknown IdP user id %2%3")
                       .arg(j)
                       .arg(group.members.at(j), hint);
        }
        for (qsizetype j = 0; j < group.groups.size(); ++j) {
            if (!this->group(group.groups.at(j)))
                return describeGroup(i, group.name) +
                       QStringLiteral(" has groups[%1] referencing unknown IdP group id %2")
                           .arg(j)
                           .arg(group.groups.at(j));
        }
        // transitiveGroups() never lists its starting group, so look for this one below each child.
        for (const QString& nested : group.groups) {
            if (nested == group.id || transitiveGroups(nested).contains(group.id))
                return describeGroup(i, group.name) + QStringLiteral(" contains itself through nested groups");
        }
    }
    return {};
}

} // namespace scimitar::emulator
