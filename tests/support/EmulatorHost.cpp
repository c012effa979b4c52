#include "EmulatorHost.h"

namespace scimitar::test {

EmulatorHost::EmulatorHost(const emulator::EmulatorOptions& options, emulator::Dataset dataset)
    : m_emulator(std::move(dataset), options)
{
    // Failure is reported through isRunning()/errorString() so the test can QVERIFY2 it.
    m_emulator.start();
}

emulator::Dataset EmulatorHost::defaultDataset()
{
    return emulator::Dataset::generate(120, 30, 42);
}

} // namespace scimitar::test
