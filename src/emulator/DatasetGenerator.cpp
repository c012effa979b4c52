#include "DatasetGenerator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace scimitar::emulator {

namespace {

// A few names carry accents or apostrophes on purpose: userNames are folded to ASCII, while
// displayNames keep the original, as IdPs do.
const char* const kFirstNames[] = {
    "Ana",   "Ben",    "Carla",  "David",  "Elena",  "Farid",  "Grace",   "Hiro",    "Isabel", "Jamal",
    "Kara",  "Liam",   "Maya",   "Noah",   "Olivia", "Pavel",  "Quinn",   "Rosa",    "Sam",    "Tara",
    "Umar",  "Vera",   "Wei",    "Ximena", "Yusuf",  "Zoe",    "Aisha",   "Bruno",   "Chloé",  "Diego",
    "Emma",  "Felix",  "Gita",   "Hannah", "Ivan",   "José",   "Keiko",   "Lucas",   "Mei",    "Nadia",
    "Oscar", "Priya",  "Rafael", "Sofia",  "Tomas",  "Uma",    "Victor",  "Wanda",   "Yara",   "Zane",
    "Amir",  "Bianca", "Connor", "Daria",  "Ethan",  "Fatima", "Gabriel", "Helena",  "Imran",  "Julia",
    "Kofi",  "Leila",  "Marco",  "Nina",   "Owen",   "Paula",  "Ravi",    "Siobhán", "Theo",   "Valeria",
};
const char* const kLastNames[] = {
    "Lee",      "Smith",    "Garcia",    "Nguyen",   "Patel",    "Kim",     "Müller", "Rossi",    "Silva",
    "Johnson",  "Brown",    "Khan",      "Chen",     "Ivanova",  "Okafor",  "Martin", "Lopez",    "Wilson",
    "Anderson", "Taylor",   "Thomas",    "Moore",    "Jackson",  "White",   "Harris", "Clark",    "Lewis",
    "Walker",   "Hall",     "Young",     "Allen",    "King",     "Wright",  "Scott",  "Green",    "Baker",
    "Adams",    "Nelson",   "Hill",      "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
    "Turner",   "Torres",   "Parker",    "Collins",  "Edwards",  "Stewart", "Flores", "Morris",   "Núñez",
    "Murphy",   "Cook",     "Rogers",    "Morgan",   "Peterson", "Cooper",  "Reed",   "Bailey",   "O'Brien",
    "Kowalski", "Yamamoto", "Andersson", "Haddad",   "Mensah",   "Fischer", "Dubois", "Novak",    "Schmidt",
};
const char* const kTeams[] = {
    "data-eng",
    "pii-analysts",
    "finance",
    "ml-platform",
    "analytics",
    "bi-reporting",
    "security",
    "platform-ops",
    "marketing-analytics",
    "sales-ops",
    "hr-data",
    "legal",
    "risk",
    "fraud-detection",
    "data-science",
    "product-analytics",
    "customer-360",
    "supply-chain",
    "growth",
    "research",
    "data-governance",
    "mlops",
    "clinical-data",
    "payments",
    "recommendations",
    "search-relevance",
    "forecasting",
    "pricing",
    "compliance",
    "streaming",
};
const char* const kTeamSuffixes[] = {
    "", "readers", "writers", "admins", "emea", "us", "apac", "prod", "dev", "oncall", "leads", "contractors",
};
const char* const kInstanceProfiles[] = {
    "pii-read",       "finance-read", "etl-write",     "ml-training", "s3-raw-read", "s3-curated-write",
    "analytics-read", "audit-logs",   "feature-store", "exports",     "sandbox",     "clinical-read",
};
const char* const kEntitlements[] = {
    "workspace-access",
    "databricks-sql-access",
    "allow-cluster-create",
    "allow-instance-pool-create",
};

template <typename T, std::size_t N> constexpr int length(const T (&)[N])
{
    return int(N);
}

QString arn(const char* profile)
{
    return QStringLiteral("arn:aws:iam::123456789012:instance-profile/") + QLatin1String(profile);
}

QJsonArray valueList(const QStringList& values)
{
    QJsonArray array;
    for (const QString& value : values)
        array.append(QJsonObject{{QStringLiteral("value"), value}});
    return array;
}

// "Siobhán O'Brien" -> "siobhan", "o'brien": decompose, then keep ASCII letters, digits, ' and -.
QString foldForUserName(const QString& name)
{
    QString folded;
    for (QChar c : name.normalized(QString::NormalizationForm_D).toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'\'' || c == u'-')
            folded.append(c);
    }
    return folded;
}

} // namespace

DatasetGenerator::DatasetGenerator(quint32 seed)
    : m_state(0x5C1A1A7A00000000ull ^ seed)
{
}

quint64 DatasetGenerator::next()
{
    quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int DatasetGenerator::below(int bound)
{
    return int(next() % quint64(bound));
}

bool DatasetGenerator::chance(double probability)
{
    return double(next() >> 11) * 0x1.0p-53 < probability;
}

QString DatasetGenerator::newId()
{
    // Databricks ids are 16-digit decimal strings with no visible order.
    for (;;) {
        const QString id = QString::number(1000000000000000ull + next() % 9000000000000000ull);
        if (!m_takenIds.contains(id)) {
            m_takenIds.insert(id);
            return id;
        }
    }
}

QString DatasetGenerator::uuid()
{
    const quint64 high = (next() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull; // version 4
    const quint64 low = (next() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
    const QString hex = QStringLiteral("%1%2").arg(high, 16, 16, QLatin1Char('0')).arg(low, 16, 16, QLatin1Char('0'));
    return QStringLiteral("%1-%2-%3-%4-%5")
        .arg(hex.mid(0, 8), hex.mid(8, 4), hex.mid(12, 4), hex.mid(16, 4), hex.mid(20, 12));
}

QJsonObject DatasetGenerator::makeUser()
{
    const QString first = QString::fromUtf8(kFirstNames[below(length(kFirstNames))]);
    const QString last = QString::fromUtf8(kLastNames[below(length(kLastNames))]);
    const QString base = foldForUserName(first) + QLatin1Char('.') + foldForUserName(last);
    // The first ana.lee gets no number, later ones ana.lee2, ana.lee3, ... as mail systems do.
    int& counter = m_nameCounters[base];
    QString userName;
    do {
        ++counter;
        userName = base + (counter > 1 ? QString::number(counter) : QString()) + QStringLiteral("@example.com");
    } while (m_takenUserNames.contains(userName));
    m_takenUserNames.insert(userName);

    QJsonObject user{
        {QStringLiteral("id"), newId()},
        {QStringLiteral("userName"), userName},
        {QStringLiteral("displayName"), first + QLatin1Char(' ') + last},
        {QStringLiteral("active"), !chance(0.03)},
        {QStringLiteral("emails"), QJsonArray{QJsonObject{{QStringLiteral("value"), userName},
                                                          {QStringLiteral("primary"), true},
                                                          {QStringLiteral("type"), QStringLiteral("work")}}}},
        {QStringLiteral("name"),
         QJsonObject{{QStringLiteral("givenName"), first}, {QStringLiteral("familyName"), last}}},
    };
    if (chance(0.8)) // most users come from an IdP and carry its object id
        user.insert(QStringLiteral("externalId"), uuid());
    if (chance(0.02))
        user.insert(QStringLiteral("roles"), valueList({arn(kInstanceProfiles[below(length(kInstanceProfiles))])}));
    if (chance(0.06))
        user.insert(QStringLiteral("entitlements"), valueList({QString::fromLatin1(kEntitlements[2 + below(2)])}));
    return user;
}

QString DatasetGenerator::uniqueGroupName(const QString& base)
{
    QString name = base;
    for (int n = 2; m_takenGroupNames.contains(name); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    m_takenGroupNames.insert(name);
    return name;
}

Dataset DatasetGenerator::generate(int userCount, int groupCount)
{
    userCount = std::max(0, userCount);
    groupCount = std::max(0, groupCount);

    QList<QJsonObject> users;
    users.reserve(userCount);
    for (int i = 0; i < userCount; ++i)
        users.append(makeUser());
    if (!users.isEmpty()) // the token owner is an active admin
        users.first().insert(QStringLiteral("active"), true);

    // Groups 0 and 1 are Databricks' built-in workspace groups; a few more are workspace-local
    // leftovers; the rest are account groups, half of them synced from an IdP.
    QList<QJsonObject> groups;
    QList<QStringList> members(groupCount);
    groups.reserve(groupCount);
    const int workspaceLocal = groupCount >= 5 ? std::max(1, groupCount / 40) : 0;
    for (int i = 0; i < groupCount; ++i) {
        QString name;
        bool local = false;
        if (i == 0) {
            name = uniqueGroupName(QStringLiteral("admins"));
            local = true;
        } else if (i == 1) {
            name = uniqueGroupName(QStringLiteral("users"));
            local = true;
        } else {
            const QString team = QString::fromLatin1(kTeams[below(length(kTeams))]);
            const QString suffix = QString::fromLatin1(kTeamSuffixes[below(length(kTeamSuffixes))]);
            local = i < 2 + workspaceLocal;
            name = uniqueGroupName((local ? QStringLiteral("legacy-") : QString()) + team +
                                   (suffix.isEmpty() ? QString() : QLatin1Char('-') + suffix));
        }
        QJsonObject group{
            {QStringLiteral("id"), newId()},
            {QStringLiteral("displayName"), name},
            {QStringLiteral("meta"), QJsonObject{{QStringLiteral("resourceType"),
                                                  local ? QStringLiteral("WorkspaceGroup") : QStringLiteral("Group")}}},
        };
        if (!local && chance(0.5))
            group.insert(QStringLiteral("externalId"), uuid());
        if (i >= 2 && chance(0.08))
            group.insert(QStringLiteral("roles"),
                         valueList({arn(kInstanceProfiles[below(length(kInstanceProfiles))])}));
        if (i == 0) {
            group.insert(QStringLiteral("entitlements"), valueList({QStringLiteral("allow-cluster-create"),
                                                                    QStringLiteral("allow-instance-pool-create")}));
        } else if (i == 1) {
            group.insert(QStringLiteral("entitlements"),
                         valueList({QStringLiteral("workspace-access"), QStringLiteral("databricks-sql-access")}));
        } else if (chance(0.3)) {
            QStringList granted{QString::fromLatin1(kEntitlements[1 + below(3)])};
            if (chance(0.3) && !granted.contains(QLatin1String(kEntitlements[3])))
                granted.append(QString::fromLatin1(kEntitlements[3]));
            group.insert(QStringLiteral("entitlements"), valueList(granted));
        }
        groups.append(group);
    }

    // Memberships. Team groups are picked with a skew towards low indexes so that sizes vary the
    // way real workspaces do (a few huge groups, a long tail of small ones).
    const int firstTeam = std::min(groupCount, 2);
    const int teamCount = groupCount - firstTeam;
    auto pickTeam = [&]() {
        const double u = double(next() >> 11) * 0x1.0p-53;
        return firstTeam + std::min(teamCount - 1, int(u * u * teamCount));
    };
    for (int u = 0; u < users.size(); ++u) {
        const QString userId = users.at(u).value(QStringLiteral("id")).toString();
        if (groupCount > 1)
            members[1].append(userId);
        if (groupCount > 0 && (u == 0 || (u < 400 && chance(0.02))))
            members[0].append(userId);
        if (teamCount > 0) {
            const int wanted = std::min(teamCount, 1 + below(6));
            QList<int> chosen;
            for (int attempt = 0; chosen.size() < wanted && attempt < wanted * 4; ++attempt) {
                const int g = pickTeam();
                if (!chosen.contains(g))
                    chosen.append(g);
            }
            for (int g : chosen)
                members[g].append(userId);
        }
    }

    // Nested groups: disjoint chains of 2..4 levels, always from a lower to a higher index, so the
    // generated graph has no cycles and no group is more than 4 deep.
    QSet<int> nested;
    const int wantedEdges = int(std::lround(teamCount * 0.10));
    int edges = 0;
    for (int attempt = 0; edges < wantedEdges && attempt < wantedEdges * 10; ++attempt) {
        int current = firstTeam + below(teamCount);
        if (nested.contains(current))
            continue;
        const int chainLength = 1 + below(3);
        for (int step = 0; step < chainLength && edges < wantedEdges; ++step) {
            const int room = groupCount - current - 1;
            if (room <= 0)
                break;
            const int child = current + 1 + below(std::min(room, 50));
            if (nested.contains(child))
                break;
            nested.insert(current);
            nested.insert(child);
            members[current].append(groups.at(child).value(QStringLiteral("id")).toString());
            ++edges;
            current = child;
        }
    }

    // Service principals for jobs and integrations, each in one or two team groups.
    const int spCount = std::max(3, userCount / 200);
    QList<QJsonObject> principals;
    for (int i = 0; i < spCount; ++i) {
        const QString team = QString::fromLatin1(kTeams[below(length(kTeams))]);
        static const char* const kKinds[] = {"etl", "ingest", "dbt", "airflow", "reporting", "ml-serving"};
        QJsonObject sp{
            {QStringLiteral("id"), newId()},
            {QStringLiteral("applicationId"), uuid()},
            {QStringLiteral("displayName"),
             QStringLiteral("%1-%2-%3").arg(QLatin1String(kKinds[below(length(kKinds))]), team).arg(i + 1)},
            {QStringLiteral("active"), !chance(0.05)},
        };
        if (chance(0.3))
            sp.insert(QStringLiteral("roles"), valueList({arn(chance(0.5) ? "etl-write" : "s3-raw-read")}));
        if (chance(0.5))
            sp.insert(QStringLiteral("entitlements"), valueList({QStringLiteral("workspace-access")}));
        if (teamCount > 0) {
            const int first = pickTeam();
            members[first].append(sp.value(QStringLiteral("id")).toString());
            const int second = pickTeam();
            if (chance(0.4) && second != first)
                members[second].append(sp.value(QStringLiteral("id")).toString());
        }
        principals.append(sp);
    }

    Dataset dataset;
    for (const QJsonObject& user : std::as_const(users))
        dataset.upsert(ResourceKind::User, user);
    for (int g = 0; g < groupCount; ++g) {
        QJsonObject group = groups.at(g);
        group.insert(QStringLiteral("members"), valueList(members.at(g)));
        dataset.upsert(ResourceKind::Group, group);
    }
    for (const QJsonObject& sp : std::as_const(principals))
        dataset.upsert(ResourceKind::ServicePrincipal, sp);
    if (!users.isEmpty())
        dataset.setMe(users.first().value(QStringLiteral("userName")).toString());
    generateIdp(dataset);
    return dataset;
}

QString DatasetGenerator::oktaId(const char* prefix)
{
    static const char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (;;) {
        QString id = QLatin1String(prefix);
        while (id.size() < 20)
            id.append(QLatin1Char(kAlphabet[below(int(sizeof(kAlphabet) - 1))]));
        if (!m_takenIds.contains(id)) {
            m_takenIds.insert(id);
            return id;
        }
    }
}

void DatasetGenerator::generateIdp(Dataset& dataset)
{
    IdpDataset idp;
    QHash<QString, QString> idpUserOf; // Databricks user id -> IdP user id
    const QStringList& userIds = dataset.ids(ResourceKind::User);
    for (qsizetype i = 0; i < userIds.size(); ++i) {
        const QJsonObject user = dataset.resource(ResourceKind::User, userIds.at(i));
        const bool active = user.value(QStringLiteral("active")).toBool(true);
        const double roll = double(next() >> 11) * 0x1.0p-53;
        QString status = QStringLiteral("ACTIVE");
        if (i == 0) {
            // The token owner is a current admin.
        } else if (active) {
            if (roll < 0.03)
                continue; // a Databricks user the IdP does not know (added by hand, a contractor)
            if (roll < 0.05)
                status = QStringLiteral("DEPROVISIONED"); // left, still active in Databricks
            else if (roll < 0.06)
                status = QStringLiteral("SUSPENDED");
            else if (roll < 0.07)
                status = QStringLiteral("LOCKED_OUT");
            else if (roll < 0.08)
                status = QStringLiteral("PASSWORD_EXPIRED");
            else if (roll < 0.085)
                status = QStringLiteral("RECOVERY");
        } else {
            if (roll < 0.25)
                continue;
            status = roll < 0.3 ? QStringLiteral("SUSPENDED") : QStringLiteral("DEPROVISIONED");
        }
        IdpDataset::User idpUser;
        idpUser.id = oktaId("00u");
        const QString userName = user.value(QStringLiteral("userName")).toString();
        idpUser.login = userName;
        // Some IdPs keep the login as typed; matching must fold case.
        if (chance(0.02))
            idpUser.login = userName.left(1).toUpper() + userName.mid(1);
        idpUser.email = userName;
        const QJsonObject name = user.value(QStringLiteral("name")).toObject();
        idpUser.firstName = name.value(QStringLiteral("givenName")).toString();
        idpUser.lastName = name.value(QStringLiteral("familyName")).toString();
        idpUser.displayName = user.value(QStringLiteral("displayName")).toString();
        idpUser.status = status;
        idpUserOf.insert(userIds.at(i), idpUser.id);
        idp.upsertUser(idpUser);
    }

    // People the IdP has but Databricks does not (yet): new joiners, never-activated accounts.
    QStringList idpOnly;
    const int newcomers = userIds.isEmpty() ? 0 : std::max(1, int(userIds.size() * 3 / 100));
    for (int i = 0; i < newcomers; ++i) {
        const QJsonObject person = makeUser();
        IdpDataset::User idpUser;
        idpUser.id = oktaId("00u");
        idpUser.login = person.value(QStringLiteral("userName")).toString();
        idpUser.email = idpUser.login;
        const QJsonObject name = person.value(QStringLiteral("name")).toObject();
        idpUser.firstName = name.value(QStringLiteral("givenName")).toString();
        idpUser.lastName = name.value(QStringLiteral("familyName")).toString();
        idpUser.displayName = person.value(QStringLiteral("displayName")).toString();
        const double roll = double(next() >> 11) * 0x1.0p-53;
        idpUser.status = roll < 0.8   ? QStringLiteral("ACTIVE")
                         : roll < 0.9 ? QStringLiteral("STAGED")
                                      : QStringLiteral("PROVISIONED");
        idpOnly.append(idpUser.id);
        idp.upsertUser(idpUser);
    }

    // Account groups are mirrored as dbx-<name>; built-in and workspace-local groups are not.
    QHash<QString, QString> idpGroupOf; // Databricks group id -> IdP group id
    QList<IdpDataset::Group> groups;
    QStringList mirroredFrom; // mirroredFrom[i] is the Databricks group groups[i] mirrors
    for (const QString& groupId : dataset.ids(ResourceKind::Group)) {
        const QJsonObject group = dataset.resource(ResourceKind::Group, groupId);
        const QString resourceType =
            group.value(QStringLiteral("meta")).toObject().value(QStringLiteral("resourceType")).toString();
        if (resourceType == QLatin1String("WorkspaceGroup") || !chance(0.85))
            continue;
        IdpDataset::Group idpGroup;
        idpGroup.id = oktaId("00g");
        const QString name = group.value(QStringLiteral("displayName")).toString();
        idpGroup.name = QStringLiteral("dbx-") + name;
        idpGroup.description = QStringLiteral("Grants membership of the Databricks group %1").arg(name);
        for (const QJsonValue& member : group.value(QStringLiteral("members")).toArray()) {
            const QString idpUser = idpUserOf.value(member.toObject().value(QStringLiteral("value")).toString());
            // ~4% of Databricks members were removed in the IdP without reaching Databricks.
            if (!idpUser.isEmpty() && chance(0.96))
                idpGroup.members.append(idpUser);
            // ~3% more were added in the IdP and are not yet in the Databricks group.
            if (chance(0.03) && !idp.users().isEmpty()) {
                const QString extra = idp.users().at(below(int(idp.users().size()))).id;
                if (!idpGroup.members.contains(extra))
                    idpGroup.members.append(extra);
            }
        }
        if (!idpOnly.isEmpty() && chance(0.3)) {
            const QString newcomer = idpOnly.at(below(int(idpOnly.size())));
            if (!idpGroup.members.contains(newcomer))
                idpGroup.members.append(newcomer);
        }
        idpGroupOf.insert(groupId, idpGroup.id);
        groups.append(idpGroup);
        mirroredFrom.append(groupId);
    }
    // Nesting mirrors Databricks' where both ends are mirrored (Graph expands it, Okta ignores it).
    for (qsizetype g = 0; g < groups.size(); ++g) {
        IdpDataset::Group& idpGroup = groups[g];
        const QString& groupId = mirroredFrom.at(g);
        for (const QJsonValue& member :
             dataset.resource(ResourceKind::Group, groupId).value(QStringLiteral("members")).toArray()) {
            const QString nested = idpGroupOf.value(member.toObject().value(QStringLiteral("value")).toString());
            if (!nested.isEmpty() && chance(0.9))
                idpGroup.groups.append(nested);
        }
        idp.upsertGroup(idpGroup);
    }
    dataset.setIdp(std::move(idp));
}

QStringList DatasetGenerator::appendUsers(Dataset& dataset, int count)
{
    for (ResourceKind kind : {ResourceKind::User, ResourceKind::Group, ResourceKind::ServicePrincipal}) {
        for (const QString& id : dataset.ids(kind))
            m_takenIds.insert(id);
    }
    for (const QString& id : dataset.ids(ResourceKind::User))
        m_takenUserNames.insert(dataset.resource(ResourceKind::User, id).value(QStringLiteral("userName")).toString());

    QStringList added;
    for (int i = 0; i < count; ++i) {
        const QJsonObject user = makeUser();
        dataset.upsert(ResourceKind::User, user);
        added.append(user.value(QStringLiteral("id")).toString());
    }
    return added;
}

} // namespace scimitar::emulator
