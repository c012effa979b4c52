#pragma once

#include "model/Principals.h"

#include <QString>

namespace scimitar::ScimText {

// The SCIM collection of a kind of principal: "Users", "Groups", "ServicePrincipals".
QString collection(PrincipalKind kind);
// A SCIM filter string literal: the value in double quotes, with `\` and `"` escaped (RFC 7644 §3.4.2.2).
QString quoted(const QString& value);

} // namespace scimitar::ScimText
