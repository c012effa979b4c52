#pragma once

#include "models/ModelRoles.h"

#include <QMetaType>
#include <QString>
#include <QUrl>
#include <optional>

namespace scimitar::gui {

// Something the details pane can show: a principal by SCIM id, or a role/entitlement by its value.
struct DetailsTarget
{
    ItemKind kind = ItemKind::User;
    QString id;

    friend bool operator==(const DetailsTarget&, const DetailsTarget&) = default;
};

// The links inside the details pane ("scimitar:group?id=123"): clicking one navigates to that item.
class DetailsLink
{
public:
    static QUrl to(const DetailsTarget& target);
    static std::optional<DetailsTarget> parse(const QUrl& url);
};

} // namespace scimitar::gui

Q_DECLARE_METATYPE(scimitar::gui::DetailsTarget)
