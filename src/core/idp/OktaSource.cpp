#include "idp/OktaSource.h"

#include "idp/IdpUrl.h"
#include "idp/OktaError.h"
#include "idp/OktaPager.h"
#include "net/HttpClient.h"
#include "net/RetryNote.h"
#include "net/ThrottleClassifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimer>

namespace scimitar {

namespace {

QString groupName(const QJsonObject& group)
{
    return group.value(QLatin1String("profile")).toObject().value(QLatin1String("name")).toString();
}

} // namespace

OktaSource::OktaSource(const QUrl& orgUrl, const QByteArray& authorizationHeader, QObject* parent)
    : IdpSource(parent)
    , m_http(new net::HttpClient(this))
    , m_orgUrl(orgUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)) // an org is a host
    , m_authorization(authorizationHeader)
    , m_pauseTimer(new QTimer(this))
{
    m_http->setAuthorization(authorizationHeader);
    net::RetryPolicy policy;
    // Okta's windows are a minute long and a 429 says to wait until the window resets: allow a whole window.
    policy.maxDelayMs = 65000;
    policy.maxConcurrent = 4; // a few parallel requests are plenty; Okta caps concurrent calls per org
    m_http->setRetryPolicy(policy);
    m_pauseTimer->setSingleShot(true);
    connect(m_pauseTimer, &QTimer::timeout, this, &OktaSource::releaseWaiting);
    connect(m_http, &net::HttpClient::retryScheduled, this,
            [this](const QString& what, int attempt, int delayMs, const QString& reason) {
                const QString note = net::RetryNote::retrying(what, reason, delayMs, attempt);
                if (m_groupRun.scope)
                    emit progress(m_groupsDone, int(m_names.size()), note);
                else if (m_lookupRun.scope)
                    emit progress(m_lookups.done(), m_lookups.size(), note);
            });
}

OktaSource::~OktaSource() = default;

QString OktaSource::label() const
{
    return QStringLiteral("Okta (%1)").arg(IdpUrl::origin(m_orgUrl));
}

void OktaSource::setRetryPolicy(const net::RetryPolicy& policy)
{
    m_http->setRetryPolicy(policy);
}

QUrl OktaSource::groupSearchUrl(const QUrl& orgUrl, const QString& name, int pageSize)
{
    // How a '"' is escaped inside a search expression is not documented; rather than guess, such names use the
    // prefix search, whose exact matches Okta lists first. The exact comparison happens on our side either way.
    if (name.contains(QLatin1Char('"')) || name.contains(QLatin1Char('\\')))
        return IdpUrl::build(orgUrl, QStringLiteral("/api/v1/groups"), {{QStringLiteral("q"), name}});
    return IdpUrl::build(orgUrl, QStringLiteral("/api/v1/groups"),
                         {{QStringLiteral("search"), QStringLiteral("profile.name eq \"%1\"").arg(name)},
                          {QStringLiteral("limit"), QString::number(pageSize)}});
}

QUrl OktaSource::emailSearchUrl(const QUrl& orgUrl, const QString& email, int pageSize)
{
    // Unlike group names, an email with a quote cannot fall back to a prefix search (there is none for users), so it
    // is escaped as SCIM filters escape it; the exact comparison on our side keeps a looser reading harmless.
    QString escaped = email;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return IdpUrl::build(orgUrl, QStringLiteral("/api/v1/users"),
                         {{QStringLiteral("search"), QStringLiteral("profile.email eq \"%1\"").arg(escaped)},
                          {QStringLiteral("limit"), QString::number(pageSize)}});
}

IdpUserStatus OktaSource::statusFromOkta(const QString& status)
{
    const QString upper = status.trimmed().toUpper();
    if (upper == QLatin1String("DEPROVISIONED"))
        return IdpUserStatus::Deprovisioned;
    if (upper == QLatin1String("SUSPENDED"))
        return IdpUserStatus::Suspended;
    // LOCKED_OUT, PASSWORD_EXPIRED, RECOVERY are still employed; STAGED/PROVISIONED have just not signed in yet.
    return IdpUserStatus::Active;
}

IdpUser OktaSource::userFromJson(const QJsonObject& object)
{
    const QJsonObject profile = object.value(QLatin1String("profile")).toObject();
    IdpUser user;
    user.id = object.value(QLatin1String("id")).toString();
    user.login = profile.value(QLatin1String("login")).toString();
    user.email = profile.value(QLatin1String("email")).toString();
    user.displayName = (profile.value(QLatin1String("firstName")).toString() + QLatin1Char(' ') +
                        profile.value(QLatin1String("lastName")).toString())
                           .trimmed();
    if (user.displayName.isEmpty())
        user.displayName = profile.value(QLatin1String("displayName")).toString();
    user.rawStatus = object.value(QLatin1String("status")).toString();
    user.status = statusFromOkta(user.rawStatus);
    return user;
}

// --- transport with rate-limit slow-down -------------------------------------------------------------------------

void OktaSource::send(const net::HttpRequest& request, std::function<void(const net::HttpResponse&)> done)
{
    if (!m_waiting.isEmpty() || !m_pausedUntil.hasExpired()) {
        m_waiting.enqueue({request, std::move(done)});
        if (!m_pauseTimer->isActive())
            m_pauseTimer->start(std::max<qint64>(0, m_pausedUntil.remainingTime()));
        return;
    }
    m_http->send(request, [this, done = std::move(done)](const net::HttpResponse& response) {
        noteRateLimit(response);
        done(response);
    });
}

void OktaSource::noteRateLimit(const net::HttpResponse& response)
{
    bool ok = false;
    const int remaining = response.header("X-Rate-Limit-Remaining").trimmed().toInt(&ok);
    if (!ok || remaining > kLowRemaining)
        return;
    const auto resetMs =
        net::ThrottleClassifier::rateLimitResetMs(response.header("X-Rate-Limit-Reset"), response.header("Date"));
    if (!resetMs || *resetMs <= 0)
        return;
    const int pauseMs = std::min(*resetMs, m_maxPauseMs);
    if (!m_pausedUntil.hasExpired() && m_pausedUntil.remainingTime() >= pauseMs)
        return;
    m_pausedUntil = QDeadlineTimer(pauseMs, Qt::PreciseTimer);
    const QString note =
        net::RetryNote::waiting(QStringLiteral("Okta: rate limit nearly used up (%1 requests left); ").arg(remaining),
                                pauseMs, QStringLiteral(" for it to reset"));
    if (m_groupRun.scope)
        emit progress(m_groupsDone, int(m_names.size()), note);
    else if (m_lookupRun.scope)
        emit progress(m_lookups.done(), m_lookups.size(), note);
}

void OktaSource::releaseWaiting()
{
    if (!m_pausedUntil.hasExpired()) {
        m_pauseTimer->start(m_pausedUntil.remainingTime()); // extended by an answer that arrived meanwhile
        return;
    }
    QQueue<Waiting> waiting = std::exchange(m_waiting, {});
    while (!waiting.isEmpty()) {
        Waiting next = waiting.dequeue();
        m_http->send(next.request, [this, done = std::move(next.done)](const net::HttpResponse& response) {
            noteRateLimit(response);
            done(response);
        });
    }
}

void OktaSource::abandon(IdpRun& run)
{
    run.abandon();
    if (!m_groupRun.scope && !m_lookupRun.scope) {
        // Nothing else is running: stop what the abandoned run left in flight instead of letting it finish unheard.
        m_waiting.clear();
        m_pauseTimer->stop();
        m_http->cancelAll();
    }
}

void OktaSource::cancel()
{
    abandon(m_groupRun);
    abandon(m_lookupRun);
}

QString OktaSource::redact(QString text) const
{
    // Belt and braces: no message we build contains the token, but a server or proxy might echo it back.
    const QByteArray token = m_authorization.mid(m_authorization.indexOf(' ') + 1).trimmed();
    if (token.size() >= 4)
        text.replace(QString::fromUtf8(token), QStringLiteral("[redacted]"));
    return text;
}

// --- groups ------------------------------------------------------------------------------------------------------

void OktaSource::loadGroups(const QStringList& names)
{
    abandon(m_groupRun);
    m_names = IdpLookupBatch::distinct(names);
    m_groups = QList<IdpGroup>(m_names.size());
    m_groupsDone = 0;
    m_groupRun.begin(this);
    const quint64 generation = m_groupRun.generation;
    if (m_names.isEmpty()) {
        // Answer asynchronously all the same, so callers see one ordering whatever they asked for.
        QTimer::singleShot(0, m_groupRun.scope, [this, generation] {
            if (generation == m_groupRun.generation)
                finishGroupsIfDone();
        });
        return;
    }
    emit progress(0, int(m_names.size()), QStringLiteral("Okta: finding %1 groups").arg(m_names.size()));
    for (int index = 0; index < m_names.size(); ++index)
        findGroup(index);
}

void OktaSource::findGroup(int index)
{
    const QString name = m_names[index];
    const quint64 generation = m_groupRun.generation;
    auto* pager = new OktaPager(
        [this](const net::HttpRequest& request, net::HttpClient::Callback done) { send(request, std::move(done)); },
        m_orgUrl, QStringLiteral("Okta: finding group '%1'").arg(name), m_groupRun.scope);
    pager->setMaxPages(m_maxPages);
    connect(pager, &OktaPager::finished, this, [this, generation, pager, index] {
        if (generation == m_groupRun.generation)
            onGroupsFound(index, pager->takeItems());
    });
    connect(pager, &OktaPager::failed, this, [this, generation](const QString& message) {
        if (generation == m_groupRun.generation)
            groupFailed(message);
    });
    pager->start(groupSearchUrl(m_orgUrl, name, m_pageSize));
}

void OktaSource::onGroupsFound(int index, const QJsonArray& groups)
{
    const QString name = m_names[index];
    QList<QJsonObject> matches;
    for (const QJsonValue& value : groups) {
        const QJsonObject group = value.toObject();
        // `q` is a prefix match and `search` reads an eventually consistent index: only an exact name counts.
        if (groupName(group).compare(name, Qt::CaseInsensitive) == 0)
            matches.append(group);
    }
    if (matches.size() > 1) {
        QList<QJsonObject> exact;
        for (const QJsonObject& group : std::as_const(matches))
            if (groupName(group) == name)
                exact.append(group);
        if (exact.size() == 1) {
            matches = exact;
        } else {
            QStringList ids;
            for (const QJsonObject& group : std::as_const(matches))
                ids.append(QStringLiteral("%1 %2 (%3)")
                               .arg(group.value(QLatin1String("id")).toString(), groupName(group),
                                    group.value(QLatin1String("type")).toString()));
            groupFailed(QStringLiteral("Okta has %1 groups named '%2' (%3); rename one so the policy names exactly "
                                       "one group.")
                            .arg(matches.size())
                            .arg(name, ids.join(QLatin1String(", "))));
            return;
        }
    }
    if (matches.isEmpty()) {
        const QString searched = name.contains(QLatin1Char('"')) || name.contains(QLatin1Char('\\'))
                                     ? QStringLiteral("a name search")
                                     : QStringLiteral("search=profile.name eq \"%1\"").arg(name);
        groupFailed(QStringLiteral("Okta has no group named '%1' (%2 found %3 group(s), none with exactly that name; "
                                   "a group created in the last minutes may not be searchable yet).")
                        .arg(name, searched)
                        .arg(groups.size()));
        return;
    }
    m_groups[index].id = matches.first().value(QLatin1String("id")).toString();
    m_groups[index].name = groupName(matches.first());
    if (m_groups[index].id.isEmpty()) {
        groupFailed(QStringLiteral("Okta: the group '%1' came back without an id.").arg(name));
        return;
    }
    readMembers(index);
}

void OktaSource::readMembers(int index)
{
    const QString name = m_groups[index].name;
    const quint64 generation = m_groupRun.generation;
    auto* pager = new OktaPager(
        [this](const net::HttpRequest& request, net::HttpClient::Callback done) { send(request, std::move(done)); },
        m_orgUrl, QStringLiteral("Okta: reading members of '%1'").arg(name), m_groupRun.scope);
    pager->setMaxPages(m_maxPages);
    connect(pager, &OktaPager::pageRead, this, [this, generation, name](int pages, int items) {
        if (generation == m_groupRun.generation)
            emit progress(m_groupsDone, int(m_names.size()),
                          QStringLiteral("Okta: members of '%1', page %2 (%3 so far)").arg(name).arg(pages).arg(items));
    });
    connect(pager, &OktaPager::finished, this, [this, generation, pager, index] {
        if (generation != m_groupRun.generation)
            return;
        QSet<QString> seen;
        const QJsonArray items = pager->takeItems();
        for (const QJsonValue& value : items) {
            IdpUser user = userFromJson(value.toObject());
            if (!user.id.isEmpty() && seen.contains(user.id))
                continue;
            seen.insert(user.id);
            m_groups[index].members.append(std::move(user));
        }
        ++m_groupsDone;
        emit progress(m_groupsDone, int(m_names.size()),
                      QStringLiteral("Okta: read %1 members of '%2'")
                          .arg(m_groups[index].members.size())
                          .arg(m_groups[index].name));
        finishGroupsIfDone();
    });
    connect(pager, &OktaPager::failed, this, [this, generation](const QString& message) {
        if (generation == m_groupRun.generation)
            groupFailed(message);
    });
    const QString path = QStringLiteral("/api/v1/groups/%1/users").arg(IdpUrl::pathSegment(m_groups[index].id));
    pager->start(IdpUrl::build(m_orgUrl, path, {{QStringLiteral("limit"), QString::number(m_pageSize)}}));
}

void OktaSource::groupFailed(const QString& message)
{
    abandon(m_groupRun);
    emit failed(redact(message));
}

void OktaSource::finishGroupsIfDone()
{
    if (m_groupsDone < m_names.size())
        return;
    const QList<IdpGroup> groups = std::exchange(m_groups, {});
    abandon(m_groupRun);
    emit groupsLoaded(groups);
}

// --- look-ups ----------------------------------------------------------------------------------------------------

void OktaSource::lookupUsers(const QStringList& values, IdpLookupKey key)
{
    abandon(m_lookupRun);
    m_lookups.reset(values, key);
    m_lookupRun.begin(this);
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

void OktaSource::lookupByLogin(int index)
{
    const QString login = m_lookups.value(index);
    const quint64 generation = m_lookupRun.generation;
    net::HttpRequest request;
    request.url = IdpUrl::build(m_orgUrl, QStringLiteral("/api/v1/users/") + IdpUrl::pathSegment(login));
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.description = QStringLiteral("Okta: looking up '%1'").arg(login);
    send(request, [this, generation, index, login, what = request.description](const net::HttpResponse& response) {
        if (generation != m_lookupRun.generation || response.cancelled)
            return;
        QList<IdpUser> matches;
        if (response.status == 404 && response.transportError.isEmpty()) {
            // Okta answers an unknown login with its error envelope (E0000007). A 404 without it came from
            // something else (a wrong org URL, a proxy) and must not turn everyone into "not found".
            const QJsonDocument document = QJsonDocument::fromJson(response.body);
            if (!document.isObject() || !document.object().contains(QLatin1String("errorCode"))) {
                lookupFailed(OktaError::describe(what, response) +
                             QStringLiteral(" This is not Okta's answer for an unknown user; check the org URL."));
                return;
            }
        } else if (!response.isSuccess()) {
            lookupFailed(OktaError::describe(what, response));
            return;
        } else {
            const QJsonDocument document = QJsonDocument::fromJson(response.body);
            if (!document.isObject()) {
                lookupFailed(QStringLiteral("%1: Okta sent something other than a user object.").arg(what));
                return;
            }
            IdpUser user = userFromJson(document.object());
            // GET /users/{x} also matches a login's short name ("jdoe" finds jdoe@corp.com); only the very person
            // asked for counts as found.
            if (user.login.compare(login, Qt::CaseInsensitive) == 0 ||
                user.email.compare(login, Qt::CaseInsensitive) == 0 || user.id == login)
                matches.append(std::move(user));
        }
        m_lookups.record(index, std::move(matches));
        emit progress(m_lookups.done(), m_lookups.size(), m_lookups.progressNote());
        finishLookupsIfDone();
    });
}

void OktaSource::lookupByEmail(int index)
{
    const QString email = m_lookups.value(index);
    const quint64 generation = m_lookupRun.generation;
    auto* pager = new OktaPager(
        [this](const net::HttpRequest& request, net::HttpClient::Callback done) { send(request, std::move(done)); },
        m_orgUrl, QStringLiteral("Okta: looking up the email '%1'").arg(email), m_lookupRun.scope);
    pager->setMaxPages(m_maxPages);
    connect(pager, &OktaPager::finished, this, [this, generation, pager, index, email] {
        if (generation != m_lookupRun.generation)
            return;
        // `search` reads an eventually consistent index: only an exact email counts. Several people may share one
        // (Okta does not make emails unique); all of them are the answer, and the drift engine decides.
        QList<IdpUser> matches;
        const QJsonArray items = pager->takeItems();
        for (const QJsonValue& value : items) {
            IdpUser user = userFromJson(value.toObject());
            if (user.email.compare(email, Qt::CaseInsensitive) == 0 &&
                std::none_of(matches.cbegin(), matches.cend(), [&](const IdpUser& u) { return u.id == user.id; }))
                matches.append(std::move(user));
        }
        m_lookups.record(index, std::move(matches));
        emit progress(m_lookups.done(), m_lookups.size(), m_lookups.progressNote());
        finishLookupsIfDone();
    });
    connect(pager, &OktaPager::failed, this, [this, generation](const QString& message) {
        if (generation == m_lookupRun.generation)
            lookupFailed(message);
    });
    pager->start(emailSearchUrl(m_orgUrl, email, m_pageSize));
}

void OktaSource::lookupFailed(const QString& message)
{
    abandon(m_lookupRun);
    emit failed(redact(message));
}

void OktaSource::finishLookupsIfDone()
{
    if (!m_lookups.isComplete())
        return;
    const IdpLookupBatch::Answer answer = m_lookups.take();
    abandon(m_lookupRun);
    emit usersLookedUp(answer.found, answer.notFound);
}

} // namespace scimitar
