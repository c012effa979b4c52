#include "idp/EntraError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace scimitar {

namespace {

QString excerpt(const QByteArray& body)
{
    QString text = QString::fromUtf8(body.left(300));
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return text.simplified().left(200);
}

QString withoutFinalDot(QString text)
{
    text = text.trimmed();
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

// What to do about the AADSTS codes people actually hit with client credentials.
QString tokenAdvice(const QString& aadsts, const QString& error, int status)
{
    if (aadsts == QLatin1String("AADSTS7000215"))
        return QStringLiteral("the client secret is wrong; use the secret's value, not its id");
    if (aadsts == QLatin1String("AADSTS7000222"))
        return QStringLiteral("the client secret has expired; create a new one in the app registration");
    if (aadsts == QLatin1String("AADSTS700016"))
        return QStringLiteral("no app with this client id exists in this tenant (or in this cloud)");
    if (aadsts == QLatin1String("AADSTS90002") || aadsts == QLatin1String("AADSTS900023"))
        return QStringLiteral("the tenant was not found; check the tenant id or domain and the cloud");
    if (aadsts == QLatin1String("AADSTS70011") || error == QLatin1String("invalid_scope"))
        return QStringLiteral("the scope was refused; the Graph host must belong to the same cloud as the login "
                              "authority");
    if (error == QLatin1String("invalid_client") || status == 401)
        return QStringLiteral("the client id or secret was not accepted");
    return {};
}

} // namespace

QString EntraError::aadstsCode(const QString& description)
{
    static const QRegularExpression pattern(QStringLiteral("AADSTS\\d+"));
    return pattern.match(description).captured();
}

QString EntraError::describeToken(const QString& what, const net::HttpResponse& response)
{
    if (response.cancelled)
        return QStringLiteral("%1: cancelled.").arg(what);
    if (!response.transportError.isEmpty())
        return response.transportError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    if (!document.isObject()) {
        const QString text = excerpt(response.body);
        return QStringLiteral("%1 failed (HTTP %2%3); check the login authority URL.")
            .arg(what)
            .arg(response.status)
            .arg(text.isEmpty() ? QString() : QStringLiteral(", ") + text);
    }
    const QJsonObject object = document.object();
    const QString error = object.value(QLatin1String("error")).toString();
    const QString description = object.value(QLatin1String("error_description")).toString();
    const QString aadsts = aadstsCode(description);
    // The description's first line is the reason; the rest repeats trace id, correlation id and timestamp.
    QString reason = description.section(QRegularExpression(QStringLiteral("[\\r\\n]")), 0, 0);
    reason = withoutFinalDot(reason.section(QStringLiteral(" Trace ID:"), 0, 0));
    if (!aadsts.isEmpty() && reason.startsWith(aadsts + QLatin1Char(':')))
        reason = reason.mid(aadsts.size() + 1).trimmed();
    QStringList parts{QStringLiteral("HTTP %1").arg(response.status)};
    if (!error.isEmpty())
        parts.append(error);
    if (!aadsts.isEmpty())
        parts.append(reason.isEmpty() ? aadsts : aadsts + QStringLiteral(": ") + reason);
    else if (!reason.isEmpty())
        parts.append(reason);
    const QString traceId = object.value(QLatin1String("trace_id")).toString();
    const QString correlationId = object.value(QLatin1String("correlation_id")).toString();
    QString ids;
    if (!traceId.isEmpty())
        ids += QStringLiteral("; trace id ") + traceId;
    if (!correlationId.isEmpty())
        ids += QStringLiteral("; correlation id ") + correlationId;
    const QString advice = tokenAdvice(aadsts, error, response.status);
    return QStringLiteral("%1 failed (%2%3)%4.")
        .arg(what, parts.join(QLatin1String(", ")), ids, advice.isEmpty() ? QString() : QStringLiteral(": ") + advice);
}

QString EntraError::graphCode(const QByteArray& body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QLatin1String("error"))
        .toObject()
        .value(QLatin1String("code"))
        .toString();
}

QString EntraError::describeGraph(const QString& what, const net::HttpResponse& response, const QString& permissions)
{
    if (response.cancelled)
        return QStringLiteral("%1: cancelled.").arg(what);
    if (!response.transportError.isEmpty())
        return response.transportError;
    const QJsonObject error = QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject();
    QString detail;
    if (error.isEmpty()) {
        detail = excerpt(response.body);
    } else {
        const QString code = error.value(QLatin1String("code")).toString();
        const QString message = withoutFinalDot(error.value(QLatin1String("message")).toString());
        detail = code.isEmpty() ? message : message.isEmpty() ? code : code + QStringLiteral(": ") + message;
        const QJsonObject inner = error.value(QLatin1String("innerError")).toObject();
        const QString requestId = inner.value(QLatin1String("request-id")).toString();
        if (!requestId.isEmpty())
            detail += QStringLiteral("; request-id ") + requestId;
    }
    const QString inParentheses = detail.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status)
                                                   : QStringLiteral("HTTP %1, %2").arg(response.status).arg(detail);
    switch (response.status) {
    case 401:
        return QStringLiteral("%1 was refused (%2): Microsoft Graph did not accept the access token; check that the "
                              "tenant, the login authority and the Graph host belong to the same cloud.")
            .arg(what, inParentheses);
    case 403:
        return QStringLiteral("%1 was refused (%2): the app registration needs the application permission%3 %4, "
                              "granted with admin consent.")
            .arg(what, inParentheses, permissions.contains(QLatin1String(" and ")) ? QStringLiteral("s") : QString(),
                 permissions);
    default:
        break;
    }
    return QStringLiteral("%1 failed (%2).").arg(what, inParentheses);
}

} // namespace scimitar
