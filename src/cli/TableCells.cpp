#include "TableCells.h"

#include <QStringList>

namespace scimitar::cli {

namespace {

QString marked(const QString& name, bool direct)
{
    return direct ? name : name + QLatin1Char('*');
}

} // namespace

QString TableCells::groups(const DirectorySnapshot& snapshot, const QList<EffectiveGroup>& groups)
{
    QStringList names;
    for (const EffectiveGroup& membership : groups)
        names.append(marked(snapshot.groupName(membership.groupId), membership.direct));
    return names.join(QStringLiteral(", "));
}

QString TableCells::grants(const QList<EffectiveGrant>& grants)
{
    // A value held several ways appears once: the table answers "what", JSON/CSV answer "how".
    QStringList direct;
    QStringList inherited;
    for (const EffectiveGrant& grant : grants)
        (grant.direct ? direct : inherited).append(shortRole(grant.value));
    QStringList names;
    for (const QString& value : std::as_const(direct))
        if (!names.contains(value))
            names.append(value);
    for (const QString& value : std::as_const(inherited))
        if (!direct.contains(value) && !names.contains(marked(value, false)))
            names.append(marked(value, false));
    return names.join(QStringLiteral(", "));
}

QString TableCells::shortRole(const QString& value)
{
    if (!value.startsWith(QLatin1String("arn:")))
        return value;
    const QString resource = value.section(QLatin1Char(':'), 5);
    return resource.isEmpty() ? value : resource;
}

QString TableCells::yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

} // namespace scimitar::cli
