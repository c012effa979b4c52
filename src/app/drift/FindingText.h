#pragma once

#include "drift/Finding.h"

#include <QIcon>
#include <QPalette>
#include <QString>

namespace scimitar::gui {

// The words and icons the GUI uses for findings. Severity always travels as icon + word (never colour alone);
// the colours are the only ones the drift views use, and they carry severity and nothing else.
class FindingText
{
public:
    static QString kindLabel(FindingKind kind);      // "Role without grant"
    static QString severityLabel(Severity severity); // "High"
    static QIcon severityIcon(Severity severity);
    static QColor severityColor(Severity severity);
    // "pii-read" for "arn:aws:iam::1:instance-profile/pii-read"; anything else as it is.
    static QString shortTarget(const QString& target); // for charts: mid-tones that read on light and dark
    // What the fix would do, in words: "Remove role pii-read from ana@acme.example".
    static QString actionSentence(const Finding& finding);
    // "Blocked: <reason>" or "Allowed".
    static QString blockedText(const Finding& finding);
    // The details pane for one finding: explanation, action, blockedBy, IdP groups.
    static QString detailsHtml(const Finding& finding, const QPalette& palette, bool stale);
};

} // namespace scimitar::gui
