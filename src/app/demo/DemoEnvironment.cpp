#include "DemoEnvironment.h"

#include "AppResources.h"
#include "policy/PolicyParser.h"

#include <Dataset.h>
#include <EmulatorOptions.h>
#include <EmulatorThread.h>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace scimitar::gui {

namespace {

// A fixed id: Connection::validate() wants a UUID, and a stable one keeps the demo's per-page settings stable.
const char* const kDemoConnectionId = "5c1a1a42-de70-4000-8000-00000000de70";

QStringList datasetCandidates()
{
    QStringList candidates = {QStringLiteral(":/demo/demo-dataset.json")};
    const QDir appDir(QCoreApplication::applicationDirPath());
    // Installed: <prefix>/bin/scimitar next to <prefix>/share/scimitar/demo.
    candidates.append(appDir.absoluteFilePath(QStringLiteral("../share/scimitar/demo/demo-dataset.json")));
    candidates.append(QStringLiteral(SCIMITAR_DEMO_DATA_INSTALL_DIR "/demo-dataset.json"));
    // Running from a build directory of the source tree.
    candidates.append(QStringLiteral(SCIMITAR_DEMO_DATA_SOURCE_DIR "/demo-dataset.json"));
    return candidates;
}

QStringList policyCandidates()
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    return {QStringLiteral(":/demo/demo-policy.json"),
            appDir.absoluteFilePath(QStringLiteral("../share/scimitar/demo/demo-policy.json")),
            QStringLiteral(SCIMITAR_DEMO_DATA_INSTALL_DIR "/demo-policy.json"),
            QStringLiteral(SCIMITAR_DEMO_DATA_SOURCE_DIR "/demo-policy.json")};
}

} // namespace

DemoEnvironment::DemoEnvironment() = default;

DemoEnvironment::~DemoEnvironment() = default;

QString DemoEnvironment::token()
{
    return QString::fromLatin1(emulator::EmulatorOptions::kDemoToken);
}

QString DemoEnvironment::oktaToken()
{
    return QString::fromLatin1(emulator::EmulatorOptions::kDemoOktaToken);
}

std::unique_ptr<emulator::Dataset> DemoEnvironment::loadDataset(QString* origin, QString* error)
{
    AppResources::ensureLoaded();
    QStringList problems;
    for (const QString& path : datasetCandidates()) {
        if (!QFile::exists(path))
            continue;
        QString problem;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problems.append(QStringLiteral("%1: %2").arg(path, file.errorString()));
            continue;
        }
        std::optional<emulator::Dataset> dataset = emulator::Dataset::fromJson(file.readAll(), &problem, path);
        if (!dataset) {
            problems.append(problem);
            continue;
        }
        if (origin)
            *origin = path;
        return std::make_unique<emulator::Dataset>(std::move(*dataset));
    }
    if (error)
        *error =
            problems.isEmpty()
                ? QStringLiteral("The demo dataset (demo-dataset.json) was not found.")
                : QStringLiteral("The demo dataset could not be read: %1").arg(problems.join(QStringLiteral("; ")));
    return nullptr;
}

QString DemoEnvironment::journalPath() const
{
    return m_scratch ? m_scratch->filePath(QStringLiteral("demo-audit.sqlite")) : QString();
}

bool DemoEnvironment::start(QString* error)
{
    m_scratch = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("scimitar-demo-XXXXXX")));
    if (!m_scratch->isValid()) {
        if (error)
            *error = QStringLiteral("The demo's throwaway folder could not be made: %1").arg(m_scratch->errorString());
        m_scratch.reset();
        return false;
    }
    std::unique_ptr<emulator::Dataset> dataset = loadDataset(&m_origin, error);
    if (!dataset)
        return false;
    emulator::EmulatorOptions options;
    options.token = token();
    m_emulator = std::make_unique<emulator::EmulatorThread>(std::move(*dataset), options);
    const QUrl base = m_emulator->start();
    if (base.isEmpty()) {
        if (error)
            *error = QStringLiteral("The demo server could not start: %1").arg(m_emulator->errorString());
        m_emulator.reset();
        return false;
    }
    m_connection = Connection();
    m_connection.id = QString::fromLatin1(kDemoConnectionId);
    m_connection.name = QStringLiteral("Demo workspace (Acme Data)");
    m_connection.kind = Connection::Kind::Workspace;
    m_connection.authType = Connection::AuthType::PersonalAccessToken;
    // Writable: changes go to the in-process emulator only and vanish with it, so the demo can show fixing too.
    m_connection.readOnly = false;
    m_connection.setHost(base.toString());

    // The policy names a real-looking Okta org; in the demo the emulator answers for it on the same port.
    m_policy.reset();
    for (const QString& path : policyCandidates()) {
        if (!QFile::exists(path))
            continue;
        std::optional<Policy> policy = PolicyParser::load(path, &m_policyProblem);
        if (!policy)
            continue;
        IdpSettings idp = policy->idp();
        idp.url = base;
        Policy pointed(idp, policy->match(), policy->rules(), policy->protectedUsers(), policy->protectedGroups());
        pointed.setDescription(policy->description());
        m_policy = pointed;
        m_policyProblem.clear();
        break;
    }
    return true;
}

} // namespace scimitar::gui
