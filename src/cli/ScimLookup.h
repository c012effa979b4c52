#pragma once

#include "ResolvedTarget.h"
#include "model/Principals.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <optional>

class QEventLoop;

namespace scimitar {
class ScimClient;
namespace net {
class HttpClient;
}
} // namespace scimitar

namespace scimitar::cli {

// The few reads `apply` needs before it may send anything, done synchronously (a local event loop, like
// SnapshotFetcher): who owns the token, and the real names of the objects a findings file names. A file can be
// edited by hand, so the names the guards check come from the server, not from the file.
class ScimLookup : public QObject
{
    Q_OBJECT

public:
    struct Owner
    {
        QString id;
        QString userName;
    };
    // What the server calls one object: its userName (users) or displayName (groups, service principals).
    struct Name
    {
        QString name;
        QString error; // one sentence when it could not be read
    };
    using Object = QPair<PrincipalKind, QString>; // kind and id

    ScimLookup(const ResolvedTarget& target, QObject* parent = nullptr);
    ~ScimLookup() override;

    // GET /Me; nullopt with *error set when it fails or names nobody (an account API without /Me).
    std::optional<Owner> tokenOwner(QString* error);
    // Keyed by key(); an object the server does not have gets an error.
    QHash<QString, Name> names(const QList<Object>& objects);
    static QString key(PrincipalKind kind, const QString& id) { return principalKindName(kind) + u'/' + id; }
    bool isCancelled() const { return m_cancelled; }

public slots:
    // From a signal handler's event: every request in flight ends as cancelled.
    void cancel();

private:
    void wait(int* pending);

    net::HttpClient* m_http = nullptr;
    ScimClient* m_scim = nullptr;
    QPointer<QEventLoop> m_loop;
    bool m_cancelled = false;
};

} // namespace scimitar::cli
