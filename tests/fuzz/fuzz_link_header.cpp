// RFC 8288 Link header values, as Okta sends them (several lines, or one merged line).
#include "FuzzSupport.h"
#include "idp/LinkHeader.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QList<LinkRelation> links = LinkHeader::parse(input);
    LinkHeader::find(links, QStringLiteral("next"));
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QByteArray& line : fuzz::pieces(input))
        headers.append({QByteArrayLiteral("link"), line});
    LinkHeader::find(LinkHeader::parseAll(headers), QStringLiteral("next"));
    return 0;
}
