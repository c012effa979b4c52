#include "idp/FileIdpSource.h"

#include "policy/JsonCheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QStringDecoder>
#include <algorithm>
#include <functional>
#include <utility>

namespace scimitar {

namespace {

QString statusNames()
{
    return QStringLiteral("active, deprovisioned, suspended, disabled");
}

// Collects people and group memberships from either format and refuses contradictions: one person with two
// statuses in one file is a broken export, and guessing which one is right would decide someone's access.
class Directory
{
public:
    struct Attribute
    {
        QString value; // empty: not given
        QString where; // "line 3, column 20" or "groups[0].members[2].status", for messages
    };

    // Returns an error message (without origin) or an empty string.
    QString add(const QString& group, const QString& login, const Attribute& status, const Attribute& email,
                const Attribute& displayName)
    {
        const QString key = login.toLower();
        auto it = m_people.find(key);
        if (it == m_people.end()) {
            it = m_people.insert(key, Person{});
            it->user.login = login;
            m_order.append(key);
        }
        Person& person = *it;
        if (!status.value.isEmpty()) {
            IdpUserStatus parsed;
            if (!idpUserStatusFromName(status.value, &parsed))
                return QStringLiteral("%1: status \"%2\" is not one of %3")
                    .arg(status.where, status.value, statusNames());
            if (const QString conflict = merge(person.status, status, login, QStringLiteral("status"));
                !conflict.isEmpty())
                return conflict;
            person.user.status = parsed;
            person.user.rawStatus = status.value;
        }
        if (const QString conflict = merge(person.email, email, login, QStringLiteral("email")); !conflict.isEmpty())
            return conflict;
        if (const QString conflict = merge(person.displayName, displayName, login, QStringLiteral("displayName"));
            !conflict.isEmpty())
            return conflict;
        if (!email.value.isEmpty())
            person.user.email = email.value;
        if (!displayName.value.isEmpty())
            person.user.displayName = displayName.value;

        if (group.isEmpty())
            return {};
        const QString groupKey = group.toLower();
        auto git = m_groups.find(groupKey);
        if (git == m_groups.end()) {
            git = m_groups.insert(groupKey, GroupEntry{group, {}});
            m_groupOrder.append(groupKey);
        }
        if (!git->memberKeys.contains(key))
            git->memberKeys.append(key);
        return {};
    }

    void addEmptyGroup(const QString& group)
    {
        const QString groupKey = group.toLower();
        if (!m_groups.contains(groupKey)) {
            m_groups.insert(groupKey, GroupEntry{group, {}});
            m_groupOrder.append(groupKey);
        }
    }

    bool hasGroup(const QString& group) const { return m_groups.contains(group.toLower()); }

    FileIdpSource::Contents contents() const
    {
        FileIdpSource::Contents result;
        for (const QString& key : m_order)
            result.people.append(m_people.value(key).user);
        for (const QString& groupKey : m_groupOrder) {
            const GroupEntry& entry = m_groups[groupKey];
            IdpGroup group;
            group.name = entry.name;
            for (const QString& key : entry.memberKeys)
                group.members.append(m_people.value(key).user);
            result.groups.append(group);
        }
        return result;
    }

private:
    struct Person
    {
        IdpUser user;
        Attribute status;
        Attribute email;
        Attribute displayName;
    };
    struct GroupEntry
    {
        QString name;
        QStringList memberKeys;
    };

    static QString merge(Attribute& known, const Attribute& given, const QString& login, const QString& what)
    {
        if (given.value.isEmpty())
            return {};
        if (known.value.isEmpty()) {
            known = given;
            return {};
        }
        if (known.value.compare(given.value, Qt::CaseInsensitive) == 0)
            return {};
        return QStringLiteral("%1: %2 has %3 \"%4\" here but \"%5\" at %6")
            .arg(given.where, login, what, given.value, known.value, known.where);
    }

    QHash<QString, Person> m_people;
    QStringList m_order;
    QHash<QString, GroupEntry> m_groups;
    QStringList m_groupOrder;
};

struct CsvField
{
    QString text;
    int line = 0;
    int column = 0;
};

struct CsvRecord
{
    int line = 0;
    QList<CsvField> fields;
};

// RFC 4180 with the leniencies real exports need: LF or CRLF line ends, a UTF-8 byte-order mark, blank lines.
// Not lenient about quotes: a stray quote usually means a broken export, and a silently mis-split row would
// move someone into the wrong group.
bool tokenize(const QString& text, QList<CsvRecord>* records, QString* error)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    int line = 1;
    int column = 1;
    auto advance = [&](qsizetype count = 1) {
        for (qsizetype k = 0; k < count && i < n; ++k, ++i) {
            if (text[i] == QLatin1Char('\n')) {
                ++line;
                column = 1;
            } else if (text[i] != QLatin1Char('\r')) {
                ++column;
            }
        }
    };
    auto at = [&](qsizetype index) { return index < n ? text[index] : QChar(); };

    while (i < n) {
        CsvRecord record;
        record.line = line;
        while (true) {
            CsvField field;
            field.line = line;
            field.column = column;
            if (at(i) == QLatin1Char('"')) {
                advance();
                bool closed = false;
                while (i < n) {
                    if (text[i] == QLatin1Char('"')) {
                        if (at(i + 1) == QLatin1Char('"')) {
                            field.text += QLatin1Char('"');
                            advance(2);
                            continue;
                        }
                        advance();
                        closed = true;
                        break;
                    }
                    if (text[i] == QLatin1Char('\r') && at(i + 1) == QLatin1Char('\n')) {
                        field.text += QLatin1Char('\n'); // a line break inside a cell, normalised
                        advance(2);
                        continue;
                    }
                    field.text += text[i];
                    advance();
                }
                if (!closed) {
                    *error = QStringLiteral("line %1, column %2: the quoted field starting here never ends (a "
                                            "missing closing \")")
                                 .arg(field.line)
                                 .arg(field.column);
                    return false;
                }
                const QChar next = at(i);
                if (i < n && next != QLatin1Char(',') && next != QLatin1Char('\r') && next != QLatin1Char('\n')) {
                    *error = QStringLiteral("line %1, column %2: unexpected text after a closing quote; a quoted "
                                            "field must end at a comma or the end of the line")
                                 .arg(line)
                                 .arg(column);
                    return false;
                }
            } else {
                while (i < n && text[i] != QLatin1Char(',') && text[i] != QLatin1Char('\r') &&
                       text[i] != QLatin1Char('\n')) {
                    if (text[i] == QLatin1Char('"')) {
                        *error = QStringLiteral("line %1, column %2: a quote inside an unquoted field; quote the "
                                                "whole field and double the quote (\"\")")
                                     .arg(line)
                                     .arg(column);
                        return false;
                    }
                    field.text += text[i];
                    advance();
                }
            }
            record.fields.append(field);
            if (at(i) == QLatin1Char(',')) {
                advance();
                continue;
            }
            // End of record: CRLF, LF, a lone CR (old Mac exports), or the end of the text.
            if (at(i) == QLatin1Char('\r')) {
                const bool crlf = at(i + 1) == QLatin1Char('\n');
                advance(crlf ? 2 : 1);
                if (!crlf) {
                    ++line;
                    column = 1;
                }
            } else if (at(i) == QLatin1Char('\n')) {
                advance();
            }
            break;
        }
        const bool blank = record.fields.size() == 1 && record.fields.first().text.trimmed().isEmpty();
        if (!blank)
            records->append(record);
    }
    return true;
}

bool decodeUtf8(const QByteArray& data, QString* text, QString* error)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(data);
    if (decoder.hasError()) {
        *error = QStringLiteral("the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in spreadsheets)");
        return false;
    }
    if (decoded.startsWith(QChar(0xFEFF)))
        decoded.remove(0, 1);
    *text = decoded;
    return true;
}

QString withOrigin(const QString& origin, const QString& message)
{
    return QStringLiteral("%1, %2.").arg(origin, message);
}

} // namespace

FileIdpSource::FileIdpSource(const QString& path, QObject* parent)
    : IdpSource(parent)
    , m_path(QFileInfo(path).absoluteFilePath())
{
}

QString FileIdpSource::label() const
{
    return QStringLiteral("File (%1)").arg(QDir::toNativeSeparators(m_path));
}

std::optional<FileIdpSource::Contents> FileIdpSource::parseCsv(const QByteArray& data, const QString& origin,
                                                               QString* error)
{
    QString text;
    QString problem;
    QList<CsvRecord> records;
    if (!decodeUtf8(data, &text, &problem) || !tokenize(text, &records, &problem)) {
        *error = withOrigin(origin, problem);
        return std::nullopt;
    }
    if (records.isEmpty()) {
        *error = withOrigin(origin, QStringLiteral("the file is empty; it needs a header row such as group,user"));
        return std::nullopt;
    }

    const QStringList known{QStringLiteral("group"), QStringLiteral("user"), QStringLiteral("status"),
                            QStringLiteral("email"), QStringLiteral("displayName")};
    QHash<QString, int> columnOf; // known name -> field index
    const CsvRecord& header = records.first();
    for (int index = 0; index < header.fields.size(); ++index) {
        const CsvField& field = header.fields[index];
        const QString name = field.text.trimmed();
        QString canonical;
        for (const QString& candidate : known)
            if (candidate.compare(name, Qt::CaseInsensitive) == 0)
                canonical = candidate;
        const QString where = QStringLiteral("line %1, column %2").arg(field.line).arg(field.column);
        if (canonical.isEmpty()) {
            *error = withOrigin(origin, QStringLiteral("%1: unknown column \"%2\"; the columns are %3")
                                            .arg(where, name, known.join(QStringLiteral(", "))));
            return std::nullopt;
        }
        if (columnOf.contains(canonical)) {
            *error = withOrigin(origin, QStringLiteral("%1: the column %2 appears twice").arg(where, canonical));
            return std::nullopt;
        }
        columnOf.insert(canonical, index);
    }
    for (const QString& required : {QStringLiteral("group"), QStringLiteral("user")})
        if (!columnOf.contains(required)) {
            *error = withOrigin(origin, QStringLiteral("line %1: the header has no %2 column; it needs at least "
                                                       "group,user")
                                            .arg(header.line)
                                            .arg(required));
            return std::nullopt;
        }

    Directory directory;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        if (record.fields.size() != header.fields.size()) {
            *error = withOrigin(origin, QStringLiteral("line %1: %2 fields, but the header has %3")
                                            .arg(record.line)
                                            .arg(record.fields.size())
                                            .arg(header.fields.size()));
            return std::nullopt;
        }
        auto attribute = [&](const QString& name) -> Directory::Attribute {
            if (!columnOf.contains(name))
                return {};
            const CsvField& field = record.fields[columnOf.value(name)];
            return {field.text.trimmed(),
                    QStringLiteral("line %1, column %2 (%3)").arg(field.line).arg(field.column).arg(name)};
        };
        const Directory::Attribute user = attribute(QStringLiteral("user"));
        if (user.value.isEmpty()) {
            *error = withOrigin(origin, QStringLiteral("%1: the user is empty").arg(user.where));
            return std::nullopt;
        }
        const QString problemText =
            directory.add(attribute(QStringLiteral("group")).value, user.value, attribute(QStringLiteral("status")),
                          attribute(QStringLiteral("email")), attribute(QStringLiteral("displayName")));
        if (!problemText.isEmpty()) {
            *error = withOrigin(origin, problemText);
            return std::nullopt;
        }
    }
    return directory.contents();
}

std::optional<FileIdpSource::Contents> FileIdpSource::parseJson(const QByteArray& data, const QString& origin,
                                                                QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = withOrigin(origin, JsonCheck::syntaxError(data, parseError));
        return std::nullopt;
    }
    auto fail = [&](const QString& field, const QString& reason) {
        *error = QStringLiteral("%1: %2: %3.").arg(origin, field, reason);
        return std::nullopt;
    };
    if (!document.isObject())
        return fail(QStringLiteral("(top level)"), QStringLiteral("must be an object {\"groups\": [...]}"));
    const QJsonObject root = document.object();
    const QStringList rootKeys{QStringLiteral("groups"), QStringLiteral("users")};
    if (const QString unknown = JsonCheck::unknownKey(root, rootKeys); !unknown.isEmpty())
        return fail(unknown, JsonCheck::unknownKeyMessage(unknown, rootKeys));
    if (!root.value(QStringLiteral("groups")).isArray())
        return fail(QStringLiteral("groups"), QStringLiteral("must be an array of groups"));

    Directory directory;
    const QStringList personKeys{QStringLiteral("user"), QStringLiteral("email"), QStringLiteral("status"),
                                 QStringLiteral("displayName")};
    // Reads one person object; returns an error sentence without the origin, or empty.
    auto person = [&](const QJsonValue& value, const QString& field, const QString& group) -> QString {
        if (!value.isObject())
            return QStringLiteral("%1: must be an object such as {\"user\": \"ana@example.com\"}").arg(field);
        const QJsonObject object = value.toObject();
        if (const QString unknown = JsonCheck::unknownKey(object, personKeys); !unknown.isEmpty())
            return QStringLiteral("%1.%2: %3").arg(field, unknown, JsonCheck::unknownKeyMessage(unknown, personKeys));
        Directory::Attribute attributes[4];
        for (int k = 0; k < 4; ++k) {
            const QString& key = personKeys[k];
            const QJsonValue item = object.value(key);
            const QString where = field + QLatin1Char('.') + key;
            if (item.isUndefined())
                continue;
            if (!item.isString())
                return QStringLiteral("%1: must be a string").arg(where);
            attributes[k] = {item.toString().trimmed(), where};
        }
        if (attributes[0].value.isEmpty())
            return QStringLiteral("%1.user: is required (a non-empty login)").arg(field);
        return directory.add(group, attributes[0].value, attributes[2], attributes[1], attributes[3]);
    };

    const QJsonArray groups = root.value(QStringLiteral("groups")).toArray();
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const QString field = QStringLiteral("groups[%1]").arg(g);
        if (!groups[g].isObject())
            return fail(field, QStringLiteral("must be an object {\"name\": …, \"members\": [...]}"));
        const QJsonObject group = groups[g].toObject();
        const QStringList groupKeys{QStringLiteral("name"), QStringLiteral("members")};
        if (const QString unknown = JsonCheck::unknownKey(group, groupKeys); !unknown.isEmpty())
            return fail(field + QLatin1Char('.') + unknown, JsonCheck::unknownKeyMessage(unknown, groupKeys));
        const QJsonValue name = group.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty())
            return fail(field + QStringLiteral(".name"), QStringLiteral("must be a non-empty string"));
        const QString groupName = name.toString().trimmed();
        if (directory.hasGroup(groupName))
            return fail(field + QStringLiteral(".name"),
                        QStringLiteral("the group \"%1\" is listed twice").arg(groupName));
        const QJsonValue members = group.value(QStringLiteral("members"));
        if (!members.isArray())
            return fail(field + QStringLiteral(".members"), QStringLiteral("must be an array (it may be empty)"));
        directory.addEmptyGroup(groupName);
        const QJsonArray list = members.toArray();
        for (qsizetype m = 0; m < list.size(); ++m) {
            const QString problem = person(list[m], QStringLiteral("%1.members[%2]").arg(field).arg(m), groupName);
            if (!problem.isEmpty()) {
                *error = QStringLiteral("%1: %2.").arg(origin, problem);
                return std::nullopt;
            }
        }
    }
    if (root.contains(QStringLiteral("users"))) {
        if (!root.value(QStringLiteral("users")).isArray())
            return fail(QStringLiteral("users"), QStringLiteral("must be an array of people"));
        const QJsonArray users = root.value(QStringLiteral("users")).toArray();
        for (qsizetype u = 0; u < users.size(); ++u) {
            const QString problem = person(users[u], QStringLiteral("users[%1]").arg(u), QString());
            if (!problem.isEmpty()) {
                *error = QStringLiteral("%1: %2.").arg(origin, problem);
                return std::nullopt;
            }
        }
    }
    return directory.contents();
}

std::optional<FileIdpSource::Contents> FileIdpSource::parse(const QByteArray& data, const QString& fileName,
                                                            const QString& origin, QString* error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return parseJson(data, origin, error);
    if (suffix == QLatin1String("csv"))
        return parseCsv(data, origin, error);
    const QByteArray start = data.trimmed().left(1);
    return start == "{" ? parseJson(data, origin, error) : parseCsv(data, origin, error);
}

bool FileIdpSource::read(QString* error)
{
    m_contents.reset();
    const QFileInfo info(m_path);
    const QString shown = QDir::toNativeSeparators(m_path);
    QFile file(m_path);
    if (!info.exists()) {
        *error = QStringLiteral("Cannot read the IdP file %1: it does not exist.").arg(shown);
        return false;
    }
    if (info.isDir()) {
        *error = QStringLiteral("Cannot read the IdP file %1: it is a folder, not a file.").arg(shown);
        return false;
    }
    if (info.size() > kMaxFileSize) {
        *error =
            QStringLiteral("Cannot read the IdP file %1: at %2 bytes it is too large.").arg(shown).arg(info.size());
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the IdP file %1: %2.").arg(shown, file.errorString());
        return false;
    }
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("Cannot read the IdP file %1: %2.").arg(shown, file.errorString());
        return false;
    }
    m_contents = parse(data, m_path, label(), error);
    return m_contents.has_value();
}

void FileIdpSource::post(std::function<void()> answer)
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, answer = std::move(answer)] {
            if (generation == m_generation)
                answer();
        },
        Qt::QueuedConnection);
}

void FileIdpSource::loadGroups(const QStringList& names)
{
    QString error;
    if (!read(&error)) {
        post([this, error] { emit failed(error); });
        return;
    }
    QList<IdpGroup> found;
    QStringList missing;
    for (const QString& name : names) {
        const auto it = std::find_if(m_contents->groups.cbegin(), m_contents->groups.cend(),
                                     [&](const IdpGroup& g) { return g.name.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == m_contents->groups.cend())
            missing.append(name);
        else if (!std::any_of(found.cbegin(), found.cend(), [&](const IdpGroup& g) { return g.name == it->name; }))
            found.append(*it);
    }
    if (!missing.isEmpty()) {
        QStringList available;
        for (const IdpGroup& group : std::as_const(m_contents->groups))
            available.append(group.name);
        const QString listed = available.isEmpty()
                                   ? QStringLiteral("it lists no groups")
                                   : QStringLiteral("it lists %1")
                                         .arg(available.mid(0, 10).join(QStringLiteral(", ")) +
                                              (available.size() > 10 ? QStringLiteral(", …") : QString()));
        const QString message =
            QStringLiteral("%1 has no group %2; %3.").arg(label(), missing.join(QStringLiteral(", ")), listed);
        post([this, message] { emit failed(message); });
        return;
    }
    const int total = int(found.size());
    post([this, found, total] {
        emit progress(total, total, QStringLiteral("Read %1 group(s) from %2").arg(total).arg(label()));
        emit groupsLoaded(found);
    });
}

void FileIdpSource::lookupUsers(const QStringList& values, IdpLookupKey key)
{
    QString error;
    if (!m_contents && !read(&error)) {
        post([this, error] { emit failed(error); });
        return;
    }
    QList<IdpUser> found;
    QStringList notFound;
    for (const QString& value : values) {
        if (key == IdpLookupKey::Email) {
            // Emails need not be unique in a file either: everyone with this one is the answer.
            bool any = false;
            for (const IdpUser& person : std::as_const(m_contents->people)) {
                if (person.email.isEmpty() || person.email.compare(value, Qt::CaseInsensitive) != 0)
                    continue;
                any = true;
                if (!std::any_of(found.cbegin(), found.cend(),
                                 [&](const IdpUser& u) { return u.login == person.login; }))
                    found.append(person);
            }
            if (!any)
                notFound.append(value);
            continue;
        }
        const auto it =
            std::find_if(m_contents->people.cbegin(), m_contents->people.cend(), [&](const IdpUser& person) {
                return person.login.compare(value, Qt::CaseInsensitive) == 0 ||
                       (!person.email.isEmpty() && person.email.compare(value, Qt::CaseInsensitive) == 0);
            });
        if (it == m_contents->people.cend())
            notFound.append(value);
        else if (!std::any_of(found.cbegin(), found.cend(), [&](const IdpUser& u) { return u.login == it->login; }))
            found.append(*it);
    }
    post([this, found, notFound] {
        emit progress(int(found.size() + notFound.size()), int(found.size() + notFound.size()),
                      QStringLiteral("Looked up %1 user(s) in %2").arg(found.size() + notFound.size()).arg(label()));
        emit usersLookedUp(found, notFound);
    });
}

void FileIdpSource::cancel()
{
    ++m_generation;
}

} // namespace scimitar
