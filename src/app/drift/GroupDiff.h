#pragma once

#include "drift/DriftReviewResult.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace scimitar::gui {

// A managed Databricks group next to the IdP groups that should fill it, person by person, aligned by the
// policy's match (userName or email, ignoring case): who is in both, who is extra (in Databricks only) and who is
// missing (in the IdP only). Computed from one finished review, so both sides are the same moment's picture.
struct GroupDiff
{
    enum class State
    {
        Both,
        Extra,   // in the Databricks group, in none of the IdP groups that grant it (or switched off in the IdP)
        Missing, // active in an IdP group that grants it, not in the Databricks group
    };
    struct Row
    {
        State state = State::Both;
        QString idpMember;        // login (or email when matching by email); empty for Extra
        QString idpStatus;        // "active", "deprovisioned", … as the IdP says; empty for Extra
        QString databricksMember; // userName; empty for Missing
        QString through;          // the nested groups an inherited member comes through; empty when direct
    };

    QString group;         // the Databricks group's name as the policy spells it
    QStringList idpGroups; // the IdP groups that grant it
    QList<Row> rows;       // sorted by person, case-insensitively
    int both = 0;
    int extra = 0;
    int missing = 0;

    // "42 in both · 3 extra · 2 missing"
    QString summary() const;

    // The diff for one managed group (a rule's databricksGroup). Members count as Databricks grants access:
    // directly or through nested groups. Only users are compared: service principals are not people the IdP knows.
    // A group the snapshot lacks gives an empty Databricks side.
    static GroupDiff compute(const DriftReviewResult& result, const QString& databricksGroup);
};

} // namespace scimitar::gui
