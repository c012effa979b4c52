#include "net/UrlPolicy.h"

#include <QHostAddress>

namespace scimitar::net {

bool UrlPolicy::isLoopbackHost(const QString& host)
{
    QString bare = host.trimmed().toLower();
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    if (bare == QLatin1String("localhost"))
        return true;
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

QString UrlPolicy::check(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("'%1' is not a valid URL with a host name.").arg(url.toDisplayString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http") && isLoopbackHost(url.host()))
        return {};
    if (scheme == QLatin1String("http"))
        return QStringLiteral("Refusing plain http to %1: tokens would travel unencrypted. Use https:// "
                              "(http is allowed only for this machine: 127.0.0.1, ::1, localhost).")
            .arg(url.host());
    return QStringLiteral("Unsupported URL scheme '%1' in %2; use https://.").arg(url.scheme(), url.host());
}

QUrl UrlPolicy::normalizeHost(const QString& typed)
{
    QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("https://"));
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    QUrl url(text, QUrl::StrictMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

} // namespace scimitar::net
