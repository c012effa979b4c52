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

QByteArray demoDriftIdpCsv()
{
    return "group,user,status,email\r\n"
           "dbx-pii-analysts,grace.okafor@acme.example,active,\r\n"
           "dbx-pii-analysts,sam.whitfield@acme.example,active,\r\n"
           "dbx-pii-analysts,mei.chen@acme.example,active,\r\n"
           "dbx-pii-analysts,nora.kelly@acme.example,active,\r\n"
           "dbx-pii-analysts,julia.novak@acme.example,deprovisioned,\r\n"
           "dbx-pii-analysts,KAI.MUELLER@contractor.example,active,\r\n"
           "dbx-pii-analysts,new.hire@acme.example,active,\r\n"
           "dbx-engineers,priya.raman@acme.example,,\r\n"
           "dbx-engineers,tomas.herrera@acme.example,,\r\n"
           "dbx-engineers,dmitri.volkov@acme.example,,\r\n"
           "dbx-engineers,lucas.moreau@acme.example,,\r\n"
           "dbx-engineers,ivan.petrov@acme.example,,\r\n"
           "dbx-engineers,pedro.alves@acme.example,,\r\n"
           "dbx-engineers,erik.johansson@acme.example,,\r\n"
           "dbx-engineers,kenji.watanabe@acme.example,,\r\n"
           "dbx-engineers,yuki.tanaka@acme.example,,\r\n"
           "dbx-engineers,david.kim@acme.example,,\r\n"
           "dbx-engineers,lena.fischer@acme.example,,\r\n"
           "dbx-engineers,sofia.garcia@acme.example,,\r\n"
           ",jonas.berg@acme.example,active,\r\n"
           ",sara.lindqvist@acme.example,active,\r\n"
           ",omar.haddad@acme.example,active,\r\n"
           ",alex.rivera@contractor.example,active,\r\n"
           ",scim-admin@acme.example,active,\r\n";
}

QByteArray demoDriftPolicy()
{
    return R"({
  "idp": {"type": "file", "path": "idp.csv"},
  "match": "userName",
  "rules": [
    {"idpGroup": "dbx-pii-analysts", "databricksGroup": "pii-analysts"},
    {"idpGroup": "dbx-pii-analysts", "role": "arn:aws:iam::123456789012:instance-profile/pii-read"},
    {"idpGroup": "dbx-engineers", "entitlements": ["allow-cluster-create"]}
  ],
  "protected": {"users": [], "groups": ["admins", "users", "account users"]}
})";
}

} // namespace scimitar::test
