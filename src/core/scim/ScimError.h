#pragma once

#include "net/HttpTypes.h"

#include <QString>

namespace scimitar {

// Turns a failed SCIM answer into one sentence that names the request and says what to do.
// Understands both error forms Databricks sends: the SCIM one ({detail, status (a string!), scimType}) and the
// platform one ({error_code, message}).
class ScimError
{
public:
    static QString describe(const QString& what, const net::HttpResponse& response);

    // Why a successful answer's body is not the JSON object expected, in one sentence naming the request: an HTML
    // page (a proxy, a login page, a wrong host) is called that rather than "malformed JSON at byte 0".
    static QString unreadableBody(const QString& what, const QByteArray& body);

    // The server's own words from an error body, or an empty string. "null" details (sic) are dropped.
    static QString serverDetail(const QByteArray& body);

    // The <title> of an HTML page (simplified, at most 120 characters), or an empty string.
    static QString htmlTitle(const QByteArray& body);
};

} // namespace scimitar
