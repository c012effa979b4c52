#include "RoleNames.h"

#include <QStringList>

namespace scimitar::gui {

namespace {

// arn:partition:service:region:account:resource — the resource may itself contain ':' and '/'.
QStringList arnFields(const QString& value)
{
    return value.split(QLatin1Char(':'));
}

QString arnResource(const QString& value)
{
    const QStringList fields = arnFields(value);
    if (fields.size() < 6)
        return {};
    return fields.mid(5).join(QLatin1Char(':'));
}

} // namespace

bool RoleNames::isArn(const QString& value)
{
    return value.startsWith(QLatin1String("arn:")) && arnFields(value).size() >= 6;
}

QString RoleNames::shortName(const QString& value)
{
    if (!isArn(value))
        return value;
    const QString resource = arnResource(value);
    const qsizetype slash = resource.lastIndexOf(QLatin1Char('/'));
    const QString name = slash >= 0 ? resource.mid(slash + 1) : resource;
    return name.isEmpty() ? value : name;
}

QString RoleNames::awsAccount(const QString& value)
{
    return isArn(value) ? arnFields(value).value(4) : QString();
}

QString RoleNames::resourceType(const QString& value)
{
    if (!isArn(value))
        return {};
    const QString resource = arnResource(value);
    if (resource.startsWith(QLatin1String("instance-profile/")))
        return QStringLiteral("instance profile");
    if (resource.startsWith(QLatin1String("role/")))
        return QStringLiteral("IAM role");
    return {};
}

} // namespace scimitar::gui
