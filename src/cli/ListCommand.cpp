#include "ListCommand.h"

#include <QJsonDocument>

namespace scimitar::cli {

QByteArray ListCommand::render(const DirectorySnapshot& snapshot, OutputFormat format) const
{
    switch (format) {
    case OutputFormat::Json:
        // Indented: people read it too, and jq does not care.
        return QJsonDocument(json(snapshot)).toJson(QJsonDocument::Indented);
    case OutputFormat::Csv:
        return csv(snapshot).toUtf8();
    case OutputFormat::Table:
        break;
    }
    return table(snapshot).render().toUtf8();
}

} // namespace scimitar::cli
