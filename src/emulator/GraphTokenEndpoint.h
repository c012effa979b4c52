#pragma once

#include "EmulatorOptions.h"
#include "EmulatorReply.h"
#include "EmulatorRequest.h"

#include <QByteArray>
#include <QHash>

namespace scimitar::emulator {

// Microsoft identity platform's client-credentials token endpoint, POST /{tenant}/oauth2/v2.0/token,
// as far as an app-only Graph reader uses it: a form body with client_id, client_secret (or HTTP
// Basic client authentication), scope=<graph resource>/.default and grant_type=client_credentials.
// Errors carry the real AADSTS codes (7000215 wrong secret, 70011 bad scope, ...). Issued tokens are
// random and expire after entraTokenLifetimeSeconds; GraphApi asks check() about each request.
//
// Accepted scopes: <resource>/.default where the resource is a national-cloud Graph host
// (https://graph.microsoft.com, .us, dod-graph, China), Graph's app id, or the emulator's own origin
// (a client pointed at the emulator derives its scope from the Graph root it was given).
// Not thread-safe: EmulatorServer calls it with its lock held.
class GraphTokenEndpoint
{
public:
    enum class TokenState
    {
        Valid,
        Expired,
        Unknown
    };

    static bool handles(const EmulatorRequest& request);

    EmulatorReply serve(const EmulatorRequest& request, const EmulatorOptions& options);
    TokenState check(const QByteArray& accessToken) const;

private:
    static EmulatorReply error(int status, const char* error, int code, const QString& description);

    QHash<QByteArray, qint64> m_expiresAtMs; // issued tokens; long-expired ones are pruned when issuing
};

} // namespace scimitar::emulator
