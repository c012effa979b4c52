#include "OktaApi.h"

#include "OktaSearch.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>
#include <algorithm>

namespace scimitar::emulator {

namespace {

constexpr int kWindowSeconds = 60;
constexpr int kMaxGroupUsersLimit = 1000; // also the default: "default limit 1000"
constexpr int kMaxGroupsLimit = 10000;
constexpr int kDefaultQueryLimit = 300; // q= look-ups
constexpr int kMaxUsersLimit = 200;     // List Users: default and maximum

QString randomAlnum(int length)
{
    static const char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QString text;
    for (int i = 0; i < length; ++i)
        text.append(QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(int(sizeof(kAlphabet) - 1))]));
    return text;
}

QString stamp(const QString& id, int salt)
{
    return IdpDataset::derivedTime(id, salt).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.000Z"));
}

// Okta users have a value for every profile key it knows, null when unset.
QJsonValue orNull(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

std::optional<int> limitParameter(const EmulatorRequest& request, int fallback)
{
    const QString text = request.query.value(QStringLiteral("limit"));
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

// Okta's links repeat the request's parameters (sorted, as its recorded links show) with `after`
// replaced; the cursor is only ever learnt from a link.
QString pageLink(const EmulatorRequest& request, const QString& cursor)
{
    EmulatorRequest::QueryItems items;
    for (const auto& item : request.queryItems) {
        if (item.first != QLatin1String("after"))
            items.append(item);
    }
    if (!cursor.isEmpty())
        items.append({QStringLiteral("after"), cursor});
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return request.link(request.encodedPath, items);
}

// The page of `items` after the `after` cursor (the id of the last item of the page before; an
// unknown cursor continues nowhere), as [begin, end).
template <typename Item>
std::pair<qsizetype, qsizetype> pageAfter(const QList<const Item*>& items, const QString& after, int pageSize)
{
    qsizetype begin = 0;
    if (!after.isEmpty()) {
        begin = items.size();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (items.at(i)->id == after)
                begin = i + 1;
        }
    }
    return {begin, std::min<qsizetype>(items.size(), begin + pageSize)};
}

} // namespace

bool OktaApi::handles(const EmulatorRequest& request)
{
    return request.segments.size() >= 2 && request.segments.at(0) == QLatin1String("api") &&
           request.segments.at(1) == QLatin1String("v1");
}

void OktaApi::restartCounters()
{
    m_faultCounter = 0;
    m_windowUsed = 0; // a new oktaRateLimit starts with a full budget
}

EmulatorReply OktaApi::serve(const EmulatorRequest& request, const IdpDataset& idp, const EmulatorOptions& options)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now - m_windowStart >= kWindowSeconds) {
        m_windowStart = now - now % kWindowSeconds;
        m_windowUsed = 0;
    }
    qint64 reset = m_windowStart + kWindowSeconds;
    bool exhausted = false;

    EmulatorReply reply = [&]() -> EmulatorReply {
        const QByteArray authorization = request.header("authorization");
        const QByteArray token = options.oktaToken.toUtf8();
        if (token.isEmpty() || (authorization != "SSWS " + token && authorization != "Bearer " + token))
            return error(401, "E0000011", QStringLiteral("Invalid token provided"));

        const qint64 n = ++m_faultCounter;
        auto every = [n](int period) { return period > 0 && n % period == 0; };
        if (every(options.dropConnectionEvery))
            return EmulatorReply::dropped();
        ++m_windowUsed;
        const bool overLimit = options.oktaRateLimit > 0 && m_windowUsed > options.oktaRateLimit;
        if (every(options.oktaThrottleEvery) || overLimit) {
            exhausted = true;
            if (!overLimit)
                reset = now + std::max(0, options.oktaThrottleResetSeconds);
            return error(429, "E0000047", QStringLiteral("API call exceeded rate limit due to too many requests."));
        }
        if (request.matchesFailPath(options.failPath))
            return error(EmulatorReply::isSendable(options.failStatus) ? options.failStatus : 500, "E0000009",
                         QStringLiteral("Internal Server Error"));
        return route(request, idp, options);
    }();
    if (reply.drop)
        return reply;

    const int limit = options.oktaRateLimit > 0 ? options.oktaRateLimit : 1000000;
    reply.addHeader("Date", EmulatorReply::httpDate(now));
    reply.addHeader("X-Okta-Request-Id", randomAlnum(27).toLatin1());
    reply.addHeader("X-Rate-Limit-Limit", QByteArray::number(limit));
    reply.addHeader("X-Rate-Limit-Remaining", QByteArray::number(exhausted ? 0 : std::max(0, limit - m_windowUsed)));
    reply.addHeader("X-Rate-Limit-Reset", QByteArray::number(reset));
    reply.addHeader("Cache-Control", "no-cache, no-store");
    return reply;
}

EmulatorReply OktaApi::route(const EmulatorRequest& request, const IdpDataset& idp,
                             const EmulatorOptions& options) const
{
    const QStringList& s = request.segments;
    const bool known = (s.size() == 3 && (s.at(2) == QLatin1String("groups") || s.at(2) == QLatin1String("users"))) ||
                       (s.size() == 4 && (s.at(2) == QLatin1String("groups") || s.at(2) == QLatin1String("users"))) ||
                       (s.size() == 5 && s.at(2) == QLatin1String("groups") && s.at(4) == QLatin1String("users"));
    if (!known)
        return error(404, "E0000007", QStringLiteral("Not found: Resource not found: %1 (Endpoint)").arg(request.path));
    if (request.method != QLatin1String("GET"))
        return error(405, "E0000022", QStringLiteral("The endpoint does not support the provided HTTP method"));

    if (s.size() == 3)
        return s.at(2) == QLatin1String("users") ? listUsers(request, idp, options) : listGroups(request, idp, options);
    if (s.at(2) == QLatin1String("users"))
        return getUser(request, idp, s.at(3));
    const IdpDataset::Group* group = idp.group(s.at(3));
    if (!group)
        return error(404, "E0000007", QStringLiteral("Not found: Resource not found: %1 (UserGroup)").arg(s.at(3)));
    if (s.size() == 4)
        return EmulatorReply::json(
            200, QJsonDocument(renderGroup(*group, request,
                                           request.query.value(QStringLiteral("expand")) == QLatin1String("stats")))
                     .toJson(QJsonDocument::Compact));
    return listGroupUsers(request, idp, group->id, options);
}

EmulatorReply OktaApi::listGroups(const EmulatorRequest& request, const IdpDataset& idp,
                                  const EmulatorOptions& options) const
{
    QString problem;
    const std::optional<OktaSearch> search =
        OktaSearch::parse(request.query.value(QStringLiteral("search")), OktaSearch::Resource::Groups,
                          OktaSearch::Mode::Search, &problem);
    if (!search)
        return error(400, "E0000031", QStringLiteral("Invalid search criteria."), {problem});
    const std::optional<OktaSearch> filter =
        OktaSearch::parse(request.query.value(QStringLiteral("filter")), OktaSearch::Resource::Groups,
                          OktaSearch::Mode::Filter, &problem);
    if (!filter)
        return error(400, "E0000031", QStringLiteral("Invalid search criteria."), {problem});

    const bool hasQ = request.hasQuery(QStringLiteral("q"));
    const std::optional<int> limit = limitParameter(request, hasQ ? kDefaultQueryLimit : kMaxGroupsLimit);
    if (!limit)
        return error(400, "E0000001", QStringLiteral("Api validation failed: limit"),
                     {QStringLiteral("limit: The limit must be a positive integer.")});
    const int pageSize = std::min(*limit, kMaxGroupsLimit);
    const bool stats = request.query.value(QStringLiteral("expand")) == QLatin1String("stats");

    QList<const IdpDataset::Group*> matched;
    const QString q = request.query.value(QStringLiteral("q"));
    for (const IdpDataset::Group& group : idp.groups()) {
        auto lookup = [&group](const QString& attribute) {
            if (attribute == QLatin1String("profile.name"))
                return group.name;
            if (attribute == QLatin1String("profile.description"))
                return group.description;
            if (attribute == QLatin1String("type"))
                return QStringLiteral("OKTA_GROUP");
            return group.id;
        };
        if (hasQ && !group.name.startsWith(q, Qt::CaseInsensitive))
            continue;
        if (search->matches(lookup) && filter->matches(lookup))
            matched.append(&group);
    }

    QJsonArray page;
    QString nextCursor;
    if (hasQ) {
        // "Exact matches are always returned before partial matches"; q pages are never continued
        // ("paging and searching are currently mutually exclusive").
        std::stable_partition(matched.begin(), matched.end(), [&q](const IdpDataset::Group* group) {
            return group->name.compare(q, Qt::CaseInsensitive) == 0;
        });
        for (qsizetype i = 0; i < matched.size() && i < pageSize; ++i)
            page.append(renderGroup(*matched.at(i), request, stats));
    } else {
        const auto [begin, end] = pageAfter(matched, request.query.value(QStringLiteral("after")), pageSize);
        for (qsizetype i = begin; i < end; ++i)
            page.append(renderGroup(*matched.at(i), request, stats));
        if (end < matched.size() && end > begin)
            nextCursor = matched.at(end - 1)->id;
    }
    EmulatorReply reply = EmulatorReply::json(200, QJsonDocument(page).toJson(QJsonDocument::Compact));
    addLinks(reply, request, nextCursor, options.oktaMergedLinkHeaders);
    return reply;
}

EmulatorReply OktaApi::listGroupUsers(const EmulatorRequest& request, const IdpDataset& idp, const QString& groupId,
                                      const EmulatorOptions& options) const
{
    const std::optional<int> limit = limitParameter(request, kMaxGroupUsersLimit);
    if (!limit)
        return error(400, "E0000001", QStringLiteral("Api validation failed: limit"),
                     {QStringLiteral("limit: The limit must be a positive integer.")});
    const int pageSize = std::min(*limit, kMaxGroupUsersLimit);

    QList<const IdpDataset::User*> members;
    for (const QString& id : idp.group(groupId)->members) {
        const IdpDataset::User* user = idp.user(id);
        if (user && !(options.oktaOmitDeprovisionedMembers && user->status == QLatin1String("DEPROVISIONED")))
            members.append(user);
    }
    const auto [begin, end] = pageAfter(members, request.query.value(QStringLiteral("after")), pageSize);
    QJsonArray page;
    for (qsizetype i = begin; i < end; ++i)
        page.append(renderUser(*members.at(i), request));
    EmulatorReply reply = EmulatorReply::json(200, QJsonDocument(page).toJson(QJsonDocument::Compact));
    addLinks(reply, request, end < members.size() && end > begin ? members.at(end - 1)->id : QString(),
             options.oktaMergedLinkHeaders);
    return reply;
}

EmulatorReply OktaApi::listUsers(const EmulatorRequest& request, const IdpDataset& idp,
                                 const EmulatorOptions& options) const
{
    QString problem;
    const std::optional<OktaSearch> search = OktaSearch::parse(
        request.query.value(QStringLiteral("search")), OktaSearch::Resource::Users, OktaSearch::Mode::Search, &problem);
    if (!search)
        return error(400, "E0000031", QStringLiteral("Invalid search criteria."), {problem});
    const std::optional<OktaSearch> filter = OktaSearch::parse(
        request.query.value(QStringLiteral("filter")), OktaSearch::Resource::Users, OktaSearch::Mode::Filter, &problem);
    if (!filter)
        return error(400, "E0000031", QStringLiteral("Invalid search criteria."), {problem});
    const std::optional<int> limit = limitParameter(request, kMaxUsersLimit);
    if (!limit)
        return error(400, "E0000001", QStringLiteral("Api validation failed: limit"),
                     {QStringLiteral("limit: The limit must be a positive integer.")});
    const int pageSize = std::min(*limit, kMaxUsersLimit);

    // Emails are not unique in Okta: a search by email may find several people, in dataset order.
    QList<const IdpDataset::User*> matched;
    for (const IdpDataset::User& user : idp.users()) {
        auto lookup = [&user](const QString& attribute) {
            if (attribute == QLatin1String("profile.login"))
                return user.login;
            if (attribute == QLatin1String("profile.email"))
                return user.email;
            if (attribute == QLatin1String("profile.firstName"))
                return user.firstName;
            if (attribute == QLatin1String("profile.lastName"))
                return user.lastName;
            if (attribute == QLatin1String("status"))
                return user.status;
            return user.id;
        };
        if (search->matches(lookup) && filter->matches(lookup))
            matched.append(&user);
    }
    const auto [begin, end] = pageAfter(matched, request.query.value(QStringLiteral("after")), pageSize);
    QJsonArray page;
    for (qsizetype i = begin; i < end; ++i)
        page.append(renderUser(*matched.at(i), request));
    EmulatorReply reply = EmulatorReply::json(200, QJsonDocument(page).toJson(QJsonDocument::Compact));
    addLinks(reply, request, end < matched.size() && end > begin ? matched.at(end - 1)->id : QString(),
             options.oktaMergedLinkHeaders);
    return reply;
}

EmulatorReply OktaApi::getUser(const EmulatorRequest& request, const IdpDataset& idp, const QString& key) const
{
    const IdpDataset::User* user = idp.user(key);
    if (!user)
        user = idp.findUserByLogin(key);
    if (!user && !key.contains(QLatin1Char('@'))) {
        // Okta also accepts the login's short name (the part before '@') when it is unambiguous.
        const IdpDataset::User* candidate = nullptr;
        int found = 0;
        for (const IdpDataset::User& each : idp.users()) {
            if (each.login.section(QLatin1Char('@'), 0, 0).compare(key, Qt::CaseInsensitive) == 0) {
                candidate = &each;
                ++found;
            }
        }
        if (found == 1)
            user = candidate;
    }
    if (!user)
        return error(404, "E0000007", QStringLiteral("Not found: Resource not found: %1 (User)").arg(key));
    return EmulatorReply::json(200, QJsonDocument(renderUser(*user, request)).toJson(QJsonDocument::Compact));
}

QJsonObject OktaApi::renderUser(const IdpDataset::User& user, const EmulatorRequest& request)
{
    const bool neverSignedIn = user.status == QLatin1String("STAGED") || user.status == QLatin1String("PROVISIONED");
    const QString created = stamp(user.id, 1);
    QJsonObject profile{
        {QStringLiteral("firstName"), orNull(user.firstName)},
        {QStringLiteral("lastName"), orNull(user.lastName)},
        {QStringLiteral("mobilePhone"), QJsonValue::Null},
        {QStringLiteral("secondEmail"), QJsonValue::Null},
        {QStringLiteral("login"), user.login},
        {QStringLiteral("email"), user.email},
    };
    if (!user.displayName.isEmpty())
        profile.insert(QStringLiteral("displayName"), user.displayName);
    return {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("status"), user.status},
        {QStringLiteral("created"), created},
        {QStringLiteral("activated"),
         user.status == QLatin1String("STAGED") ? QJsonValue(QJsonValue::Null) : QJsonValue(created)},
        {QStringLiteral("statusChanged"), stamp(user.id, 2)},
        {QStringLiteral("lastLogin"), neverSignedIn ? QJsonValue(QJsonValue::Null) : QJsonValue(stamp(user.id, 3))},
        {QStringLiteral("lastUpdated"), stamp(user.id, 4)},
        {QStringLiteral("passwordChanged"),
         neverSignedIn ? QJsonValue(QJsonValue::Null) : QJsonValue(stamp(user.id, 5))},
        {QStringLiteral("type"), QJsonObject{{QStringLiteral("id"), QStringLiteral("oty1emulat0r0000d7")}}},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("credentials"),
         QJsonObject{{QStringLiteral("provider"), QJsonObject{{QStringLiteral("type"), QStringLiteral("OKTA")},
                                                              {QStringLiteral("name"), QStringLiteral("OKTA")}}}}},
        {QStringLiteral("_links"),
         QJsonObject{{QStringLiteral("self"),
                      QJsonObject{{QStringLiteral("href"),
                                   request.link(QStringLiteral("/api/v1/users/") +
                                                    QString::fromLatin1(QUrl::toPercentEncoding(user.id)),
                                                {})}}}}},
    };
}

QJsonObject OktaApi::renderGroup(const IdpDataset::Group& group, const EmulatorRequest& request, bool stats)
{
    const QString base = QStringLiteral("/api/v1/groups/") + QString::fromLatin1(QUrl::toPercentEncoding(group.id));
    QJsonObject object{
        {QStringLiteral("id"), group.id},
        {QStringLiteral("created"), stamp(group.id, 1)},
        {QStringLiteral("lastUpdated"), stamp(group.id, 2)},
        {QStringLiteral("lastMembershipUpdated"), stamp(group.id, 3)},
        {QStringLiteral("objectClass"), QJsonArray{QStringLiteral("okta:user_group")}},
        {QStringLiteral("type"), QStringLiteral("OKTA_GROUP")},
        {QStringLiteral("profile"),
         QJsonObject{{QStringLiteral("name"), group.name}, {QStringLiteral("description"), orNull(group.description)}}},
        {QStringLiteral("_links"),
         QJsonObject{{QStringLiteral("users"),
                      QJsonObject{{QStringLiteral("href"), request.link(base + QStringLiteral("/users"), {})}}},
                     {QStringLiteral("apps"),
                      QJsonObject{{QStringLiteral("href"), request.link(base + QStringLiteral("/apps"), {})}}}}},
    };
    if (stats)
        object.insert(
            QStringLiteral("_embedded"),
            QJsonObject{{QStringLiteral("stats"), QJsonObject{{QStringLiteral("usersCount"), group.members.size()}}}});
    return object;
}

void OktaApi::addLinks(EmulatorReply& reply, const EmulatorRequest& request, const QString& nextCursor, bool merged)
{
    QList<QByteArray> links{'<' + pageLink(request, request.query.value(QStringLiteral("after"))).toUtf8() +
                            ">; rel=\"self\""};
    if (!nextCursor.isEmpty())
        links.append('<' + pageLink(request, nextCursor).toUtf8() + ">; rel=\"next\"");
    if (merged) {
        reply.addHeader("Link", links.join(", "));
        return;
    }
    for (const QByteArray& link : std::as_const(links))
        reply.addHeader("Link", link);
}

EmulatorReply OktaApi::error(int status, const char* code, const QString& summary, const QStringList& causes)
{
    QJsonArray causeArray;
    for (const QString& cause : causes)
        causeArray.append(QJsonObject{{QStringLiteral("errorSummary"), cause}});
    const QJsonObject body{
        {QStringLiteral("errorCode"), QLatin1String(code)},
        {QStringLiteral("errorSummary"), summary},
        {QStringLiteral("errorLink"), QLatin1String(code)},
        {QStringLiteral("errorId"), QStringLiteral("oae") + randomAlnum(19)},
        {QStringLiteral("errorCauses"), causeArray},
    };
    return EmulatorReply::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace scimitar::emulator
