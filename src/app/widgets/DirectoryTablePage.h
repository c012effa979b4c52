#pragma once

#include "details/DetailsLink.h"
#include "model/DirectorySnapshot.h"

#include <QWidget>
#include <memory>
#include <optional>

class QLabel;
class QSettings;
class QTableView;

namespace scimitar::gui {

class PrincipalFilterProxy;
class SnapshotTableModel;

// One directory table (users, groups, …): the view, its sort/filter proxy and the model, with the behaviour every
// table shares — sortable columns, a column chooser on the header, copy, a placeholder when nothing matches, the
// selection kept across refreshes, and the header layout remembered between runs.
class DirectoryTablePage final : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `model`. `settingsKey` names this table in QSettings ("users", "groups", …).
    DirectoryTablePage(SnapshotTableModel* model, const QString& settingsKey, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    PrincipalFilterProxy* proxy() const { return m_proxy; }
    SnapshotTableModel* model() const { return m_model; }

    // Swaps the data in and re-selects the row that was current, if it still exists.
    void setSnapshot(SnapshotPtr snapshot);
    // The same with rows computed ahead by the model's preparer() (see SnapshotPreparer).
    void setPrepared(SnapshotPtr snapshot, std::shared_ptr<const void> rows);
    void setSearchText(const QString& text);

    std::optional<DetailsTarget> currentTarget() const;
    // Makes the row with this IdRole current and visible; false when it is not in the table or filtered out.
    bool selectId(const QString& id);
    // Selects the first row when nothing is selected (keyboard users arriving from the search box).
    void focusTable();

    void saveState(QSettings& settings) const;
    void restoreState(QSettings& settings);

signals:
    void currentTargetChanged(const std::optional<scimitar::gui::DetailsTarget>& target);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyDefaultLayout();
    void fitColumns();
    void syncSearchableColumns();
    void showHeaderMenu(const QPoint& pos);
    void showTableMenu(const QPoint& pos);
    void copySelection() const;
    void copyIds() const;
    void updatePlaceholder();
    QString settingsGroup() const;

    SnapshotTableModel* m_model = nullptr;
    PrincipalFilterProxy* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_placeholder = nullptr;
    QString m_settingsKey;
    bool m_fitColumnsPending = true;
};

} // namespace scimitar::gui
