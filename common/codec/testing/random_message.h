#pragma once

// Random message contents for the codec's equivalence tests: every kind of field,
// present zero values, strings that need escaping or hold invalid UTF-8, and contents
// for the JSON forms. Test-only.

#include <cstdint>
#include <random>
#include <string>

#include "google/protobuf/message.h"

namespace kube::codec::testing {

// Sets a random selection of the fields of `message` (cleared first), nesting at most
// `max_depth` messages deep. Map keys are distinct, also after invalid UTF-8 in them
// is replaced, so that every map has one JSON form.
void FillRandom(google::protobuf::Message& message, std::mt19937& rng, int max_depth = 6);

// A random string: plain, escaped, non-ASCII, invalid UTF-8, short and long.
std::string RandomString(std::mt19937& rng);

}  // namespace kube::codec::testing
