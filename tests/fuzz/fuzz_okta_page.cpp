// The Okta list reader (OktaPager): each piece answers the next request, Link headers and all.
#include "FuzzSupport.h"
#include "idp/OktaPager.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::PieceResponder server(data, size, QByteArrayLiteral("[]"));
    OktaPager pager(server.sender(), QUrl(QStringLiteral("https://acme.okta.com")),
                    QStringLiteral("Okta: reading members of 'dbx-pii'"));
    pager.setMaxPages(200);
    bool settled = false;
    QObject::connect(&pager, &OktaPager::finished, [&] { settled = true; });
    QObject::connect(&pager, &OktaPager::failed, [&](const QString&) { settled = true; });
    pager.start(QUrl(QStringLiteral("https://acme.okta.com/api/v1/groups/00g1/users?limit=200")));
    fuzz::runUntil([&] { return settled; });
    pager.takeItems();
    return 0;
}
