#pragma once

#include "idp/IdpLookupBatch.h"
#include "idp/IdpSource.h"
#include "net/HttpTypes.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QList>
#include <QQueue>
#include <QUrl>
#include <functional>

class QTimer;

namespace scimitar {

namespace net {
class HttpClient;
}

// Okta as an identity provider, read through the Management API (/api/v1) with an API token ("SSWS …") or an
// OAuth access token ("Bearer …").
//
// loadGroups: each name is searched with `search=profile.name eq "…"` (names containing `"` or `\` fall back to the
// prefix search `q=`), and only a case-insensitive exact profile.name match counts; the members are then read from
// /groups/{id}/users, 200 per page, following Link headers. lookupUsers by login: GET /users/{login}, 404 = not
// found; by email: GET /users?search=profile.email eq "…", and everyone whose profile.email is exactly that counts.
//
// Rate limits: the transport waits out 429s until X-Rate-Limit-Reset; on top of that, when an answer says only
// kLowRemaining requests are left in the window, the next request waits for the reset instead of running into a 429.
//
// loadGroups and lookupUsers may run at the same time; calling one again abandons its previous run silently.
// cancel() abandons both silently: no signal follows it (DirectoryLoader does the same).
class OktaSource : public IdpSource
{
    Q_OBJECT

public:
    static constexpr int kLowRemaining = 2;

    // `authorizationHeader` is the whole header value, "SSWS <token>" or "Bearer <token>"; kept in memory only.
    OktaSource(const QUrl& orgUrl, const QByteArray& authorizationHeader, QObject* parent = nullptr);
    ~OktaSource() override;

    QString label() const override;
    void loadGroups(const QStringList& names) override;
    void lookupUsers(const QStringList& values, IdpLookupKey key) override;
    void cancel() override;

    void setRetryPolicy(const net::RetryPolicy& policy);
    void setMaxPages(int maxPages) { m_maxPages = maxPages; }
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // Longest slow-down pause taken for a nearly used-up rate limit (a skewed reset must not stall a review).
    void setMaxRateLimitPauseMs(int ms) { m_maxPauseMs = ms; }

    QUrl orgUrl() const { return m_orgUrl; }

    // The first request for a group name: `search=profile.name eq "name"`, or `q=name` when the name holds a quote.
    static QUrl groupSearchUrl(const QUrl& orgUrl, const QString& name, int pageSize = 200);
    // The look-up by email: `search=profile.email eq "email"` with `"` and `\` escaped by a backslash.
    static QUrl emailSearchUrl(const QUrl& orgUrl, const QString& email, int pageSize = 200);
    // Okta user JSON → IdpUser (profile.login, profile.email, first + last name, status).
    static IdpUser userFromJson(const QJsonObject& object);
    static IdpUserStatus statusFromOkta(const QString& status);

private:
    struct Waiting
    {
        net::HttpRequest request;
        std::function<void(const net::HttpResponse&)> done;
    };

    void send(const net::HttpRequest& request, std::function<void(const net::HttpResponse&)> done);
    void noteRateLimit(const net::HttpResponse& response);
    void releaseWaiting();
    void abandon(IdpRun& run);
    QString redact(QString text) const;

    void findGroup(int index);
    void onGroupsFound(int index, const QJsonArray& groups);
    void readMembers(int index);
    void groupFailed(const QString& message);
    void finishGroupsIfDone();
    void lookupByLogin(int index);
    void lookupByEmail(int index);
    void lookupFailed(const QString& message);
    void finishLookupsIfDone();

    net::HttpClient* m_http;
    QUrl m_orgUrl;
    QByteArray m_authorization;
    int m_maxPages = 1000;
    int m_pageSize = 200;
    int m_maxPauseMs = 65000;

    // Rate-limit slow-down: requests wait here until the window resets.
    QDeadlineTimer m_pausedUntil;
    QQueue<Waiting> m_waiting;
    QTimer* m_pauseTimer;

    IdpRun m_groupRun;
    QStringList m_names;
    QList<IdpGroup> m_groups;
    int m_groupsDone = 0;

    IdpRun m_lookupRun;
    IdpLookupBatch m_lookups{QStringLiteral("Okta")};
};

} // namespace scimitar
