#pragma once

#include "net/HttpTypes.h"

#include <QString>

namespace scimitar {

// Turns a failed Okta answer into one sentence that names the request and says what to do. Okta's error body is
// {errorCode, errorSummary, errorLink, errorId, errorCauses[]}; the errorId is kept because Okta support asks for it.
class OktaError
{
public:
    // `what` names the request in words ("Okta: reading members of 'dbx-pii'").
    static QString describe(const QString& what, const net::HttpResponse& response);

    // "E0000006: You do not have permission…; errorId oae…" from an error body, or a short excerpt of a non-JSON
    // body, or an empty string.
    static QString serverDetail(const QByteArray& body);
};

} // namespace scimitar
