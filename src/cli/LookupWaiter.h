#pragma once

#include "ResolvedTarget.h"
#include "scim/ScimLookup.h"

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

// Waits for core's ScimLookup in a local event loop, as the CLI's commands run top to bottom (like
// SnapshotFetcher). Owns the HTTP client the reads go through, with the target's token.
class LookupWaiter : public QObject
{
    Q_OBJECT

public:
    explicit LookupWaiter(const ResolvedTarget& target, QObject* parent = nullptr);
    ~LookupWaiter() override;

    // GET /Me; nullopt with *error set when it fails or names nobody.
    std::optional<ScimLookup::Owner> tokenOwner(QString* error);
    // Keyed by ScimLookup::key().
    QHash<QString, ScimLookup::Name> names(const QList<ScimLookup::ObjectRef>& objects);
    bool isCancelled() const { return m_cancelled; }

public slots:
    // From a signal handler's event: every request in flight ends as cancelled.
    void cancel();

private:
    void wait(const bool* done);

    net::HttpClient* m_http = nullptr;
    ScimClient* m_scim = nullptr;
    ScimLookup* m_lookup = nullptr;
    QPointer<QEventLoop> m_loop;
    bool m_cancelled = false;
};

} // namespace scimitar::cli
