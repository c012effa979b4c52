#include "idp/EntraSource.h"

#include "idp/EntraError.h"
#include "idp/EntraPager.h"
#include "idp/EntraTokenProvider.h"
#include "idp/IdpUrl.h"
#include "idp/ODataQuery.h"
#include "net/HttpClient.h"
#include "net/RetryNote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimer>
#include <QUuid>

namespace scimitar {

namespace {

const QString kUserFields = QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled");
const QString kGroupPermissions = QStringLiteral("GroupMember.Read.All");
const QString kMemberPermissions = QStringLiteral("GroupMember.Read.All and User.Read.All");
const QString kUserPermissions = QStringLiteral("User.Read.All");

QString displayName(const QJsonObject& object)
{
    return object.value(QLatin1String("displayName")).toString();
}

} // namespace

EntraSource::EntraSource(const EntraSettings& settings, QObject* parent)
    : IdpSource(parent)
    , m_settings(settings)
    , m_http(new net::HttpClient(this))
    , m_tokens(new EntraTokenProvider(m_http, settings, this))
{
    m_settings.graph = m_settings.graph.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    net::RetryPolicy policy;
    policy.maxConcurrent = 4; // a sequential reader with $top=999 stays far below Graph's limits; 4 is plenty
    m_http->setRetryPolicy(policy);
    connect(m_http, &net::HttpClient::retryScheduled, this,
            [this](const QString& what, int attempt, int delayMs, const QString& reason) {
                note(net::RetryNote::retrying(what, reason, delayMs, attempt));
            });
}

EntraSource::~EntraSource() = default;

QString EntraSource::label() const
{
    const QString host = m_settings.graph.host();
    if (host == QLatin1String("graph.microsoft.com"))
        return QStringLiteral("Entra ID (tenant %1)").arg(m_settings.tenant);
    return QStringLiteral("Entra ID (tenant %1, %2)").arg(m_settings.tenant, host);
}

void EntraSource::setRetryPolicy(const net::RetryPolicy& policy)
{
    m_http->setRetryPolicy(policy);
}

QUrl EntraSource::groupSearchUrl(const QUrl& graph, const QString& name)
{
    return IdpUrl::build(graph, QStringLiteral("/v1.0/groups"),
                         {{QStringLiteral("$filter"), ODataQuery::equals(QStringLiteral("displayName"), name)},
                          {QStringLiteral("$select"), QStringLiteral("id,displayName")}});
}

QUrl EntraSource::membersUrl(const QUrl& graph, const QString& groupId, int pageSize, bool eventual)
{
    IdpUrl::QueryItems items{{QStringLiteral("$select"), kUserFields},
                             {QStringLiteral("$top"), QString::number(pageSize)}};
    if (eventual)
        items.append({QStringLiteral("$count"), QStringLiteral("true")}); // an advanced query needs both
    return IdpUrl::build(
        graph,
        QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user").arg(IdpUrl::pathSegment(groupId)),
        items);
}

QUrl EntraSource::emailSearchUrl(const QUrl& graph, const QString& email)
{
    return IdpUrl::build(graph, QStringLiteral("/v1.0/users"),
                         {{QStringLiteral("$filter"), ODataQuery::equals(QStringLiteral("mail"), email)},
                          {QStringLiteral("$select"), kUserFields}});
}

IdpUser EntraSource::userFromJson(const QJsonObject& object)
{
    IdpUser user;
    user.id = object.value(QLatin1String("id")).toString();
    user.login = object.value(QLatin1String("userPrincipalName")).toString();
    user.email = object.value(QLatin1String("mail")).toString();
    user.displayName = displayName(object);
    const QJsonValue enabled = object.value(QLatin1String("accountEnabled"));
    if (enabled.isBool()) {
        user.status = enabled.toBool() ? IdpUserStatus::Active : IdpUserStatus::Disabled;
        user.rawStatus =
            enabled.toBool() ? QStringLiteral("accountEnabled=true") : QStringLiteral("accountEnabled=false");
    }
    return user;
}

// --- transport with a token --------------------------------------------------------------------------------------

void EntraSource::send(const net::HttpRequest& request, std::function<void(const net::HttpResponse&)> done,
                       bool retriedAfter401)
{
    m_tokens->token([this, request, done = std::move(done), retriedAfter401](const QByteArray& token,
                                                                             const QString& error) mutable {
        if (!error.isEmpty()) {
            net::HttpResponse response;
            response.transportError = error; // already one sentence naming the token request
            done(response);
            return;
        }
        // One client carries one token; requests queued in it pick up a renewed one when they start.
        m_http->setAuthorization(QByteArrayLiteral("Bearer ") + token);
        net::HttpRequest withIds = request;
        withIds.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
        // Graph echoes our id in innerError, which ties a journal entry to Microsoft's support traces.
        withIds.headers.append(
            {QByteArrayLiteral("client-request-id"), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
        m_http->send(withIds, [this, request, done = std::move(done),
                               retriedAfter401](const net::HttpResponse& response) mutable {
            if (response.status == 401 && !retriedAfter401 && !response.cancelled &&
                response.transportError.isEmpty()) {
                // A token revoked or rotated early: fetch a new one, once.
                m_tokens->invalidate();
                send(request, std::move(done), true);
                return;
            }
            done(response);
        });
    });
}

void EntraSource::abandon(IdpRun& run)
{
    run.abandon();
    if (!m_groupRun.scope && !m_lookupRun.scope) {
        m_tokens->cancel();
        m_http->cancelAll();
    }
}

void EntraSource::cancel()
{
    abandon(m_groupRun);
    abandon(m_lookupRun);
}

bool EntraSource::failIfMisconfigured(IdpRun& run)
{
    const QString problem = m_settings.problem();
    if (problem.isEmpty())
        return false;
    const quint64 generation = run.generation;
    QTimer::singleShot(0, run.scope, [this, &run, generation, problem] {
        if (generation != run.generation)
            return;
        abandon(run);
        emit failed(problem);
    });
    return true;
}

QString EntraSource::redact(QString text) const
{
    if (m_settings.clientSecret.size() >= 4)
        text.replace(QString::fromUtf8(m_settings.clientSecret), QStringLiteral("[redacted]"));
    return text;
}

void EntraSource::note(const QString& text)
{
    if (m_groupRun.scope)
        emit progress(m_groupsDone, int(m_names.size()), text);
    else if (m_lookupRun.scope)
        emit progress(m_lookups.done(), m_lookups.size(), text);
}

// --- groups ------------------------------------------------------------------------------------------------------

void EntraSource::loadGroups(const QStringList& names)
{
    abandon(m_groupRun);
    m_names = IdpLookupBatch::distinct(names);
    m_groups = QList<IdpGroup>(m_names.size());
    m_groupsDone = 0;
    m_groupRun.begin(this);
    if (failIfMisconfigured(m_groupRun))
        return;
    const quint64 generation = m_groupRun.generation;
    if (m_names.isEmpty()) {
        QTimer::singleShot(0, m_groupRun.scope, [this, generation] {
            if (generation == m_groupRun.generation)
                finishGroupsIfDone();
        });
        return;
    }
    emit progress(0, int(m_names.size()), QStringLiteral("Entra ID: finding %1 groups").arg(m_names.size()));
    for (int index = 0; index < m_names.size(); ++index)
        findGroup(index);
}

void EntraSource::findGroup(int index)
{
    const QString name = m_names[index];
    const quint64 generation = m_groupRun.generation;
    auto* pager = new EntraPager(
        [this](const net::HttpRequest& request, net::HttpClient::Callback done) { send(request, std::move(done)); },
        m_settings.graph, QStringLiteral("Entra ID: finding group '%1'").arg(name), kGroupPermissions,
        m_groupRun.scope);
    pager->setMaxPages(m_maxPages);
    connect(pager, &EntraPager::finished, this, [this, generation, pager, index] {
        if (generation == m_groupRun.generation)
            onGroupsFound(index, pager->takeItems());
    });
    connect(pager, &EntraPager::failed, this, [this, generation](const QString& message) {
        if (generation == m_groupRun.generation)
            groupFailed(message);
    });
    pager->start(groupSearchUrl(m_settings.graph, name));
}

void EntraSource::onGroupsFound(int index, const QJsonArray& groups)
{
    const QString name = m_names[index];
    QList<QJsonObject> matches;
    for (const QJsonValue& value : groups) {
        const QJsonObject group = value.toObject();
        // Graph compares displayName case-insensitively; check on our side all the same.
        if (displayName(group).compare(name, Qt::CaseInsensitive) == 0)
            matches.append(group);
    }
    if (matches.size() > 1) {
        QList<QJsonObject> exact;
        for (const QJsonObject& group : std::as_const(matches))
            if (displayName(group) == name)
                exact.append(group);
        if (exact.size() == 1) {
            matches = exact;
        } else {
            QStringList ids;
            for (const QJsonObject& group : std::as_const(matches))
                ids.append(group.value(QLatin1String("id")).toString());
            groupFailed(QStringLiteral("Entra ID has %1 groups named '%2' (ids %3); display names are not unique in "
                                       "Entra, so rename one until the policy names exactly one group.")
                            .arg(matches.size())
                            .arg(name, ids.join(QLatin1String(", "))));
            return;
        }
    }
    if (matches.isEmpty()) {
        groupFailed(QStringLiteral("Entra ID has no group named '%1' (a group created in the last minutes may not "
                                   "be listed yet).")
                        .arg(name));
        return;
    }
    m_groups[index].id = matches.first().value(QLatin1String("id")).toString();
    m_groups[index].name = displayName(matches.first());
    if (m_groups[index].id.isEmpty()) {
        groupFailed(QStringLiteral("Entra ID: the group '%1' came back without an id.").arg(name));
        return;
    }
    readMembers(index);
}

void EntraSource::readMembers(int index)
{
    const QString name = m_groups[index].name;
    const quint64 generation = m_groupRun.generation;
    const bool eventual = m_eventual;
    auto* pager = new EntraPager(
        [this](const net::HttpRequest& request, net::HttpClient::Callback done) { send(request, std::move(done)); },
        m_settings.graph, QStringLiteral("Entra ID: reading members of '%1'").arg(name), kMemberPermissions,
        m_groupRun.scope);
    pager->setMaxPages(m_maxPages);
    if (eventual)
        pager->setHeaders({{QByteArrayLiteral("ConsistencyLevel"), QByteArrayLiteral("eventual")}});
    connect(pager, &EntraPager::pageRead, this, [this, generation, name](int pages, int items) {
        if (generation == m_groupRun.generation)
            emit progress(
                m_groupsDone, int(m_names.size()),
                QStringLiteral("Entra ID: members of '%1', page %2 (%3 so far)").arg(name).arg(pages).arg(items));
    });
    connect(pager, &EntraPager::finished, this, [this, generation, pager, index, name] {
        if (generation != m_groupRun.generation)
            return;
        QSet<QString> seen;
        const QJsonArray items = pager->takeItems();
        for (const QJsonValue& value : items) {
            const QJsonObject object = value.toObject();
            const QString type = object.value(QLatin1String("@odata.type")).toString();
            if (!type.isEmpty() && type != QLatin1String("#microsoft.graph.user"))
                continue; // the cast should have kept only users; anything else is not a person
            if (!object.contains(QLatin1String("userPrincipalName"))) {
                // Without User.Read.All, Graph returns members with nothing but their id: comparing those with
                // Databricks would call everyone a stranger.
                groupFailed(QStringLiteral("Entra ID: the members of '%1' came back without userPrincipalName; the "
                                           "app registration needs the application permission User.Read.All "
                                           "(with admin consent) to see who they are.")
                                .arg(name));
                return;
            }
            IdpUser user = userFromJson(object);
            if (seen.contains(user.id))
                continue;
            seen.insert(user.id);
            m_groups[index].members.append(std::move(user));
        }
        ++m_groupsDone;
        emit progress(
            m_groupsDone, int(m_names.size()),
            QStringLiteral("Entra ID: read %1 members of '%2'").arg(m_groups[index].members.size()).arg(name));
        finishGroupsIfDone();
    });
    connect(pager, &EntraPager::failed, this,
            [this, generation, index, eventual, name](const QString& message, int status, const QString& code) {
                if (generation != m_groupRun.generation)
                    return;
                if (status == 400 && code == QLatin1String("Request_UnsupportedQuery") && !eventual) {
                    // Older Graph deployments treat the user cast as an advanced query. Ask once more that way, and
                    // keep asking that way: the answer will not change for this tenant.
                    m_eventual = true;
                    emit progress(m_groupsDone, int(m_names.size()),
                                  QStringLiteral("Entra ID: Graph wants an advanced query for the members of '%1'; "
                                                 "asking again with ConsistencyLevel: eventual")
                                      .arg(name));
                    readMembers(index);
                    return;
                }
                groupFailed(message);
            });
    pager->start(membersUrl(m_settings.graph, m_groups[index].id, m_memberPageSize, eventual));
}

void EntraSource::groupFailed(const QString& message)
{
    abandon(m_groupRun);
    emit failed(redact(message));
}

void EntraSource::finishGroupsIfDone()
{
    if (m_groupsDone < m_names.size())
        return;
    const QList<IdpGroup> groups = std::exchange(m_groups, {});
    abandon(m_groupRun);
    emit groupsLoaded(groups);
}

// --- look-ups ----------------------------------------------------------------------------------------------------

void EntraSource::lookupUsers(const QStringList& values, IdpLookupKey key)
{
    abandon(m_lookupRun);
    m_lookups.reset(values, key);
    m_lookupRun.begin(this);
    if (failIfMisconfigured(m_lookupRun))
        return;
    const quint64 generation = m_lookupRun.generation;
    if (m_lookups.size() == 0) {
        QTimer::singleShot(0, m_lookupRun.scope, [this, generation] {
            if (generation == m_lookupRun.generation)
                finishLookupsIfDone();
        });
        return;
    }
    for (int index = 0; index < m_lookups.size(); ++index) {
        if (key == IdpLookupKey::Email)
            lookupByEmail(index);
        else
            lookupByLogin(index);
    }
}

void EntraSource::lookupByLogin(int index)
{
    const QString login = m_lookups.value(index);
    const quint64 generation = m_lookupRun.generation;
    net::HttpRequest request;
    request.url = IdpUrl::build(m_settings.graph, QStringLiteral("/v1.0/users/") + IdpUrl::pathSegment(login),
                                {{QStringLiteral("$select"), kUserFields}});
    request.description = QStringLiteral("Entra ID: looking up '%1'").arg(login);
    send(request, [this, generation, index, what = request.description](const net::HttpResponse& response) {
        if (generation != m_lookupRun.generation || response.cancelled)
            return;
        QList<IdpUser> matches;
        if (response.status == 404 && response.transportError.isEmpty()) {
            // Graph says Request_ResourceNotFound in its error envelope. A bare 404 came from something else (a
            // wrong Graph address) and must not turn everyone into "not found".
            if (EntraError::graphCode(response.body).isEmpty()) {
                lookupFailed(EntraError::describeGraph(what, response, kUserPermissions) +
                             QStringLiteral(" This is not Graph's answer for an unknown user; check the Graph "
                                            "address."));
                return;
            }
        } else if (!response.isSuccess()) {
            lookupFailed(EntraError::describeGraph(what, response, kUserPermissions));
            return;
        } else {
            const QJsonDocument document = QJsonDocument::fromJson(response.body);
            if (!document.isObject() || !document.object().contains(QLatin1String("userPrincipalName"))) {
                lookupFailed(
                    QStringLiteral("%1: Microsoft Graph sent no user object with a userPrincipalName.").arg(what));
                return;
            }
            matches.append(userFromJson(document.object()));
        }
        m_lookups.record(index, std::move(matches));
        emit progress(m_lookups.done(), m_lookups.size(), m_lookups.progressNote());
        finishLookupsIfDone();
    });
}

void EntraSource::lookupByEmail(int index)
{
    const QString email = m_lookups.value(index);
    const quint64 generation = m_lookupRun.generation;
    const QString what = QStringLiteral("Entra ID: looking up the email '%1'").arg(email);
    auto* pager = new EntraPager(
        [this](const net::HttpRequest& request, net::HttpClient::Callback done) { send(request, std::move(done)); },
        m_settings.graph, what, kUserPermissions, m_lookupRun.scope);
    pager->setMaxPages(m_maxPages);
    connect(pager, &EntraPager::finished, this, [this, generation, pager, index, email, what] {
        if (generation != m_lookupRun.generation)
            return;
        // Graph compares case-insensitively; check on our side all the same. Nothing makes mail unique in a
        // tenant: everyone with it is the answer, and the drift engine decides what several mean.
        QList<IdpUser> matches;
        const QJsonArray items = pager->takeItems();
        for (const QJsonValue& value : items) {
            const QJsonObject object = value.toObject();
            if (!object.contains(QLatin1String("userPrincipalName"))) {
                lookupFailed(QStringLiteral("%1: Microsoft Graph sent a user without a userPrincipalName; the app "
                                            "registration needs the application permission User.Read.All.")
                                 .arg(what));
                return;
            }
            IdpUser user = userFromJson(object);
            if (user.email.compare(email, Qt::CaseInsensitive) == 0 &&
                std::none_of(matches.cbegin(), matches.cend(), [&](const IdpUser& u) { return u.id == user.id; }))
                matches.append(std::move(user));
        }
        m_lookups.record(index, std::move(matches));
        emit progress(m_lookups.done(), m_lookups.size(), m_lookups.progressNote());
        finishLookupsIfDone();
    });
    connect(pager, &EntraPager::failed, this, [this, generation](const QString& message, int, const QString&) {
        if (generation == m_lookupRun.generation)
            lookupFailed(message);
    });
    pager->start(emailSearchUrl(m_settings.graph, email));
}

void EntraSource::lookupFailed(const QString& message)
{
    abandon(m_lookupRun);
    emit failed(redact(message));
}

void EntraSource::finishLookupsIfDone()
{
    if (!m_lookups.isComplete())
        return;
    const IdpLookupBatch::Answer answer = m_lookups.take();
    abandon(m_lookupRun);
    emit usersLookedUp(answer.found, answer.notFound);
}

} // namespace scimitar
