// The policy file (JSON, lives in git: anyone who can commit may have written it).
#include "FuzzSupport.h"
#include "policy/PolicyParser.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    PolicyParser::parse(fuzz::bytes(data, size), QStringLiteral("/nonexistent-policy-folder"), &error);
    return 0;
}
