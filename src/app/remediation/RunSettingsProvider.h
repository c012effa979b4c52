#pragma once

#include "connections/Connection.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"
#include "remediation/ChangeRunner.h"

#include <QObject>
#include <functional>
#include <optional>

namespace scimitar {
class TokenVault;
}

namespace scimitar::gui {

// Where changes for the active connection go and under which guards: the SCIM base, the token the session already
// holds for the connection (TokenVault: memory first, then the keychain), the token owner from the snapshot's /Me,
// the guards from the snapshot, the active policy and the connection's read-only mark, and the audit journal.
// The token stays inside RunSettings::authorization: it is never shown, logged or put in a message.
class RunSettingsProvider : public QObject
{
    Q_OBJECT

public:
    // Exactly one of the two is set: the settings, or a sentence saying why there are none (no token, …).
    using Callback = std::function<void(const std::optional<RunSettings>& settings, const QString& error)>;

    static constexpr const char* kJournalVariable = AuditJournal::kPathVariable;

    explicit RunSettingsProvider(TokenVault& tokens, QObject* parent = nullptr);

    // Reads the token, then answers from the event loop (never inside this call).
    void prepare(const Connection& connection, SnapshotPtr snapshot, const std::optional<Policy>& policy,
                 Callback done);

    // The settings for a token already read; pure, for tests.
    static RunSettings settingsFor(const Connection& connection, const DirectorySnapshot& snapshot,
                                   const Policy* policy, const QString& token, const QString& journalPath);
    // Where changes are journaled: the path set for this session (the demo's throwaway journal), else
    // $SCIMITAR_AUDIT_JOURNAL (as the CLI honours it, so a test or a rehearsal can keep its own journal), else
    // AuditJournal::defaultPath().
    QString journalPath() const;
    void setJournalPath(const QString& path) { m_journalPath = path; }

private:
    TokenVault& m_tokens;
    QString m_journalPath;
};

} // namespace scimitar::gui
