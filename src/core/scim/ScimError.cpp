#include "scim/ScimError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <algorithm>

namespace scimitar {

QString ScimError::serverDetail(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        QStringList parts;
        const QString errorCode = object.value(QLatin1String("error_code")).toString();
        const QString scimType = object.value(QLatin1String("scimType")).toString();
        QString detail = object.value(QLatin1String("detail")).toString();
        if (detail == QLatin1String("null"))
            detail.clear();
        const QString message = object.value(QLatin1String("message")).toString();
        if (!errorCode.isEmpty())
            parts.append(errorCode);
        if (!scimType.isEmpty())
            parts.append(scimType);
        if (!detail.isEmpty())
            parts.append(detail);
        if (!message.isEmpty() && message != detail)
            parts.append(message);
        return parts.join(QLatin1String(": "));
    }
    // Not JSON (a proxy's HTML page, a truncated body): an HTML page is named by its title, anything else by a
    // short, single-line excerpt.
    const QString title = htmlTitle(body);
    if (!title.isEmpty())
        return QStringLiteral("an HTML page titled \u201c%1\u201d").arg(title);
    QString text = QString::fromUtf8(body.left(300));
    text.replace(QRegularExpression(QStringLiteral("<[^>]*>")), QStringLiteral(" "));
    return text.simplified().left(200);
}

QString ScimError::htmlTitle(const QByteArray& body)
{
    static const QRegularExpression kTitle(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = kTitle.match(QString::fromUtf8(body.left(4096)));
    return match.hasMatch() ? match.captured(1).simplified().left(120) : QString();
}

QString ScimError::unreadableBody(const QString& what, const QByteArray& body)
{
    const QByteArray start = body.left(512).trimmed().toLower();
    if (start.startsWith('<')) {
        const QString title = htmlTitle(body);
        const QString page = title.isEmpty() ? QStringLiteral("an HTML page")
                                             : QStringLiteral("an HTML page titled \u201c%1\u201d").arg(title);
        return QStringLiteral("%1: the server answered with %2, not JSON (a proxy, a sign-in page or a wrong host?).")
            .arg(what, page);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("%1: the server sent malformed JSON (%2 at byte %3 of %4).")
            .arg(what, parseError.errorString())
            .arg(std::min<qsizetype>(parseError.offset, body.size()))
            .arg(body.size());
    return QStringLiteral("%1: the server sent JSON that is not an object.").arg(what);
}

QString ScimError::describe(const QString& what, const net::HttpResponse& response)
{
    if (response.cancelled)
        return QStringLiteral("%1: cancelled.").arg(what);
    if (!response.transportError.isEmpty())
        return response.transportError;
    const QString detail = serverDetail(response.body);
    QString server = detail.isEmpty() ? QString() : QStringLiteral(" Server said: %1").arg(detail);
    if (!htmlTitle(response.body).isEmpty())
        server = QStringLiteral(" The answer was %1.").arg(detail);
    switch (response.status) {
    case 401:
        return QStringLiteral("%1 was refused (HTTP 401): the token is wrong or has expired.%2").arg(what, server);
    case 403:
        return QStringLiteral("%1 was refused (HTTP 403): the token lacks admin rights; reading identities needs "
                              "a workspace admin (or an account admin for the account API).%2")
            .arg(what, server);
    case 502:
    case 504:
        return QStringLiteral("%1 failed (HTTP %2): a gateway in front of Databricks got no good answer from it; try "
                              "again later.%3")
            .arg(what)
            .arg(response.status)
            .arg(server);
    case 404:
        return QStringLiteral("%1 failed (HTTP 404): not found; check the host, the account id and that this is a "
                              "SCIM endpoint.%2")
            .arg(what, server);
    default:
        break;
    }
    return QStringLiteral("%1 failed (HTTP %2).%3").arg(what).arg(response.status).arg(server);
}

} // namespace scimitar
