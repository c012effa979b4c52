// Microsoft identity platform and Graph error answers (AADSTS codes, OData errors, proxy pages).
#include "FuzzSupport.h"
#include "idp/EntraError.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const net::HttpResponse response = fuzz::answerFrom(fuzz::bytes(data, size));
    EntraError::describeToken(QStringLiteral("Entra ID: signing in"), response);
    EntraError::describeGraph(QStringLiteral("Entra ID: reading groups"), response, QStringLiteral("Group.Read.All"));
    EntraError::graphCode(response.body);
    EntraError::aadstsCode(QString::fromUtf8(response.body));
    return 0;
}
