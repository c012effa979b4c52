#include "ScimLookup.h"

#include "net/HttpClient.h"
#include "remediation/ScimPatch.h"
#include "scim/ScimClient.h"
#include "scim/ScimError.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

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
    // One filtered list request per kind and chunk of ids (`id eq "a" or id eq "b" …`) rather than a GET per
    // object: a batch of hundreds of changes costs a handful of reads, not hundreds.
    constexpr qsizetype kChunk = 20;
    QHash<QString, Name> found;
    QHash<PrincipalKind, QStringList> idsByKind;
    for (const Object& object : objects) {
        const QString id = key(object.first, object.second);
        if (found.contains(id))
            continue;
        found.insert(id, {});
        idsByKind[object.first].append(object.second);
    }

    int pending = 0;
    for (auto it = idsByKind.cbegin(); it != idsByKind.cend(); ++it) {
        const PrincipalKind kind = it.key();
        const QString attribute =
            kind == PrincipalKind::User ? QStringLiteral("userName") : QStringLiteral("displayName");
        for (qsizetype first = 0; first < it.value().size(); first += kChunk) {
            const QStringList ids = it.value().mid(first, kChunk);
            QStringList terms;
            for (const QString& id : ids)
                terms.append(QStringLiteral("id eq %1").arg(ScimPatch::quoted(id)));
            QUrl url = m_scim->collectionUrl(ScimPatch::collection(kind));
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("filter"), terms.join(QStringLiteral(" or ")));
            query.addQueryItem(QStringLiteral("attributes"), QStringLiteral("id,") + attribute);
            query.addQueryItem(QStringLiteral("count"), QString::number(ids.size()));
            url.setQuery(query);
            net::HttpRequest request;
            request.url = url;
            request.description =
                QStringLiteral("Reading the names of %1 %2").arg(ids.size()).arg(ScimPatch::collection(kind));
            ++pending;
            m_http->send(request, [this, kind, ids, attribute, description = request.description, &pending,
                                   &found](const net::HttpResponse& response) {
                QHash<QString, QString> names;
                QString error;
                if (!response.isSuccess())
                    error = ScimError::describe(description, response);
                const QJsonArray resources =
                    QJsonDocument::fromJson(response.body).object().value(QStringLiteral("Resources")).toArray();
                for (const QJsonValue& resource : resources)
                    names.insert(resource.toObject().value(QStringLiteral("id")).toString(),
                                 resource.toObject().value(attribute).toString());
                for (const QString& id : ids) {
                    Name& name = found[key(kind, id)];
                    name.name = names.value(id);
                    if (!error.isEmpty())
                        name.error = error;
                    else if (name.name.isEmpty())
                        name.error = QStringLiteral("%1 %2 was not found.").arg(principalKindName(kind), id);
                }
                if (--pending == 0 && m_loop)
                    m_loop->quit();
            });
        }
    }
    wait(&pending);
    return found;
}

} // namespace scimitar::cli
