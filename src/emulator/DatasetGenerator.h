#pragma once

#include "Dataset.h"

#include <QHash>
#include <QSet>

namespace scimitar::emulator {

// Builds realistic synthetic workspaces: people with plausible names, team groups with nesting,
// instance-profile roles, entitlements and service principals, plus the identity provider they
// come from (see generateIdp()). Uses its own PRNG (splitmix64)
// rather than <random> distributions, whose output may differ between standard libraries, so a
// seed gives the same workspace everywhere.
class DatasetGenerator
{
public:
    explicit DatasetGenerator(quint32 seed);

    Dataset generate(int users, int groups);
    // Appends `count` users to an existing dataset (no group memberships); returns their ids.
    QStringList appendUsers(Dataset& dataset, int count);

private:
    quint64 next();
    int below(int bound); // uniform in [0, bound), bound > 0
    bool chance(double probability);
    QString newId();
    QString uuid();
    QJsonObject makeUser();
    QString uniqueGroupName(const QString& base);
    QString oktaId(const char* prefix); // "00u…" / "00g…": 20 characters, like Okta's
    // The IdP side, drawn after the whole Databricks side so that adding it left every existing
    // seed's workspace unchanged: most groups mirrored as dbx-<name>, memberships mostly matching,
    // with the drift real tenants show (see docs/emulator.md).
    void generateIdp(Dataset& dataset);

    quint64 m_state;
    QSet<QString> m_takenIds;
    QSet<QString> m_takenUserNames;
    QHash<QString, int> m_nameCounters; // next suffix to try per "first.last"
    QSet<QString> m_takenGroupNames;
};

} // namespace scimitar::emulator
