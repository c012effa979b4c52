#pragma once

#include "details/DetailsLink.h"
#include "model/DirectorySnapshot.h"

#include <QTextBrowser>
#include <functional>
#include <optional>

namespace scimitar::gui {

// The right-hand pane: the selected item's access as sentences (see AccessDescriber). Links to groups,
// principals and roles do not open a browser; they ask the window to navigate there.
class DetailsView final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit DetailsView(QWidget* parent = nullptr);

    void setSnapshot(SnapshotPtr snapshot);
    // Shows one item, or the snapshot overview for nullopt.
    void showTarget(const std::optional<DetailsTarget>& target);
    std::optional<DetailsTarget> target() const { return m_target; }
    // A plain message when there is nothing to describe ("Choose a connection…").
    void showPlaceholder(const QString& text);
    // Something other pages describe themselves (a drift finding). A function of the palette, so the colours it
    // bakes into the HTML follow a light/dark switch.
    void showHtml(std::function<QString(const QPalette&)> html);
    // More about an item that another part of the window knows (a user's managed access under the policy),
    // appended below the item's own description. Empty function: none.
    void setSupplement(std::function<QString(const DetailsTarget&, const QPalette&)> supplement);

signals:
    void navigateRequested(const scimitar::gui::DetailsTarget& target);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    SnapshotPtr m_snapshot;
    std::optional<DetailsTarget> m_target;
    QString m_placeholder;
    std::function<QString(const QPalette&)> m_html;
    std::function<QString(const DetailsTarget&, const QPalette&)> m_supplement;
};

} // namespace scimitar::gui
