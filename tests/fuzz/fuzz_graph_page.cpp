// The Microsoft Graph list reader (EntraPager): each piece answers the next request, @odata.nextLink and all.
#include "FuzzSupport.h"
#include "idp/EntraPager.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::PieceResponder server(data, size, QByteArrayLiteral("{\"value\":[]}"));
    EntraPager pager(server.sender(), QUrl(QStringLiteral("https://graph.microsoft.com")),
                     QStringLiteral("Entra ID: reading members of 'PII Readers'"),
                     QStringLiteral("GroupMember.Read.All"));
    pager.setMaxPages(200);
    bool settled = false;
    QObject::connect(&pager, &EntraPager::finished, [&] { settled = true; });
    QObject::connect(&pager, &EntraPager::failed, [&](const QString&, int, const QString&) { settled = true; });
    pager.start(QUrl(QStringLiteral("https://graph.microsoft.com/v1.0/groups/g1/transitiveMembers?$top=999")));
    fuzz::runUntil([&] { return settled; });
    pager.takeItems();
    return 0;
}
