#include "AppIcons.h"
#include "AppSession.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Scimitar"));
    QApplication::setApplicationName(QStringLiteral("Scimitar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Scimitar"));
    QApplication::setApplicationVersion(QStringLiteral(SCIMITAR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("scimitar"));
    QApplication::setWindowIcon(scimitar::gui::AppIcons::application());

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
    parser.process(app);

    scimitar::gui::AppSession session;
    QString error;
    if (!session.start({parser.isSet(demoOption)}, &error)) {
        QMessageBox::critical(nullptr, QStringLiteral("Scimitar"), error);
        return 1;
    }
    session.mainWindow()->show();
    return app.exec();
}
