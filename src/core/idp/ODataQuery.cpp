#include "idp/ODataQuery.h"

namespace scimitar {

QString ODataQuery::stringLiteral(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString ODataQuery::equals(const QString& field, const QString& value)
{
    return field + QLatin1String(" eq ") + stringLiteral(value);
}

} // namespace scimitar
