#include "kube-pki/app/issue_command.h"

#include <catch2/catch.hpp>

#include "common/pki/certificate_info.h"
#include "common/pki/pki_files.h"
#include "kube-pki/app/init_command.h"
#include "kube-pki/app/test_util.h"
#include "tests/support/subprocess.h"

namespace kube::pki::app {
namespace {

using kube::testing::TempDir;
using testing::Outcomes;
using Names = std::vector<std::string>;

IssueOptions NodeOptions(const std::string& dir) {
  IssueOptions options;
  options.dir = dir;
  options.name = "kubelet-node1";
  options.common_name = "system:node:node1";
  options.organizations = {"system:nodes"};
  options.client = options.server = true;
  options.sans = {"node1", "172.30.0.11"};
  return options;
}

TEST_CASE("issue needs the CA that init makes") {
  TempDir dir;
  auto missing = RunIssue(NodeOptions(dir.path()));
  CHECK(missing.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(missing.status().message()), Catch::Contains("kube-pki init"));
}

TEST_CASE("issue writes a node certificate both openssl purposes accept, idempotently") {
  TempDir dir;
  InitOptions init;
  init.dir = dir.path();
  REQUIRE(RunInit(init).ok());
  IssueOptions options = NodeOptions(dir.path());
  auto reports = RunIssue(options);
  REQUIRE(reports.ok());
  CHECK(Outcomes(*reports) == std::map<std::string, std::string>{{"kubelet-node1.crt", "created"},
                                                                 {"kubelet-node1.key", "created"}});
  std::string cert = dir.path() + "/kubelet-node1.crt";
  for (const char* purpose : {"sslclient", "sslserver"}) {
    auto verify = kube::testing::RunCommand({"openssl", "verify", "-CAfile", dir.path() + "/ca.crt",
                                             "-purpose", purpose, cert});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
  }
  auto certificate = ReadCertificateFile(cert);
  REQUIRE(certificate.ok());
  CertificateInfo info = DescribeCertificate(certificate->get());
  CHECK(info.common_name == "system:node:node1");
  CHECK(info.organizations == Names{"system:nodes"});
  CHECK(info.dns_names == Names{"node1"});
  CHECK(info.ip_addresses == Names{"172.30.0.11"});

  CHECK(Outcomes(*RunIssue(options))["kubelet-node1.crt"] == "kept");
  options.organizations.push_back("extra");
  CHECK(Outcomes(*RunIssue(options))["kubelet-node1.crt"] == "renewed");

  // A short-lived certificate is not renewed on every run.
  options.name = "short";
  options.days = 7;
  REQUIRE(RunIssue(options).ok());
  CHECK(Outcomes(*RunIssue(options))["short.crt"] == "kept");

  IssueOptions bad = NodeOptions(dir.path());
  bad.sans = {"bad name"};
  CHECK(RunIssue(bad).status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::pki::app
