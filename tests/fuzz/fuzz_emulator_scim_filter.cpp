// The emulator's SCIM filter parser (what `filter=` a client sends), matched against one resource.
#include "FuzzSupport.h"
#include "ScimFilter.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    const auto filter = emulator::ScimFilter::parse(QString::fromUtf8(fuzz::bytes(data, size)), &error);
    if (filter) {
        const QJsonObject resource{{"id", "1001"},
                                   {"userName", "ana@acme.example"},
                                   {"displayName", "Ana"},
                                   {"active", true},
                                   {"emails", QJsonArray{QJsonObject{{"value", "ana@acme.example"}}}}};
        filter->matches(resource);
    }
    return 0;
}
