#include "kube-pki/app/init_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "common/pki/certificate_info.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "kube-pki/app/test_util.h"
#include "tests/support/subprocess.h"

namespace kube::pki::app {
namespace {

using kube::testing::TempDir;
using testing::All;
using testing::ModeOf;
using testing::Outcomes;
using Names = std::vector<std::string>;

const Names kFiles = {"ca.crt", "ca.key", "apiserver.crt", "apiserver.key",
                      "apiserver-kubelet-client.crt", "apiserver-kubelet-client.key",
                      "admin.crt", "admin.key", "sa.key", "sa.pub"};

CertificateInfo Describe(const std::string& path) {
  auto certificate = ReadCertificateFile(path);
  REQUIRE(certificate.ok());
  return DescribeCertificate(certificate->get());
}

InitOptions Options(const TempDir& dir) {
  InitOptions options;
  options.dir = dir.path() + "/pki";
  options.apiserver_sans = {"node-a", "172.30.0.1"};
  return options;
}

TEST_CASE("init writes kubeadm's files, 0600 in a 0700 directory") {
  TempDir dir;
  InitOptions options = Options(dir);
  auto reports = RunInit(options);
  REQUIRE(reports.ok());
  Names written;
  for (const FileReport& report : *reports) written.push_back(report.path.substr(options.dir.size() + 1));
  CHECK(written == kFiles);
  CHECK(All(*reports, FileOutcome::kCreated));
  CHECK(ModeOf(options.dir) == 0700);
  for (const std::string& file : kFiles) CHECK(ModeOf(options.dir + "/" + file) == 0600);

  CertificateInfo ca = Describe(options.dir + "/ca.crt");
  CHECK(ca.is_ca);
  CHECK_THAT(ca.common_name, Catch::StartsWith("kube-ca@"));
  CHECK(ca.not_after - ca.not_before > absl::Hours(24 * 3650));

  CertificateInfo apiserver = Describe(options.dir + "/apiserver.crt");
  CHECK(apiserver.common_name == "kube-apiserver");
  CHECK(apiserver.server_auth);
  CHECK_FALSE(apiserver.client_auth);
  CHECK(apiserver.dns_names == Names{"kubernetes", "kubernetes.default", "kubernetes.default.svc",
                                     "kubernetes.default.svc.cluster.local", "localhost", "node-a"});
  CHECK(apiserver.ip_addresses == Names{"127.0.0.1", "10.96.0.1", "172.30.0.1"});
  CHECK(apiserver.not_after - apiserver.not_before < absl::Hours(24 * 366));

  for (const char* name : {"admin", "apiserver-kubelet-client"}) {
    CertificateInfo client = Describe(options.dir + "/" + name + ".crt");
    CHECK(client.organizations == Names{"system:masters"});
    CHECK(client.client_auth);
    CHECK_FALSE(client.server_auth);
  }
  CHECK(Describe(options.dir + "/admin.crt").common_name == "kubernetes-admin");
  CHECK(Describe(options.dir + "/apiserver-kubelet-client.crt").common_name ==
        "kube-apiserver-kubelet-client");
  auto sa = ReadPrivateKeyFile(options.dir + "/sa.key");
  REQUIRE(sa.ok());
  CHECK(IsRsaKey(sa->get()));
  CHECK(EVP_PKEY_get_bits(sa->get()) == 2048);
}

TEST_CASE("init again keeps everything, and restores a loosened mode") {
  TempDir dir;
  InitOptions options = Options(dir);
  REQUIRE(RunInit(options).ok());
  std::string before = kube::testing::ReadFile(options.dir + "/apiserver.crt");
  REQUIRE(chmod((options.dir + "/admin.crt").c_str(), 0644) == 0);
  auto again = RunInit(options);
  REQUIRE(again.ok());
  CHECK(All(*again, FileOutcome::kKept));
  CHECK(kube::testing::ReadFile(options.dir + "/apiserver.crt") == before);
  CHECK(ModeOf(options.dir + "/admin.crt") == 0600);
}

TEST_CASE("init reissues only what changed, keeping keys") {
  TempDir dir;
  InitOptions options = Options(dir);
  REQUIRE(RunInit(options).ok());
  std::string apiserver_key = kube::testing::ReadFile(options.dir + "/apiserver.key");

  SECTION("a new SAN reissues the serving certificate with the same key") {
    options.apiserver_sans.push_back("api.example.com");
    auto reports = RunInit(options);
    REQUIRE(reports.ok());
    auto outcomes = Outcomes(*reports);
    CHECK(outcomes["apiserver.crt"] == "renewed");
    CHECK(outcomes["apiserver.key"] == "kept");
    CHECK(outcomes["admin.crt"] == "kept");
    CHECK(outcomes["ca.crt"] == "kept");
    CHECK(kube::testing::ReadFile(options.dir + "/apiserver.key") == apiserver_key);
    CHECK_THAT(Describe(options.dir + "/apiserver.crt").dns_names, Catch::VectorContains(std::string("api.example.com")));
  }
  SECTION("a missing certificate or a broken key is written again") {
    std::filesystem::remove(options.dir + "/admin.crt");
    kube::testing::WriteFile(options.dir + "/apiserver-kubelet-client.key", "garbage");
    kube::testing::WriteFile(options.dir + "/sa.pub", "garbage");
    auto outcomes = Outcomes(*RunInit(options));
    CHECK(outcomes["admin.crt"] == "created");
    CHECK(outcomes["admin.key"] == "kept");
    CHECK(outcomes["apiserver-kubelet-client.key"] == "renewed");
    CHECK(outcomes["apiserver-kubelet-client.crt"] == "renewed");  // for the new key
    CHECK(outcomes["sa.key"] == "kept");
    CHECK(outcomes["sa.pub"] == "renewed");
    CHECK(outcomes["apiserver.crt"] == "kept");
  }
  SECTION("leaves within 90 days of expiry are renewed; the CA is not") {
    auto reports = RunInit(options, absl::Now() + absl::Hours(24 * 300));
    REQUIRE(reports.ok());
    auto outcomes = Outcomes(*reports);
    for (const char* name : {"apiserver.crt", "apiserver-kubelet-client.crt", "admin.crt"}) CHECK(outcomes[name] == "renewed");
    CHECK(outcomes["ca.crt"] == "kept");
    CHECK(outcomes["admin.key"] == "kept");
  }
  SECTION("a CA due for renewal is replaced, and everything it signed is reissued") {
    std::string old_ca = kube::testing::ReadFile(options.dir + "/ca.crt");
    auto reports = RunInit(options, absl::Now() + absl::Hours(24 * (3650 - 30)));
    REQUIRE(reports.ok());
    auto outcomes = Outcomes(*reports);
    CHECK(outcomes["ca.crt"] == "renewed");
    CHECK(outcomes["ca.key"] == "kept");
    for (const char* name : {"apiserver.crt", "apiserver-kubelet-client.crt", "admin.crt"}) CHECK(outcomes[name] == "renewed");
    CHECK(kube::testing::ReadFile(options.dir + "/ca.crt") != old_ca);
    auto ca = ReadCertificateFile(options.dir + "/ca.crt");
    auto admin = ReadCertificateFile(options.dir + "/admin.crt");
    CHECK(IsIssuedBy(admin->get(), ca->get()));
  }
  SECTION("a replaced CA key means a new CA and new leaves") {
    std::filesystem::remove(options.dir + "/ca.key");
    auto outcomes = Outcomes(*RunInit(options));
    CHECK(outcomes["ca.key"] == "created");
    CHECK(outcomes["ca.crt"] == "renewed");
    CHECK(outcomes["admin.crt"] == "renewed");
    CHECK(outcomes["apiserver.crt"] == "renewed");
    CHECK(outcomes["sa.key"] == "kept");
  }
}

TEST_CASE("init refuses bad input and unreadable files without writing over them") {
  TempDir dir;
  InitOptions options = Options(dir);
  options.service_cidr = "10.96.0.0/33";
  CHECK(RunInit(options).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_FALSE(std::filesystem::exists(options.dir));  // nothing made for a bad request

  if (geteuid() == 0) return;  // root reads anything
  options = Options(dir);
  REQUIRE(RunInit(options).ok());
  std::string key_path = options.dir + "/admin.key";
  std::string before = kube::testing::ReadFile(key_path);
  REQUIRE(chmod(key_path.c_str(), 0) == 0);
  CHECK(RunInit(options).status().code() == absl::StatusCode::kPermissionDenied);
  REQUIRE(chmod(key_path.c_str(), 0600) == 0);
  CHECK(kube::testing::ReadFile(key_path) == before);
}

}  // namespace
}  // namespace kube::pki::app
