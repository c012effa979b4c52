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

    // The server's own words from an error body, or an empty string. "null" details (sic) are dropped.
    static QString serverDetail(const QByteArray& body);
};

} // namespace scimitar
