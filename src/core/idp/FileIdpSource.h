#pragma once

#include "idp/IdpSource.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace scimitar {

// An IdP kept in a file: an export from an IdP without an API Scimitar speaks, a fixture for a review rehearsal,
// or the test double of the drift pipeline. Two formats (docs/drift.md), chosen by extension (.csv, .json; other
// names by their first character):
//
//   CSV (RFC 4180, UTF-8, header row required, column names case-insensitive, any order):
//     group,user,status,email,displayName
//     dbx-pii-analysts,ana@acme.example,active,ana@acme.example,Ana
//     ,gone@acme.example,deprovisioned          <- empty group: a person the IdP knows who is in no group
//   `group` and `user` are required, the others optional; status is active | deprovisioned | suspended | disabled
//   (default active). A person on several rows must not contradict themselves (status, email, display name).
//
//   JSON:
//     {"groups": [{"name": "dbx-pii-analysts",
//                  "members": [{"user": "ana@acme.example", "email": "…", "status": "active", "displayName": "…"}]}],
//      "users": [{"user": "gone@acme.example", "status": "deprovisioned"}]}   <- optional: people in no group
//
// Errors name the file and, for CSV, the line and column ("File (/p/idp.csv), line 4, column 17: …"); JSON
// errors give line and column for syntax, and the field path (groups[1].members[0].status) for content.
//
// The file is read when loadGroups() is called (in the caller's thread) and kept for the lookups that follow;
// answers are delivered through queued calls, so they never arrive before the caller has returned.
class FileIdpSource : public IdpSource
{
    Q_OBJECT

public:
    struct Contents
    {
        QList<IdpGroup> groups; // in file order, names as first spelt
        QList<IdpUser> people;  // everyone in the file, in file order
    };

    explicit FileIdpSource(const QString& path, QObject* parent = nullptr);

    QString path() const { return m_path; }
    QString label() const override; // "File (/abs/path/idp.csv)"

    void loadGroups(const QStringList& names) override;
    void lookupUsers(const QStringList& values, IdpLookupKey key) override;
    void cancel() override;

    // The parsers, for tests and previews. `origin` starts every error message.
    static std::optional<Contents> parse(const QByteArray& data, const QString& fileName, const QString& origin,
                                         QString* error);
    static std::optional<Contents> parseCsv(const QByteArray& data, const QString& origin, QString* error);
    static std::optional<Contents> parseJson(const QByteArray& data, const QString& origin, QString* error);

    static constexpr qint64 kMaxFileSize = 256 * 1024 * 1024;

private:
    bool read(QString* error);
    // Runs `answer` from the event loop unless cancel() or a newer request came first.
    void post(std::function<void()> answer);

    QString m_path;
    std::optional<Contents> m_contents;
    quint64 m_generation = 0;
};

} // namespace scimitar
