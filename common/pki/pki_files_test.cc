#include "common/pki/pki_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "common/pki/testing_ca.h"
#include "common/tls/pem.h"

namespace kube::pki {
namespace {

using kube::testing::TempDir;

mode_t ModeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

ino_t InodeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_ino;
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("keys are written 0600 whatever the umask, certificates with the mode asked") {
  TempDir dir;
  mode_t old_umask = umask(0);  // a permissive umask must not widen a key file
  auto ca = testing::MakeCa();
  std::string key_path = dir.path() + "/ca.key";
  std::string cert_path = dir.path() + "/ca.crt";
  std::string private_cert_path = dir.path() + "/private.crt";
  std::string pub_path = dir.path() + "/sa.pub";
  CHECK(WritePrivateKeyFile(key_path, ca.key.get()).ok());
  CHECK(WriteCertificateFile(cert_path, ca.certificate.get()).ok());
  CHECK(WriteCertificateFile(private_cert_path, ca.certificate.get(), 0600).ok());
  CHECK(WritePublicKeyFile(pub_path, ca.key.get(), 0600).ok());
  umask(old_umask);

  CHECK(ModeOf(key_path) == 0600);
  CHECK(ModeOf(cert_path) == 0644);
  CHECK(ModeOf(private_cert_path) == 0600);
  CHECK(ModeOf(pub_path) == 0600);
  CHECK(Entries(dir.path()) == std::vector<std::string>{"ca.crt", "ca.key", "private.crt", "sa.pub"});

  auto key = ReadPrivateKeyFile(key_path);
  REQUIRE(key.ok());
  CHECK(SamePublicKey(key->get(), ca.key.get()));
  auto certificate = ReadCertificateFile(cert_path);
  REQUIRE(certificate.ok());
  CHECK(X509_cmp(certificate->get(), ca.certificate.get()) == 0);
  auto pub = tls::ParsePublicKeys(kube::testing::ReadFile(pub_path));
  REQUIRE(pub.ok());
  CHECK(SamePublicKey(pub->front().get(), ca.key.get()));
}

TEST_CASE("a rewrite replaces the file whole, by rename, leaving no temporary behind") {
  TempDir dir;
  std::string path = dir.path() + "/file";
  REQUIRE(WriteFileAtomically(path, "first", 0600).ok());
  ino_t before = InodeOf(path);
  REQUIRE(WriteFileAtomically(path, "second version", 0640).ok());
  CHECK(kube::testing::ReadFile(path) == "second version");
  CHECK(InodeOf(path) != before);  // a new file renamed over the old one
  CHECK(ModeOf(path) == 0640);
  CHECK(Entries(dir.path()) == std::vector<std::string>{"file"});

  auto failed = WriteFileAtomically(dir.path() + "/missing/file", "x", 0600);
  CHECK(failed.code() == absl::StatusCode::kNotFound);
  CHECK_THAT(std::string(failed.message()), Catch::Contains(dir.path() + "/missing/file"));
}

TEST_CASE("reading errors name the file") {
  TempDir dir;
  std::string path = dir.path() + "/absent.crt";
  auto missing = ReadCertificateFile(path);
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK_THAT(std::string(missing.status().message()), Catch::Contains(path));
  kube::testing::WriteFile(path, "garbage");
  auto garbage = ReadCertificateFile(path);
  CHECK(garbage.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(garbage.status().message()), Catch::StartsWith(path + ": "));
  CHECK(ReadPrivateKeyFile(path).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("EnsurePrivateDirectory makes the directory 0700, new or not") {
  TempDir dir;
  std::string nested = dir.path() + "/etc/kube/pki";
  REQUIRE(EnsurePrivateDirectory(nested).ok());
  CHECK(ModeOf(nested) == 0700);
  REQUIRE(chmod(nested.c_str(), 0755) == 0);
  REQUIRE(EnsurePrivateDirectory(nested).ok());
  CHECK(ModeOf(nested) == 0700);
  kube::testing::WriteFile(dir.path() + "/file", "x");
  CHECK_FALSE(EnsurePrivateDirectory(dir.path() + "/file").ok());
}

}  // namespace
}  // namespace kube::pki
