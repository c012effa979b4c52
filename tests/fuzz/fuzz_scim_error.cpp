// A SCIM server's error answer: status, headers and body in any shape (JSON, HTML from a proxy, plain text).
#include "FuzzSupport.h"
#include "scim/ScimError.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const net::HttpResponse response = fuzz::answerFrom(fuzz::bytes(data, size));
    ScimError::describe(QStringLiteral("Listing users"), response);
    ScimError::unreadableBody(QStringLiteral("Listing users"), response.body);
    ScimError::htmlTitle(response.body);
    return 0;
}
