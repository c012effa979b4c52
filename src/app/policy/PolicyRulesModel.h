#pragma once

#include "policy/PolicyRule.h"

#include <QAbstractTableModel>

namespace scimitar::gui {

// The rules of a policy as an editable table: IdP group | kind of target | target. Entitlements are typed as a
// comma-separated list. Kept as plain PolicyRule values, so the editor can hand them to Policy unchanged.
class PolicyRulesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdpGroupColumn,
        KindColumn,
        TargetColumn,
        ColumnCount,
    };

    explicit PolicyRulesModel(QObject* parent = nullptr);

    void setRules(QList<PolicyRule> rules);
    const QList<PolicyRule>& rules() const { return m_rules; }
    void addRule();
    void removeRule(int row);

    static QString kindLabel(PolicyRule::Target target); // "Databricks group", "Role", "Entitlements"
    static QStringList kindLabels();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PolicyRule> m_rules;
};

} // namespace scimitar::gui
