#pragma once

#include <QString>
#include <QUrl>

namespace scimitar::net {

// Decides which URLs Scimitar may talk to: https everywhere, plain http only to this machine.
// Tokens travel in headers, so an http URL to any other host would leak them.
class UrlPolicy
{
public:
    static bool isLoopbackHost(const QString& host);

    // Returns an empty string when the URL is allowed, else one sentence saying why not.
    static QString check(const QUrl& url);

    // Turns what a user typed ("dbc-123.cloud.databricks.com", "https://host/") into a base URL
    // with a scheme and without a trailing slash. Adds https:// when no scheme was given.
    static QUrl normalizeHost(const QString& typed);
};

} // namespace scimitar::net
