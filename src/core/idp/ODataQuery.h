#pragma once

#include <QString>

namespace scimitar {

// OData v4 pieces for Microsoft Graph queries. Only quoting lives here; percent-encoding is IdpUrl's job, applied
// afterwards to the whole parameter value.
class ODataQuery
{
public:
    // 'text' with every ' doubled: O'Brien → 'O''Brien' (OData URL conventions, "Escaping single quotes").
    static QString stringLiteral(const QString& text);

    // field eq 'value'
    static QString equals(const QString& field, const QString& value);
};

} // namespace scimitar
