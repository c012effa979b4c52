#pragma once

#include <Dataset.h>
#include <EmulatorOptions.h>
#include <EmulatorStats.h>
#include <EmulatorThread.h>
#include <QString>
#include <QUrl>
#include <functional>

namespace scimitar::test {

// A started emulator for a test: construct it, check isRunning(), point the client at
// workspaceScimUrl()/accountScimUrl() with token(). The server runs in its own thread, so the
// test's event loop (QSignalSpy::wait, QTRY_*) drives the client while the server answers.
//
//   scimitar::test::EmulatorHost host;                       // 120 users, 30 groups, seed 42
//   QVERIFY2(host.isRunning(), qPrintable(host.errorString()));
//   host.updateOptions([](auto& o) { o.throttleEvery = 3; }); // faults from the next request on
class EmulatorHost
{
public:
    static constexpr const char* kAccountId = "00000000-0000-4000-8000-000000000001";

    explicit EmulatorHost(const emulator::EmulatorOptions& options = {}, emulator::Dataset dataset = defaultDataset());
    EmulatorHost(const EmulatorHost&) = delete;
    EmulatorHost& operator=(const EmulatorHost&) = delete;

    // A small deterministic workspace: Dataset::generate(120, 30, 42).
    static emulator::Dataset defaultDataset();

    bool isRunning() const { return m_emulator.isRunning(); }
    QString errorString() const { return m_emulator.errorString(); }

    QUrl baseUrl() const { return m_emulator.baseUrl(); }
    QUrl workspaceScimUrl(const QString& resource = QString()) const { return m_emulator.workspaceScimUrl(resource); }
    QUrl accountScimUrl(const QString& resource = QString(), const QString& accountId = QLatin1String(kAccountId),
                        const QString& apiVersion = QStringLiteral("2.0")) const
    {
        return m_emulator.accountScimUrl(accountId, resource, apiVersion);
    }
    QString token() const { return m_emulator.options().token; }
    QByteArray authorizationHeader() const { return "Bearer " + token().toUtf8(); }

    emulator::EmulatorOptions options() const { return m_emulator.options(); }
    void setOptions(const emulator::EmulatorOptions& options) { m_emulator.setOptions(options); }
    void updateOptions(const std::function<void(emulator::EmulatorOptions&)>& change)
    {
        m_emulator.updateOptions(change);
    }
    emulator::EmulatorStats stats() const { return m_emulator.stats(); }
    void resetStats() { m_emulator.resetStats(); }
    emulator::Dataset dataset() const { return m_emulator.dataset(); }
    void setDataset(emulator::Dataset dataset) { m_emulator.setDataset(std::move(dataset)); }
    void modifyDataset(const std::function<void(emulator::Dataset&)>& change) { m_emulator.modifyDataset(change); }

    emulator::EmulatorThread& emulator() { return m_emulator; }

private:
    emulator::EmulatorThread m_emulator;
};

} // namespace scimitar::test
