#pragma once

#include "connections/Connection.h"

namespace scimitar {

// What an importer (~/.databrickscfg, environment variables) found: the connection metadata and,
// separately, its token. The token travels next to the Connection, never inside it, so it goes to
// the SecretStore and nowhere else.
struct ImportedConnection
{
    // Filled as far as the source allowed, even on error, so a UI can pre-fill a form.
    Connection connection;
    // Set only when ok().
    QString token;
    // Empty on success; else one sentence naming the source (file and profile, or variable).
    QString error;
    // Where it came from, for display: "profile 'dev' in /home/ana/.databrickscfg".
    QString origin;

    bool ok() const { return error.isEmpty(); }
};

} // namespace scimitar
