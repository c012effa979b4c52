#pragma once

#include "net/HttpTypes.h"
#include "remediation/Change.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace scimitar {

// The exact SCIM PATCH a Change sends (../shared/reference/databricks-scim.md §7). The only place request bodies
// are built, so the two rules that protect users hold everywhere:
//  - a remove never carries a `value` (Databricks rejects it: "Unrecognized field \"value\"");
//  - a remove always has a `[value eq "…"]` filter in its path (an unfiltered path empties the whole attribute).
class ScimPatch
{
public:
    static QString patchSchema() { return QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp"); }

    // "Users", "Groups" or "ServicePrincipals".
    static QString collection(PrincipalKind kind);
    // "Users/8675309012345678": relative to the connection's SCIM base URL.
    static QString objectPath(const Change& change);
    // The whole body: {"schemas":[PatchOp],"Operations":[…one operation…]}.
    static QJsonObject body(const Change& change);
    static QByteArray bodyBytes(const Change& change);
    // The request, ready for HttpClient: PATCH, not idempotent (a lost answer is followed by a re-read, never a
    // blind resend). `scimBase` ends in /scim/v2 (Connection::scimBaseUrl()).
    static net::HttpRequest request(const Change& change, const QUrl& scimBase);
    static QUrl objectUrl(PrincipalKind kind, const QString& id, const QUrl& scimBase);

    // A value inside a SCIM filter string: backslash and double quote escaped, so `a"b` becomes `a\"b`.
    static QString quoted(const QString& value);
};

} // namespace scimitar
