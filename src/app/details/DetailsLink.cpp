#include "DetailsLink.h"

#include <QUrlQuery>

namespace scimitar::gui {

namespace {

const char* const kKindNames[] = {"user", "group", "servicePrincipal", "role", "entitlement"};
constexpr int kKindCount = int(std::size(kKindNames));

} // namespace

QUrl DetailsLink::to(const DetailsTarget& target)
{
    QUrl url;
    url.setScheme(QStringLiteral("scimitar"));
    url.setPath(QString::fromLatin1(kKindNames[int(target.kind)]));
    QUrlQuery query;
    // Role ARNs contain ':' and '/'; percent-encode everything so they survive the round trip.
    query.addQueryItem(QStringLiteral("id"), QString::fromLatin1(QUrl::toPercentEncoding(target.id)));
    url.setQuery(query);
    return url;
}

std::optional<DetailsTarget> DetailsLink::parse(const QUrl& url)
{
    if (url.scheme() != QLatin1String("scimitar"))
        return std::nullopt;
    const QString kind = url.path();
    for (int i = 0; i < kKindCount; ++i) {
        if (kind == QLatin1String(kKindNames[i])) {
            const QString encoded = QUrlQuery(url).queryItemValue(QStringLiteral("id"), QUrl::FullyEncoded);
            const QString id = QUrl::fromPercentEncoding(encoded.toLatin1());
            if (id.isEmpty())
                return std::nullopt;
            return DetailsTarget{ItemKind(i), id};
        }
    }
    return std::nullopt;
}

} // namespace scimitar::gui
