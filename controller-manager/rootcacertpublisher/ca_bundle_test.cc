#include "controller-manager/rootcacertpublisher/ca_bundle.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "controller-manager/rootcacertpublisher/test_ca.h"

namespace kube::kcm::rootcacertpublisher {
namespace {

// A file of this test's own under the temp directory, removed at scope exit.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content)
      : path_(std::filesystem::temp_directory_path() /
              ("kcm-ca-bundle-" + std::to_string(getpid()) + "-" + name)) {
    std::ofstream(path_) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("ReadCaBundle returns a PEM bundle as it is", "[root-ca-cert-publisher]") {
  const std::string bundle = std::string("# the cluster CA\n") + testing::kTestCaPem;
  TempFile file("good", bundle);
  absl::StatusOr<std::string> read = ReadCaBundle(file.path());
  REQUIRE(read.ok());
  CHECK(*read == bundle);
}

TEST_CASE("ReadCaBundle refuses a file without a certificate", "[root-ca-cert-publisher]") {
  TempFile file("bad", "not a certificate\n");
  absl::StatusOr<std::string> read = ReadCaBundle(file.path());
  REQUIRE_FALSE(read.ok());
  CHECK(absl::IsInvalidArgument(read.status()));
  CHECK_THAT(std::string(read.status().message()), Catch::Contains(file.path()));
}

TEST_CASE("ReadCaBundle reports a missing file", "[root-ca-cert-publisher]") {
  absl::StatusOr<std::string> read = ReadCaBundle("/nonexistent/kcm/ca.crt");
  REQUIRE_FALSE(read.ok());
  CHECK(absl::IsNotFound(read.status()));
}

}  // namespace kube::kcm::rootcacertpublisher
