// The emulator's Graph $filter parser, matched against one user.
#include "FuzzSupport.h"
#include "GraphFilter.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    emulator::GraphFilter::Error error;
    const auto filter = emulator::GraphFilter::parse(
        QString::fromUtf8(fuzz::bytes(data, size)),
        {QStringLiteral("displayName"), QStringLiteral("mail"), QStringLiteral("userPrincipalName")},
        QStringLiteral("User"), &error);
    if (filter)
        filter->matches([](const QString& property) {
            return property == QLatin1String("mail") ? QStringLiteral("ana@acme.example") : QStringLiteral("Ana");
        });
    return 0;
}
