// The IdP export file (CSV or JSON) a drift review can read instead of Okta or Graph.
#include "FuzzSupport.h"
#include "idp/FileIdpSource.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    QString error;
    FileIdpSource::parseCsv(input, QStringLiteral("idp.csv"), &error);
    FileIdpSource::parseJson(input, QStringLiteral("idp.json"), &error);
    return 0;
}
