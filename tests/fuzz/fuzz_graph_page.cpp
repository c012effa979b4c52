// The Microsoft Graph list reader (EntraPager): each piece answers the next request, @odata.nextLink and all.
#include "FuzzSupport.h"
#include "idp/EntraPager.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    const QList<QByteArray> pages = fuzz::pieces(fuzz::bytes(data, size));
    qsizetype next = 0;
    net::HttpClient http;
    http.setResponder([&](const net::HttpRequest&) {
        return fuzz::answerFrom(next < pages.size() ? pages.at(next++) : QByteArrayLiteral("{\"value\":[]}"));
    });
    EntraPager pager([&](const net::HttpRequest& request, net::HttpClient::Callback done) { http.send(request, done); },
                     QUrl(QStringLiteral("https://graph.microsoft.com")),
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
