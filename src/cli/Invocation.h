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
    QString operand;          // the word after the command (apply: FILE, "-" for stdin); empty when none
    QStringList operands;     // every word after the command (audit undo: the journal ids)
    OutputFormat format = OutputFormat::Table;
    QString connectionName;               // --connection
    QString profileName;                  // --profile
    std::optional<Connection::Kind> kind; // --kind; unset: decided by the connection source
    bool quiet = false;                   // --quiet: no progress on stderr
    bool strict = false;                  // --strict: warnings are errors
    int timeoutSeconds = 0;               // --timeout: per request; 0: the default (60 s)
    int retries = -1;                     // --retries: tries after the first; -1: the default (5)
    QString policyPath;                   // --policy (drift): the access policy file
    QString idpConnectionName;            // --idp-connection (drift): IdP secret from the keychain
    // audit list: which entries (--connection is then a filter, not a connection to use)
    QDateTime since;                    // --since, UTC; invalid: from the beginning
    std::optional<ChangeResult> result; // --result
    int limit = 0;                      // --limit; 0: all
    QString journalPath;                // --journal; empty: $SCIMITAR_AUDIT_JOURNAL, else the app's journal
    // apply
    bool dryRun = false; // --dry-run: show the requests, send and journal nothing
    bool yes = false;    // --yes: no confirmation
    bool showHelp = false;
    bool showVersion = false;
};

} // namespace scimitar::cli
