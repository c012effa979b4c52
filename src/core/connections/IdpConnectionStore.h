#pragma once

#include "connections/IdpConnection.h"

#include <QList>
#include <QObject>
#include <memory>
#include <optional>

class QSettings;

namespace scimitar {

// The saved IdP connections, persisted in QSettings under "idpConnections/<id>" — the same settings file as
// ConnectionStore (the app's, which the CLI reads too), its own group, the same rules: metadata only (IdpConnection
// has no secret field; tests read the written file to check), written key by key from a fixed list, names unique
// and matched case-insensitively. Secrets live in a SecretStore under IdpConnection::secretKey().
class IdpConnectionStore : public QObject
{
    Q_OBJECT

public:
    // Uses the caller's settings (the app's QSettings); the caller keeps them alive.
    explicit IdpConnectionStore(QSettings& settings, QObject* parent = nullptr);
    // Uses its own INI file at `iniPath` (tests, portable setups).
    explicit IdpConnectionStore(const QString& iniPath, QObject* parent = nullptr);
    ~IdpConnectionStore() override;

    // Sorted by name, case-insensitively.
    QList<IdpConnection> list() const;
    QStringList names() const;
    std::optional<IdpConnection> find(const QString& id) const;
    // Case-insensitive, since names are how people (and the CLI's --idp-connection) refer to them.
    std::optional<IdpConnection> findByName(const QString& name) const;
    // The connection whose secret a policy's `idp` block would use (same Okta org, same Entra tenant and app).
    std::optional<IdpConnection> findFor(const IdpSettings& settings) const;

    // What save() would refuse, without writing: empty when it would succeed.
    QString checkSave(const IdpConnection& connection) const;
    // Adds or updates (matched by id). Returns empty on success, else one sentence.
    QString save(const IdpConnection& connection);
    // Removes the metadata only; the caller decides about the secret (other policies may still use it).
    // Returns false when there was no such connection.
    bool remove(const QString& id);

    // The file behind the settings, for messages.
    QString fileName() const;

signals:
    void changed();

private:
    std::optional<IdpConnection> readConnection(const QString& id) const;
    QString syncError() const;

    std::unique_ptr<QSettings> m_ownedSettings;
    QSettings& m_settings;
};

} // namespace scimitar
