#pragma once

#include "EmulatorOptions.h"
#include "EmulatorReply.h"
#include "EmulatorRequest.h"
#include "GraphTokenEndpoint.h"
#include "IdpDataset.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace scimitar::emulator {

// Microsoft Graph v1.0 (Entra ID) as an app-only reader sees it, served from the dataset's IdP side
// with Graph's ways: bearer tokens from GraphTokenEndpoint (expired ones are refused), OData
// $filter/$select/$top/$count, paging by an absolute @odata.nextLink carrying an opaque $skiptoken,
// transitiveMembers that expand nested groups, accountEnabled only when $selected, 429s with a
// fractional Retry-After, and the {"error":{"code","message","innerError"}} envelope.
//
// Routes (GET only): groups, groups/{id}, groups/{id}/members[/<cast>],
// groups/{id}/transitiveMembers[/<cast>] with casts microsoft.graph.user / .group (others empty),
// users ($filter on mail, userPrincipalName, id, displayName, givenName, surname; $select, $top),
// users/{id | userPrincipalName}.
// Not thread-safe: EmulatorServer calls it with its lock held.
class GraphApi
{
public:
    static bool handles(const EmulatorRequest& request);

    EmulatorReply serve(const EmulatorRequest& request, const IdpDataset& idp, const EmulatorOptions& options,
                        const GraphTokenEndpoint& tokens);
    // The options were replaced: "every Nth" counts start again, as for the SCIM face.
    void restartCounters();

private:
    struct Page
    {
        qsizetype begin = 0;
        int size = 100;
    };

    EmulatorReply route(const EmulatorRequest& request, const IdpDataset& idp, const EmulatorOptions& options) const;
    EmulatorReply listGroups(const EmulatorRequest& request, const IdpDataset& idp) const;
    EmulatorReply listMembers(const EmulatorRequest& request, const IdpDataset& idp, const IdpDataset::Group& group,
                              bool transitive, const QString& cast, const EmulatorOptions& options) const;
    EmulatorReply listUsers(const EmulatorRequest& request, const IdpDataset& idp) const;
    EmulatorReply getUser(const EmulatorRequest& request, const IdpDataset& idp, const QString& key) const;
    EmulatorReply getGroup(const EmulatorRequest& request, const IdpDataset::Group& group) const;

    // Reads $top and $skiptoken; returns the error reply when either is invalid.
    static std::optional<EmulatorReply> readPage(const EmulatorRequest& request, Page* page);
    // {"@odata.context", ["@odata.count"], "value", ["@odata.nextLink"]} for one page of `items`.
    static EmulatorReply collection(const EmulatorRequest& request, const QString& context,
                                    const QList<QJsonObject>& items, const Page& page);
    // Parses $select against the properties `known` (case-insensitive) into canonical names; returns
    // the error reply for an unknown property.
    static std::optional<EmulatorReply> readSelect(const EmulatorRequest& request, const QStringList& known,
                                                   const QString& type, QStringList* selected);
    static QJsonObject renderUser(const IdpDataset::User& user, const QStringList& select);
    static QJsonObject renderGroup(const IdpDataset::Group& group, const QStringList& select);
    static QString contextUrl(const EmulatorRequest& request, const QString& fragment, const QStringList& select);
    static EmulatorReply error(const EmulatorRequest& request, int status, const QString& code, const QString& message);

    qint64 m_faultCounter = 0; // authenticated Graph requests since the options were set
};

} // namespace scimitar::emulator
