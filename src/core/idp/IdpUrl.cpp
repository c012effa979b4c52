#include "idp/IdpUrl.h"

namespace scimitar {

namespace {

int effectivePort(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    return url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
}

} // namespace

QUrl IdpUrl::build(const QUrl& base, const QString& path, const QueryItems& items)
{
    QUrl url = base;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path, QUrl::StrictMode);
    QStringList parts;
    for (const auto& [key, value] : items)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(key, "$") + '=' + QUrl::toPercentEncoding(value)));
    url.setQuery(parts.isEmpty() ? QString() : parts.join(QLatin1Char('&')), QUrl::StrictMode);
    url.setFragment(QString());
    return url;
}

QString IdpUrl::pathSegment(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "@"));
}

bool IdpUrl::sameOrigin(const QUrl& a, const QUrl& b)
{
    return a.isValid() && b.isValid() && !a.host().isEmpty() &&
           a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && effectivePort(a) == effectivePort(b);
}

QString IdpUrl::origin(const QUrl& url)
{
    return url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
}

} // namespace scimitar
