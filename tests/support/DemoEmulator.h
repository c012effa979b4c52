#pragma once

// The emulator serving the demo workspace (resources/demo/demo-dataset.json) on its own thread, for the suites that
// run the CLI against it.

#include "EmulatorThread.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace scimitar::test {

// A started emulator with the demo dataset; null with `error` set when the dataset is not found or does not load,
// or the emulator does not start.
std::unique_ptr<emulator::EmulatorThread> startDemoEmulator(QString* error);

// In the demo workspace pii-analysts (holding pii-read) has grace, omar, sam and, through pii-readers, mei, julia
// and nora; legacy-bi-team also holds pii-read (jonas, sara, victor); allow-cluster-create comes with admins,
// data-engineering and ml-platform, and alex holds it directly. demoDriftIdpCsv() (a file IdP, saved as idp.csv) under
// demoDriftPolicy() makes every kind of finding:
//   role-without-grant     jonas, sara (legacy-bi-team), omar, julia, victor
//   member-without-grant   omar (direct member of pii-analysts, in no mapped IdP group)
//   deprovisioned-active   julia (deprovisioned in dbx-pii-analysts)
//   unknown-in-idp         victor (holds pii-read, absent from the file)
//   missing-member         kai (in dbx-pii-analysts, exists, not a member)
//   not-provisioned        new.hire (in dbx-pii-analysts, no Databricks user)
//   entitlement-without-grant  alex (directly), scim-admin (the token owner: blocked)
QByteArray demoDriftIdpCsv();
QByteArray demoDriftPolicy(); // refers to the IdP file as idp.csv, next to the policy

} // namespace scimitar::test
