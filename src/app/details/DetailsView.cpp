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
    m_html = nullptr;
    render();
}

void DetailsView::showTarget(const std::optional<DetailsTarget>& target)
{
    m_target = target;
    m_placeholder.clear();
    m_html = nullptr;
    render();
}

void DetailsView::showPlaceholder(const QString& text)
{
    m_placeholder = text;
    m_html = nullptr;
    render();
}

void DetailsView::setSupplement(std::function<QString(const DetailsTarget&, const QPalette&)> supplement)
{
    m_supplement = std::move(supplement);
    render();
}

void DetailsView::showHtml(std::function<QString(const QPalette&)> html)
{
    m_placeholder.clear();
    m_html = std::move(html);
    render();
}

void DetailsView::render()
{
    if (m_html) {
        setHtml(m_html(palette()));
        verticalScrollBar()->setValue(0);
        return;
    }
    if (!m_placeholder.isEmpty() || !m_snapshot) {
        const QString muted = AccessDescriber::mutedColor(palette()).name();
        setHtml(QStringLiteral("<p style=\"color:%1\">%2</p>").arg(muted, m_placeholder.toHtmlEscaped()));
        return;
    }
    const AccessDescriber describer(*m_snapshot, palette());
    QString html = m_target ? describer.html(*m_target) : describer.overview();
    if (m_target && m_supplement)
        html += m_supplement(*m_target, palette());
    setHtml(html);
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
