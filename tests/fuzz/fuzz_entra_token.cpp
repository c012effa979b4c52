// The OAuth token endpoint's answer, read by EntraTokenProvider (access_token, expires_in in any shape).
#include "FuzzSupport.h"
#include "idp/EntraTokenProvider.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::PieceResponder server(data, size, QByteArray());
    EntraSettings settings;
    settings.tenant = QStringLiteral("00000000-0000-0000-0000-000000000001");
    settings.clientId = QStringLiteral("00000000-0000-0000-0000-000000000002");
    settings.clientSecret = QByteArrayLiteral("fuzz-client-secret");
    EntraTokenProvider provider(server.http(), settings);
    int answered = 0;
    // Twice: the second call is served from the first token when it was good, and fetches again when it was not.
    provider.token([&](const QByteArray&, const QString&) { ++answered; });
    fuzz::runUntil([&] { return answered == 1; });
    provider.token([&](const QByteArray&, const QString&) { ++answered; });
    fuzz::runUntil([&] { return answered == 2; });
    return 0;
}
