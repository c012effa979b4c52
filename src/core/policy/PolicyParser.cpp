#include "policy/PolicyParser.h"

#include "net/UrlPolicy.h"
#include "policy/JsonCheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace scimitar {

namespace {

const QString kIdpGroup = QStringLiteral("idpGroup");
const QString kDatabricksGroup = QStringLiteral("databricksGroup");
const QString kRole = QStringLiteral("role");
const QString kEntitlements = QStringLiteral("entitlements");

// Walks the document and stops at the first problem, keeping its message. One precise error is more useful than
// a list of consequences of the same typo.
class Reader
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    bool fail(const QString& field, const QString& reason)
    {
        if (m_error.isEmpty())
            m_error = field.isEmpty() ? reason : QStringLiteral("%1: %2").arg(field, reason);
        return false;
    }

    bool onlyKeys(const QJsonObject& object, const QString& field, const QStringList& allowed)
    {
        const QString unknown = JsonCheck::unknownKey(object, allowed);
        if (unknown.isEmpty())
            return true;
        return fail(field.isEmpty() ? unknown : field + QLatin1Char('.') + unknown,
                    JsonCheck::unknownKeyMessage(unknown, allowed));
    }

    // A required (or, when `required` is false, optional) non-empty string; surrounding spaces are dropped
    // because nobody means them in a group name, and an IdP would not find " dbx-x".
    bool string(const QJsonObject& object, const QString& key, const QString& field, bool required, QString* out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            if (required)
                return fail(field, QStringLiteral("is required"));
            return true;
        }
        if (!value.isString() || value.toString().trimmed().isEmpty())
            return fail(field, QStringLiteral("must be a non-empty string"));
        *out = value.toString().trimmed();
        return true;
    }

    bool stringList(const QJsonValue& value, const QString& field, bool nonEmpty, QStringList* out)
    {
        if (!value.isArray())
            return fail(field, nonEmpty ? QStringLiteral("must be a non-empty array of strings")
                                        : QStringLiteral("must be an array of strings"));
        const QJsonArray array = value.toArray();
        if (nonEmpty && array.isEmpty())
            return fail(field, QStringLiteral("must be a non-empty array of strings"));
        QStringList result;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString item = QStringLiteral("%1[%2]").arg(field).arg(i);
            if (!array[i].isString() || array[i].toString().trimmed().isEmpty())
                return fail(item, QStringLiteral("must be a non-empty string"));
            const QString text = array[i].toString().trimmed();
            if (result.contains(text, Qt::CaseInsensitive))
                return fail(item, QStringLiteral("\"%1\" is listed twice").arg(text));
            result.append(text);
        }
        *out = result;
        return true;
    }

    bool url(const QJsonObject& object, const QString& key, const QString& field, QUrl* out)
    {
        QString text;
        if (!string(object, key, field, false, &text) || text.isEmpty())
            return !failed();
        const QUrl parsed(text, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.scheme().isEmpty() || parsed.host().isEmpty())
            return fail(field, QStringLiteral("\"%1\" is not a URL such as https://example.okta.com").arg(text));
        // A secret is sent to this host: the same rule as for Databricks hosts (https, or http to this machine).
        if (const QString refused = net::UrlPolicy::check(parsed); !refused.isEmpty())
            return fail(field, refused);
        *out = parsed;
        return true;
    }

private:
    QString m_error;
};

bool readIdp(Reader& reader, const QJsonObject& root, IdpSettings* idp)
{
    const QJsonValue value = root.value(QStringLiteral("idp"));
    if (value.isUndefined())
        return reader.fail(QStringLiteral("idp"), QStringLiteral("is required"));
    if (!value.isObject())
        return reader.fail(QStringLiteral("idp"), QStringLiteral("must be an object such as {\"type\": \"okta\", "
                                                                 "\"url\": \"https://example.okta.com\"}"));
    const QJsonObject object = value.toObject();

    const QJsonValue type = object.value(QStringLiteral("type"));
    if (type.isUndefined())
        return reader.fail(QStringLiteral("idp.type"),
                           QStringLiteral("is required (one of %1)").arg(idpTypeNames().join(QStringLiteral(", "))));
    if (!type.isString() || !idpTypeFromName(type.toString(), &idp->type))
        return reader.fail(QStringLiteral("idp.type"),
                           QStringLiteral("%1 is not one of %2")
                               .arg(JsonCheck::quoted(type), idpTypeNames().join(QStringLiteral(", "))));

    switch (idp->type) {
    case IdpType::Okta:
        // The URL may come from OKTA_ORG_URL instead, so one policy can serve a preview and a production org.
        return reader.onlyKeys(object, QStringLiteral("idp"), {QStringLiteral("type"), QStringLiteral("url")}) &&
               reader.url(object, QStringLiteral("url"), QStringLiteral("idp.url"), &idp->url);
    case IdpType::Entra:
        return reader.onlyKeys(object, QStringLiteral("idp"),
                               {QStringLiteral("type"), QStringLiteral("tenant"), QStringLiteral("clientId"),
                                QStringLiteral("authority"), QStringLiteral("graph")}) &&
               reader.string(object, QStringLiteral("tenant"), QStringLiteral("idp.tenant"), true, &idp->tenant) &&
               reader.string(object, QStringLiteral("clientId"), QStringLiteral("idp.clientId"), true,
                             &idp->clientId) &&
               reader.url(object, QStringLiteral("authority"), QStringLiteral("idp.authority"), &idp->authority) &&
               reader.url(object, QStringLiteral("graph"), QStringLiteral("idp.graph"), &idp->graph);
    case IdpType::File:
        return reader.onlyKeys(object, QStringLiteral("idp"), {QStringLiteral("type"), QStringLiteral("path")}) &&
               reader.string(object, QStringLiteral("path"), QStringLiteral("idp.path"), true, &idp->path);
    }
    return false;
}

bool readRule(Reader& reader, const QJsonValue& value, const QString& field, PolicyRule* rule)
{
    if (!value.isObject())
        return reader.fail(field, QStringLiteral("must be an object such as {\"idpGroup\": \"…\", "
                                                 "\"databricksGroup\": \"…\"}"));
    const QJsonObject object = value.toObject();
    const QStringList targets{kDatabricksGroup, kRole, kEntitlements};
    if (!reader.onlyKeys(object, field, QStringList{kIdpGroup} + targets))
        return false;
    if (!reader.string(object, kIdpGroup, field + QStringLiteral(".idpGroup"), true, &rule->idpGroup))
        return false;

    QStringList present;
    for (const QString& key : targets)
        if (object.contains(key))
            present.append(key);
    if (present.isEmpty())
        return reader.fail(field, QStringLiteral("needs one of databricksGroup, role or entitlements: what members "
                                                 "of %1 should have")
                                      .arg(rule->idpGroup));
    if (present.size() > 1)
        return reader.fail(field, QStringLiteral("has both %1 and %2; a rule names exactly one of databricksGroup, "
                                                 "role or entitlements (write one rule per target)")
                                      .arg(present[0], present[1]));

    const QString key = present.first();
    const QString keyField = field + QLatin1Char('.') + key;
    if (key == kDatabricksGroup) {
        rule->target = PolicyRule::Target::DatabricksGroup;
        return reader.string(object, key, keyField, true, &rule->databricksGroup);
    }
    if (key == kRole) {
        rule->target = PolicyRule::Target::Role;
        return reader.string(object, key, keyField, true, &rule->role);
    }
    rule->target = PolicyRule::Target::Entitlements;
    return reader.stringList(object.value(key), keyField, true, &rule->entitlements);
}

bool readRules(Reader& reader, const QJsonObject& root, QList<PolicyRule>* rules)
{
    const QJsonValue value = root.value(QStringLiteral("rules"));
    if (value.isUndefined())
        return reader.fail(QStringLiteral("rules"), QStringLiteral("is required"));
    if (!value.isArray())
        return reader.fail(QStringLiteral("rules"), QStringLiteral("must be an array of rules"));
    const QJsonArray array = value.toArray();
    // An empty policy manages nothing, so a review would always say "no drift": almost certainly not meant.
    if (array.isEmpty())
        return reader.fail(QStringLiteral("rules"), QStringLiteral("must contain at least one rule"));
    for (qsizetype i = 0; i < array.size(); ++i) {
        PolicyRule rule;
        if (!readRule(reader, array[i], QStringLiteral("rules[%1]").arg(i), &rule))
            return false;
        rules->append(rule);
    }
    return true;
}

bool readProtected(Reader& reader, const QJsonObject& root, QStringList* users, QStringList* groups)
{
    const QJsonValue value = root.value(QStringLiteral("protected"));
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return reader.fail(QStringLiteral("protected"),
                           QStringLiteral("must be an object such as {\"users\": [], \"groups\": []}"));
    const QJsonObject object = value.toObject();
    if (!reader.onlyKeys(object, QStringLiteral("protected"), {QStringLiteral("users"), QStringLiteral("groups")}))
        return false;
    if (object.contains(QStringLiteral("users")) &&
        !reader.stringList(object.value(QStringLiteral("users")), QStringLiteral("protected.users"), false, users))
        return false;
    if (object.contains(QStringLiteral("groups")) &&
        !reader.stringList(object.value(QStringLiteral("groups")), QStringLiteral("protected.groups"), false, groups))
        return false;
    return true;
}

} // namespace

std::optional<Policy> PolicyParser::parse(const QByteArray& json, const QString& baseDirectory, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = JsonCheck::syntaxError(json, parseError);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the policy must be a JSON object with idp, match, rules and protected");
        return std::nullopt;
    }
    const QJsonObject root = document.object();

    Reader reader;
    IdpSettings idp;
    QList<PolicyRule> rules;
    QStringList protectedUsers;
    QStringList protectedGroups;
    QString description;
    MatchAttribute match = MatchAttribute::UserName;

    if (reader.onlyKeys(root, QString(),
                        {QStringLiteral("idp"), QStringLiteral("match"), QStringLiteral("rules"),
                         QStringLiteral("protected"), QStringLiteral("description")}))
        readIdp(reader, root, &idp);
    if (!reader.failed() && root.contains(QStringLiteral("match"))) {
        const QJsonValue value = root.value(QStringLiteral("match"));
        if (value == QJsonValue(QStringLiteral("userName")))
            match = MatchAttribute::UserName;
        else if (value == QJsonValue(QStringLiteral("email")))
            match = MatchAttribute::Email;
        else
            reader.fail(QStringLiteral("match"),
                        QStringLiteral("%1 is not one of userName, email").arg(JsonCheck::quoted(value)));
    }
    if (!reader.failed())
        readRules(reader, root, &rules);
    if (!reader.failed())
        readProtected(reader, root, &protectedUsers, &protectedGroups);
    if (!reader.failed() && root.contains(QStringLiteral("description"))) {
        const QJsonValue value = root.value(QStringLiteral("description"));
        if (!value.isString())
            reader.fail(QStringLiteral("description"), QStringLiteral("must be a string"));
        description = value.toString();
    }
    if (reader.failed()) {
        *error = reader.error();
        return std::nullopt;
    }

    Policy policy(idp, match, rules, protectedUsers, protectedGroups);
    policy.setDescription(description);
    policy.setBaseDirectory(baseDirectory);
    return policy;
}

std::optional<Policy> PolicyParser::load(const QString& path, QString* error)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.exists()) {
        *error = QStringLiteral("Cannot read the policy file %1: it does not exist.").arg(shown);
        return std::nullopt;
    }
    if (info.isDir()) {
        *error = QStringLiteral("Cannot read the policy file %1: it is a folder, not a file.").arg(shown);
        return std::nullopt;
    }
    if (info.size() > kMaxFileSize) {
        *error = QStringLiteral("Cannot read the policy file %1: at %2 bytes it is too large to be a policy.")
                     .arg(shown)
                     .arg(info.size());
        return std::nullopt;
    }
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the policy file %1: %2.").arg(shown, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.read(kMaxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("Cannot read the policy file %1: %2.").arg(shown, file.errorString());
        return std::nullopt;
    }
    QString parseError;
    std::optional<Policy> policy = parse(data, info.absolutePath(), &parseError);
    if (!policy) {
        const bool ends = parseError.endsWith(QLatin1Char('.')) || parseError.endsWith(QLatin1Char('?'));
        *error = QStringLiteral("Policy file %1: %2%3").arg(shown, parseError, ends ? QString() : QStringLiteral("."));
    }
    return policy;
}

} // namespace scimitar
