#pragma once

// The request bodies captured from real kubectl (testdata/kubectl), for the codec's
// tests. Test-only.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace kube::codec::testing {

// The bytes of the captured body `name`; fails the test if it cannot be read.
inline std::string ReadKubectlVector(const std::string& name) {
  std::ifstream file(std::string(KUBECTL_VECTORS_DIR) + "/" + name, std::ios::binary);
  REQUIRE(file.good());
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

}  // namespace kube::codec::testing
