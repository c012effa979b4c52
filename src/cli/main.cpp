#include "CliApplication.h"
#include "secrets/ProcessHardening.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char* argv[])
{
    // Before any token is read: a crash must not write one into a core file, nor another process read it.
    const QString hardening = scimitar::ProcessHardening::forbidCoreDumps();
    if (!hardening.isEmpty())
        std::fprintf(stderr, "scimitar-cli: warning: %s\n", qPrintable(hardening));
    QCoreApplication app(argc, argv);
    // Organization and application name stay unset here on purpose: the saved connections live in the GUI's
    // settings, which ConnectionResolver opens by name ("Scimitar"/"Scimitar").
    QCoreApplication::setApplicationName(QStringLiteral("scimitar-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCIMITAR_VERSION));
    // The application keeps its own copy of the environment; the process's loses the secrets before anything (a
    // keychain read, a D-Bus daemon it may start) could pass them on to a child.
    scimitar::cli::CliApplication cli;
    scimitar::ProcessHardening::removeSecretsFromEnvironment();
    scimitar::ProcessHardening::preventBusAutolaunch();
    return cli.run(QCoreApplication::arguments());
}
