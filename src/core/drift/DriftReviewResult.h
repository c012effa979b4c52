#pragma once

#include "drift/DriftReport.h"
#include "idp/IdpDirectory.h"
#include "model/DirectorySnapshot.h"
#include "policy/Policy.h"

#include <QMetaType>

namespace scimitar {

// Everything one finished review was computed from, next to its report, so a viewer can show the evidence
// (who holds what in Databricks, what the IdP said) and a later fix step can re-check against the same picture.
struct DriftReviewResult
{
    DriftReport report;
    SnapshotPtr snapshot;
    IdpDirectory idp;
    Policy policy;
};

} // namespace scimitar

Q_DECLARE_METATYPE(scimitar::DriftReviewResult)
