#pragma once

#include <QMessageBox>
#include <QString>

namespace scimitar::gui {

// Names in Scimitar's messages come from servers and files (a group called `<br><font size=1>` is a valid SCIM
// displayName): every message box and label that carries one shows it as plain text, never as rich text that
// could hide or restyle what the user is asked to confirm. QMessageBox's static helpers guess the format, so these
// stand in for them.
namespace PlainText {

// Sets Qt::PlainText on the box and on every label in it (informative and detailed text included).
void apply(QMessageBox* box);

QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
                                     QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton);
void warning(QWidget* parent, const QString& title, const QString& text);
void critical(QWidget* parent, const QString& title, const QString& text);

} // namespace PlainText

} // namespace scimitar::gui
