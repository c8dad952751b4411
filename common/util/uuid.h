#pragma once

#include <string>

namespace kube::util {

// A random (version 4) UUID in its canonical text form, as Kubernetes uses for uids.
std::string NewUuid();

// `length` random characters from the alphabet Kubernetes uses for generateName
// suffixes (consonants and digits that cannot spell words).
std::string RandomSuffix(size_t length);

}  // namespace kube::util
