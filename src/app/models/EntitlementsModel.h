#pragma once

#include "models/GrantsModel.h"

namespace scimitar::gui {

// Every workspace entitlement of the snapshot (workspace-access, databricks-sql-access, …) and who holds it.
class EntitlementsModel final : public GrantsModel
{
    Q_OBJECT

public:
    explicit EntitlementsModel(QObject* parent = nullptr)
        : GrantsModel(Grant::Entitlement, parent)
    {
    }
};

} // namespace scimitar::gui
