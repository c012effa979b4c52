#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace scimitar {

// Builds and checks the URLs the IdP clients send. Names and logins typed by people (`A&B #1`, `O'Brien`,
// `x+y@corp`, a guest's `#EXT#`) must reach the server as the literal text, so every query value and path segment is
// percent-encoded by RFC 3986 rules here, never left to QUrl's tolerant guessing ('+' would read as a space, '#'
// would cut the URL).
class IdpUrl
{
public:
    using QueryItems = QList<QPair<QString, QString>>;

    // `base` + `path` (appended to base's path) + the items, each key and value fully percent-encoded.
    // `$` stays readable in keys ($filter, $select), which OData servers accept either way.
    static QUrl build(const QUrl& base, const QString& path, const QueryItems& items = {});

    // One path segment: everything but unreserved characters and '@' is percent-encoded, '/' included.
    static QString pathSegment(const QString& text);

    // The same scheme, host and port (default ports filled in): the only URLs a token may be sent to.
    static bool sameOrigin(const QUrl& a, const QUrl& b);

    // scheme://host[:port], for messages.
    static QString origin(const QUrl& url);
};

} // namespace scimitar
