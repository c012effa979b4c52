#pragma once

#include "Command.h"
#include "OutputFormat.h"
#include "model/DirectorySnapshot.h"
#include "output/TextTable.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

namespace scimitar::cli {

// One "<noun> list" command: the same snapshot rendered as a table for people or as JSON/CSV for scripts.
// Subclasses only say what goes into each format; render() does the formatting that all share, execute() the
// loading.
class ListCommand : public Command
{
public:
    // Resolves the connection, loads the snapshot, prints it.
    int execute(const CommandContext& context) const override;

    virtual QJsonArray json(const DirectorySnapshot& snapshot) const = 0;
    virtual QString csv(const DirectorySnapshot& snapshot) const = 0;
    virtual TextTable table(const DirectorySnapshot& snapshot) const = 0;

    // UTF-8 text for stdout, ending in a newline.
    QByteArray render(const DirectorySnapshot& snapshot, OutputFormat format) const;
};

} // namespace scimitar::cli
