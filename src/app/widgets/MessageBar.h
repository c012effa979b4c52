#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace scimitar::gui {

// A dismissable, non-modal message strip above the content (like a browser's info bar). Load errors go here
// instead of a modal box, so the previous data stays usable and nothing blocks a running refresh.
// Colours are mixed from the current palette, so the bar reads well in light and dark themes; an icon and the
// wording carry the meaning as well, never the colour alone.
class MessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Level
    {
        Error,
        Warning,
        Information,
    };

    explicit MessageBar(QWidget* parent = nullptr);

    // `actionText` adds a button (e.g. "Manage connections…") that emits actionTriggered(); `secondText` a second
    // one (secondActionTriggered()), e.g. "Show in Audit" beside "Undo…".
    void showMessage(Level level, const QString& text, const QString& actionText = {}, const QString& secondText = {});
    void dismiss();

    Level level() const { return m_level; }
    QString text() const;

    QSize sizeHint() const override;

signals:
    void actionTriggered();
    void secondActionTriggered();
    void dismissed();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QColor accent() const;

    Level m_level = Level::Information;
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
    QPushButton* m_second = nullptr;
    QToolButton* m_close = nullptr;
};

} // namespace scimitar::gui
