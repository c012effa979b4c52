// bench_gui: does the window stay responsive while it loads and shows a large workspace?
//
// Starts the real GUI (AppSession in demo mode, offscreen unless QT_QPA_PLATFORM says otherwise), swaps the demo
// emulator's data for a generated workspace, refreshes, and meanwhile ticks a 5 ms timer on the GUI thread: the
// longest gap between ticks is the longest the window was frozen. Also times a search and a sort on the users table.
// Prints the numbers and the process's peak resident memory (which includes the in-process emulator's data).
//   bench_gui [--users N] [--groups M]
#include "AppSession.h"
#include "MainWindow.h"
#include "demo/DemoEnvironment.h"
#include "models/PrincipalFilterProxy.h"
#include "widgets/DirectoryTablePage.h"

#include <EmulatorThread.h>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace scimitar;
using namespace scimitar::gui;

namespace {

qint64 peakResidentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() / 1024;
    return -1;
}

// Measures the longest time the GUI thread did not get back to its event loop.
class StallMonitor : public QObject
{
public:
    StallMonitor()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed() / 1000000;
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    qint64 longestGapMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QCoreApplication::setOrganizationName(QStringLiteral("ScimitarBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_gui"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("users"), QStringLiteral("Users."), QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("groups"), QStringLiteral("Groups."), QStringLiteral("M"),
                      QStringLiteral("5000")});
    parser.process(app);
    const int users = parser.value(QStringLiteral("users")).toInt();
    const int groups = parser.value(QStringLiteral("groups")).toInt();

    AppSession session;
    QString error;
    if (!session.start({/*demo=*/true}, &error)) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(error));
        return 2;
    }
    MainWindow* window = session.mainWindow();
    window->resize(1280, 800);
    window->show();
    if (!waitFor([&] { return window->snapshot() && !window->isRefreshing(); }, 30000)) {
        std::fprintf(stderr, "bench_gui: the demo did not load\n");
        return 2;
    }

    session.demo()->emulator()->setDataset(emulator::Dataset::generate(users, groups, 1));
    StallMonitor monitor;
    monitor.start();
    QElapsedTimer timer;
    timer.start();
    window->refresh();
    DirectoryTablePage* usersPage = window->page(NavigationPage::Users);
    if (!waitFor([&] { return !window->isRefreshing() && usersPage->proxy()->rowCount() == users; }, 300000)) {
        std::fprintf(stderr, "bench_gui: the large workspace did not load\n");
        return 1;
    }
    const qint64 loadMs = timer.elapsed();
    const qint64 loadStall = monitor.longestGapMs();

    window->setCurrentPage(NavigationPage::Users);
    QCoreApplication::processEvents();
    monitor.start();
    timer.restart();
    window->searchBox()->setText(QStringLiteral("smith"));
    waitFor([&] { return usersPage->proxy()->rowCount() < users; }, 30000);
    const qint64 searchMs = timer.elapsed();
    const int matches = usersPage->proxy()->rowCount();
    window->searchBox()->clear();
    waitFor([&] { return usersPage->proxy()->rowCount() == users; }, 30000);
    const qint64 searchStall = monitor.longestGapMs();

    monitor.start();
    timer.restart();
    usersPage->findChild<QTableView*>()->sortByColumn(1, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    const qint64 sortMs = timer.elapsed();
    const qint64 sortStall = monitor.longestGapMs();

    QTextStream out(stdout);
    out << "workspace: " << users << " users, " << groups << " groups" << Qt::endl
        << "refresh until rows shown: " << loadMs << " ms; longest GUI-thread stall during it: " << loadStall << " ms"
        << Qt::endl
        << "search 'smith' (" << matches << " matches) and clear: " << searchMs
        << " ms to first result; longest stall: " << searchStall << " ms" << Qt::endl
        << "sort users by display name: " << sortMs << " ms; longest stall: " << sortStall << " ms" << Qt::endl
        << "peak resident memory (GUI + in-process emulator): " << peakResidentMiB() << " MiB" << Qt::endl;
    return 0;
}
