#pragma once

#include "OutputFormat.h"
#include "connections/Connection.h"
#include "remediation/AuditJournal.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace scimitar::cli {

// What the user asked for, as parsed from the command line. Deliberately has no token: the CLI accepts tokens
// only from the keychain, a config file or the environment, never from argv (shell history, `ps`).
struct Invocation
{
    QStringList commandWords; // e.g. {"users", "list"}
    OutputFormat format = OutputFormat::Table;
    QString connectionName;               // --connection
    QString profileName;                  // --profile
    std::optional<Connection::Kind> kind; // --kind; unset: decided by the connection source
    bool quiet = false;                   // --quiet: no progress on stderr
    bool strict = false;                  // --strict: incomplete listings are errors
    QString policyPath;                   // --policy (drift): the access policy file
    QString idpConnectionName;            // --idp-connection (drift): IdP secret from the keychain
    // audit list: which entries (--connection is then a filter, not a connection to use)
    QDateTime since;                    // --since, UTC; invalid: from the beginning
    std::optional<ChangeResult> result; // --result
    int limit = 0;                      // --limit; 0: all
    QString journalPath;                // --journal; empty: $SCIMITAR_AUDIT_JOURNAL, else the app's journal
    bool showHelp = false;
    bool showVersion = false;
};

} // namespace scimitar::cli
