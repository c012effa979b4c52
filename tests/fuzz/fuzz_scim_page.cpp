// The SCIM list reader (ScimPager) fed pages of arbitrary bytes: each piece of the input answers the next request.
#include "FuzzSupport.h"
#include "scim/ScimClient.h"
#include "scim/ScimPager.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    const QList<QByteArray> pages = fuzz::pieces(fuzz::bytes(data, size));
    qsizetype next = 0;
    net::HttpClient http;
    http.setResponder([&](const net::HttpRequest&) {
        // Once the input is spent the collection ends, so every run settles.
        return next < pages.size() ? fuzz::answerFrom(pages.at(next++))
                                   : fuzz::answerFrom(QByteArrayLiteral("{\"Resources\":[]}"));
    });
    ScimClient client(&http, QUrl(QStringLiteral("https://dbc-fuzz.cloud.databricks.com/api/2.0/preview/scim/v2")));
    ScimPager* pager = client.createPager(pages.size() % 2 ? QStringLiteral("Users") : QStringLiteral("Groups"),
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
