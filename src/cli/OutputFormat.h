#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace scimitar::cli {

enum class OutputFormat
{
    Table,
    Json,
    Csv,
};

// The names --output accepts: "table", "json", "csv" (case-insensitive).
std::optional<OutputFormat> outputFormatFromName(const QString& name);
QStringList outputFormatNames();

} // namespace scimitar::cli
