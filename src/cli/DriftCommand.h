#pragma once

#include "Command.h"
#include "OutputFormat.h"
#include "drift/DriftReviewResult.h"
#include "output/TextTable.h"

#include <QByteArray>
#include <memory>

namespace scimitar {
class IdpSource;
}

namespace scimitar::cli {

// `drift --policy FILE`: loads Databricks (the usual connection resolution) and the policy's IdP concurrently,
// runs a DriftReview and prints the findings — a table for people, the FindingJson array or FindingCsv for
// scripts. Exit 0: no drift; 1: drift; 2: any error, including anything that would make the picture partial.
//
// IdP secrets never come from the policy or argv: they come from a saved IdP connection and the OS keychain
// (--idp-connection NAME) or from the environment (IdpResolver says which and checks they belong to the IdP the
// policy names); a file IdP needs none.
class DriftCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("drift"); }
    QString summary() const override
    {
        return QStringLiteral("Compare access with the IdP under --policy (exit 1 on drift)");
    }
    bool usesPolicy() const override { return true; }

    int execute(const CommandContext& context) const override;

    static QByteArray render(const DriftReviewResult& result, OutputFormat format);
    static TextTable table(const DriftReviewResult& result);

    // The IdP source the policy asks for, with its secret from a saved connection or the environment; null with
    // *error set.
    // *secret receives the IdP secret so the console can scrub it from every message.
    static std::unique_ptr<IdpSource> createSource(const Policy& policy, const CommandContext& context,
                                                   QByteArray* secret, QString* error);
};

} // namespace scimitar::cli
