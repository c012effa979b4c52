#include "OutputFormat.h"

namespace scimitar::cli {

std::optional<OutputFormat> outputFormatFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("table"))
        return OutputFormat::Table;
    if (lower == QLatin1String("json"))
        return OutputFormat::Json;
    if (lower == QLatin1String("csv"))
        return OutputFormat::Csv;
    return std::nullopt;
}

QStringList outputFormatNames()
{
    return {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")};
}

} // namespace scimitar::cli
