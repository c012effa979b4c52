#pragma once

#include "models/GrantsModel.h"

namespace scimitar::gui {

// Every AWS instance-profile role of the snapshot and who holds it.
class RolesModel final : public GrantsModel
{
    Q_OBJECT

public:
    explicit RolesModel(QObject* parent = nullptr)
        : GrantsModel(Grant::Role, parent)
    {
    }
};

} // namespace scimitar::gui
