#include "AppIcons.h"

#include "AppResources.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace scimitar::gui {

QIcon AppIcons::load(const char* name)
{
    AppResources::ensureLoaded();
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

QIcon AppIcons::withSelectedSilhouette(const QIcon& svg)
{
    // The navigation icons are coloured; on a selection highlight of a similar hue they would vanish. Selected
    // items get a white silhouette instead, as sidebars on most desktops do. Rendered at fixed sizes (double ones
    // for high-DPI screens), because the SVG engine would otherwise derive the selected look by itself.
    QIcon icon;
    for (const int size : {16, 20, 24, 32, 40, 48, 64}) {
        const QPixmap normal = svg.pixmap(QSize(size, size));
        QPixmap selected = normal;
        QPainter painter(&selected);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(selected.rect(), QColor(Qt::white));
        painter.end();
        icon.addPixmap(normal, QIcon::Normal);
        icon.addPixmap(selected, QIcon::Selected);
    }
    return icon;
}

QIcon AppIcons::application()
{
    return load("scimitar");
}

QIcon AppIcons::user()
{
    return withSelectedSilhouette(load("user"));
}

QIcon AppIcons::group()
{
    return withSelectedSilhouette(load("group"));
}

QIcon AppIcons::servicePrincipal()
{
    return withSelectedSilhouette(load("service-principal"));
}

QIcon AppIcons::role()
{
    return withSelectedSilhouette(load("role"));
}

QIcon AppIcons::entitlement()
{
    return withSelectedSilhouette(load("entitlement"));
}

QIcon AppIcons::refresh()
{
    return load("refresh");
}

QIcon AppIcons::cancel()
{
    return load("cancel");
}

QIcon AppIcons::back()
{
    // The desktop's own arrows where it has a theme; the style's otherwise (they follow right-to-left layouts).
    return QIcon::fromTheme(QStringLiteral("go-previous"), QApplication::style()->standardIcon(QStyle::SP_ArrowBack));
}

QIcon AppIcons::blocked()
{
    return QIcon::fromTheme(QStringLiteral("action-unavailable"),
                            QApplication::style()->standardIcon(QStyle::SP_BrowserStop));
}

QIcon AppIcons::forward()
{
    return QIcon::fromTheme(QStringLiteral("go-next"), QApplication::style()->standardIcon(QStyle::SP_ArrowForward));
}

QIcon AppIcons::connections()
{
    return load("connections");
}

QIcon AppIcons::warning()
{
    return load("warning");
}

QIcon AppIcons::error()
{
    return load("error");
}

QIcon AppIcons::information()
{
    return load("information");
}

QIcon AppIcons::demo()
{
    return load("demo");
}

QIcon AppIcons::reveal()
{
    return load("reveal");
}

QIcon AppIcons::search()
{
    return load("search");
}

QIcon AppIcons::drift()
{
    return withSelectedSilhouette(load("drift"));
}

QIcon AppIcons::audit()
{
    return withSelectedSilhouette(load("audit"));
}

QIcon AppIcons::severityHigh()
{
    return load("severity-high");
}

QIcon AppIcons::severityMedium()
{
    return load("severity-medium");
}

QIcon AppIcons::severityLow()
{
    return load("severity-low");
}

QIcon AppIcons::diffExtra()
{
    return load("diff-extra");
}

QIcon AppIcons::diffMissing()
{
    return load("diff-missing");
}

} // namespace scimitar::gui
