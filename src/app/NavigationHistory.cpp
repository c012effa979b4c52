#include "NavigationHistory.h"

namespace scimitar::gui {

namespace {

void push(QList<NavigationHistory::Place>& stack, const NavigationHistory::Place& place)
{
    if (!stack.isEmpty() && stack.constLast() == place)
        return; // following two links from one place goes back there once
    stack.append(place);
    if (stack.size() > NavigationHistory::kMaxPlaces)
        stack.removeFirst();
}

} // namespace

void NavigationHistory::leave(const Place& here)
{
    push(m_back, here);
    m_forward.clear();
}

std::optional<NavigationHistory::Place> NavigationHistory::back(const Place& here)
{
    if (m_back.isEmpty())
        return std::nullopt;
    push(m_forward, here);
    return m_back.takeLast();
}

std::optional<NavigationHistory::Place> NavigationHistory::forward(const Place& here)
{
    if (m_forward.isEmpty())
        return std::nullopt;
    push(m_back, here);
    return m_forward.takeLast();
}

void NavigationHistory::clear()
{
    m_back.clear();
    m_forward.clear();
}

} // namespace scimitar::gui
