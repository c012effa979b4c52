#include "connections/IdpStoredSecret.h"

#include "connections/IdpBinding.h"
#include "idp/IdpUrl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace scimitar {

namespace {

constexpr QLatin1String kFormatKey("scimitarIdpSecret");
constexpr int kFormat = 1;

bool sameDestinations(const QStringList& recorded, const QStringList& wanted)
{
    if (recorded.size() != wanted.size())
        return false;
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        if (!IdpUrl::sameOrigin(QUrl(recorded.at(i)), QUrl(wanted.at(i))))
            return false;
    }
    return true;
}

// What a bare secret, stored before hosts were recorded, can only have been saved for.
QStringList legacyDestinations(const IdpSettings& settings)
{
    IdpSettings meant = settings;
    if (settings.type == IdpType::Okta) {
        meant.url = QUrl(QStringLiteral("https://") + settings.url.host());
    } else if (settings.type == IdpType::Entra) {
        meant.authority = QUrl();
        meant.graph = QUrl();
    }
    return IdpBinding::destinations(meant);
}

QString what(const IdpSettings& settings)
{
    return settings.type == IdpType::Okta ? QStringLiteral("Okta API token") : QStringLiteral("Entra client secret");
}

} // namespace

QString IdpStoredSecret::encode(const QString& secret, const IdpSettings& settings)
{
    QJsonObject record;
    record.insert(kFormatKey, kFormat);
    record.insert(QStringLiteral("sentTo"), QJsonArray::fromStringList(IdpBinding::destinations(settings)));
    record.insert(QStringLiteral("secret"), secret);
    return QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact));
}

std::optional<QString> IdpStoredSecret::decode(const QString& stored, const IdpSettings& settings, QString* error)
{
    const QStringList wanted = IdpBinding::destinations(settings);
    QStringList recorded;
    QString secret;
    const QJsonObject record =
        stored.startsWith(QLatin1Char('{')) ? QJsonDocument::fromJson(stored.toUtf8()).object() : QJsonObject();
    if (record.value(kFormatKey).toInt() == kFormat) {
        for (const QJsonValue& host : record.value(QStringLiteral("sentTo")).toArray())
            recorded.append(host.toString());
        secret = record.value(QStringLiteral("secret")).toString();
    } else if (stored.startsWith(QLatin1Char('{'))) {
        *error = QStringLiteral("The stored %1 is in a form this version of Scimitar does not know; enter it again in "
                                "Scimitar (File > Identity provider…).")
                     .arg(what(settings));
        return std::nullopt;
    } else {
        recorded = legacyDestinations(settings);
        secret = stored;
    }
    if (!sameDestinations(recorded, wanted)) {
        *error = QStringLiteral("The stored %1 was saved for %2, not %3; it is never sent to another host. If %3 is "
                                "right, enter the secret again for it in Scimitar (File > Identity provider…).")
                     .arg(what(settings), recorded.join(QStringLiteral(" and ")), wanted.join(QStringLiteral(" and ")));
        return std::nullopt;
    }
    return secret;
}

} // namespace scimitar
