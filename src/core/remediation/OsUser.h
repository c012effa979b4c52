#pragma once

#include <QString>

namespace scimitar {

// The name of the person running Scimitar on this machine, as the audit journal records it next to the token
// owner: a shared admin token says whose token it was, this says who was at the keyboard.
class OsUser
{
public:
    // $USER (Unix) or $USERNAME (Windows), else the name of the home folder; never empty ("unknown" as a last
    // resort, so a journal row always names someone).
    static QString name();
};

} // namespace scimitar
