#include "idp/OktaError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace scimitar {

QString OktaError::serverDetail(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QString code = object.value(QLatin1String("errorCode")).toString();
        QString summary = object.value(QLatin1String("errorSummary")).toString().trimmed();
        while (summary.endsWith(QLatin1Char('.')))
            summary.chop(1);
        // errorCauses carry the field-level reason of a 400 ("search: Invalid search expression").
        QStringList causes;
        for (const QJsonValue& cause : object.value(QLatin1String("errorCauses")).toArray()) {
            const QString text = cause.toObject().value(QLatin1String("errorSummary")).toString().trimmed();
            if (!text.isEmpty() && text != summary)
                causes.append(text);
        }
        const QString errorId = object.value(QLatin1String("errorId")).toString();
        QString detail = code;
        if (!summary.isEmpty())
            detail += (detail.isEmpty() ? QString() : QStringLiteral(": ")) + summary;
        if (!causes.isEmpty())
            detail += QStringLiteral(" (%1)").arg(causes.join(QLatin1String("; ")));
        if (!errorId.isEmpty())
            detail += (detail.isEmpty() ? QString() : QStringLiteral("; ")) + QStringLiteral("errorId ") + errorId;
        return detail;
    }
    // Not JSON (a proxy's HTML page, a truncated body): a short single-line excerpt.
    QString text = QString::fromUtf8(body.left(300));
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return text.simplified().left(200);
}

QString OktaError::describe(const QString& what, const net::HttpResponse& response)
{
    if (response.cancelled)
        return QStringLiteral("%1: cancelled.").arg(what);
    if (!response.transportError.isEmpty())
        return response.transportError;
    const QString detail = serverDetail(response.body);
    const QString inParentheses = detail.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status)
                                                   : QStringLiteral("HTTP %1, %2").arg(response.status).arg(detail);
    switch (response.status) {
    case 401:
        return QStringLiteral("%1 was refused (%2): the API token is wrong or has expired (Okta revokes tokens "
                              "unused for 30 days).")
            .arg(what, inParentheses);
    case 403:
        return QStringLiteral("%1 was refused (%2): the token's admin role or OAuth scope (okta.groups.read, "
                              "okta.users.read) does not cover this call.")
            .arg(what, inParentheses);
    default:
        break;
    }
    return QStringLiteral("%1 failed (%2).").arg(what, inParentheses);
}

} // namespace scimitar
