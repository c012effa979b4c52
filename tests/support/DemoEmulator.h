#pragma once

// The emulator serving the demo workspace (resources/demo/demo-dataset.json) on its own thread, for the suites that
// run the CLI against it.

#include "EmulatorThread.h"

#include <QString>
#include <memory>

namespace scimitar::test {

// A started emulator with the demo dataset; null with `error` set when the dataset is not found or does not load,
// or the emulator does not start.
std::unique_ptr<emulator::EmulatorThread> startDemoEmulator(QString* error);

} // namespace scimitar::test
