#include "scim/ScimLookup.h"

#include "scim/ScimClient.h"
#include "scim/ScimPager.h"
#include "scim/ScimText.h"

#include <QJsonArray>
#include <memory>

namespace scimitar {

namespace {

QString nameAttribute(PrincipalKind kind)
{
    return kind == PrincipalKind::User ? QStringLiteral("userName") : QStringLiteral("displayName");
}

} // namespace

ScimLookup::ScimLookup(ScimClient* scim, QObject* parent)
    : QObject(parent)
    , m_scim(scim)
{
}

QString ScimLookup::idFilter(const QStringList& ids)
{
    QStringList terms;
    terms.reserve(ids.size());
    for (const QString& id : ids)
        terms.append(QStringLiteral("id eq %1").arg(ScimText::quoted(id)));
    return terms.join(QStringLiteral(" or "));
}

void ScimLookup::readOwner(OwnerCallback done)
{
    m_scim->getMe([done = std::move(done)](const ScimClient::ObjectResult& result) {
        Owner owner;
        owner.httpStatus = result.response.status;
        if (!result.error.isEmpty()) {
            owner.error = result.error;
        } else {
            owner.id = result.object.value(QStringLiteral("id")).toString();
            owner.userName = result.object.value(QStringLiteral("userName")).toString();
            owner.groupsListed = result.object.contains(QStringLiteral("groups"));
            for (const QJsonValue& group : result.object.value(QStringLiteral("groups")).toArray()) {
                const QString id = group[QLatin1String("value")].toString();
                if (!id.isEmpty())
                    owner.groups.append({id, group[QLatin1String("display")].toString()});
            }
            for (const QJsonValue& role : result.object.value(QStringLiteral("roles")).toArray())
                owner.roles.append(role[QLatin1String("value")].toString());
            if (owner.id.isEmpty())
                owner.error = QStringLiteral("Reading the token owner (/Me): the answer carries no id.");
        }
        done(owner);
    });
}

void ScimLookup::readNames(const QList<ObjectRef>& objects, NamesCallback done)
{
    struct State
    {
        QHash<QString, Name> names;
        int pending = 0;
        NamesCallback done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);

    QHash<PrincipalKind, QStringList> idsByKind;
    for (const ObjectRef& object : objects) {
        const QString id = key(object.kind, object.id);
        if (state->names.contains(id))
            continue;
        state->names.insert(id, {});
        idsByKind[object.kind].append(object.id);
    }
    if (idsByKind.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [state] { state->done(state->names); }, Qt::QueuedConnection);
        return;
    }

    for (auto it = idsByKind.cbegin(); it != idsByKind.cend(); ++it) {
        const PrincipalKind kind = it.key();
        const QString attribute = nameAttribute(kind);
        for (qsizetype first = 0; first < it.value().size(); first += kIdsPerFilter) {
            const QStringList ids = it.value().mid(first, kIdsPerFilter);
            const QString label =
                QStringLiteral("%1 by id (%2 of them)").arg(ScimText::collection(kind)).arg(ids.size());
            ScimPager* pager =
                m_scim->createPager(ScimText::collection(kind), label, {QStringLiteral("id"), attribute}, this);
            pager->setFilter(idFilter(ids));
            ++state->pending;
            auto settle = [state, pager] {
                pager->deleteLater();
                if (--state->pending == 0)
                    state->done(state->names);
            };
            connect(pager, &ScimPager::finished, this, [state, pager, kind, ids, attribute, settle] {
                QHash<QString, QString> found;
                for (const QJsonObject& resource : pager->takeResources())
                    found.insert(resource.value(QStringLiteral("id")).toString(), resource.value(attribute).toString());
                for (const QString& id : ids) {
                    Name& name = state->names[key(kind, id)];
                    const auto hit = found.constFind(id);
                    if (hit == found.constEnd()) {
                        name.notFound = true;
                        name.error = QStringLiteral("%1 %2 was not found (the filtered read by id came back "
                                                    "complete without it).")
                                         .arg(principalKindLabel(kind), id);
                    } else if (hit->isEmpty()) {
                        name.error = QStringLiteral("%1 %2 came back without a %3.")
                                         .arg(principalKindLabel(kind), id, attribute);
                    } else {
                        name.name = *hit;
                    }
                }
                settle();
            });
            connect(pager, &ScimPager::failed, this, [state, kind, ids, settle](const QString& message) {
                for (const QString& id : ids)
                    state->names[key(kind, id)].error = message;
                settle();
            });
            pager->start();
        }
    }
}

} // namespace scimitar
