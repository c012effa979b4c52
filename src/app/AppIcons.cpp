#include "AppIcons.h"

#include "AppResources.h"

namespace scimitar::gui {

QIcon AppIcons::load(const char* name)
{
    AppResources::ensureLoaded();
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

QIcon AppIcons::application()
{
    return load("scimitar");
}

QIcon AppIcons::user()
{
    return load("user");
}

QIcon AppIcons::group()
{
    return load("group");
}

QIcon AppIcons::servicePrincipal()
{
    return load("service-principal");
}

QIcon AppIcons::role()
{
    return load("role");
}

QIcon AppIcons::entitlement()
{
    return load("entitlement");
}

QIcon AppIcons::refresh()
{
    return load("refresh");
}

QIcon AppIcons::cancel()
{
    return load("cancel");
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

QIcon AppIcons::search()
{
    return load("search");
}

} // namespace scimitar::gui
