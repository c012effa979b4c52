#include "CliApplication.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // Organization and application name stay unset here on purpose: the saved connections live in the GUI's
    // settings, which ConnectionResolver opens by name ("Scimitar"/"Scimitar").
    QCoreApplication::setApplicationName(QStringLiteral("scimitar-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCIMITAR_VERSION));
    return scimitar::cli::CliApplication().run(QCoreApplication::arguments());
}
