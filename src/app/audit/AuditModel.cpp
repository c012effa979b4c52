#include "AuditModel.h"

#include "AppIcons.h"
#include "audit/AuditEntryText.h"
#include "remediation/AuditWords.h"

#include <QFont>
#include <QSet>

namespace scimitar::gui {

AuditModel::AuditModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AuditModel::setEntries(QList<JournalEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

const JournalEntry* AuditModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int AuditModel::rowOf(qint64 intentId) const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).intent.id == intentId)
            return row;
    return -1;
}

QStringList AuditModel::connections() const
{
    QSet<QString> seen;
    QStringList names;
    for (const JournalEntry& entry : m_entries) {
        const QString& name = entry.intent.connection;
        if (!seen.contains(name.toCaseFolded())) {
            seen.insert(name.toCaseFolded());
            names.append(name);
        }
    }
    std::sort(names.begin(), names.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

int AuditModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditModel::text(const JournalEntry& entry, int column) const
{
    const JournalIntent& intent = entry.intent;
    switch (Column(column)) {
    case IdColumn:
        return QString::number(intent.id);
    case WhenColumn:
        return intent.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case ConnectionColumn:
        return intent.connection;
    case WhoColumn:
        return AuditEntryText::who(entry);
    case ChangeColumn:
        // An undo says what it undoes where the eye reads first, not only in the last column.
        return intent.undoOf > 0 ? tr("Undoes #%1: %2").arg(intent.undoOf).arg(intent.change.describe())
                                 : intent.change.describe();
    case ResultColumn:
        return AuditWords::resultLabel(entry);
    case HttpStatusColumn:
        return entry.outcome && entry.outcome->httpStatus > 0 ? QString::number(entry.outcome->httpStatus) : QString();
    case VerifiedColumn:
        return AuditEntryText::verified(entry);
    case DetailColumn:
        return entry.outcome ? entry.outcome->detail : QString();
    case UndoColumn:
        return AuditEntryText::undoLink(entry);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AuditModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const JournalEntry& entry = m_entries.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return text(entry, column);
    case Qt::ToolTipRole:
        if (column == ResultColumn && AuditEntryText::needsVerification(entry))
            return tr("No answer was recorded for this change: select it and use Verify… to re-read the object.");
        if (column == VerifiedColumn && entry.verification)
            return entry.verification->detail;
        if (column == WhenColumn)
            return AuditWords::time(entry.intent.at); // the journal's own UTC time
        return text(entry, column);
    case Qt::DecorationRole:
        // Unknown rows stand out by icon and bold words, not by colour alone.
        if (column == ResultColumn) {
            if (AuditEntryText::needsVerification(entry))
                return AppIcons::warning();
            if (entry.effectiveResult() == ChangeResult::Failed)
                return AppIcons::error();
        }
        return {};
    case Qt::FontRole:
        if (column == ResultColumn && AuditEntryText::needsVerification(entry)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == IdColumn || column == HttpStatusColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ResultRole:
        return int(entry.effectiveResult());
    case NeedsVerificationRole:
        return AuditEntryText::needsVerification(entry);
    case IdRole:
        return entry.intent.id;
    case AtRole:
        return entry.intent.at;
    case ConnectionRole:
        return entry.intent.connection;
    case SearchRole: {
        QStringList parts;
        for (int each = 0; each < ColumnCount; ++each)
            parts.append(text(entry, each));
        parts << AuditWords::target(entry.intent.change) << entry.intent.change.principalName() << entry.intent.path;
        return parts.join(QLatin1Char('\n'));
    }
    case SortRole:
        switch (Column(column)) {
        case IdColumn:
            return entry.intent.id;
        case WhenColumn:
            return entry.intent.at;
        case HttpStatusColumn:
            return entry.outcome ? entry.outcome->httpStatus : 0;
        default:
            return text(entry, column);
        }
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case IdColumn:
        return tr("#");
    case WhenColumn:
        return tr("When");
    case ConnectionColumn:
        return tr("Connection");
    case WhoColumn:
        return tr("Who");
    case ChangeColumn:
        return tr("Change");
    case ResultColumn:
        return tr("Result");
    case HttpStatusColumn:
        return tr("HTTP");
    case VerifiedColumn:
        return tr("Verified");
    case DetailColumn:
        return tr("Server said");
    case UndoColumn:
        return tr("Undo");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace scimitar::gui
