#include "GrantSummary.h"

#include "DisplayFormat.h"
#include "models/RoleNames.h"

#include <QStringList>

namespace scimitar::gui {

namespace {

// A tooltip taller than the screen helps nobody; the details pane has the full story.
constexpr int kMaxTooltipLines = 25;

} // namespace

GrantSummary GrantSummary::from(const DirectorySnapshot& snapshot, const QList<EffectiveGrant>& grants, bool shorten)
{
    GrantSummary summary;
    QStringList values;
    QStringList shown;
    QStringList lines;
    for (const EffectiveGrant& grant : grants) {
        if (!values.contains(grant.value)) {
            values.append(grant.value);
            shown.append(shorten ? RoleNames::shortName(grant.value) : grant.value);
        }
        if (lines.size() < kMaxTooltipLines) {
            QStringList names;
            for (const QString& groupId : grant.path)
                names.append(snapshot.groupName(groupId));
            lines.append(grant.direct ? QStringLiteral("%1 — directly").arg(grant.value)
                                      : QStringLiteral("%1 — through %2").arg(grant.value, DisplayFormat::path(names)));
        } else if (lines.size() == kMaxTooltipLines) {
            lines.append(QStringLiteral("… see the details pane for the rest"));
        }
    }
    summary.count = int(values.size());
    summary.text = shown.join(QStringLiteral(", "));
    summary.tooltip = lines.join(QLatin1Char('\n'));
    summary.search = summary.text + QLatin1Char(' ') + values.join(QLatin1Char(' '));
    return summary;
}

} // namespace scimitar::gui
