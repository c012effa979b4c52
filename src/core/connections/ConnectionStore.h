#pragma once

#include "connections/Connection.h"

#include <QList>
#include <QObject>
#include <memory>
#include <optional>

class QSettings;

namespace scimitar {

// The list of connections, persisted in QSettings under "connections/<id>". Metadata only:
// there is no way to put a token in here (Connection has no token field), and tests check the
// written file for that. Tokens live in a SecretStore under Connection::secretKey().
class ConnectionStore : public QObject
{
    Q_OBJECT

public:
    // Uses the caller's settings (the app's QSettings); the caller keeps them alive.
    explicit ConnectionStore(QSettings& settings, QObject* parent = nullptr);
    // Uses its own INI file at `iniPath` (tests, portable setups).
    explicit ConnectionStore(const QString& iniPath, QObject* parent = nullptr);
    ~ConnectionStore() override;

    // Sorted by name, case-insensitively.
    QList<Connection> list() const;
    std::optional<Connection> find(const QString& id) const;
    // Case-insensitive, since names are how people (and the CLI's --connection) refer to them.
    std::optional<Connection> findByName(const QString& name) const;

    // What save() would refuse, without writing: empty when it would succeed.
    QString checkSave(const Connection& connection) const;
    // Adds or updates (matched by id). Returns empty on success, else one sentence.
    QString save(const Connection& connection);
    // Removes the metadata only; the caller removes the token from its SecretStore.
    // Returns false when there was no such connection.
    bool remove(const QString& id);

    QString lastConnectionId() const;
    void setLastConnectionId(const QString& id);

    // The access policy file a connection is reviewed under (empty: none chosen yet). Kept with the connection and
    // removed with it: a review never runs under a policy — and so against an IdP — nobody chose for it.
    QString policyPath(const QString& id) const;
    void setPolicyPath(const QString& id, const QString& path);

    // The file behind the settings, for messages.
    QString fileName() const;

signals:
    void changed();

private:
    std::optional<Connection> readConnection(const QString& id) const;
    QString syncError() const;

    std::unique_ptr<QSettings> m_ownedSettings;
    QSettings& m_settings;
};

} // namespace scimitar
