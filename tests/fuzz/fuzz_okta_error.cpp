// An Okta error answer (errorCode/errorSummary/errorCauses, or whatever a proxy sends instead).
#include "FuzzSupport.h"
#include "idp/OktaError.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const net::HttpResponse response = fuzz::answerFrom(fuzz::bytes(data, size));
    OktaError::describe(QStringLiteral("Okta: reading groups"), response);
    OktaError::serverDetail(response.body);
    return 0;
}
