#pragma once

#include "model/DirectorySnapshot.h"

#include <QJsonArray>
#include <QJsonObject>

namespace scimitar {

// The JSON documents `scimitar-cli … --output json` prints (and GUI exports write). This is a contract users'
// scripts build on, documented in docs/cli.md: fields may be added, never renamed, removed or retyped. Arrays
// follow snapshot order, so the output is deterministic. A value held both directly and through groups is
// listed once per way it is held ("type": "direct" / "indirect"); indirect entries name the group in "via".
class DirectoryJson
{
public:
    // [{id, userName, displayName, active, emails[], groups[], roles[], entitlements[]}]
    static QJsonArray users(const DirectorySnapshot& snapshot);
    // [{id, displayName, source, members[{id, display, kind}], roles[], entitlements[]}]
    static QJsonArray groups(const DirectorySnapshot& snapshot);
    // [{id, applicationId, displayName, active, groups[], roles[], entitlements[]}]
    static QJsonArray servicePrincipals(const DirectorySnapshot& snapshot);
    // [{value, holders[{id, name, kind, type, via, viaId, path?}]}], roles sorted by value
    static QJsonArray roles(const DirectorySnapshot& snapshot);

    static QJsonObject user(const DirectorySnapshot& snapshot, const User& user);
    static QJsonObject group(const DirectorySnapshot& snapshot, const Group& group);
    static QJsonObject servicePrincipal(const DirectorySnapshot& snapshot, const ServicePrincipal& sp);

    // {value, type} plus, for inherited ones, via (granting group's displayName), viaId and path.
    static QJsonArray grants(const DirectorySnapshot& snapshot, const QList<EffectiveGrant>& grants);
    // {id, displayName, type} plus path for inherited memberships.
    static QJsonArray memberships(const DirectorySnapshot& snapshot, const QList<EffectiveGroup>& groups);
    static QJsonArray holders(const DirectorySnapshot& snapshot, const QList<Holder>& holders);

    static QString typeName(bool direct); // "direct" / "indirect"
};

} // namespace scimitar
