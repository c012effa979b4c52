#include "AttributeProjection.h"

namespace scimitar::emulator {

AttributeProjection AttributeProjection::fromQuery(const QString& attributes, const QString& excludedAttributes)
{
    AttributeProjection projection;
    projection.m_included = parseList(attributes);
    projection.m_excluded = parseList(excludedAttributes);
    return projection;
}

QSet<QString> AttributeProjection::parseList(const QString& list)
{
    QSet<QString> names;
    for (const QString& item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString name = item.trimmed().toLower();
        // Fully qualified names (urn:...:User:userName) and sub-attributes (emails.value) both
        // reduce to the top-level attribute they live in.
        const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0)
            name = name.mid(colon + 1);
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (dot >= 0)
            name.truncate(dot);
        if (!name.isEmpty())
            names.insert(name);
    }
    return names;
}

bool AttributeProjection::wants(const QString& attribute) const
{
    const QString key = attribute.toLower();
    if (key == QLatin1String("id") || key == QLatin1String("schemas"))
        return true;
    if (!m_included.isEmpty())
        return m_included.contains(key);
    return !m_excluded.contains(key);
}

QJsonObject AttributeProjection::apply(const QJsonObject& resource) const
{
    if (m_included.isEmpty() && m_excluded.isEmpty())
        return resource;
    QJsonObject projected;
    for (auto it = resource.begin(); it != resource.end(); ++it) {
        if (wants(it.key()))
            projected.insert(it.key(), it.value());
    }
    return projected;
}

} // namespace scimitar::emulator
