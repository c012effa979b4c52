#include "CliRun.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QProcess>

namespace scimitar::test {

QStringList CliRun::errLines() const
{
    return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString CliRun::describe() const
{
    return QStringLiteral("exit %1\nstderr: %2\nstdout: %3")
        .arg(exitCode)
        .arg(QString::fromUtf8(err), QString::fromUtf8(out.left(4000)));
}

QJsonArray CliRun::jsonArray(int expectedExit) const
{
    if (exitCode != expectedExit) {
        qWarning("%s", qPrintable(describe()));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        qWarning("not a JSON array: %s", qPrintable(error.errorString()));
        return {};
    }
    return document.array();
}

QString cliBinary()
{
    const QString binDir = qEnvironmentVariable("SCIMITAR_BIN_DIR", QCoreApplication::applicationDirPath());
    return QDir(binDir).filePath(QStringLiteral("scimitar-cli"));
}

QProcessEnvironment cliEnvironment(const QString& home, CliBus bus)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : env.keys())
        if (name.startsWith(QLatin1String("DATABRICKS_")) || name.startsWith(QLatin1String("OKTA_")) ||
            name.startsWith(QLatin1String("AZURE_")) || name == QLatin1String("SCIMITAR_AUDIT_JOURNAL") ||
            name == QLatin1String("SCIMITAR_GRAPH_HOST"))
            env.remove(name);
    // Nothing the CLI does may touch the real user's files or keychain.
    const QDir dir(home);
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
    if (bus == CliBus::Dead)
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/scimitar-test-bus"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    return env;
}

CliRun runCli(const QString& binary, const QStringList& arguments, const QProcessEnvironment& env, int timeoutMs,
              const QByteArray& input, const std::function<void()>& inChild)
{
    QProcess process;
    process.setProcessEnvironment(env);
#ifdef Q_OS_UNIX
    if (inChild)
        process.setChildProcessModifier(inChild);
#else
    Q_UNUSED(inChild);
#endif
    process.start(binary, arguments);
    CliRun result;
    if (!process.waitForStarted(10000)) {
        result.err = "scimitar-cli did not start";
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = "scimitar-cli did not finish in time";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QStringList sortedKeys(const QJsonObject& object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace scimitar::test
