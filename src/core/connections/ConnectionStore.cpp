#include "connections/ConnectionStore.h"

#include "secrets/PrivateFile.h"

#include <QDebug>
#include <QSettings>
#include <QUuid>
#include <algorithm>

namespace scimitar {

namespace {

const QString groupName = QStringLiteral("connections");
const QString lastIdKey = QStringLiteral("connections/lastConnectionId");

QString groupOf(const QString& id)
{
    return groupName + QLatin1Char('/') + id;
}

// Ids come from QUuid, but settings files can be edited by hand; anything else is ignored
// rather than letting an id like "a/b" address a different group.
bool isUsableId(const QString& id)
{
    return !QUuid::fromString(id).isNull() && !id.contains(QLatin1Char('/'));
}

} // namespace

ConnectionStore::ConnectionStore(QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
}

ConnectionStore::ConnectionStore(const QString& iniPath, QObject* parent)
    : QObject(parent)
    , m_ownedSettings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
    , m_settings(*m_ownedSettings)
{
}

ConnectionStore::~ConnectionStore() = default;

QString ConnectionStore::fileName() const
{
    return m_settings.fileName();
}

std::optional<Connection> ConnectionStore::readConnection(const QString& id) const
{
    if (!isUsableId(id))
        return std::nullopt;
    m_settings.beginGroup(groupOf(id));
    const QString name = m_settings.value(QStringLiteral("name")).toString();
    const QString kindName = m_settings.value(QStringLiteral("kind")).toString();
    const QString hostText = m_settings.value(QStringLiteral("host")).toString();
    const QString accountId = m_settings.value(QStringLiteral("accountId")).toString();
    const QString authName = m_settings.value(QStringLiteral("authType")).toString();
    const bool readOnly = m_settings.value(QStringLiteral("readOnly"), false).toBool();
    const bool present = m_settings.contains(QStringLiteral("name"));
    m_settings.endGroup();
    if (!present)
        return std::nullopt;

    const auto kind = Connection::kindFromName(kindName);
    const auto authType = Connection::authTypeFromName(authName);
    if (!kind || !authType) {
        // Probably written by a newer Scimitar (e.g. an OAuth connection): skip, keep the entry.
        qWarning() << "Skipping connection" << id << "in" << m_settings.fileName()
                   << "with unknown kind or auth type:" << kindName << authName;
        return std::nullopt;
    }

    Connection connection;
    connection.id = id;
    connection.name = name;
    connection.kind = *kind;
    connection.host = QUrl(hostText, QUrl::StrictMode);
    connection.accountId = accountId;
    connection.authType = *authType;
    connection.readOnly = readOnly;
    return connection;
}

QList<Connection> ConnectionStore::list() const
{
    m_settings.beginGroup(groupName);
    const QStringList ids = m_settings.childGroups();
    m_settings.endGroup();

    QList<Connection> connections;
    for (const QString& id : ids) {
        if (auto connection = readConnection(id))
            connections.append(*connection);
    }
    std::sort(connections.begin(), connections.end(), [](const Connection& a, const Connection& b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id; // ids break ties so the order is stable
    });
    return connections;
}

std::optional<Connection> ConnectionStore::find(const QString& id) const
{
    return readConnection(id);
}

std::optional<Connection> ConnectionStore::findByName(const QString& name) const
{
    const QString wanted = name.trimmed();
    for (const Connection& connection : list()) {
        if (connection.name.trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
            return connection;
    }
    return std::nullopt;
}

QString ConnectionStore::checkSave(const Connection& connection) const
{
    if (const QString invalid = connection.validate(); !invalid.isEmpty())
        return invalid;
    if (!isUsableId(connection.id))
        return QStringLiteral("The connection id '%1' cannot be stored; this is a bug in Scimitar.").arg(connection.id);
    // Names must be unique because the CLI and the UI let people pick a connection by name.
    if (const auto sameName = findByName(connection.name); sameName && sameName->id != connection.id)
        return QStringLiteral("A connection named '%1' already exists; choose another name.").arg(sameName->name);
    return {};
}

QString ConnectionStore::save(const Connection& connection)
{
    if (const QString refused = checkSave(connection); !refused.isEmpty())
        return refused;

    // Written field by field from a fixed list: nothing but these keys can ever reach the file.
    m_settings.beginGroup(groupOf(connection.id));
    m_settings.setValue(QStringLiteral("name"), connection.name.trimmed());
    m_settings.setValue(QStringLiteral("kind"), Connection::kindName(connection.kind));
    m_settings.setValue(QStringLiteral("host"), connection.host.toString(QUrl::FullyEncoded));
    m_settings.setValue(QStringLiteral("accountId"), connection.accountId.trimmed());
    m_settings.setValue(QStringLiteral("authType"), Connection::authTypeName(connection.authType));
    m_settings.setValue(QStringLiteral("readOnly"), connection.readOnly);
    m_settings.endGroup();
    if (const QString failed = syncError(); !failed.isEmpty())
        return failed;
    emit changed();
    return {};
}

bool ConnectionStore::remove(const QString& id)
{
    if (!find(id))
        return false;
    m_settings.remove(groupOf(id));
    if (lastConnectionId() == id)
        m_settings.remove(lastIdKey);
    PrivateFile::sync(m_settings);
    emit changed();
    return true;
}

QString ConnectionStore::policyPath(const QString& id) const
{
    if (!isUsableId(id))
        return {};
    return m_settings.value(groupOf(id) + QStringLiteral("/policyPath")).toString();
}

void ConnectionStore::setPolicyPath(const QString& id, const QString& path)
{
    if (!find(id))
        return;
    const QString key = groupOf(id) + QStringLiteral("/policyPath");
    if (path.isEmpty())
        m_settings.remove(key);
    else
        m_settings.setValue(key, path);
    PrivateFile::sync(m_settings);
}

QString ConnectionStore::lastConnectionId() const
{
    return m_settings.value(lastIdKey).toString();
}

void ConnectionStore::setLastConnectionId(const QString& id)
{
    if (id.isEmpty())
        m_settings.remove(lastIdKey);
    else
        m_settings.setValue(lastIdKey, id);
    PrivateFile::sync(m_settings);
}

QString ConnectionStore::syncError() const
{
    PrivateFile::sync(m_settings);
    switch (m_settings.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return QStringLiteral("The connection list could not be written to %1: access denied.").arg(fileName());
    case QSettings::FormatError:
        return QStringLiteral("The connection list in %1 is damaged and could not be updated.").arg(fileName());
    }
    return QStringLiteral("The connection list could not be written to %1.").arg(fileName());
}

} // namespace scimitar
