#include "ScimLookup.h"

#include "net/HttpClient.h"
#include "remediation/ScimPatch.h"
#include "scim/ScimClient.h"

#include <QEventLoop>

namespace scimitar::cli {

ScimLookup::ScimLookup(const ResolvedTarget& target, QObject* parent)
    : QObject(parent)
    , m_http(new net::HttpClient(this))
    , m_scim(new ScimClient(m_http, target.scimBaseUrl, this))
{
    m_http->setAuthorization("Bearer " + target.token);
}

ScimLookup::~ScimLookup()
{
    m_http->cancelAll();
}

void ScimLookup::cancel()
{
    m_cancelled = true;
    m_http->cancelAll();
}

void ScimLookup::wait(int* pending)
{
    if (*pending == 0)
        return;
    QEventLoop loop;
    m_loop = &loop;
    loop.exec();
    m_loop = nullptr;
}

std::optional<ScimLookup::Owner> ScimLookup::tokenOwner(QString* error)
{
    int pending = 1;
    ScimClient::ObjectResult result;
    m_scim->getMe([this, &pending, &result](const ScimClient::ObjectResult& answer) {
        result = answer;
        if (--pending == 0 && m_loop)
            m_loop->quit();
    });
    wait(&pending);
    if (m_cancelled) {
        *error = QStringLiteral("cancelled.");
        return std::nullopt;
    }
    if (!result.error.isEmpty()) {
        *error = result.error;
        return std::nullopt;
    }
    Owner owner{result.object.value(QStringLiteral("id")).toString(),
                result.object.value(QStringLiteral("userName")).toString()};
    if (owner.id.isEmpty()) {
        *error = QStringLiteral("The token owner (/Me) answered without an id.");
        return std::nullopt;
    }
    return owner;
}

QHash<QString, ScimLookup::Name> ScimLookup::names(const QList<Object>& objects)
{
    QHash<QString, Name> found;
    int pending = 0;
    for (const Object& object : objects) {
        const QString id = ScimLookup::key(object.first, object.second);
        if (found.contains(id))
            continue;
        found.insert(id, {});
        ++pending;
        const QString attribute =
            object.first == PrincipalKind::User ? QStringLiteral("userName") : QStringLiteral("displayName");
        m_scim->getResource(
            ScimPatch::collection(object.first), object.second, {attribute},
            QStringLiteral("Reading the name of %1 %2").arg(principalKindName(object.first), object.second),
            [this, id, object, attribute, &pending, &found](const ScimClient::ObjectResult& answer) {
                Name& name = found[id];
                name.error = answer.error;
                name.name = answer.object.value(attribute).toString();
                if (name.error.isEmpty() && name.name.isEmpty())
                    name.error = QStringLiteral("%1 %2 has no %3.")
                                     .arg(principalKindName(object.first), object.second, attribute);
                if (--pending == 0 && m_loop)
                    m_loop->quit();
            });
    }
    wait(&pending);
    return found;
}

} // namespace scimitar::cli
