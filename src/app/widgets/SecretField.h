#pragma once

class QAction;
class QLineEdit;

namespace scimitar::gui {

// A password field's show/hide toggle (the eye at its end), to check a pasted token before it is saved. The field
// hides again when it loses focus or its window closes, so a secret is never left on screen by accident.
namespace SecretField {

QAction* addRevealToggle(QLineEdit* edit);

} // namespace SecretField

} // namespace scimitar::gui
