#pragma once

#include "model/DirectorySnapshot.h"

#include <QObject>
#include <QUrl>

namespace scimitar {

namespace net {
class HttpClient;
}
class ScimClient;

// "Test connection": GET /Me, to say who the token belongs to before anything else is loaded, then the first
// resource of each collection Scimitar reads (users, groups, service principals), to say whether the token may
// read them all — a token that signs in but cannot list service principals would load an incomplete picture.
// The answers are tiny, so this may run in the GUI thread; the requests themselves are asynchronous.
class ConnectionProbe : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionProbe(QObject* parent = nullptr);

    void start(const QUrl& scimBaseUrl, const QByteArray& token);
    void cancel();

signals:
    // `cannotRead`: one sentence per collection the token may not list ("service principals: HTTP 403 …");
    // empty when it may read everything Scimitar needs.
    void succeeded(const QString& userName, const QString& displayName, const QStringList& cannotRead);
    void failed(const QString& message);

private:
    QString redacted(QString message) const;
    void probeNext(ScimClient* scim, qsizetype index);

    net::HttpClient* m_http = nullptr;
    QByteArray m_token;
    QString m_userName;
    QString m_displayName;
    QStringList m_cannotRead;
};

} // namespace scimitar
