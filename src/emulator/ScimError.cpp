#include "ScimError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace scimitar::emulator {

QByteArray ScimError::toJson() const
{
    QJsonObject body{
        {QStringLiteral("schemas"), QJsonArray{QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")}},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("status"), QString::number(status)},
    };
    if (!scimType.isEmpty())
        body.insert(QStringLiteral("scimType"), scimType);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

ScimError ScimError::requestLimitExceeded()
{
    // Word for word what Databricks sends when a workspace exceeds its concurrency budget
    // (databricks-sdk-go PR 721): a 500, not a 429, so clients must recognise it by text.
    return {500, QString(),
            QStringLiteral("REQUEST_LIMIT_EXCEEDED: Workspace 1234 exceeded the concurrent limit of 4 requests.")};
}

} // namespace scimitar::emulator
