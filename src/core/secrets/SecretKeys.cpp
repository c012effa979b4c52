#include "secrets/SecretKeys.h"

#include <QUuid>

namespace scimitar {

namespace {

QString bareId(const QString& id)
{
    // QUuid::toString() adds braces by default and some tools print upper case; spell every UUID
    // one way so one connection never ends up with two keys. Other ids are kept as given.
    const QString trimmed = id.trimmed();
    const QUuid uuid = QUuid::fromString(trimmed);
    return uuid.isNull() ? trimmed : uuid.toString(QUuid::WithoutBraces);
}

QString keyFor(const QString& prefix, const QString& id)
{
    const QString bare = bareId(id);
    // An empty id would make every connection share one secret; an empty key is refused by
    // SecretStore instead, which surfaces the bug.
    return bare.isEmpty() ? QString() : prefix + bare;
}

} // namespace

QString SecretKeys::databricks(const QString& connectionId)
{
    return keyFor(databricksPrefix(), connectionId);
}

QString SecretKeys::idp(const QString& idpId)
{
    return keyFor(idpPrefix(), idpId);
}

} // namespace scimitar
