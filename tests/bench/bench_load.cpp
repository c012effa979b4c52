// bench_load: how long a full refresh of a large workspace takes and how much memory it needs.
//
// Starts the real scimitar-emulator as a separate process (so its memory is not counted here), loads the whole
// workspace with DirectoryLoader exactly as the GUI and CLI do, and prints wall time, requests, and this process's
// peak resident memory (VmHWM). Usage:
//   bench_load [--users N] [--groups M] [--latency-ms L] [--account] [--runs K]
#include "scim/DirectoryLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <cstdio>

using namespace scimitar;

namespace {

qint64 peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines)
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("users"), QStringLiteral("Users to generate."), QStringLiteral("N"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("groups"), QStringLiteral("Groups to generate."), QStringLiteral("M"),
                      QStringLiteral("5000")});
    parser.addOption({QStringLiteral("latency-ms"), QStringLiteral("Emulated server latency per request."),
                      QStringLiteral("L"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Loads to time."), QStringLiteral("K"),
                      QStringLiteral("3")});
    parser.addOption({QStringLiteral("account"), QStringLiteral("Use the account API (groups fetched one by one).")});
    parser.process(app);

    const QString emulatorPath = QCoreApplication::applicationDirPath() + QStringLiteral("/scimitar-emulator");
    QProcess emulator;
    emulator.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    emulator.start(emulatorPath, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--users"),
                                  parser.value(QStringLiteral("users")), QStringLiteral("--groups"),
                                  parser.value(QStringLiteral("groups")), QStringLiteral("--latency-ms"),
                                  parser.value(QStringLiteral("latency-ms"))});
    if (!emulator.waitForStarted(10000) || !emulator.waitForReadyRead(60000)) {
        std::fprintf(stderr, "bench_load: could not start %s\n", qPrintable(emulatorPath));
        return 2;
    }
    const int port = emulator.readLine().trimmed().toInt();
    const bool account = parser.isSet(QStringLiteral("account"));

    LoadRequest request;
    request.connectionName = QStringLiteral("bench");
    request.level = account ? DirectoryLevel::Account : DirectoryLevel::Workspace;
    request.scimBaseUrl = QUrl(account ? QStringLiteral("http://127.0.0.1:%1/api/2.0/accounts/"
                                                        "0d26daa6-5e44-4c97-a497-ef015f91254a/scim/v2")
                                             .arg(port)
                                       : QStringLiteral("http://127.0.0.1:%1/api/2.0/preview/scim/v2").arg(port));
    request.token = "dapi-emulator-demo-token";

    QTextStream out(stdout);
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    int status = 0;
    for (int run = 1; run <= runs; ++run) {
        DirectoryLoader loader;
        SnapshotPtr snapshot;
        QString error;
        QEventLoop loop;
        QObject::connect(&loader, &DirectoryLoader::finished, &loop, [&](SnapshotPtr s) {
            snapshot = std::move(s);
            loop.quit();
        });
        QObject::connect(&loader, &DirectoryLoader::failed, &loop, [&](const QString& message) {
            error = message;
            loop.quit();
        });
        QElapsedTimer timer;
        timer.start();
        loader.start(request);
        loop.exec();
        const qint64 elapsed = timer.elapsed();
        if (!snapshot) {
            out << "run " << run << ": failed: " << error << Qt::endl;
            status = 1;
            break;
        }
        qsizetype memberships = 0;
        for (const Group& group : snapshot->groups())
            memberships += group.members.size();
        out << "run " << run << ": " << elapsed << " ms, " << snapshot->users().size() << " users, "
            << snapshot->groups().size() << " groups (" << memberships << " memberships), "
            << snapshot->servicePrincipals().size() << " service principals, " << snapshot->roleValues().size()
            << " roles, complete=" << (snapshot->isComplete() ? "yes" : "no") << ", peak RSS "
            << peakResidentKiB() / 1024 << " MiB" << Qt::endl;
    }
    emulator.terminate();
    emulator.waitForFinished(5000);
    return status;
}
