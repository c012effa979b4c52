#include "scim/DirectoryLoader.h"

#include "net/HttpClient.h"
#include "net/RetryNote.h"
#include "scim/ScimClient.h"
#include "scim/ScimPager.h"
#include "scim/ScimResourceParser.h"

#include <QDateTime>
#include <QJsonArray>

namespace scimitar {

namespace {

// Ask only for what Scimitar shows: big unfiltered listings are what time out on real workspaces.
// Entitlements exist only at workspace level; asking an account for them is pointless.
QStringList attributesFor(QStringList attributes, DirectoryLevel level)
{
    attributes.append(QStringLiteral("roles"));
    if (level == DirectoryLevel::Workspace)
        attributes.append(QStringLiteral("entitlements"));
    return attributes;
}

QStringList userAttributes(DirectoryLevel level)
{
    return attributesFor({QStringLiteral("id"), QStringLiteral("userName"), QStringLiteral("displayName"),
                          QStringLiteral("active"), QStringLiteral("emails"), QStringLiteral("name"),
                          QStringLiteral("externalId")},
                         level);
}

QStringList groupAttributes(DirectoryLevel level)
{
    return attributesFor({QStringLiteral("id"), QStringLiteral("displayName"), QStringLiteral("externalId"),
                          QStringLiteral("meta"), QStringLiteral("members")},
                         level);
}

QStringList servicePrincipalAttributes(DirectoryLevel level)
{
    return attributesFor({QStringLiteral("id"), QStringLiteral("applicationId"), QStringLiteral("displayName"),
                          QStringLiteral("active"), QStringLiteral("externalId")},
                         level);
}

} // namespace

int LoadProgress::done() const
{
    return users.done + groups.done + servicePrincipals.done + groupMembers.done;
}

int LoadProgress::total() const
{
    int sum = 0;
    for (const Part* part : {&users, &groups, &servicePrincipals, &groupMembers})
        sum += std::max(part->total, part->done);
    return sum;
}

DirectoryLoader::DirectoryLoader(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<scimitar::LoadProgress>();
    qRegisterMetaType<scimitar::SnapshotPtr>();
}

DirectoryLoader::~DirectoryLoader()
{
    delete m_scope;
}

void DirectoryLoader::abandon()
{
    ++m_generation;
    if (m_scope) {
        // deleteLater: we may be inside a signal emitted by one of the scope's children.
        m_scope->deleteLater();
        m_scope = nullptr;
    }
    m_scim = nullptr;
}

void DirectoryLoader::start(const LoadRequest& request)
{
    abandon();
    m_request = request;
    m_progress = {};
    m_me = {};
    m_warnings.clear();
    m_notes.clear();
    m_users.clear();
    m_groups.clear();
    m_servicePrincipals.clear();
    m_listingsPending = 0;
    m_memberFetchesPending = 0;
    m_memberFetchStarted = false;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();

    m_scope = new QObject(this);
    auto* http = new net::HttpClient(m_scope);
    http->setAuthorization(QByteArrayLiteral("Bearer ") + request.token);
    http->setRetryPolicy(request.retryPolicy);
    const quint64 generation = m_generation;
    connect(http, &net::HttpClient::retryScheduled, this,
            [this, generation](const QString& what, int attempt, int delayMs, const QString& reason) {
                if (generation != m_generation)
                    return;
                m_progress.note = net::RetryNote::retrying(what, reason, delayMs, attempt);
                emit progress(m_progress);
            });
    m_scim = new ScimClient(http, request.scimBaseUrl, m_scope);

    m_scim->getMe([this, generation](const ScimClient::ObjectResult& result) {
        if (generation != m_generation)
            return;
        if (result.error.isEmpty()) {
            m_me = result.object;
        } else if (m_request.level == DirectoryLevel::Account && result.response.status == 404) {
            // Some account endpoints (and SCIM tokens) have no /Me; the owner stays unknown, the rest still works.
            m_warnings.append(QStringLiteral("The account API did not say who owns this token (/Me is not "
                                             "available); token-owner protections cannot apply."));
        } else {
            fail(result.error);
            return;
        }
        startListings();
    });
}

void DirectoryLoader::trackProgress(ScimPager* pager, LoadProgress::Part* part)
{
    const quint64 generation = m_generation;
    connect(pager, &ScimPager::progress, this, [this, generation, part](int seen, int total) {
        if (generation != m_generation)
            return;
        part->done = seen;
        part->total = total;
        m_progress.note.clear();
        emit progress(m_progress);
    });
}

void DirectoryLoader::startListings()
{
    const quint64 generation = m_generation;
    struct Listing
    {
        const char* resource;
        QString label;
        QStringList attributes;
        QList<QJsonObject>* into;
        LoadProgress::Part* part;
    };
    const Listing listings[] = {
        {"Users", QStringLiteral("users"), userAttributes(m_request.level), &m_users, &m_progress.users},
        {"Groups", QStringLiteral("groups"), groupAttributes(m_request.level), &m_groups, &m_progress.groups},
        {"ServicePrincipals", QStringLiteral("service principals"), servicePrincipalAttributes(m_request.level),
         &m_servicePrincipals, &m_progress.servicePrincipals},
    };
    m_listingsPending = int(std::size(listings));
    for (const Listing& listing : listings) {
        ScimPager* pager = m_scim->createPager(QString::fromLatin1(listing.resource), listing.label,
                                               listing.attributes, m_scope);
        trackProgress(pager, listing.part);
        connect(pager, &ScimPager::finished, this, [this, generation, pager, listing] {
            if (generation == m_generation)
                onPagerFinished(pager, listing.into, listing.part);
        });
        connect(pager, &ScimPager::failed, this, [this, generation](const QString& message) {
            if (generation == m_generation)
                fail(message);
        });
        pager->start();
    }
}

void DirectoryLoader::onPagerFinished(ScimPager* pager, QList<QJsonObject>* into, LoadProgress::Part* part)
{
    *into = pager->takeResources();
    m_notes.append(pager->notes());
    part->done = int(into->size());
    --m_listingsPending;
    if (into == &m_groups)
        completeGroupMembers();
    finishIfDone();
}

void DirectoryLoader::completeGroupMembers()
{
    // Account-level group lists no longer carry `members` (Databricks, 2025-08-22). A missing `members` means
    // "not sent", never "empty": fetch each such group so nobody's access is silently left out.
    m_memberFetchStarted = true;
    const quint64 generation = m_generation;
    QList<qsizetype> lacking;
    for (qsizetype i = 0; i < m_groups.size(); ++i)
        if (!m_groups[i].contains(QLatin1String("members")))
            lacking.append(i);
    m_progress.groupMembers.total = int(lacking.size());
    m_memberFetchesPending = int(lacking.size());
    for (qsizetype index : lacking) {
        const QString id = m_groups[index].value(QLatin1String("id")).toString();
        const QString name = m_groups[index].value(QLatin1String("displayName")).toString();
        m_scim->getResource(
            QStringLiteral("Groups"), id, {QStringLiteral("id"), QStringLiteral("members")},
            QStringLiteral("Reading the members of group '%1'").arg(name),
            [this, generation, index](const ScimClient::ObjectResult& result) {
                if (generation != m_generation)
                    return;
                if (!result.error.isEmpty()) {
                    fail(result.error);
                    return;
                }
                m_groups[index].insert(QStringLiteral("members"),
                                       result.object.value(QLatin1String("members")).toArray());
                --m_memberFetchesPending;
                ++m_progress.groupMembers.done;
                emit progress(m_progress);
                finishIfDone();
            });
    }
}

void DirectoryLoader::finishIfDone()
{
    if (m_listingsPending > 0 || !m_memberFetchStarted || m_memberFetchesPending > 0 || !m_scope)
        return;

    QList<User> users;
    users.reserve(m_users.size());
    for (const QJsonObject& object : std::as_const(m_users))
        users.append(ScimResourceParser::user(object));
    QList<Group> groups;
    groups.reserve(m_groups.size());
    for (const QJsonObject& object : std::as_const(m_groups))
        groups.append(ScimResourceParser::group(object));
    QList<ServicePrincipal> servicePrincipals;
    servicePrincipals.reserve(m_servicePrincipals.size());
    for (const QJsonObject& object : std::as_const(m_servicePrincipals))
        servicePrincipals.append(ScimResourceParser::servicePrincipal(object));
    m_users.clear();
    m_groups.clear();
    m_servicePrincipals.clear();

    SnapshotInfo info;
    info.connectionName = m_request.connectionName;
    info.level = m_request.level;
    info.loadedAt = QDateTime::currentDateTimeUtc();
    info.meId = m_me.value(QLatin1String("id")).toString();
    info.meUserName = m_me.value(QLatin1String("userName")).toString();
    info.meDisplayName = m_me.value(QLatin1String("displayName")).toString();
    info.warnings = m_warnings;
    info.notes = m_notes;
    info.loadMillis = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
    for (QString& warning : info.warnings)
        warning = redact(warning);
    SnapshotPtr snapshot = DirectorySnapshot::build(std::move(users), std::move(groups),
                                                    std::move(servicePrincipals), std::move(info));
    abandon();
    emit finished(snapshot);
}

void DirectoryLoader::fail(const QString& message)
{
    abandon();
    emit failed(redact(message));
}

void DirectoryLoader::cancel()
{
    if (!m_scope)
        return;
    abandon();
    emit cancelled();
}

QString DirectoryLoader::redact(QString text) const
{
    // Belt and braces: no message we produce contains the token, but a server might echo it back.
    if (m_request.token.size() >= 4)
        text.replace(QString::fromUtf8(m_request.token), QStringLiteral("[redacted]"));
    return text;
}

} // namespace scimitar
