#include "drift/FindingJson.h"

#include "policy/JsonCheck.h"

#include <QJsonDocument>

namespace scimitar {

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// Reads one finding back, stopping at the first problem and naming where it is ("findings[3].action.groupId").
class FindingReader
{
public:
    explicit FindingReader(QString where)
        : m_where(std::move(where))
    {
    }

    std::optional<Finding> read(const QJsonValue& value);
    const QString& error() const { return m_error; }

private:
    enum class Null
    {
        Refused,
        Allowed,
    };

    bool fail(const QString& field, const QString& problem);
    bool object(const QJsonObject& parent, const QString& key, QJsonObject* out);
    // A string value; with Null::Allowed, null reads as an empty string (how the writer says "does not apply").
    bool string(const QJsonObject& parent, const QString& path, const QString& key, Null null, QString* out);
    // A string the action at `path` needs: present, a string, not empty.
    bool id(const QJsonObject& action, const QString& path, const QString& key, QString* out);
    template <typename Enum>
    bool name(const QJsonObject& parent, const QString& path, const QString& key, const QList<Enum>& all,
              QString (*nameOf)(Enum), Enum* out);
    // The action object at `path` ("action", "actions[2]").
    bool action(const QJsonValue& value, const QString& path, FindingAction* out);
    // `actions`, when there: every change of the fix, the first the same as `action`.
    bool furtherActions(const QJsonObject& finding, Finding* out);

    QString m_where;
    QString m_error;
};

bool FindingReader::fail(const QString& field, const QString& problem)
{
    m_error = QStringLiteral("%1.%2: %3").arg(m_where, field, problem);
    return false;
}

bool FindingReader::object(const QJsonObject& parent, const QString& key, QJsonObject* out)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return fail(key, QStringLiteral("missing"));
    if (!value.isObject())
        return fail(key, QStringLiteral("expected an object, not %1").arg(JsonCheck::quoted(value)));
    *out = value.toObject();
    return true;
}

bool FindingReader::string(const QJsonObject& parent, const QString& path, const QString& key, Null null, QString* out)
{
    const QString field = path.isEmpty() ? key : path + QLatin1Char('.') + key;
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return fail(field, QStringLiteral("missing"));
    if (value.isNull() && null == Null::Allowed) {
        out->clear();
        return true;
    }
    if (!value.isString())
        return fail(field,
                    QStringLiteral("expected a string%1, not %2")
                        .arg(null == Null::Allowed ? QStringLiteral(" or null") : QString(), JsonCheck::quoted(value)));
    *out = value.toString();
    return true;
}

bool FindingReader::id(const QJsonObject& action, const QString& path, const QString& key, QString* out)
{
    if (!string(action, path, key, Null::Refused, out))
        return false;
    if (out->trimmed().isEmpty())
        return fail(path + QLatin1Char('.') + key, QStringLiteral("empty"));
    return true;
}

template <typename Enum>
bool FindingReader::name(const QJsonObject& parent, const QString& path, const QString& key, const QList<Enum>& all,
                         QString (*nameOf)(Enum), Enum* out)
{
    QString text;
    if (!string(parent, path, key, Null::Refused, &text))
        return false;
    QStringList names;
    for (Enum candidate : all) {
        if (nameOf(candidate) == text) {
            *out = candidate;
            return true;
        }
        names.append(nameOf(candidate));
    }
    const QString field = path.isEmpty() ? key : path + QLatin1Char('.') + key;
    return fail(field, QStringLiteral("\"%1\" is not one of %2").arg(text, names.join(QStringLiteral(", "))));
}

bool FindingReader::action(const QJsonValue& value, const QString& path, FindingAction* out)
{
    if (value.isUndefined())
        return fail(path, QStringLiteral("missing"));
    if (!value.isObject())
        return fail(path, QStringLiteral("expected an object, not %1").arg(JsonCheck::quoted(value)));
    const QJsonObject object = value.toObject();
    const QList<ActionOp> ops{ActionOp::RemoveRole, ActionOp::RemoveEntitlement, ActionOp::RemoveMember,
                              ActionOp::AddMember,  ActionOp::Deactivate,        ActionOp::None};
    if (!name(object, path, QStringLiteral("op"), ops, &actionOpName, &out->op))
        return false;
    // Only the keys the op needs are read: FindingJson::action() writes no others, and an id that does not belong
    // to the op must not end up in a change.
    const QString userId = QStringLiteral("userId");
    switch (out->op) {
    case ActionOp::RemoveRole:
    case ActionOp::RemoveEntitlement:
        return id(object, path, userId, &out->userId) && id(object, path, QStringLiteral("value"), &out->value);
    case ActionOp::RemoveMember:
    case ActionOp::AddMember:
        return id(object, path, userId, &out->userId) && id(object, path, QStringLiteral("groupId"), &out->groupId);
    case ActionOp::Deactivate:
        return id(object, path, userId, &out->userId);
    case ActionOp::None:
        return true;
    }
    return true;
}

bool FindingReader::furtherActions(const QJsonObject& finding, Finding* out)
{
    // Files written before `actions` existed (or trimmed by hand) carry `action` alone: then the fix is that one
    // change, and the re-read after it tells whether the target is still held through another path.
    const QJsonValue value = finding.value(QStringLiteral("actions"));
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return fail(QStringLiteral("actions"),
                    QStringLiteral("expected an array of actions, not %1").arg(JsonCheck::quoted(value)));
    const QJsonArray array = value.toArray();
    if (array.isEmpty() && out->action.op != ActionOp::None)
        return fail(QStringLiteral("actions"),
                    QStringLiteral("empty, but action is %1").arg(actionOpName(out->action.op)));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("actions[%1]").arg(i);
        FindingAction action;
        if (!this->action(array.at(i), path, &action))
            return false;
        if (i == 0 && action != out->action)
            return fail(path, QStringLiteral("differs from action (the first change of the fix must be action)"));
        if (i > 0)
            out->furtherActions.append(action);
    }
    return true;
}

std::optional<Finding> FindingReader::read(const QJsonValue& value)
{
    if (!value.isObject()) {
        m_error = QStringLiteral("%1: expected a finding (an object), not %2").arg(m_where, JsonCheck::quoted(value));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    Finding finding;
    if (!name(object, {}, QStringLiteral("kind"), allFindingKinds(), &findingKindName, &finding.kind) ||
        !name(object, {}, QStringLiteral("severity"), allSeverities(), &severityName, &finding.severity))
        return std::nullopt;

    QJsonObject principal;
    const QString inPrincipal = QStringLiteral("principal");
    const QList<PrincipalKind> kinds{PrincipalKind::User, PrincipalKind::Group, PrincipalKind::ServicePrincipal};
    if (!this->object(object, inPrincipal, &principal) ||
        !string(principal, inPrincipal, QStringLiteral("id"), Null::Allowed, &finding.principal.id) ||
        !string(principal, inPrincipal, QStringLiteral("userName"), Null::Refused, &finding.principal.userName) ||
        !name(principal, inPrincipal, QStringLiteral("kind"), kinds, &principalKindName, &finding.principal.kind))
        return std::nullopt;

    if (!string(object, {}, QStringLiteral("target"), Null::Allowed, &finding.target) ||
        !string(object, {}, QStringLiteral("via"), Null::Allowed, &finding.via))
        return std::nullopt;

    const QJsonValue groups = object.value(QStringLiteral("idpGroups"));
    if (groups.isUndefined() || !groups.isArray()) {
        fail(QStringLiteral("idpGroups"),
             groups.isUndefined()
                 ? QStringLiteral("missing")
                 : QStringLiteral("expected an array of strings, not %1").arg(JsonCheck::quoted(groups)));
        return std::nullopt;
    }
    const QJsonArray groupArray = groups.toArray();
    for (qsizetype i = 0; i < groupArray.size(); ++i) {
        if (!groupArray.at(i).isString()) {
            fail(QStringLiteral("idpGroups[%1]").arg(i),
                 QStringLiteral("expected a string, not %1").arg(JsonCheck::quoted(groupArray.at(i))));
            return std::nullopt;
        }
        finding.idpGroups.append(groupArray.at(i).toString());
    }

    if (!action(object.value(QStringLiteral("action")), QStringLiteral("action"), &finding.action) ||
        !furtherActions(object, &finding) ||
        !string(object, {}, QStringLiteral("explanation"), Null::Refused, &finding.explanation) ||
        !string(object, {}, QStringLiteral("blockedBy"), Null::Allowed, &finding.blockedBy))
        return std::nullopt;
    return finding;
}

} // namespace

QJsonObject FindingJson::action(const FindingAction& action)
{
    QJsonObject object{{QStringLiteral("op"), actionOpName(action.op)}};
    switch (action.op) {
    case ActionOp::RemoveRole:
    case ActionOp::RemoveEntitlement:
        object.insert(QStringLiteral("userId"), action.userId);
        object.insert(QStringLiteral("value"), action.value);
        break;
    case ActionOp::RemoveMember:
    case ActionOp::AddMember:
        object.insert(QStringLiteral("userId"), action.userId);
        object.insert(QStringLiteral("groupId"), action.groupId);
        break;
    case ActionOp::Deactivate:
        object.insert(QStringLiteral("userId"), action.userId);
        break;
    case ActionOp::None:
        break;
    }
    return object;
}

QJsonArray FindingJson::actions(const Finding& finding)
{
    QJsonArray array;
    if (finding.action.op == ActionOp::None)
        return array;
    for (const FindingAction& each : finding.actions())
        array.append(action(each));
    return array;
}

QJsonObject FindingJson::finding(const Finding& finding)
{
    return {
        {QStringLiteral("kind"), findingKindName(finding.kind)},
        {QStringLiteral("severity"), severityName(finding.severity)},
        {QStringLiteral("principal"), QJsonObject{{QStringLiteral("id"), stringOrNull(finding.principal.id)},
                                                  {QStringLiteral("userName"), finding.principal.userName},
                                                  {QStringLiteral("kind"), principalKindName(finding.principal.kind)}}},
        {QStringLiteral("target"), stringOrNull(finding.target)},
        {QStringLiteral("via"), stringOrNull(finding.via)},
        {QStringLiteral("idpGroups"), QJsonArray::fromStringList(finding.idpGroups)},
        {QStringLiteral("action"), action(finding.action)},
        {QStringLiteral("actions"), actions(finding)},
        {QStringLiteral("explanation"), finding.explanation},
        {QStringLiteral("blockedBy"), stringOrNull(finding.blockedBy)},
    };
}

QJsonArray FindingJson::findings(const QList<Finding>& findings)
{
    QJsonArray array;
    for (const Finding& finding : findings)
        array.append(FindingJson::finding(finding));
    return array;
}

QJsonArray FindingJson::servicePrincipalAccess(const QList<ServicePrincipalAccess>& access)
{
    QJsonArray array;
    for (const ServicePrincipalAccess& entry : access)
        array.append(QJsonObject{
            {QStringLiteral("id"), entry.id},
            {QStringLiteral("applicationId"), entry.applicationId},
            {QStringLiteral("displayName"), entry.displayName},
            {QStringLiteral("kind"), ServicePrincipalAccess::kindName(entry.kind)},
            {QStringLiteral("target"), entry.target},
            {QStringLiteral("type"), entry.direct ? QStringLiteral("direct") : QStringLiteral("indirect")},
            {QStringLiteral("path"), QJsonArray::fromStringList(entry.path)},
        });
    return array;
}

std::optional<QList<Finding>> FindingJson::read(const QByteArray& data, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = JsonCheck::syntaxError(data, parseError);
        return std::nullopt;
    }
    if (!document.isArray()) {
        *error = QStringLiteral("findings: expected an array of findings (as `scimitar-cli drift --output json` "
                                "prints them), not %1")
                     .arg(document.isObject() ? QStringLiteral("an object") : QStringLiteral("nothing"));
        return std::nullopt;
    }
    return read(document.array(), error);
}

std::optional<QList<Finding>> FindingJson::read(const QJsonArray& array, QString* error)
{
    QList<Finding> findings;
    findings.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        FindingReader reader(QStringLiteral("findings[%1]").arg(i));
        std::optional<Finding> finding = reader.read(array.at(i));
        if (!finding) {
            *error = reader.error();
            return std::nullopt;
        }
        findings.append(*finding);
    }
    return findings;
}

} // namespace scimitar
