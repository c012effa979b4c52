#include "GraphApi.h"

#include "GraphFilter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace scimitar::emulator {

namespace {

constexpr int kDefaultTop = 100;
constexpr int kMaxTop = 999;

// Served when no $select is given (Graph's default user properties; accountEnabled is not among
// them, which is exactly the trap: a reader must $select it).
const QStringList kUserDefault = {
    QStringLiteral("businessPhones"),
    QStringLiteral("displayName"),
    QStringLiteral("givenName"),
    QStringLiteral("jobTitle"),
    QStringLiteral("mail"),
    QStringLiteral("mobilePhone"),
    QStringLiteral("officeLocation"),
    QStringLiteral("preferredLanguage"),
    QStringLiteral("surname"),
    QStringLiteral("userPrincipalName"),
    QStringLiteral("id"),
};
const QStringList kUserSelectable = kUserDefault + QStringList{
                                                       QStringLiteral("accountEnabled"),  QStringLiteral("userType"),
                                                       QStringLiteral("createdDateTime"), QStringLiteral("otherMails"),
                                                       QStringLiteral("department"),
                                                   };
const QStringList kGroupProperties = {
    QStringLiteral("id"),
    QStringLiteral("deletedDateTime"),
    QStringLiteral("classification"),
    QStringLiteral("createdDateTime"),
    QStringLiteral("description"),
    QStringLiteral("displayName"),
    QStringLiteral("groupTypes"),
    QStringLiteral("mail"),
    QStringLiteral("mailEnabled"),
    QStringLiteral("mailNickname"),
    QStringLiteral("securityEnabled"),
    QStringLiteral("visibility"),
};
const QStringList kGroupFilterable = {QStringLiteral("displayName"), QStringLiteral("id"),
                                      QStringLiteral("mailNickname")};
const QStringList kUserFilterable = {QStringLiteral("mail"),      QStringLiteral("userPrincipalName"),
                                     QStringLiteral("id"),        QStringLiteral("displayName"),
                                     QStringLiteral("givenName"), QStringLiteral("surname")};

QString guid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString graphTime(const QString& id, int salt)
{
    return IdpDataset::derivedTime(id, salt).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QJsonObject pick(const QJsonObject& all, const QStringList& names)
{
    QJsonObject result;
    for (const QString& name : names) {
        if (all.contains(name))
            result.insert(name, all.value(name));
    }
    return result;
}

QString mailNickname(const QString& name)
{
    QString nickname;
    for (QChar c : name) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.')
            nickname.append(c);
    }
    return nickname;
}

// The skip token names the position and the listing it belongs to, so a token replayed on another
// listing is refused like an expired one.
QString skipToken(const EmulatorRequest& request, qsizetype offset)
{
    const QByteArray scope =
        QCryptographicHash::hash(request.encodedPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
    return QString::fromLatin1(("emulator-page:" + QByteArray::number(offset) + ':' + scope)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qsizetype> skipTokenOffset(const EmulatorRequest& request, const QString& token)
{
    const QByteArray decoded = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
    const QList<QByteArray> parts = decoded.split(':');
    if (parts.size() != 3 || parts.at(0) != "emulator-page")
        return std::nullopt;
    bool ok = false;
    const qsizetype offset = parts.at(1).toLongLong(&ok);
    if (!ok || offset < 0 || skipToken(request, offset) != token)
        return std::nullopt;
    return offset;
}

bool countRequested(const EmulatorRequest& request)
{
    return request.query.value(QStringLiteral("$count")).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

bool eventualConsistency(const EmulatorRequest& request)
{
    return request.header("consistencylevel").trimmed().compare("eventual", Qt::CaseInsensitive) == 0;
}

} // namespace

bool GraphApi::handles(const EmulatorRequest& request)
{
    return !request.segments.isEmpty() && request.segments.at(0) == QLatin1String("v1.0");
}

void GraphApi::restartCounters()
{
    m_faultCounter = 0;
}

EmulatorReply GraphApi::serve(const EmulatorRequest& request, const IdpDataset& idp, const EmulatorOptions& options,
                              const GraphTokenEndpoint& tokens)
{
    EmulatorReply reply = [&]() -> EmulatorReply {
        const QByteArray authorization = request.header("authorization").trimmed();
        const QByteArray token = authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0
                                     ? authorization.mid(7).trimmed()
                                     : QByteArray();
        QString authProblem;
        if (token.isEmpty())
            authProblem = QStringLiteral("Access token is empty.");
        else if (tokens.check(token) == GraphTokenEndpoint::TokenState::Expired)
            authProblem = QStringLiteral("Access token has expired or is not yet valid.");
        else if (tokens.check(token) == GraphTokenEndpoint::TokenState::Unknown)
            authProblem = QStringLiteral("Access token validation failure. Invalid audience.");
        if (!authProblem.isEmpty()) {
            EmulatorReply refused = error(request, 401, QStringLiteral("InvalidAuthenticationToken"), authProblem);
            refused.addHeader(
                "WWW-Authenticate",
                R"(Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", )"
                R"(client_id="00000003-0000-0000-c000-000000000000")");
            return refused;
        }

        const qint64 n = ++m_faultCounter;
        auto every = [n](int period) { return period > 0 && n % period == 0; };
        if (every(options.dropConnectionEvery))
            return EmulatorReply::dropped();
        if (every(options.graphThrottleEvery)) {
            EmulatorReply throttled =
                error(request, 429, QStringLiteral("TooManyRequests"), QStringLiteral("Please retry again later."));
            if (!options.graphRetryAfter.isEmpty())
                throttled.addHeader("Retry-After", options.graphRetryAfter.toUtf8());
            throttled.addHeader("x-ms-throttle-scope", "Tenant_Application/ReadWrite/emulator");
            return throttled;
        }
        if (request.matchesFailPath(options.failPath)) {
            const int status = EmulatorReply::isSendable(options.failStatus) ? options.failStatus : 500;
            const QString code = status == 503   ? QStringLiteral("serviceNotAvailable")
                                 : status == 429 ? QStringLiteral("TooManyRequests")
                                 : status == 404 ? QStringLiteral("Request_ResourceNotFound")
                                 : status == 403 ? QStringLiteral("Authorization_RequestDenied")
                                 : status < 500  ? QStringLiteral("BadRequest")
                                                 : QStringLiteral("UnknownError");
            return error(request, status, code, QStringLiteral("Injected failure for %1").arg(options.failPath));
        }
        return route(request, idp, options);
    }();
    if (reply.drop)
        return reply;

    if (reply.status == 200)
        reply.contentType =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    const QByteArray clientRequestId = request.header("client-request-id");
    reply.addHeader("request-id", guid().toLatin1());
    reply.addHeader("client-request-id", clientRequestId.isEmpty() ? guid().toLatin1() : clientRequestId);
    reply.addHeader("OData-Version", "4.0");
    reply.addHeader("Date", EmulatorReply::httpDate(QDateTime::currentSecsSinceEpoch()));
    return reply;
}

EmulatorReply GraphApi::route(const EmulatorRequest& request, const IdpDataset& idp,
                              const EmulatorOptions& options) const
{
    const QStringList& s = request.segments;
    auto noSegment = [&](const QString& segment) {
        return error(request, 400, QStringLiteral("BadRequest"),
                     QStringLiteral("Resource not found for the segment '%1'.").arg(segment));
    };
    if (s.size() < 2 || (s.at(1) != QLatin1String("groups") && s.at(1) != QLatin1String("users")))
        return noSegment(s.value(1));
    if (request.method != QLatin1String("GET"))
        return error(request, 405, QStringLiteral("Request_BadRequest"),
                     QStringLiteral("Specified HTTP method is not allowed for the request target."));

    // Graph refuses query options it does not know on these resources rather than ignoring them.
    QStringList allowed{QStringLiteral("$select")};
    if (s.size() != 3)
        allowed += {QStringLiteral("$top"), QStringLiteral("$count"), QStringLiteral("$skiptoken")};
    if (s.size() == 2)
        allowed.append(QStringLiteral("$filter"));
    for (const auto& item : request.queryItems) {
        if (item.first.startsWith(QLatin1Char('$')) && !allowed.contains(item.first))
            return error(request, 400, QStringLiteral("Request_UnsupportedQuery"),
                         QStringLiteral("Query option '%1' is not supported on this request.").arg(item.first));
    }

    if (s.at(1) == QLatin1String("users")) {
        if (s.size() == 2)
            return listUsers(request, idp);
        if (s.size() != 3)
            return noSegment(s.last());
        return getUser(request, idp, s.at(2));
    }
    if (s.size() == 2)
        return listGroups(request, idp);
    const IdpDataset::Group* group = idp.findGroupByEntraId(s.at(2));
    if (!group)
        return error(request, 404, QStringLiteral("Request_ResourceNotFound"),
                     QStringLiteral("Resource '%1' does not exist or one of its queried reference-property objects "
                                    "are not present.")
                         .arg(s.at(2)));
    if (s.size() == 3)
        return getGroup(request, *group);
    const bool transitive = s.at(3) == QLatin1String("transitiveMembers");
    if ((!transitive && s.at(3) != QLatin1String("members")) || s.size() > 5)
        return noSegment(s.size() > 5 ? s.at(5) : s.at(3));
    return listMembers(request, idp, *group, transitive, s.value(4), options);
}

EmulatorReply GraphApi::listGroups(const EmulatorRequest& request, const IdpDataset& idp) const
{
    GraphFilter::Error filterError;
    const std::optional<GraphFilter> filter = GraphFilter::parse(
        request.query.value(QStringLiteral("$filter")), kGroupFilterable, QStringLiteral("Group"), &filterError);
    if (!filter)
        return error(request, 400, filterError.code, filterError.message);
    QStringList select;
    if (std::optional<EmulatorReply> bad = readSelect(request, kGroupProperties, QStringLiteral("group"), &select))
        return *bad;
    Page page;
    if (std::optional<EmulatorReply> bad = readPage(request, &page))
        return *bad;

    QList<QJsonObject> items;
    for (const IdpDataset::Group& group : idp.groups()) {
        const bool match = filter->matches([&group](const QString& property) {
            if (property == QLatin1String("displayName"))
                return group.name;
            if (property == QLatin1String("mailNickname"))
                return mailNickname(group.name);
            return group.entraId;
        });
        if (match)
            items.append(renderGroup(group, select));
    }
    return collection(request, contextUrl(request, QStringLiteral("groups"), select), items, page);
}

EmulatorReply GraphApi::getGroup(const EmulatorRequest& request, const IdpDataset::Group& group) const
{
    QStringList select;
    if (std::optional<EmulatorReply> bad = readSelect(request, kGroupProperties, QStringLiteral("group"), &select))
        return *bad;
    QJsonObject body = renderGroup(group, select);
    body.insert(QStringLiteral("@odata.context"),
                contextUrl(request, QStringLiteral("groups"), select) + QStringLiteral("/$entity"));
    return EmulatorReply::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

EmulatorReply GraphApi::listMembers(const EmulatorRequest& request, const IdpDataset& idp,
                                    const IdpDataset::Group& group, bool transitive, const QString& cast,
                                    const EmulatorOptions& options) const
{
    bool users = true;
    bool groups = true;
    QString context = QStringLiteral("directoryObjects");
    if (cast == QLatin1String("microsoft.graph.user")) {
        groups = false;
        context = QStringLiteral("users");
    } else if (cast == QLatin1String("microsoft.graph.group")) {
        users = false;
        context = QStringLiteral("groups");
    } else if (cast == QLatin1String("microsoft.graph.servicePrincipal") ||
               cast == QLatin1String("microsoft.graph.device") || cast == QLatin1String("microsoft.graph.orgContact")) {
        // Valid types the IdP side has none of.
        users = groups = false;
        context = cast.mid(int(qstrlen("microsoft.graph."))) + QLatin1Char('s');
    } else if (cast.startsWith(QLatin1String("microsoft.graph."))) {
        return error(request, 400, QStringLiteral("Request_UnsupportedQuery"),
                     QStringLiteral("The type '%1' is not supported as a cast on members.").arg(cast));
    } else if (!cast.isEmpty()) {
        return error(request, 400, QStringLiteral("BadRequest"),
                     QStringLiteral("Resource not found for the segment '%1'.").arg(cast));
    }

    // Older Graph documentation lists an OData cast on (transitive) members as an advanced query;
    // with this option the emulator behaves like a tenant that enforces it.
    if (!cast.isEmpty() && options.graphRequireConsistencyLevel &&
        !(eventualConsistency(request) && countRequested(request)))
        return error(request, 400, QStringLiteral("Request_UnsupportedQuery"),
                     QStringLiteral("Request with an OData cast on %1 only works through MSGraph with a special "
                                    "request header: 'ConsistencyLevel: eventual' and the query parameter $count=true.")
                         .arg(transitive ? QStringLiteral("transitiveMembers") : QStringLiteral("members")));

    QStringList select;
    const QStringList known = users && groups ? kUserSelectable + kGroupProperties
                              : users         ? kUserSelectable
                                              : kGroupProperties;
    const QString type = users && groups ? QStringLiteral("directoryObject")
                         : users         ? QStringLiteral("user")
                                         : QStringLiteral("group");
    if (std::optional<EmulatorReply> bad = readSelect(request, known, type, &select))
        return *bad;
    Page page;
    if (std::optional<EmulatorReply> bad = readPage(request, &page))
        return *bad;

    // Without a cast the list mixes types, so each item says what it is.
    const bool typed = cast.isEmpty();
    auto userSelect = [&] {
        QStringList names;
        for (const QString& name : select) {
            if (kUserSelectable.contains(name))
                names.append(name);
        }
        return names;
    };
    auto groupSelect = [&] {
        QStringList names;
        for (const QString& name : select) {
            if (kGroupProperties.contains(name))
                names.append(name);
        }
        return names;
    };
    QList<QJsonObject> items;
    if (users) {
        const QStringList ids = transitive ? idp.transitiveUsers(group.id) : group.members;
        for (const QString& id : ids) {
            const IdpDataset::User* user = idp.user(id);
            if (!user)
                continue;
            QJsonObject item = renderUser(*user, typed ? userSelect() : select);
            if (typed)
                item.insert(QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.user"));
            items.append(item);
        }
    }
    if (groups) {
        const QStringList ids = transitive ? idp.transitiveGroups(group.id) : group.groups;
        for (const QString& id : ids) {
            const IdpDataset::Group* nested = idp.group(id);
            if (!nested)
                continue;
            QJsonObject item = renderGroup(*nested, typed ? groupSelect() : select);
            if (typed)
                item.insert(QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.group"));
            items.append(item);
        }
    }
    return collection(request, contextUrl(request, context, select), items, page);
}

EmulatorReply GraphApi::listUsers(const EmulatorRequest& request, const IdpDataset& idp) const
{
    GraphFilter::Error filterError;
    const std::optional<GraphFilter> filter = GraphFilter::parse(request.query.value(QStringLiteral("$filter")),
                                                                 kUserFilterable, QStringLiteral("User"), &filterError);
    if (!filter)
        return error(request, 400, filterError.code, filterError.message);
    QStringList select;
    if (std::optional<EmulatorReply> bad = readSelect(request, kUserSelectable, QStringLiteral("user"), &select))
        return *bad;
    Page page;
    if (std::optional<EmulatorReply> bad = readPage(request, &page))
        return *bad;

    // Nothing makes mail unique in a tenant: a filter on it may find several users, in dataset order.
    QList<QJsonObject> items;
    for (const IdpDataset::User& user : idp.users()) {
        const QJsonObject all = renderUser(user, kUserSelectable);
        const bool match = filter->matches([&all](const QString& property) {
            return all.value(property).toString(); // null (no mail) reads as "", which matches nothing non-empty
        });
        if (match)
            items.append(renderUser(user, select));
    }
    return collection(request, contextUrl(request, QStringLiteral("users"), select), items, page);
}

EmulatorReply GraphApi::getUser(const EmulatorRequest& request, const IdpDataset& idp, const QString& key) const
{
    const IdpDataset::User* user = idp.findUserByEntraId(key);
    if (!user)
        user = idp.findUserByLogin(key); // userPrincipalName = login, case-insensitive
    if (!user)
        return error(request, 404, QStringLiteral("Request_ResourceNotFound"),
                     QStringLiteral("Resource '%1' does not exist or one of its queried reference-property objects "
                                    "are not present.")
                         .arg(key));
    QStringList select;
    if (std::optional<EmulatorReply> bad = readSelect(request, kUserSelectable, QStringLiteral("user"), &select))
        return *bad;
    QJsonObject body = renderUser(*user, select);
    body.insert(QStringLiteral("@odata.context"),
                contextUrl(request, QStringLiteral("users"), select) + QStringLiteral("/$entity"));
    return EmulatorReply::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

std::optional<EmulatorReply> GraphApi::readPage(const EmulatorRequest& request, Page* page)
{
    const QString top = request.query.value(QStringLiteral("$top"));
    if (!top.isEmpty()) {
        bool ok = false;
        page->size = top.toInt(&ok);
        if (!ok || page->size < 1 || page->size > kMaxTop)
            return error(request, 400, QStringLiteral("Request_BadRequest"),
                         QStringLiteral("Invalid page size specified: '%1'. Must be between 1 and %2 inclusive.")
                             .arg(top)
                             .arg(kMaxTop));
    } else {
        page->size = kDefaultTop;
    }
    if (request.hasQuery(QStringLiteral("$skiptoken"))) {
        const std::optional<qsizetype> offset =
            skipTokenOffset(request, request.query.value(QStringLiteral("$skiptoken")));
        if (!offset)
            return error(request, 400, QStringLiteral("Directory_ExpiredPageToken"),
                         QStringLiteral("The specified page token value has expired and can no longer be included in "
                                        "your request."));
        page->begin = *offset;
    }
    return std::nullopt;
}

EmulatorReply GraphApi::collection(const EmulatorRequest& request, const QString& context,
                                   const QList<QJsonObject>& items, const Page& page)
{
    QJsonArray value;
    const qsizetype end = std::min<qsizetype>(items.size(), page.begin + page.size);
    for (qsizetype i = page.begin; i < end; ++i)
        value.append(items.at(i));
    QJsonObject body{{QStringLiteral("@odata.context"), context}};
    // "$count without it [the header] is silently ignored"; the count comes with the first page only.
    if (countRequested(request) && eventualConsistency(request) && page.begin == 0)
        body.insert(QStringLiteral("@odata.count"), items.size());
    body.insert(QStringLiteral("value"), value);
    if (end < items.size()) {
        EmulatorRequest::QueryItems query;
        for (const auto& item : request.queryItems) {
            if (item.first != QLatin1String("$skiptoken"))
                query.append(item);
        }
        query.append({QStringLiteral("$skiptoken"), skipToken(request, end)});
        body.insert(QStringLiteral("@odata.nextLink"), request.link(request.encodedPath, query, "$,()"));
    }
    return EmulatorReply::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

std::optional<EmulatorReply> GraphApi::readSelect(const EmulatorRequest& request, const QStringList& known,
                                                  const QString& type, QStringList* selected)
{
    selected->clear();
    for (const QString& raw :
         request.query.value(QStringLiteral("$select")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        QString canonical;
        for (const QString& property : known) {
            if (property.compare(name, Qt::CaseInsensitive) == 0)
                canonical = property;
        }
        if (canonical.isEmpty())
            return error(
                request, 400, QStringLiteral("Request_BadRequest"),
                QStringLiteral("Could not find a property named '%1' on type 'microsoft.graph.%2'.").arg(name, type));
        if (!selected->contains(canonical))
            selected->append(canonical);
    }
    return std::nullopt;
}

QJsonObject GraphApi::renderUser(const IdpDataset::User& user, const QStringList& select)
{
    const QJsonObject all{
        {QStringLiteral("id"), user.entraId},
        {QStringLiteral("businessPhones"), QJsonArray()},
        {QStringLiteral("displayName"), user.displayName.isEmpty()
                                            ? QStringLiteral("%1 %2").arg(user.firstName, user.lastName).trimmed()
                                            : user.displayName},
        {QStringLiteral("givenName"),
         user.firstName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.firstName)},
        {QStringLiteral("surname"), user.lastName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.lastName)},
        {QStringLiteral("jobTitle"), QJsonValue::Null},
        {QStringLiteral("mail"), user.email.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.email)},
        {QStringLiteral("mobilePhone"), QJsonValue::Null},
        {QStringLiteral("officeLocation"), QJsonValue::Null},
        {QStringLiteral("preferredLanguage"), QJsonValue::Null},
        {QStringLiteral("userPrincipalName"), user.login},
        {QStringLiteral("accountEnabled"), IdpDataset::accountEnabled(user.status)},
        {QStringLiteral("userType"), QStringLiteral("Member")},
        {QStringLiteral("createdDateTime"), graphTime(user.id, 1)},
        {QStringLiteral("otherMails"), QJsonArray()},
        {QStringLiteral("department"), QJsonValue::Null},
    };
    return pick(all, select.isEmpty() ? kUserDefault : select);
}

QJsonObject GraphApi::renderGroup(const IdpDataset::Group& group, const QStringList& select)
{
    const QJsonObject all{
        {QStringLiteral("id"), group.entraId},
        {QStringLiteral("deletedDateTime"), QJsonValue::Null},
        {QStringLiteral("classification"), QJsonValue::Null},
        {QStringLiteral("createdDateTime"), graphTime(group.id, 1)},
        {QStringLiteral("description"),
         group.description.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(group.description)},
        {QStringLiteral("displayName"), group.name},
        {QStringLiteral("groupTypes"), QJsonArray()},
        {QStringLiteral("mail"), QJsonValue::Null},
        {QStringLiteral("mailEnabled"), false},
        {QStringLiteral("mailNickname"), mailNickname(group.name)},
        {QStringLiteral("securityEnabled"), true},
        {QStringLiteral("visibility"), QJsonValue::Null},
    };
    return pick(all, select.isEmpty() ? kGroupProperties : select);
}

QString GraphApi::contextUrl(const EmulatorRequest& request, const QString& fragment, const QStringList& select)
{
    QString url = request.origin.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash) +
                  QStringLiteral("/v1.0/$metadata#") + fragment;
    if (!select.isEmpty())
        url += QLatin1Char('(') + select.join(QLatin1Char(',')) + QLatin1Char(')');
    return url;
}

EmulatorReply GraphApi::error(const EmulatorRequest& request, int status, const QString& code, const QString& message)
{
    const QByteArray clientRequestId = request.header("client-request-id");
    QJsonObject inner{
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))},
        {QStringLiteral("request-id"), guid()},
        {QStringLiteral("client-request-id"), clientRequestId.isEmpty() ? guid() : QString::fromUtf8(clientRequestId)},
    };
    if (status == 429) {
        inner.insert(QStringLiteral("code"), QStringLiteral("429"));
        inner.insert(QStringLiteral("status"), QStringLiteral("429"));
    }
    const QJsonObject body{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                                 {QStringLiteral("message"), message},
                                                                 {QStringLiteral("innerError"), inner}}}};
    return EmulatorReply::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace scimitar::emulator
