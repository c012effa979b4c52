// The emulator's Okta search= / filter= parser, for groups and users, matched against one user.
#include "FuzzSupport.h"
#include "OktaSearch.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    using emulator::OktaSearch;
    for (const OktaSearch::Resource resource : {OktaSearch::Resource::Groups, OktaSearch::Resource::Users}) {
        for (const OktaSearch::Mode mode : {OktaSearch::Mode::Search, OktaSearch::Mode::Filter}) {
            QString error;
            const auto search = OktaSearch::parse(text, resource, mode, &error);
            if (search)
                search->matches([](const QString& attribute) {
                    return attribute == QLatin1String("status") ? QStringLiteral("ACTIVE")
                                                                : QStringLiteral("ana@acme.example");
                });
        }
    }
    return 0;
}
