#pragma once

#include <QList>
#include <QStringList>
#include <memory>
#include <vector>

namespace scimitar::cli {

class Command;

// Every command scimitar-cli knows, in the order --help lists them. Adding a command means adding a class and
// one line in the constructor.
class CommandRegistry
{
public:
    CommandRegistry();
    ~CommandRegistry();

    QList<const Command*> commands() const;
    QStringList names() const;
    // Names whose first word is `noun` ("users" -> "users list").
    QStringList namesStartingWith(const QString& noun) const;
    // `words` as typed: {"users", "list"}. Null when unknown.
    const Command* find(const QStringList& words) const;
    // The command named by the leading words of `words` (the longest match), with *used set to how many words
    // its name took; the rest are operands. Null when no prefix names a command.
    const Command* findLeading(const QStringList& words, qsizetype* used) const;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace scimitar::cli
