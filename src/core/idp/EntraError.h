#pragma once

#include "net/HttpTypes.h"

#include <QString>

namespace scimitar {

// Turns failed Entra ID answers into one sentence naming the request. Two shapes exist: the token endpoint's
// {error, error_description ("AADSTS…: …"), trace_id, correlation_id} and Graph's
// {"error": {code, message, innerError: {request-id, client-request-id}}}.
class EntraError
{
public:
    // A failed token request. Never includes the request body (it holds the client secret).
    static QString describeToken(const QString& what, const net::HttpResponse& response);

    // A failed Graph request. `permissions` names the application permissions the call needs, for 403s
    // ("GroupMember.Read.All and User.Read.All").
    static QString describeGraph(const QString& what, const net::HttpResponse& response, const QString& permissions);

    // Graph's error.code ("Request_UnsupportedQuery"), or an empty string.
    static QString graphCode(const QByteArray& body);

    // "AADSTS7000215" from an error_description, or an empty string.
    static QString aadstsCode(const QString& description);
};

} // namespace scimitar
