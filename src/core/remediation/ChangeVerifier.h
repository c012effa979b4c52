#pragma once

#include "remediation/Change.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace scimitar {

// Whether a re-read object shows the state a change wanted. Pure: the runner does the GET, this reads it.
// Only what the object holds itself counts: a role it still inherits through a group (`"type": "indirect"`) is not
// the role the change removed, and is not "still there".
class ChangeVerifier
{
public:
    struct Verdict
    {
        bool holds = false;
        QString words; // "role gone on re-read", "still a member on re-read", …
    };

    static Verdict check(const Change& change, const QJsonObject& object);
    // The attributes the GET should ask for (groups must ask for members explicitly at account level).
    static QStringList attributesFor(const Change& change);
};

} // namespace scimitar
