#include "RunSettingsProvider.h"

#include "TokenVault.h"
#include "remediation/AuditJournal.h"

#include <QPointer>

namespace scimitar::gui {

RunSettingsProvider::RunSettingsProvider(TokenVault& tokens, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
{
}

QString RunSettingsProvider::journalPath() const
{
    // Otherwise the one resolution the Audit page and the CLI use too.
    return m_journalPath.isEmpty() ? AuditJournal::configuredPath() : m_journalPath;
}

RunSettings RunSettingsProvider::settingsFor(const Connection& connection, const DirectorySnapshot& snapshot,
                                             const Policy* policy, const QString& token, const QString& journalPath)
{
    RunSettings settings;
    settings.scimBase = connection.scimBaseUrl();
    settings.authorization = QByteArrayLiteral("Bearer ") + token.toUtf8();
    settings.connectionName = connection.name;
    settings.tokenOwnerUserName = snapshot.info().meUserName;
    settings.guard = GuardContext::from(snapshot, policy, connection.readOnly);
    // The connection's own name, not the one the snapshot was loaded under: it may have been renamed since.
    settings.guard.connectionName = connection.name;
    settings.journalPath = journalPath;
    return settings;
}

void RunSettingsProvider::prepare(const Connection& connection, SnapshotPtr snapshot,
                                  const std::optional<Policy>& policy, Callback done)
{
    if (!snapshot) {
        // Never answer inside the call: callers set up their state after asking.
        QMetaObject::invokeMethod(
            this, [done] { done(std::nullopt, tr("Nothing is loaded for this connection yet; refresh first.")); },
            Qt::QueuedConnection);
        return;
    }
    QPointer<RunSettingsProvider> self(this);
    m_tokens.read(connection.secretKey(), [self, connection, snapshot, policy, done,
                                           journal = journalPath()](const SecretResult& result) {
        if (!self)
            return;
        if (!result.ok()) {
            // SecretResult messages never contain the secret, so they may be shown as they are.
            done(std::nullopt,
                 result.status == SecretResult::Status::NotFound
                     ? tr("No token is stored for '%1'. Open Manage connections… and enter it.").arg(connection.name)
                     : tr("Could not read the token of '%1': %2").arg(connection.name, result.message));
            return;
        }
        done(settingsFor(connection, *snapshot, policy ? &*policy : nullptr, result.secret, journal), QString());
    });
}

} // namespace scimitar::gui
