// ~/.databrickscfg: an INI file the Databricks CLI and SDKs also write, read for profiles.
#include "FuzzSupport.h"
#include "connections/DatabricksConfigFile.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const DatabricksConfigFile file = DatabricksConfigFile::parse(QString::fromUtf8(fuzz::bytes(data, size)));
    for (const QString& name : file.profileNames()) {
        file.profile(name);
        file.value(name, QStringLiteral("host"));
    }
    file.errors();
    return 0;
}
