#include "remediation/ScimPatch.h"

#include "scim/ScimText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace scimitar {

namespace {

QJsonObject removeOperation(const QString& attribute, const QString& value)
{
    // No "value" key: see the class comment.
    return QJsonObject{
        {QStringLiteral("op"), QStringLiteral("remove")},
        {QStringLiteral("path"), QStringLiteral("%1[value eq %2]").arg(attribute, ScimPatch::quoted(value))}};
}

QJsonObject addOperation(const QString& attribute, const QString& value)
{
    return QJsonObject{{QStringLiteral("op"), QStringLiteral("add")},
                       {QStringLiteral("path"), attribute},
                       {QStringLiteral("value"), QJsonArray{QJsonObject{{QStringLiteral("value"), value}}}}};
}

QJsonObject activeOperation(bool active)
{
    // The string form inside a value list is what Databricks documents and Terraform sends; a bare JSON boolean is
    // unconfirmed (reference §7).
    return QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                       {QStringLiteral("path"), QStringLiteral("active")},
                       {QStringLiteral("value"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("value"), active ? QStringLiteral("true") : QStringLiteral("false")}}}}};
}

QJsonObject operationFor(const Change& change)
{
    switch (change.op) {
    case ChangeOp::RemoveRole:
        return removeOperation(QStringLiteral("roles"), change.value);
    case ChangeOp::AddRole:
        return addOperation(QStringLiteral("roles"), change.value);
    case ChangeOp::RemoveEntitlement:
        return removeOperation(QStringLiteral("entitlements"), change.value);
    case ChangeOp::AddEntitlement:
        return addOperation(QStringLiteral("entitlements"), change.value);
    case ChangeOp::RemoveMember:
        return removeOperation(QStringLiteral("members"), change.value);
    case ChangeOp::AddMember:
        return addOperation(QStringLiteral("members"), change.value);
    case ChangeOp::Deactivate:
        return activeOperation(false);
    case ChangeOp::Reactivate:
        return activeOperation(true);
    }
    return {};
}

} // namespace

QString ScimPatch::collection(PrincipalKind kind)
{
    return ScimText::collection(kind);
}

QString ScimPatch::objectPath(const Change& change)
{
    return QStringLiteral("%1/%2").arg(collection(change.objectKind), change.objectId);
}

QJsonObject ScimPatch::body(const Change& change)
{
    return QJsonObject{{QStringLiteral("schemas"), QJsonArray{patchSchema()}},
                       {QStringLiteral("Operations"), QJsonArray{operationFor(change)}}};
}

QByteArray ScimPatch::bodyBytes(const Change& change)
{
    return QJsonDocument(body(change)).toJson(QJsonDocument::Compact);
}

QUrl ScimPatch::objectUrl(PrincipalKind kind, const QString& id, const QUrl& scimBase)
{
    QUrl url = scimBase;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    // Ids are digits (or UUIDs on some faces); percent-encode anyway so no id can change the path.
    url.setPath(path + collection(kind) + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(id)),
                QUrl::TolerantMode);
    url.setQuery(QString());
    return url;
}

net::HttpRequest ScimPatch::request(const Change& change, const QUrl& scimBase)
{
    net::HttpRequest request;
    request.method = "PATCH";
    request.url = objectUrl(change.objectKind, change.objectId, scimBase);
    request.body = bodyBytes(change);
    request.contentType = "application/json";
    request.description = change.describe();
    request.idempotent = false;
    return request;
}

QString ScimPatch::quoted(const QString& value)
{
    return ScimText::quoted(value);
}

} // namespace scimitar
