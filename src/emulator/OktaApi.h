#pragma once

#include "EmulatorOptions.h"
#include "EmulatorReply.h"
#include "EmulatorRequest.h"
#include "IdpDataset.h"

#include <QJsonObject>
#include <QStringList>

namespace scimitar::emulator {

// The slice of Okta's Management API (/api/v1/) a drift review reads, served from the dataset's IdP
// side with Okta's quirks: SSWS or Bearer tokens, group member lists as bare JSON arrays paged by an
// opaque `after` cursor that only the `Link: <…>; rel="next"` header reveals (each relation on its
// own header line unless oktaMergedLinkHeaders), direct members only (Okta has no nested groups),
// X-Rate-Limit-* headers on every reply and 429s that carry X-Rate-Limit-Reset but no Retry-After.
//
// Routes: GET groups (q=, search=, filter=, limit, after, expand=stats), groups/{id},
// groups/{id}/users (limit, after), users (search=, filter=, limit, after),
// users/{id | login | login short name}.
// Not thread-safe: EmulatorServer calls it with its lock held.
class OktaApi
{
public:
    static bool handles(const EmulatorRequest& request);

    EmulatorReply serve(const EmulatorRequest& request, const IdpDataset& idp, const EmulatorOptions& options);
    // The options were replaced: "every Nth" counts start again, as for the SCIM face, and the
    // rate-limit window's budget is full again.
    void restartCounters();

private:
    EmulatorReply route(const EmulatorRequest& request, const IdpDataset& idp, const EmulatorOptions& options) const;
    EmulatorReply listGroups(const EmulatorRequest& request, const IdpDataset& idp,
                             const EmulatorOptions& options) const;
    EmulatorReply listGroupUsers(const EmulatorRequest& request, const IdpDataset& idp, const QString& groupId,
                                 const EmulatorOptions& options) const;
    EmulatorReply listUsers(const EmulatorRequest& request, const IdpDataset& idp,
                            const EmulatorOptions& options) const;
    EmulatorReply getUser(const EmulatorRequest& request, const IdpDataset& idp, const QString& key) const;

    static QJsonObject renderUser(const IdpDataset::User& user, const EmulatorRequest& request);
    static QJsonObject renderGroup(const IdpDataset::Group& group, const EmulatorRequest& request, bool stats);
    // Adds the `Link` headers of one page: self, and next when `nextCursor` is set.
    static void addLinks(EmulatorReply& reply, const EmulatorRequest& request, const QString& nextCursor, bool merged);
    static EmulatorReply error(int status, const char* code, const QString& summary, const QStringList& causes = {});

    qint64 m_faultCounter = 0; // authenticated Okta requests since the options were set
    qint64 m_windowStart = 0;  // epoch second at which the current rate-limit window began
    int m_windowUsed = 0;      // authenticated requests in that window
};

} // namespace scimitar::emulator
