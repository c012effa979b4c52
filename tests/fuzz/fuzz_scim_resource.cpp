// One SCIM resource (a user, group or service principal) in any JSON shape.
#include "FuzzSupport.h"
#include "scim/ScimResourceParser.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonObject object = QJsonDocument::fromJson(fuzz::bytes(data, size)).object();
    ScimResourceParser::user(object);
    ScimResourceParser::group(object);
    ScimResourceParser::servicePrincipal(object);
    ScimResourceParser::members(object);
    return 0;
}
