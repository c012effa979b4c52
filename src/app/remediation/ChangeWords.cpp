#include "ChangeWords.h"

#include "remediation/ScimPatch.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace scimitar::gui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("scimitar::gui::ChangeWords", text);
}

} // namespace

QString ChangeWords::verb(ChangeOp op)
{
    switch (op) {
    case ChangeOp::RemoveRole:
        return tr("Revoke role");
    case ChangeOp::AddRole:
        return tr("Grant role");
    case ChangeOp::RemoveEntitlement:
        return tr("Remove entitlement");
    case ChangeOp::AddEntitlement:
        return tr("Add entitlement");
    case ChangeOp::RemoveMember:
        return tr("Remove from group");
    case ChangeOp::AddMember:
        return tr("Add to group");
    case ChangeOp::Deactivate:
        return tr("Deactivate");
    case ChangeOp::Reactivate:
        return tr("Reactivate");
    }
    return {};
}

QString ChangeWords::verb(ActionOp op)
{
    switch (op) {
    case ActionOp::RemoveRole:
        return verb(ChangeOp::RemoveRole);
    case ActionOp::RemoveEntitlement:
        return verb(ChangeOp::RemoveEntitlement);
    case ActionOp::RemoveMember:
        return verb(ChangeOp::RemoveMember);
    case ActionOp::AddMember:
        return verb(ChangeOp::AddMember);
    case ActionOp::Deactivate:
        return verb(ChangeOp::Deactivate);
    case ActionOp::None:
        return {};
    }
    return {};
}

QString ChangeWords::reactivationNote()
{
    return tr("If an identity provider manages this user's account, reactivating the user in a workspace may not be "
              "enough: Databricks keeps the user inactive while the account says so. Reactivate it at the account "
              "level first (an account connection), then here.");
}

QString ChangeWords::request(const Change& change, const QUrl& scimBase)
{
    const QJsonDocument body(ScimPatch::body(change));
    const QString url = ScimPatch::objectUrl(change.objectKind, change.objectId, scimBase).toString();
    QString text =
        QStringLiteral("PATCH %1\n%2\n\n%3")
            .arg(ScimPatch::objectPath(change), url, QString::fromUtf8(body.toJson(QJsonDocument::Indented)).trimmed());
    // The body names members by id only: say who they are, so the reviewer checks the person, not a number.
    const bool memberOp = change.op == ChangeOp::RemoveMember || change.op == ChangeOp::AddMember;
    if (!change.objectName.isEmpty())
        text += QStringLiteral("\n\n") + tr("%1 is %2.").arg(ScimPatch::objectPath(change), change.objectName);
    if (memberOp && !change.memberName.isEmpty())
        text += QLatin1Char('\n') + tr("Member %1 is %2.").arg(change.value, change.memberName);
    return text;
}

} // namespace scimitar::gui
