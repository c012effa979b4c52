// Retry-After, X-Rate-Limit-Reset and Date header values, as servers and proxies send them.
#include "FuzzSupport.h"
#include "net/ThrottleClassifier.h"

using namespace scimitar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> values = fuzz::pieces(fuzz::bytes(data, size));
    const QByteArray first = values.value(0);
    const QByteArray second = values.value(1);
    net::ThrottleClassifier::retryAfterMs(first);
    net::ThrottleClassifier::rateLimitResetMs(first, second);
    net::ThrottleClassifier::requestedDelayMs(first, second, values.value(2));
    net::ThrottleClassifier::isThrottled(500, second);
    return 0;
}
