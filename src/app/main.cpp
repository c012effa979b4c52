#include "AppIcons.h"
#include "AppSession.h"
#include "MainWindow.h"
#include "secrets/ProcessHardening.h"
#include "widgets/PlainText.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QHash>
#include <QMessageBox>
#include <cstring>
#include <memory>

namespace {

// --help and --version must work over ssh and in scripts, where there is no display for a QApplication.
bool wantsTextOnly(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char* option : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    // Before any token is read: no core file, no ptrace by other processes. SCIMITAR_ALLOW_CORE_DUMPS=1 keeps them
    // for debugging a crash.
    if (qEnvironmentVariable("SCIMITAR_ALLOW_CORE_DUMPS") != QLatin1String("1")) {
        const QString hardening = scimitar::ProcessHardening::forbidCoreDumps();
        if (!hardening.isEmpty())
            qWarning("%s", qPrintable(hardening));
    }
    std::unique_ptr<QCoreApplication> app = wantsTextOnly(argc, argv) ? std::make_unique<QCoreApplication>(argc, argv)
                                                                      : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Scimitar"));
    QCoreApplication::setApplicationName(QStringLiteral("Scimitar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCIMITAR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("See who holds which Databricks access: users, groups, service principals, roles and "
                       "entitlements, loaded over SCIM."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Open a built-in demo workspace (Acme Data), served in-process; nothing is saved."));
    parser.addOption(demoOption);
    // Opens on a page other than the last one used: for screenshots, docs and scripted demos.
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        QStringLiteral("Open on this page: users, groups, service-principals, roles, "
                                                       "entitlements, drift or audit."),
                                        QStringLiteral("page"));
    parser.addOption(pageOption);
    parser.process(*app); // exits for --help and --version

    QApplication::setApplicationDisplayName(QStringLiteral("Scimitar"));
    QApplication::setDesktopFileName(QStringLiteral("scimitar"));
    QApplication::setWindowIcon(scimitar::gui::AppIcons::application());

    scimitar::gui::AppSession session;
    QString error;
    if (!session.start({parser.isSet(demoOption)}, &error)) {
        scimitar::gui::PlainText::critical(nullptr, QStringLiteral("Scimitar"), error);
        return 1;
    }
    if (parser.isSet(pageOption)) {
        using scimitar::gui::NavigationPage;
        const QHash<QString, NavigationPage> pages = {
            {QStringLiteral("users"), NavigationPage::Users},
            {QStringLiteral("groups"), NavigationPage::Groups},
            {QStringLiteral("service-principals"), NavigationPage::ServicePrincipals},
            {QStringLiteral("roles"), NavigationPage::Roles},
            {QStringLiteral("entitlements"), NavigationPage::Entitlements},
            {QStringLiteral("drift"), NavigationPage::Drift},
            {QStringLiteral("audit"), NavigationPage::Audit},
        };
        const QString name = parser.value(pageOption).toLower();
        if (!pages.contains(name)) {
            scimitar::gui::PlainText::critical(nullptr, QStringLiteral("Scimitar"),
                                               QStringLiteral("Unknown page “%1”.").arg(parser.value(pageOption)));
            return 1;
        }
        session.mainWindow()->setCurrentPage(pages.value(name));
    }
    session.mainWindow()->show();
    return app->exec();
}
