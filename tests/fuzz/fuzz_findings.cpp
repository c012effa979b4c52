// The findings file `scimitar-cli apply` reads (drift JSON, possibly edited by hand or by someone else).
#include "FuzzSupport.h"
#include "drift/FindingJson.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    FindingJson::read(fuzz::bytes(data, size), &error);
    return 0;
}
