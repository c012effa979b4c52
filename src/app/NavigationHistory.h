#pragma once

#include "NavigationPage.h"
#include "details/DetailsLink.h"

#include <QList>
#include <optional>

namespace scimitar::gui {

// Back and Forward (Alt+Left, Alt+Right) over the places a details link led to, as a browser keeps them: following
// a link remembers where the user was; going back remembers where they were for Forward, until the next link.
class NavigationHistory
{
public:
    struct Place
    {
        NavigationPage page = NavigationPage::Users;
        std::optional<DetailsTarget> item; // the selected row, if any

        friend bool operator==(const Place&, const Place&) = default;
    };

    static constexpr qsizetype kMaxPlaces = 100;

    // A link is followed from `here`: it can be gone back to; Forward is forgotten.
    void leave(const Place& here);
    // The place to show instead of `here`, which is remembered for the other direction; nullopt when there is none.
    std::optional<Place> back(const Place& here);
    std::optional<Place> forward(const Place& here);
    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }
    // A new snapshot or connection: the old places may no longer exist.
    void clear();

private:
    QList<Place> m_back;
    QList<Place> m_forward;
};

} // namespace scimitar::gui
