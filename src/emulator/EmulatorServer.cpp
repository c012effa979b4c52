#include "EmulatorServer.h"

#include "AttributeProjection.h"
#include "PatchApplier.h"
#include "RawReplyWriter.h"
#include "ScimFilter.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUuid>
#include <algorithm>
#include <memory>

namespace scimitar::emulator {

namespace {

const QString kListSchema = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse");

std::optional<ResourceKind> kindFromName(const QString& name)
{
    for (ResourceKind kind : {ResourceKind::User, ResourceKind::Group, ResourceKind::ServicePrincipal}) {
        if (resourceKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

// Header names are case-insensitive; look them up without relying on how the parser stores them.
QByteArray headerValue(const QHttpServerRequest& request, const QByteArray& name)
{
    for (const auto& header : request.headers()) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

// Parses an optional integer query parameter; nullopt (with ok=false) when present but not a number.
std::optional<int> intParameter(const QHash<QString, QString>& query, const QString& name, int fallback, bool* ok)
{
    *ok = true;
    const auto it = query.constFind(name);
    if (it == query.constEnd() || it->isEmpty())
        return fallback;
    const int value = it->toInt(ok);
    if (!*ok)
        return std::nullopt;
    return value;
}

EmulatorReply htmlPage(int status, const QByteArray& title)
{
    EmulatorReply reply;
    reply.status = status;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body><h1>" + title +
                 "</h1><p>Please try again.</p></body></html>\n";
    return reply;
}

} // namespace

EmulatorServer::EmulatorServer(Dataset dataset, EmulatorOptions options, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_dataset(std::move(dataset))
    , m_options(std::move(options))
{
}

EmulatorServer::~EmulatorServer() = default;

quint16 EmulatorServer::listenLocal(quint16 port, QString* errorMessage)
{
    auto* tcpServer = new QTcpServer(this);
    if (!tcpServer->listen(QHostAddress::LocalHost, port)) {
        if (errorMessage)
            *errorMessage = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(tcpServer->errorString());
        delete tcpServer;
        return 0;
    }
    bind(tcpServer);
    return tcpServer->serverPort();
}

EmulatorOptions EmulatorServer::options() const
{
    QMutexLocker lock(&m_mutex);
    return m_options;
}

void EmulatorServer::setOptions(const EmulatorOptions& options)
{
    QMutexLocker lock(&m_mutex);
    m_options = options;
    m_faultCounter = 0;
    m_dropsAfterApply = 0;
    m_okta.restartCounters();
    m_graph.restartCounters();
}

EmulatorStats EmulatorServer::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void EmulatorServer::resetStats()
{
    QMutexLocker lock(&m_mutex);
    // Requests still waiting for their delayed reply remain in flight.
    const int inFlight = m_stats.inFlight;
    m_stats = EmulatorStats();
    m_stats.inFlight = inFlight;
}

Dataset EmulatorServer::dataset() const
{
    QMutexLocker lock(&m_mutex);
    return m_dataset;
}

void EmulatorServer::setDataset(Dataset dataset)
{
    QMutexLocker lock(&m_mutex);
    m_dataset = std::move(dataset);
}

void EmulatorServer::modifyDataset(const std::function<void(Dataset&)>& change)
{
    QMutexLocker lock(&m_mutex);
    change(m_dataset);
}

bool EmulatorServer::isSupportedStatus(int status)
{
    return EmulatorReply::isSendable(status);
}

EmulatorServer::Route EmulatorServer::parseRoute(const QString& path)
{
    Route route;
    QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    qsizetype rest = 0;
    if (parts.size() >= 6 && parts.at(0) == QLatin1String("api") && parts.at(1) == QLatin1String("2.0") &&
        parts.at(2) == QLatin1String("preview") && parts.at(3) == QLatin1String("scim") &&
        parts.at(4) == QLatin1String("v2")) {
        route.face = ApiFace::Workspace;
        rest = 5;
    } else if (parts.size() >= 7 && parts.at(0) == QLatin1String("api") &&
               (parts.at(1) == QLatin1String("2.0") || parts.at(1) == QLatin1String("2.1")) &&
               parts.at(2) == QLatin1String("accounts") && parts.at(4) == QLatin1String("scim") &&
               parts.at(5) == QLatin1String("v2")) {
        route.face = ApiFace::Account;
        route.accountId = parts.at(3);
        rest = 6;
    } else {
        return route;
    }
    if (parts.size() - rest > 2)
        return route;
    route.resource = parts.at(rest);
    if (parts.size() - rest == 2)
        route.id = parts.at(rest + 1);
    route.valid = true;
    return route;
}

QHash<QString, QString> EmulatorServer::parseQuery(const QString& encodedQuery)
{
    // Decoded by hand rather than with QUrlQuery so '+' means a space (as Java servlet containers
    // and Python clients assume) while an encoded %2B stays a literal plus.
    QHash<QString, QString> query;
    for (const QString& pair : encodedQuery.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        auto decode = [](QString text) {
            text.replace(QLatin1Char('+'), QLatin1Char(' '));
            return QUrl::fromPercentEncoding(text.toUtf8());
        };
        const QString key = decode(equals < 0 ? pair : pair.left(equals));
        query.insert(key, equals < 0 ? QString() : decode(pair.mid(equals + 1)));
    }
    return query;
}

EmulatorServer::Reply EmulatorServer::json(int status, const QByteArray& body)
{
    Reply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

EmulatorServer::Reply EmulatorServer::error(const ScimError& scimError)
{
    return json(scimError.status, scimError.toJson());
}

bool EmulatorServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    const EmulatorRequest decoded = EmulatorRequest::from(request, socket);

    Reply reply;
    int delayMs = 0;
    {
        QMutexLocker lock(&m_mutex);
        ++m_stats.totalRequests;
        ++m_stats.inFlight;
        m_stats.peakInFlight = std::max(m_stats.peakInFlight, m_stats.inFlight);
        reply = process(request, decoded);
        if (reply.countsAsScim)
            ++m_scimInFlight;
        delayMs = reply.immediate ? 0 : std::max(0, m_options.latencyMs);
        m_stats.requests.append({decoded.method, decoded.target, reply.drop ? 0 : reply.status});
        // Long benchmark runs must not grow without bound; tests never come near the cap.
        if (m_stats.requests.size() > EmulatorStats::kMaxLoggedRequests)
            m_stats.requests.removeFirst();
    }

    const bool scim = reply.countsAsScim;
    if (reply.drop) {
        finishRequest(scim);
        // abort() rather than disconnectFromHost(): the client must see a reset connection with
        // no bytes of a response, as when a proxy gives up.
        socket->abort();
        return true;
    }

    if (reply.delivery != Reply::Delivery::Whole) {
        deliverFaulty(socket, reply);
        finishRequest(scim);
        return true;
    }

    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    if (delayMs == 0) {
        send(*responder, reply);
        finishRequest(scim);
        return true;
    }
    // The socket (and the request the responder refers to) is deleted if the client hangs up
    // while we wait; the QPointer tells us not to touch the responder then.
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(delayMs, this, [this, responder, guard, reply, scim] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            send(*responder, reply);
        finishRequest(scim);
    });
    return true;
}

void EmulatorServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // Not reached (handleRequest answers everything) but required by the base class.
    QHttpServerResponder responder = makeResponder(request, socket);
    send(responder, error(ScimError::notFound(QStringLiteral("No handler"))));
}

void EmulatorServer::finishRequest(bool scim)
{
    QMutexLocker lock(&m_mutex);
    m_stats.inFlight = std::max(0, m_stats.inFlight - 1);
    if (scim)
        m_scimInFlight = std::max(0, m_scimInFlight - 1);
}

void EmulatorServer::deliverFaulty(QTcpSocket* socket, const Reply& reply) const
{
    switch (reply.delivery) {
    case Reply::Delivery::ResetMidBody:
        RawReplyWriter::resetMidBody(socket, reply);
        break;
    case Reply::Delivery::SlowBody:
        RawReplyWriter::slowBody(socket, reply, m_options.slowBodyMs);
        break;
    case Reply::Delivery::Huge:
        RawReplyWriter::stream(socket, reply, m_options.hugeReplyBytes);
        break;
    case Reply::Delivery::Never:
        // The connection stays open and silent until the client gives up on it.
        break;
    case Reply::Delivery::Whole:
        break;
    }
}

void EmulatorServer::send(QHttpServerResponder& responder, const Reply& reply) const
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto& header : reply.headers)
        responder.writeHeader(header.first, header.second);
    if (reply.status != 204) {
        responder.writeHeader("Content-Type", reply.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    }
    // Qt 6.4 writes the status line as HTTP/1.1 without a Connection header; be explicit that the
    // connection stays open so clients reuse it as they would with Databricks' front end.
    responder.writeHeader("Connection", "keep-alive");
    responder.writeBody(reply.body);
}

EmulatorServer::Reply EmulatorServer::process(const QHttpServerRequest& request, const EmulatorRequest& decoded)
{
    // The IdP faces: each API in its own class, sharing the dataset, options and request log.
    if (OktaApi::handles(decoded))
        return m_okta.serve(decoded, m_dataset.idp(), m_options);
    if (GraphTokenEndpoint::handles(decoded))
        return m_graphTokens.serve(decoded, m_options);
    if (GraphApi::handles(decoded))
        return m_graph.serve(decoded, m_dataset.idp(), m_options, m_graphTokens);

    m_faultStrikes = false;
    const QString& target = decoded.target;
    const QString& encodedTarget = decoded.encodedTarget;
    const Route route = parseRoute(request.url().path(QUrl::FullyDecoded));
    Reply reply = [&]() -> Reply {
        const QByteArray authorization = headerValue(request, "authorization");
        const QByteArray expected = "Bearer " + m_options.token.toUtf8();
        if (m_options.token.isEmpty() || authorization != expected)
            return error({401, QString(), QStringLiteral("Invalid access token.")});

        const qint64 n = ++m_faultCounter;
        auto every = [n](int period) { return period > 0 && n % period == 0; };
        const bool isPatch = request.method() == QHttpServerRequest::Method::Patch;
        m_faultStrikes = !m_options.faults.isEmpty() && n >= m_options.faultFrom &&
                         (m_options.faultTarget == FaultTarget::Any || isPatch);
        auto strikes = [this](Fault fault) { return m_faultStrikes && m_options.hasFault(fault); };
        // Faults of whatever stands in front of Databricks: the request never reaches it.
        if (strikes(Fault::Unauthorized))
            return error({401, QString(), QStringLiteral("Invalid access token.")});
        if (strikes(Fault::RetryAfterDay)) {
            Reply throttled = error({429, QString(), QStringLiteral("Too many requests. Please wait and retry.")});
            throttled.addHeader("Retry-After", "86400");
            return throttled;
        }
        if (strikes(Fault::Html200))
            return htmlPage(200, "Sign in - Acme single sign-on");
        if (strikes(Fault::Html502))
            return htmlPage(502, "502 Bad Gateway");
        if (strikes(Fault::Html504))
            return htmlPage(504, "504 Gateway Time-out");
        if (isPatch && strikes(Fault::PatchLost)) {
            Reply lost;
            lost.delivery = Reply::Delivery::Never;
            return lost;
        }
        if (every(m_options.dropConnectionEvery)) {
            Reply dropped;
            dropped.drop = true;
            return dropped;
        }
        if (every(m_options.throttleEvery)) {
            Reply throttled = error({429, QString(), QStringLiteral("Too many requests. Please wait and retry.")});
            if (!m_options.retryAfter.isEmpty())
                throttled.headers.append({"Retry-After", m_options.retryAfter.toUtf8()});
            return throttled;
        }
        if (every(m_options.limitExceededEvery))
            return error(ScimError::requestLimitExceeded());
        if (every(m_options.unavailableEvery))
            return error({503, QString(), QStringLiteral("Service temporarily unavailable.")});
        // m_scimInFlight does not yet count this request.
        if (m_options.maxConcurrent > 0 && m_scimInFlight >= m_options.maxConcurrent) {
            Reply rejected = error(ScimError::requestLimitExceeded());
            rejected.immediate = true;
            return rejected;
        }
        if (!m_options.failPath.isEmpty() &&
            (target.contains(m_options.failPath) || encodedTarget.contains(m_options.failPath))) {
            const int status = isSupportedStatus(m_options.failStatus) ? m_options.failStatus : 500;
            if (m_options.failEchoesHeaders) {
                QStringList echoed;
                for (const auto& [name, value] : request.headers())
                    echoed.append(QString::fromUtf8(name + ": " + value));
                return error({status, QString(),
                              QStringLiteral("Request blocked by policy. Your request: %1")
                                  .arg(echoed.join(QStringLiteral("; ")))});
            }
            return error({status, QString(), QStringLiteral("Injected failure for %1").arg(m_options.failPath)});
        }

        Reply routed = dispatch(request, route, parseQuery(request.url().query(QUrl::FullyEncoded)));
        if (every(m_options.dropAfterApplyEvery) &&
            (m_options.dropAfterApplyTimes == 0 || m_dropsAfterApply < m_options.dropAfterApplyTimes)) {
            ++m_dropsAfterApply;
            routed.drop = true;
            return routed;
        }
        if (isPatch && strikes(Fault::PatchNoReply)) {
            routed.delivery = Reply::Delivery::Never;
            return routed;
        }
        if (strikes(Fault::TruncatedJson))
            routed.body.truncate(routed.body.size() / 2);
        if (strikes(Fault::ResetMidBody))
            routed.delivery = Reply::Delivery::ResetMidBody;
        else if (strikes(Fault::SlowBody))
            routed.delivery = Reply::Delivery::SlowBody;
        else if (strikes(Fault::HugeReply))
            routed.delivery = Reply::Delivery::Huge;
        if (every(m_options.malformedEvery)) {
            // A body cut off mid-document, served as a success: what a truncated proxy response looks like.
            QByteArray body = routed.body;
            if (body.size() < 24)
                body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":";
            body.truncate(std::max<qsizetype>(12, body.size() / 2));
            routed = json(200, body);
        }
        return routed;
    }();

    reply.countsAsScim = true;
    reply.headers.prepend({"X-Request-Id", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()});
    if (route.valid && route.face == ApiFace::Workspace)
        reply.headers.append({"X-Databricks-Org-Id", m_options.orgId.toUtf8()});
    return reply;
}

EmulatorServer::Reply EmulatorServer::dispatch(const QHttpServerRequest& request, const Route& route,
                                               const QHash<QString, QString>& query)
{
    if (!route.valid)
        return error(ScimError::notFound(QStringLiteral("No API found for %1").arg(request.url().path())));
    if (route.face == ApiFace::Account && !m_options.accountId.isEmpty() && route.accountId != m_options.accountId)
        return error(ScimError::notFound(QStringLiteral("Account %1 not found").arg(route.accountId)));

    const bool isGet = request.method() == QHttpServerRequest::Method::Get;
    const bool isPatch = request.method() == QHttpServerRequest::Method::Patch;
    auto notAllowed = [&] {
        return error({405, QString(),
                      QStringLiteral("Method %1 is not supported by the emulator on %2")
                          .arg(EmulatorRequest::methodName(request.method()), request.url().path())});
    };

    if (route.resource == QLatin1String("Me")) {
        if (!route.id.isEmpty())
            return error(ScimError::notFound(QStringLiteral("No API found for %1").arg(request.url().path())));
        if (!isGet)
            return notAllowed();
        const QString meId = m_dataset.meId();
        if (meId.isEmpty())
            return error(ScimError::notFound(QStringLiteral("The token owner does not exist")));
        return getOne(route, ResourceKind::User, meId, query);
    }

    const std::optional<ResourceKind> kind = kindFromName(route.resource);
    if (!kind)
        return error(ScimError::notFound(QStringLiteral("No API found for %1").arg(request.url().path())));
    if (route.id.isEmpty())
        return isGet ? list(route, *kind, query) : notAllowed();
    if (isGet)
        return getOne(route, *kind, route.id, query);
    if (isPatch)
        return patch(route, *kind, route.id, request.body());
    return notAllowed();
}

EmulatorServer::Reply EmulatorServer::list(const Route& route, ResourceKind kind, const QHash<QString, QString>& query)
{
    QString filterError;
    const std::optional<ScimFilter> filter = ScimFilter::parse(query.value(QStringLiteral("filter")), &filterError);
    if (!filter)
        return error(ScimError::invalidFilter(QStringLiteral("Invalid filter: %1").arg(filterError)));

    bool ok = true;
    const std::optional<int> requestedStart = intParameter(query, QStringLiteral("startIndex"), 1, &ok);
    if (!ok)
        return error(ScimError::invalidValue(QStringLiteral("startIndex must be an integer")));
    const std::optional<int> requestedCount = intParameter(query, QStringLiteral("count"), 100, &ok);
    if (!ok)
        return error(ScimError::invalidValue(QStringLiteral("count must be an integer")));

    QStringList matched;
    if (filter->isEmpty()) {
        matched = m_dataset.ids(kind);
    } else {
        for (const QString& id : m_dataset.ids(kind)) {
            if (filter->matches(m_dataset.resource(kind, id)))
                matched.append(id);
        }
    }

    const int startIndex = std::max(1, *requestedStart);
    int pageSize = m_options.ignoreCount ? std::max(0, m_options.maxPageSize)
                                         : std::clamp(*requestedCount, 0, std::max(0, m_options.maxPageSize));
    if (m_options.unevenPages && pageSize > 1) {
        // Deterministic per startIndex, so a retried request gets the same page back.
        pageSize = 1 + int(((quint32(startIndex) * 2654435761u) >> 8) % quint32(pageSize));
    }
    qsizetype begin = m_options.repeatFirstPage ? 0 : qsizetype(startIndex) - 1;
    // An offset that shifted under the reader: the page starts two positions early, so ids repeat.
    if (m_faultStrikes && m_options.hasFault(Fault::DuplicateIds) && begin > 0)
        begin = std::max<qsizetype>(0, begin - 2);
    const QStringList pageIds = begin < matched.size() ? matched.mid(begin, pageSize) : QStringList();
    const bool omitResources = m_options.omitResourcesAfter > 0 && startIndex > m_options.omitResourcesAfter;

    // Account group lists stopped carrying members on 2025-08-22; GET /Groups/{id} still has them.
    const bool includeMembers = route.face == ApiFace::Workspace && !m_options.omitMembersInLists;
    const ResourceRenderer renderer(m_dataset, route.face);
    const AttributeProjection projection = AttributeProjection::fromQuery(
        query.value(QStringLiteral("attributes")), query.value(QStringLiteral("excludedAttributes")));
    QJsonArray resources;
    if (!omitResources) {
        for (const QString& id : pageIds)
            resources.append(renderer.render(kind, id, projection, includeMembers));
    }

    QJsonObject body{
        {QStringLiteral("schemas"), QJsonArray{kListSchema}},
        {QStringLiteral("totalResults"),
         matched.size() + (m_faultStrikes && m_options.hasFault(Fault::TotalChanges) ? m_faultCounter : 0)},
        {QStringLiteral("startIndex"), startIndex},
        {QStringLiteral("itemsPerPage"), resources.size()},
    };
    // Databricks leaves "Resources" out entirely when a page is empty.
    if (!resources.isEmpty())
        body.insert(QStringLiteral("Resources"), resources);

    if (kind == ResourceKind::User && m_options.growTotalPerListRequest > 0 &&
        (m_options.growTotalTimes == 0 || m_growSeed - kFirstGrowSeed < quint32(m_options.growTotalTimes)))
        m_dataset.appendGeneratedUsers(m_options.growTotalPerListRequest, m_growSeed++);

    return json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

EmulatorServer::Reply EmulatorServer::getOne(const Route& route, ResourceKind kind, const QString& id,
                                             const QHash<QString, QString>& query)
{
    if (!m_dataset.contains(kind, id))
        return error(
            ScimError::notFound(QStringLiteral("%1 with id %2 not found.").arg(resourceKindName(kind).chopped(1), id)));
    const ResourceRenderer renderer(m_dataset, route.face);
    const AttributeProjection projection = AttributeProjection::fromQuery(
        query.value(QStringLiteral("attributes")), query.value(QStringLiteral("excludedAttributes")));
    return json(200, QJsonDocument(renderer.render(kind, id, projection)).toJson(QJsonDocument::Compact));
}

EmulatorServer::Reply EmulatorServer::patch(const Route& route, ResourceKind kind, const QString& id,
                                            const QByteArray& body)
{
    if (!m_dataset.contains(kind, id))
        return error(
            ScimError::notFound(QStringLiteral("%1 with id %2 not found.").arg(resourceKindName(kind).chopped(1), id)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return error(ScimError::invalidSyntax(
            QStringLiteral("Request body is not a JSON object: %1").arg(parseError.errorString())));

    PatchApplier applier(m_dataset, route.face);
    if (std::optional<ScimError> failure = applier.apply(kind, id, document.object()))
        return error(*failure);
    if (m_options.patchNoContent)
        return json(204, QByteArray());
    const ResourceRenderer renderer(m_dataset, route.face);
    return json(200, QJsonDocument(renderer.render(kind, id, AttributeProjection())).toJson(QJsonDocument::Compact));
}

} // namespace scimitar::emulator
