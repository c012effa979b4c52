#pragma once

#include "model/Principals.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace scimitar {

// What one access change does. Every op is one SCIM PATCH on one object (docs/remediation.md).
enum class ChangeOp
{
    RemoveRole,
    AddRole,
    RemoveEntitlement,
    AddEntitlement,
    RemoveMember, // on the group
    AddMember,    // on the group
    Deactivate,   // users only
    Reactivate,   // users only
};

// "remove-role", "add-role", "remove-entitlement", "add-entitlement", "remove-member", "add-member", "deactivate",
// "reactivate": the journal's and the CLI's names.
QString changeOpName(ChangeOp op);
bool changeOpFromName(const QString& name, ChangeOp* op);
QList<ChangeOp> allChangeOps();

// One change to send: what, on which SCIM object, with the names a person needs to read it. Plain data; the
// PATCH body comes from ScimPatch, the words from describe().
struct Change
{
    ChangeOp op = ChangeOp::RemoveRole;
    PrincipalKind objectKind = PrincipalKind::User; // the object the PATCH goes to (a group for member ops)
    QString objectId;
    QString objectName; // userName, group displayName or service principal display name
    // Role or entitlement value; for member ops the member's id. Empty for (de|re)activate.
    QString value;
    QString memberName; // member ops: the member's userName / display name
    PrincipalKind memberKind = PrincipalKind::User;

    // The principal whose access changes: the member for member ops, else the object itself.
    QString principalId() const;
    QString principalName() const;
    PrincipalKind principalKind() const;

    // What a reviewer reads: "Remove role arn:… from ana@acme.example", "Remove ana@acme.example from group
    // pii-analysts", "Deactivate ana@acme.example".
    QString describe() const;
    // The same with every name and value in quotes, for a question the operator answers: a name with trailing
    // spaces, or one made to read like part of the sentence ("x from group admins"), cannot pass for another.
    QString describeQuoted() const;
    // The change that undoes this one (remove role ↔ add role, deactivate ↔ reactivate, …). Every op has one.
    Change inverse() const;
    // Whether the change takes access away (what the guards are about).
    bool revokesAccess() const;

    bool operator==(const Change& other) const = default;
};

} // namespace scimitar

Q_DECLARE_METATYPE(scimitar::Change)
