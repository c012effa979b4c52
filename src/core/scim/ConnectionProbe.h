#pragma once

#include "model/DirectorySnapshot.h"

#include <QObject>
#include <QUrl>

namespace scimitar {

namespace net {
class HttpClient;
}

// "Test connection": one GET /Me, to say who the token belongs to before anything else is loaded.
// The answer is tiny, so this may run in the GUI thread; the request itself is asynchronous.
class ConnectionProbe : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionProbe(QObject* parent = nullptr);

    void start(const QUrl& scimBaseUrl, const QByteArray& token);
    void cancel();

signals:
    void succeeded(const QString& userName, const QString& displayName);
    void failed(const QString& message);

private:
    net::HttpClient* m_http = nullptr;
    QByteArray m_token;
};

} // namespace scimitar
