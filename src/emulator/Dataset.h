#pragma once

#include "IdpDataset.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace scimitar::emulator {

enum class ResourceKind
{
    User,
    Group,
    ServicePrincipal
};

// The identities an emulated workspace holds, as stored SCIM JSON objects keyed by id and kept in
// insertion order (paging must be stable). Only "stored" facts live here: direct members, direct
// roles and entitlements. Everything Databricks derives when serving (member display, $ref,
// transitive `groups`, inherited roles) is computed by ResourceRenderer, so state changes made by
// PATCH never leave a derived field stale.
//
// File format (Dataset::load / save):
//   {"me": "admin@example.com",            // userName that owns the token; GET /Me returns it
//    "users": [{"id": "1000000000000001", "userName": "...", "displayName": "...", "active": true,
//               "emails": [{"value": "...", "primary": true, "type": "work"}],
//               "name": {"givenName": "...", "familyName": "..."}, "externalId": "...",
//               "roles": [{"value": "arn:aws:iam::123456789012:instance-profile/x"}],
//               "entitlements": [{"value": "allow-cluster-create"}]}],
//    "groups": [{"id": "...", "displayName": "...", "externalId": "...",
//                "meta": {"resourceType": "WorkspaceGroup" | "Group"},
//                "members": [{"value": "<user, group or service principal id>"}],
//                "roles": [...], "entitlements": [...]}],
//    "servicePrincipals": [{"id": "...", "applicationId": "<uuid>", "displayName": "...",
//                           "active": true, "roles": [...], "entitlements": [...]}],
//    "idp": {"users": [...], "groups": [...]}}   // optional; the IdP side, see IdpDataset
//
// The IdP side is independent of the Databricks side on purpose: people are matched by login =
// userName only when a client compares them, so the two can drift apart as they do in real life.
//
// Not thread-safe: EmulatorServer serialises all access behind its mutex.
class Dataset
{
public:
    // A group a principal belongs to, directly or through nested groups.
    struct Membership
    {
        QString groupId;
        bool direct = false;
    };

    Dataset() = default;

    // Parses the file format above. On failure returns nullopt and sets *error to a message naming
    // the file (origin), the JSON error offset, or the resource that is wrong.
    static std::optional<Dataset> fromJson(const QByteArray& json, QString* error,
                                           const QString& origin = QStringLiteral("dataset"));
    static std::optional<Dataset> load(const QString& path, QString* error);
    QJsonObject toJson() const;
    bool save(const QString& path, QString* error) const;

    // A realistic, deterministic (per seed) workspace; see DatasetGenerator.
    static Dataset generate(int users, int groups, quint32 seed);
    // Appends `count` freshly generated users (unique ids and userNames); returns their ids.
    QStringList appendGeneratedUsers(int count, quint32 seed);

    QString me() const { return m_me; }
    void setMe(const QString& userName) { m_me = userName; }
    QString meId() const; // id of the user whose userName equals me (case-insensitive); empty if none

    const QStringList& ids(ResourceKind kind) const { return table(kind).order; }
    int count(ResourceKind kind) const { return int(table(kind).order.size()); }
    bool contains(ResourceKind kind, const QString& id) const { return table(kind).byId.contains(id); }
    QJsonObject resource(ResourceKind kind, const QString& id) const { return table(kind).byId.value(id); }
    std::optional<ResourceKind> kindOf(const QString& id) const;
    QString findUserByName(const QString& userName) const; // case-insensitive; returns the id

    // Appends a new resource or replaces the one with the same id (keeping its position).
    // Returns false when the object has no string id.
    bool upsert(ResourceKind kind, const QJsonObject& resource);
    // Removes the resource and every membership that points at it.
    bool remove(ResourceKind kind, const QString& id);

    // Groups that directly list `id` as a member.
    QStringList directParents(const QString& id) const;
    // Every group `id` belongs to, nearest first; cycle-safe (a group never contains itself here).
    QList<Membership> ancestors(const QString& id) const;
    // What Databricks shows as a member's `display`: displayName, else userName.
    QString displayOf(const QString& id) const;

    // Checks that every member value references an existing resource and that `me` exists.
    QString validateReferences() const;

    // The identity provider's people and groups, served as Okta and Microsoft Graph.
    const IdpDataset& idp() const { return m_idp; }
    IdpDataset& idp() { return m_idp; }
    void setIdp(IdpDataset idp) { m_idp = std::move(idp); }

private:
    struct Table
    {
        QStringList order;
        QHash<QString, QJsonObject> byId;
    };

    Table& table(ResourceKind kind) { return m_tables[int(kind)]; }
    const Table& table(ResourceKind kind) const { return m_tables[int(kind)]; }
    void ensureIndex() const;

    Table m_tables[3];
    QString m_me;
    IdpDataset m_idp;

    // Reverse membership index (member id -> groups listing it), rebuilt lazily after changes;
    // serving a user's `groups` would otherwise scan every group.
    mutable bool m_indexValid = false;
    mutable QHash<QString, QStringList> m_parents;
};

QString resourceKindName(ResourceKind kind); // "Users", "Groups", "ServicePrincipals"
QString datasetArrayName(ResourceKind kind); // "users", "groups", "servicePrincipals"

} // namespace scimitar::emulator
