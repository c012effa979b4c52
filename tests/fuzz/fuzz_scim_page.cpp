// The SCIM list reader (ScimPager) fed pages of arbitrary bytes: each piece of the input answers the next request.
#include "FuzzSupport.h"
#include "scim/ScimClient.h"
#include "scim/ScimPager.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::PieceResponder server(data, size, QByteArrayLiteral("{\"Resources\":[]}"));
    ScimClient client(server.http(),
                      QUrl(QStringLiteral("https://dbc-fuzz.cloud.databricks.com/api/2.0/preview/scim/v2")));
    ScimPager* pager = client.createPager(server.pieceCount() % 2 ? QStringLiteral("Users") : QStringLiteral("Groups"),
                                          QStringLiteral("users"), {}, nullptr);
    pager->setMaxPages(200);
    bool settled = false;
    QObject::connect(pager, &ScimPager::finished, [&] { settled = true; });
    QObject::connect(pager, &ScimPager::failed, [&](const QString&) { settled = true; });
    pager->start();
    fuzz::runUntil([&] { return settled; });
    if (settled)
        pager->takeResources();
    delete pager;
    return 0;
}
