#include "ChangeItemsModel.h"

#include "AppIcons.h"

#include <QApplication>
#include <QPalette>

namespace scimitar::gui {

namespace {

ItemStatus initialStatus(const QString& refusal)
{
    ItemStatus status;
    if (!refusal.isEmpty()) {
        status.state = ItemStatus::State::Refused;
        status.detail = refusal;
    }
    return status;
}

} // namespace

ChangeItemsModel::ChangeItemsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ChangeItemsModel::setItems(const QList<PlannedItem>& items, const QStringList& refusals)
{
    beginResetModel();
    m_planned = items;
    m_items = PlannedItems::runItems(items);
    m_refusals = refusals;
    while (m_refusals.size() < m_items.size())
        m_refusals.append(QString());
    m_statuses.clear();
    for (const QString& refusal : std::as_const(m_refusals))
        m_statuses.append(initialStatus(refusal));
    endResetModel();
}

void ChangeItemsModel::setStatus(int row, const ItemStatus& status)
{
    if (row < 0 || row >= m_statuses.size())
        return;
    m_statuses[row] = status;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ChangeItemsModel::setRefusals(const QStringList& refusals)
{
    m_refusals = refusals;
    while (m_refusals.size() < m_items.size())
        m_refusals.append(QString());
    resetStatuses();
}

void ChangeItemsModel::resetStatuses()
{
    for (int row = 0; row < m_statuses.size(); ++row)
        m_statuses[row] = initialStatus(m_refusals.at(row));
    if (!m_statuses.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_statuses.size()) - 1, ColumnCount - 1));
}

int ChangeItemsModel::sendableCount() const
{
    int count = 0;
    for (const QString& refusal : m_refusals)
        count += refusal.isEmpty() ? 1 : 0;
    return count;
}

QString ChangeItemsModel::changeText(const RunItem& item)
{
    const QString words = item.change.describe();
    return item.undoOf > 0 ? tr("Undo #%1: %2").arg(item.undoOf).arg(words) : words;
}

QString ChangeItemsModel::alsoTakesText(const PlannedItem& item)
{
    if (!item.run.change.revokesAccess())
        return tr("nothing (it adds)");
    if (!item.radiusKnown)
        return tr("not known");
    QStringList parts;
    for (const SideEffect& effect : item.radius.sideEffects)
        parts.append(BlastRadius::describe(effect));
    QString text = parts.isEmpty() ? tr("nothing else") : parts.join(QStringLiteral(", "));
    if (!item.radius.stillHeldThrough.isEmpty() && item.run.revokes)
        text +=
            tr("; %1 is still held through %2 afterwards")
                .arg(shortRoleName(item.run.revokes->value), item.radius.stillHeldThrough.join(QStringLiteral(", ")));
    return text;
}

QString ChangeItemsModel::verificationText(const ItemStatus& status)
{
    if (!status.verified.has_value())
        return QString();
    QString text = *status.verified ? status.verification : tr("Not verified: %1").arg(status.verification);
    if (!status.revocation.isEmpty())
        text += QStringLiteral("; ") +
                (status.revoked.value_or(false) ? status.revocation : tr("NOT FIXED: %1").arg(status.revocation));
    return text;
}

QString ChangeItemsModel::statusText(const ItemStatus& status)
{
    switch (status.state) {
    case ItemStatus::State::Pending:
        return tr("Will be sent");
    case ItemStatus::State::Refused:
        return tr("Refused: %1").arg(status.detail);
    case ItemStatus::State::Sending:
        return tr("Sending…");
    case ItemStatus::State::Done:
        return tr("Done");
    case ItemStatus::State::AlreadyInState:
        return tr("Already absent");
    case ItemStatus::State::Failed:
        return tr("Failed: %1").arg(status.detail);
    case ItemStatus::State::Unknown:
        return tr("Unknown — verify: %1").arg(status.detail);
    case ItemStatus::State::Cancelled:
        return tr("Cancelled (not sent)");
    case ItemStatus::State::DryRun:
        return tr("Dry run (not sent)");
    }
    return {};
}

int ChangeItemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ChangeItemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangeItemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunItem& item = m_items.at(index.row());
    const ItemStatus& status = m_statuses.at(index.row());
    if (role == StateRole)
        return int(status.state);
    const bool refused = status.state == ItemStatus::State::Refused;
    switch (index.column()) {
    case ChangeColumn:
        if (role == Qt::DisplayRole)
            return changeText(item);
        if (role == Qt::ToolTipRole) {
            const QString& finding = m_planned.at(index.row()).finding;
            return finding.isEmpty() ? changeText(item)
                                     : changeText(item) + QLatin1Char('\n') + tr("Fixes: %1").arg(finding);
        }
        break;
    case AlsoTakesColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return alsoTakesText(m_planned.at(index.row()));
        if (role == Qt::DecorationRole && !item.guardedLoss.isEmpty())
            return AppIcons::warning();
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return statusText(status);
        if (role == Qt::DecorationRole) {
            // The words say it all; the icon only helps the eye find what went wrong.
            if (status.state == ItemStatus::State::Failed || status.state == ItemStatus::State::Unknown || refused)
                return AppIcons::warning();
        }
        break;
    case VerificationColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return verificationText(status);
        if (role == Qt::DecorationRole && status.revoked.has_value() && !*status.revoked)
            return AppIcons::warning();
        break;
    default:
        break;
    }
    if (role == Qt::ForegroundRole && refused)
        return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

QVariant ChangeItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case AlsoTakesColumn:
        return tr("Also takes away");
    case StatusColumn:
        return tr("Status");
    case VerificationColumn:
        return tr("Re-read");
    default:
        return {};
    }
}

} // namespace scimitar::gui
