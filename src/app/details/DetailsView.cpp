#include "DetailsView.h"

#include "details/AccessDescriber.h"

#include <QEvent>
#include <QScrollBar>

namespace scimitar::gui {

DetailsView::DetailsView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(12);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (const std::optional<DetailsTarget> target = DetailsLink::parse(url))
            emit navigateRequested(*target);
    });
}

void DetailsView::setSnapshot(SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_placeholder.clear();
    render();
}

void DetailsView::showTarget(const std::optional<DetailsTarget>& target)
{
    m_target = target;
    m_placeholder.clear();
    render();
}

void DetailsView::showPlaceholder(const QString& text)
{
    m_placeholder = text;
    render();
}

void DetailsView::render()
{
    if (!m_placeholder.isEmpty() || !m_snapshot) {
        const QString muted = AccessDescriber::mutedColor(palette()).name();
        setHtml(QStringLiteral("<p style=\"color:%1\">%2</p>").arg(muted, m_placeholder.toHtmlEscaped()));
        return;
    }
    const AccessDescriber describer(*m_snapshot, palette());
    setHtml(m_target ? describer.html(*m_target) : describer.overview());
    verticalScrollBar()->setValue(0);
}

void DetailsView::changeEvent(QEvent* event)
{
    QTextBrowser::changeEvent(event);
    // Colours are baked into the HTML; re-render when the theme (light/dark) changes.
    if (event->type() == QEvent::PaletteChange)
        render();
}

} // namespace scimitar::gui
