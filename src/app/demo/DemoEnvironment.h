#pragma once

#include "connections/Connection.h"
#include "policy/Policy.h"

#include <QString>
#include <memory>
#include <optional>

namespace scimitar::emulator {
class Dataset;
class EmulatorThread;
} // namespace scimitar::emulator

class QTemporaryDir;

namespace scimitar::gui {

// `scimitar --demo`: the emulator serving the Acme demo workspace in this process, on an ephemeral loopback
// port, and the connection that points at it. Nothing is saved: the connection is not added to the saved list
// and its token goes to the memory-only store.
class DemoEnvironment
{
public:
    DemoEnvironment();
    ~DemoEnvironment();
    DemoEnvironment(const DemoEnvironment&) = delete;
    DemoEnvironment& operator=(const DemoEnvironment&) = delete;

    // Loads the dataset and starts the server; false with *error set when either fails.
    bool start(QString* error);

    // "Demo workspace (Acme Data)", a workspace connection to the emulator. Valid after start().
    const Connection& connection() const { return m_connection; }
    static QString token();
    // The demo access policy (resources/demo/demo-policy.json) with its Okta org pointed at the emulator's Okta
    // face, so the drift page opens populated. Empty when the policy file is missing (drift then stays empty).
    const std::optional<Policy>& policy() const { return m_policy; }
    static QString oktaToken();
    // Why the demo policy could not be loaded, if it could not.
    QString policyProblem() const { return m_policyProblem; }
    // The demo's own audit journal, in a folder removed when the demo ends: what is tried on the demo workspace
    // never reaches the user's real journal.
    QString journalPath() const;
    // Where the dataset came from (resource, file path), for the About box and bug reports.
    QString datasetOrigin() const { return m_origin; }
    // The running server, so tests can add latency or faults.
    emulator::EmulatorThread* emulator() const { return m_emulator.get(); }

    // The demo dataset: the copy embedded in the resources, else the installed or source-tree file.
    static std::unique_ptr<emulator::Dataset> loadDataset(QString* origin, QString* error);

private:
    std::unique_ptr<emulator::EmulatorThread> m_emulator;
    std::unique_ptr<QTemporaryDir> m_scratch;
    Connection m_connection;
    QString m_origin;
    std::optional<Policy> m_policy;
    QString m_policyProblem;
};

} // namespace scimitar::gui
