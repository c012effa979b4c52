#include "HelpText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace scimitar::gui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("scimitar::gui::HelpText", text);
}

QString row(const QString& action, const QString& keys)
{
    return QStringLiteral("<tr><td>%1</td><td style=\"padding-left:16px\"><b>%2</b></td></tr>")
        .arg(action.toHtmlEscaped(), keys.toHtmlEscaped());
}

} // namespace

QString HelpText::shortcutsHtml(QList<Shortcut> shortcuts)
{
    std::sort(shortcuts.begin(), shortcuts.end(),
              [](const Shortcut& a, const Shortcut& b) { return QString::localeAwareCompare(a.action, b.action) < 0; });
    shortcuts.erase(
        std::unique(shortcuts.begin(), shortcuts.end(),
                    [](const Shortcut& a, const Shortcut& b) { return a.action == b.action && a.keys == b.keys; }),
        shortcuts.end());
    QString html = QStringLiteral("<table>");
    for (const Shortcut& shortcut : std::as_const(shortcuts))
        html += row(shortcut.action, shortcut.keys);
    html += QStringLiteral("<tr><td colspan=\"2\">&nbsp;</td></tr>");
    html += row(tr("Context menu of the focused table"), tr("Shift+F10 or Menu"));
    html += row(tr("Next / previous pane"), tr("Tab / Shift+Tab"));
    html += row(tr("Fix the selected finding"), tr("Enter, in Drift"));
    html += row(tr("Close a dialog without sending anything"), tr("Esc"));
    html += QStringLiteral("</table>");
    return html;
}

QString HelpText::documentationFolder()
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QStringList candidates{
        appDir.absoluteFilePath(QStringLiteral("../share/doc/scimitar")), // installed next to bin/
        QStringLiteral(SCIMITAR_DOC_INSTALL_DIR),
        QStringLiteral(SCIMITAR_DOC_SOURCE_DIR), // running from a build of the source tree
    };
    for (const QString& folder : candidates) {
        if (QFileInfo::exists(QDir(folder).filePath(QStringLiteral("README.md"))) ||
            QFileInfo::exists(QDir(folder).filePath(QStringLiteral("drift.md"))))
            return QDir::cleanPath(folder);
    }
    return {};
}

} // namespace scimitar::gui
