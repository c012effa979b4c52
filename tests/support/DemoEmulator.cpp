#include "DemoEmulator.h"

#include <QtTest>

namespace scimitar::test {

std::unique_ptr<emulator::EmulatorThread> startDemoEmulator(QString* error)
{
    const QString datasetPath = QFINDTESTDATA("../../resources/demo/demo-dataset.json");
    if (datasetPath.isEmpty()) {
        *error = QStringLiteral("resources/demo/demo-dataset.json not found");
        return nullptr;
    }
    std::optional<emulator::Dataset> dataset = emulator::Dataset::load(datasetPath, error);
    if (!dataset)
        return nullptr;
    auto thread = std::make_unique<emulator::EmulatorThread>(*dataset);
    if (thread->start().isEmpty()) {
        *error = thread->errorString();
        return nullptr;
    }
    return thread;
}

} // namespace scimitar::test
