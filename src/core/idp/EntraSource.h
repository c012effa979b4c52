#pragma once

#include "idp/EntraSettings.h"
#include "idp/IdpLookupBatch.h"
#include "idp/IdpSource.h"
#include "net/HttpTypes.h"

#include <QJsonObject>
#include <QList>
#include <functional>

namespace scimitar {

namespace net {
class HttpClient;
}
class EntraTokenProvider;

// Microsoft Entra ID as an identity provider, read through Microsoft Graph v1.0 with an app-only token
// (client-credentials grant, EntraTokenProvider).
//
// loadGroups: each name is found with `$filter=displayName eq '…'` (0 matches is an error naming the group, several
// are an error listing their ids unless exactly one matches case-sensitively); members come transitively from
// /groups/{id}/transitiveMembers/microsoft.graph.user, 999 per page, following @odata.nextLink. If Graph answers
// 400 Request_UnsupportedQuery, the listing is sent once more as an advanced query (ConsistencyLevel: eventual and
// $count=true) and this source keeps doing so for the rest of its life, on every page.
// lookupUsers by login: GET /users/{userPrincipalName}, 404 = not found; by email: GET /users?$filter=mail eq '…',
// and everyone whose mail is exactly that counts.
//
// loadGroups and lookupUsers may run at the same time; calling one again abandons its previous run silently.
// cancel() abandons both silently: no signal follows it.
class EntraSource : public IdpSource
{
    Q_OBJECT

public:
    static constexpr int kMemberPageSize = 999; // Graph's maximum $top for transitiveMembers

    explicit EntraSource(const EntraSettings& settings, QObject* parent = nullptr);
    ~EntraSource() override;

    QString label() const override;
    void loadGroups(const QStringList& names) override;
    void lookupUsers(const QStringList& values, IdpLookupKey key) override;
    void cancel() override;

    void setRetryPolicy(const net::RetryPolicy& policy);
    void setMaxPages(int maxPages) { m_maxPages = maxPages; }
    void setMemberPageSize(int pageSize) { m_memberPageSize = pageSize; }
    EntraTokenProvider* tokenProvider() const { return m_tokens; }
    // True once Graph asked for advanced queries (ConsistencyLevel: eventual); kept for this source's life.
    bool usesEventualConsistency() const { return m_eventual; }

    static QUrl groupSearchUrl(const QUrl& graph, const QString& name);
    static QUrl membersUrl(const QUrl& graph, const QString& groupId, int pageSize, bool eventual);
    // The look-up by email: `$filter=mail eq '…'` (a ' doubled) with the member listings' $select.
    static QUrl emailSearchUrl(const QUrl& graph, const QString& email);
    static IdpUser userFromJson(const QJsonObject& object);

private:
    void send(const net::HttpRequest& request, std::function<void(const net::HttpResponse&)> done,
              bool retriedAfter401 = false);
    void abandon(IdpRun& run);
    bool failIfMisconfigured(IdpRun& run);
    QString redact(QString text) const;
    void note(const QString& text);

    void findGroup(int index);
    void onGroupsFound(int index, const QJsonArray& groups);
    void readMembers(int index);
    void groupFailed(const QString& message);
    void finishGroupsIfDone();
    void lookupByLogin(int index);
    void lookupByEmail(int index);
    void lookupFailed(const QString& message);
    void finishLookupsIfDone();

    EntraSettings m_settings;
    net::HttpClient* m_http;
    EntraTokenProvider* m_tokens;
    int m_maxPages = 2000;
    int m_memberPageSize = kMemberPageSize;
    bool m_eventual = false;

    IdpRun m_groupRun;
    QStringList m_names;
    QList<IdpGroup> m_groups;
    int m_groupsDone = 0;

    IdpRun m_lookupRun;
    IdpLookupBatch m_lookups{QStringLiteral("Entra ID")};
};

} // namespace scimitar
