#pragma once

#include <QString>

namespace scimitar::gui {

// Makes AWS role values readable. Databricks roles are instance-profile (or IAM role) ARNs such as
// "arn:aws:iam::123456789012:instance-profile/pii-read"; tables show "pii-read" and keep the full value in the
// tooltip, IdRole and search text, so nothing is lost and two profiles of the same name stay tellable apart.
class RoleNames
{
public:
    // "arn:aws:iam::123456789012:instance-profile/team/pii-read" -> "pii-read"; anything else unchanged.
    static QString shortName(const QString& value);
    // The AWS account of an ARN ("123456789012"), or empty.
    static QString awsAccount(const QString& value);
    // "instance profile", "IAM role" or empty, for the details pane.
    static QString resourceType(const QString& value);
    static bool isArn(const QString& value);
};

} // namespace scimitar::gui
