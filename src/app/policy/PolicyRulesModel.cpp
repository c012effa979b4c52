#include "PolicyRulesModel.h"

namespace scimitar::gui {

PolicyRulesModel::PolicyRulesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PolicyRulesModel::setRules(QList<PolicyRule> rules)
{
    beginResetModel();
    m_rules = std::move(rules);
    endResetModel();
}

void PolicyRulesModel::addRule()
{
    beginInsertRows({}, int(m_rules.size()), int(m_rules.size()));
    m_rules.append(PolicyRule());
    endInsertRows();
}

void PolicyRulesModel::removeRule(int row)
{
    if (row < 0 || row >= m_rules.size())
        return;
    beginRemoveRows({}, row, row);
    m_rules.removeAt(row);
    endRemoveRows();
}

QString PolicyRulesModel::kindLabel(PolicyRule::Target target)
{
    switch (target) {
    case PolicyRule::Target::DatabricksGroup:
        return tr("Databricks group");
    case PolicyRule::Target::Role:
        return tr("Role");
    case PolicyRule::Target::Entitlements:
        return tr("Entitlements");
    }
    return {};
}

QStringList PolicyRulesModel::kindLabels()
{
    return {kindLabel(PolicyRule::Target::DatabricksGroup), kindLabel(PolicyRule::Target::Role),
            kindLabel(PolicyRule::Target::Entitlements)};
}

int PolicyRulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int PolicyRulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PolicyRulesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const PolicyRule& rule = m_rules[index.row()];
    switch (index.column()) {
    case IdpGroupColumn:
        return rule.idpGroup;
    case KindColumn:
        return role == Qt::EditRole ? QVariant(int(rule.target)) : QVariant(kindLabel(rule.target));
    case TargetColumn:
        switch (rule.target) {
        case PolicyRule::Target::DatabricksGroup:
            return rule.databricksGroup;
        case PolicyRule::Target::Role:
            return rule.role;
        case PolicyRule::Target::Entitlements:
            return rule.entitlements.join(QStringLiteral(", "));
        }
    }
    return {};
}

bool PolicyRulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    PolicyRule& rule = m_rules[index.row()];
    switch (index.column()) {
    case IdpGroupColumn:
        rule.idpGroup = value.toString().trimmed();
        break;
    case KindColumn: {
        // Changing the kind keeps what was typed as the target, so a slip of the combo box loses nothing.
        const QString target = data(this->index(index.row(), TargetColumn), Qt::EditRole).toString();
        const int kind = value.toInt();
        if (kind < 0 || kind > int(PolicyRule::Target::Entitlements))
            return false;
        rule.target = PolicyRule::Target(kind);
        rule.databricksGroup.clear();
        rule.role.clear();
        rule.entitlements.clear();
        setData(this->index(index.row(), TargetColumn), target, Qt::EditRole);
        break;
    }
    case TargetColumn: {
        const QString text = value.toString().trimmed();
        switch (rule.target) {
        case PolicyRule::Target::DatabricksGroup:
            rule.databricksGroup = text;
            break;
        case PolicyRule::Target::Role:
            rule.role = text;
            break;
        case PolicyRule::Target::Entitlements: {
            QStringList values;
            for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
                values.append(part.trimmed());
            rule.entitlements = values;
            break;
        }
        }
        break;
    }
    default:
        return false;
    }
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

Qt::ItemFlags PolicyRulesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant PolicyRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdpGroupColumn:
        return tr("IdP group");
    case KindColumn:
        return tr("Grants");
    case TargetColumn:
        return tr("Databricks target");
    }
    return {};
}

} // namespace scimitar::gui
