#include "CommandRegistry.h"

#include "ApplyCommand.h"
#include "AuditListCommand.h"
#include "AuditUndoCommand.h"
#include "AuditVerifyCommand.h"
#include "DriftCommand.h"
#include "GroupsListCommand.h"
#include "RolesListCommand.h"
#include "ServicePrincipalsListCommand.h"
#include "UsersListCommand.h"

namespace scimitar::cli {

CommandRegistry::CommandRegistry()
{
    m_commands.push_back(std::make_unique<UsersListCommand>());
    m_commands.push_back(std::make_unique<GroupsListCommand>());
    m_commands.push_back(std::make_unique<ServicePrincipalsListCommand>());
    m_commands.push_back(std::make_unique<RolesListCommand>());
    m_commands.push_back(std::make_unique<DriftCommand>());
    m_commands.push_back(std::make_unique<ApplyCommand>());
    m_commands.push_back(std::make_unique<AuditListCommand>());
    m_commands.push_back(std::make_unique<AuditVerifyCommand>());
    m_commands.push_back(std::make_unique<AuditUndoCommand>());
}

CommandRegistry::~CommandRegistry() = default;

QList<const Command*> CommandRegistry::commands() const
{
    QList<const Command*> result;
    for (const auto& command : m_commands)
        result.append(command.get());
    return result;
}

QStringList CommandRegistry::names() const
{
    QStringList result;
    for (const auto& command : m_commands)
        result.append(command->name());
    return result;
}

QStringList CommandRegistry::namesStartingWith(const QString& noun) const
{
    QStringList result;
    for (const QString& name : names())
        if (name.section(QLatin1Char(' '), 0, 0) == noun)
            result.append(name);
    return result;
}

const Command* CommandRegistry::find(const QStringList& words) const
{
    const QString typed = words.join(QLatin1Char(' '));
    for (const auto& command : m_commands)
        if (command->name() == typed)
            return command.get();
    return nullptr;
}

const Command* CommandRegistry::findLeading(const QStringList& words, qsizetype* used) const
{
    for (qsizetype count = words.size(); count > 0; --count) {
        if (const Command* command = find(words.mid(0, count))) {
            *used = count;
            return command;
        }
    }
    *used = 0;
    return nullptr;
}

} // namespace scimitar::cli
