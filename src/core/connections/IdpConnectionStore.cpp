#include "connections/IdpConnectionStore.h"

#include "idp/IdpSourceFactory.h"
#include "secrets/PrivateFile.h"

#include <QDebug>
#include <QSettings>
#include <QUuid>
#include <algorithm>

namespace scimitar {

namespace {

const QString groupName = QStringLiteral("idpConnections");

QString groupOf(const QString& id)
{
    return groupName + QLatin1Char('/') + id;
}

// Ids come from QUuid, but settings files can be edited by hand; anything else is ignored rather than letting an
// id like "a/b" address a different group.
bool isUsableId(const QString& id)
{
    return !QUuid::fromString(id).isNull() && !id.contains(QLatin1Char('/'));
}

QString urlText(const QUrl& url)
{
    return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
}

QUrl urlFrom(const QString& text)
{
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

} // namespace

IdpConnectionStore::IdpConnectionStore(QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
}

IdpConnectionStore::IdpConnectionStore(const QString& iniPath, QObject* parent)
    : QObject(parent)
    , m_ownedSettings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
    , m_settings(*m_ownedSettings)
{
}

IdpConnectionStore::~IdpConnectionStore() = default;

QString IdpConnectionStore::fileName() const
{
    return m_settings.fileName();
}

std::optional<IdpConnection> IdpConnectionStore::readConnection(const QString& id) const
{
    if (!isUsableId(id))
        return std::nullopt;
    m_settings.beginGroup(groupOf(id));
    const bool present = m_settings.contains(QStringLiteral("name"));
    IdpConnection connection;
    connection.id = id;
    connection.name = m_settings.value(QStringLiteral("name")).toString();
    const QString typeName = m_settings.value(QStringLiteral("type")).toString();
    connection.settings.url = urlFrom(m_settings.value(QStringLiteral("url")).toString());
    connection.settings.tenant = m_settings.value(QStringLiteral("tenant")).toString();
    connection.settings.clientId = m_settings.value(QStringLiteral("clientId")).toString();
    connection.settings.authority = urlFrom(m_settings.value(QStringLiteral("authority")).toString());
    connection.settings.graph = urlFrom(m_settings.value(QStringLiteral("graph")).toString());
    m_settings.endGroup();
    if (!present)
        return std::nullopt;
    if (!idpTypeFromName(typeName, &connection.settings.type) || connection.settings.type == IdpType::File) {
        // Probably written by a newer Scimitar (another IdP): skip, keep the entry.
        qWarning() << "Skipping IdP connection" << id << "in" << m_settings.fileName()
                   << "with unknown type:" << typeName;
        return std::nullopt;
    }
    return connection;
}

QList<IdpConnection> IdpConnectionStore::list() const
{
    m_settings.beginGroup(groupName);
    const QStringList ids = m_settings.childGroups();
    m_settings.endGroup();

    QList<IdpConnection> connections;
    for (const QString& id : ids) {
        if (auto connection = readConnection(id))
            connections.append(*connection);
    }
    std::sort(connections.begin(), connections.end(), [](const IdpConnection& a, const IdpConnection& b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id; // ids break ties so the order is stable
    });
    return connections;
}

QStringList IdpConnectionStore::names() const
{
    QStringList names;
    for (const IdpConnection& connection : list())
        names.append(connection.name);
    return names;
}

std::optional<IdpConnection> IdpConnectionStore::find(const QString& id) const
{
    return readConnection(id);
}

std::optional<IdpConnection> IdpConnectionStore::findByName(const QString& name) const
{
    const QString wanted = name.trimmed();
    for (const IdpConnection& connection : list()) {
        if (connection.name.trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
            return connection;
    }
    return std::nullopt;
}

std::optional<IdpConnection> IdpConnectionStore::findFor(const IdpSettings& settings) const
{
    const QString wanted = IdpSourceFactory::secretId(settings);
    if (wanted.isEmpty())
        return std::nullopt;
    for (const IdpConnection& connection : list()) {
        if (IdpSourceFactory::secretId(connection.settings) == wanted)
            return connection;
    }
    return std::nullopt;
}

QString IdpConnectionStore::checkSave(const IdpConnection& connection) const
{
    if (const QString invalid = connection.validate(); !invalid.isEmpty())
        return invalid;
    if (!isUsableId(connection.id))
        return QStringLiteral("The IdP connection id '%1' cannot be stored; this is a bug in Scimitar.")
            .arg(connection.id);
    // Names must be unique because the CLI and the UI let people pick a connection by name.
    if (const auto sameName = findByName(connection.name); sameName && sameName->id != connection.id)
        return QStringLiteral("An IdP connection named '%1' already exists; choose another name.").arg(sameName->name);
    // Secrets are keyed by where the IdP is, so two connections to one Okta org (or one Entra app) would share a
    // secret, and saving one would silently replace the other's.
    if (const auto sameSecret = findFor(connection.settings); sameSecret && sameSecret->id != connection.id)
        return QStringLiteral("The IdP connection '%1' already connects to %2; edit that one instead.")
            .arg(sameSecret->name, connection.settings.type == IdpType::Okta
                                       ? connection.settings.url.host()
                                       : QStringLiteral("app %1 in tenant %2")
                                             .arg(connection.settings.clientId, connection.settings.tenant));
    return {};
}

QString IdpConnectionStore::save(const IdpConnection& connection)
{
    if (const QString refused = checkSave(connection); !refused.isEmpty())
        return refused;

    // Written field by field from a fixed list: nothing but these keys can ever reach the file.
    const IdpSettings& settings = connection.settings;
    const bool entra = settings.type == IdpType::Entra;
    m_settings.remove(groupOf(connection.id)); // a type change leaves no stale fields of the other type behind
    m_settings.beginGroup(groupOf(connection.id));
    m_settings.setValue(QStringLiteral("name"), connection.name.trimmed());
    m_settings.setValue(QStringLiteral("type"), idpTypeName(settings.type));
    if (entra) {
        m_settings.setValue(QStringLiteral("tenant"), settings.tenant.trimmed());
        m_settings.setValue(QStringLiteral("clientId"), settings.clientId.trimmed());
        m_settings.setValue(QStringLiteral("authority"), urlText(settings.authority));
        m_settings.setValue(QStringLiteral("graph"), urlText(settings.graph));
    } else {
        m_settings.setValue(QStringLiteral("url"), urlText(settings.url));
    }
    m_settings.endGroup();
    if (const QString failed = syncError(); !failed.isEmpty())
        return failed;
    emit changed();
    return {};
}

bool IdpConnectionStore::remove(const QString& id)
{
    if (!find(id))
        return false;
    m_settings.remove(groupOf(id));
    PrivateFile::sync(m_settings);
    emit changed();
    return true;
}

QString IdpConnectionStore::syncError() const
{
    PrivateFile::sync(m_settings);
    switch (m_settings.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return QStringLiteral("The IdP connection list could not be written to %1: access denied.").arg(fileName());
    case QSettings::FormatError:
        return QStringLiteral("The IdP connection list in %1 is damaged and could not be updated.").arg(fileName());
    }
    return QStringLiteral("The IdP connection list could not be written to %1.").arg(fileName());
}

} // namespace scimitar
