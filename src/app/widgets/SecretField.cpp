#include "widgets/SecretField.h"

#include "AppIcons.h"

#include <QAction>
#include <QEvent>
#include <QLineEdit>

namespace scimitar::gui::SecretField {

namespace {

// Hides the secret again when the field loses focus.
class HideOnFocusOut final : public QObject
{
public:
    HideOnFocusOut(QAction* toggle, QObject* parent)
        : QObject(parent)
        , m_toggle(toggle)
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::FocusOut || event->type() == QEvent::Hide)
            m_toggle->setChecked(false);
        return QObject::eventFilter(watched, event);
    }

private:
    QAction* m_toggle;
};

} // namespace

QAction* addRevealToggle(QLineEdit* edit)
{
    auto* toggle = edit->addAction(AppIcons::reveal(), QLineEdit::TrailingPosition);
    toggle->setObjectName(QStringLiteral("revealSecret"));
    toggle->setCheckable(true);
    toggle->setToolTip(QObject::tr("Show what is typed"));
    QObject::connect(toggle, &QAction::toggled, edit, [edit, toggle](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        toggle->setToolTip(shown ? QObject::tr("Hide what is typed") : QObject::tr("Show what is typed"));
    });
    edit->installEventFilter(new HideOnFocusOut(toggle, edit));
    return toggle;
}

} // namespace scimitar::gui::SecretField
