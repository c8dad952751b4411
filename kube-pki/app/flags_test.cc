#include "kube-pki/app/flags.h"

#include <catch2/catch.hpp>

namespace kube::pki::app {
namespace {

using Args = std::vector<std::string>;

absl::Status Parse(flags::FlagSet& flags, Args args) {
  args = MergeRepeatedFlags(args, RepeatableFlags());
  std::vector<char*> argv = {const_cast<char*>("kube-pki")};
  for (std::string& arg : args) argv.push_back(arg.data());
  return flags.Parse(static_cast<int>(argv.size()), argv.data());
}

TEST_CASE("repeated list flags accumulate, in either spelling") {
  CHECK(MergeRepeatedFlags({"--dir", "d", "--san", "a", "--client", "--san=b,c", "-san", "d"},
                           RepeatableFlags()) == Args{"--dir", "d", "--san=a,b,c,d", "--client"});
  CHECK(MergeRepeatedFlags({"--org", "x", "--", "--org", "y"}, RepeatableFlags()) ==
        Args{"--org=x", "--", "--org", "y"});
  CHECK(MergeRepeatedFlags({"--san"}, RepeatableFlags()) == Args{"--san"});  // FlagSet reports it
  CHECK(MergeRepeatedFlags({"--sans", "a"}, RepeatableFlags()) == Args{"--sans", "a"});

  IssueOptions options;
  flags::FlagSet flags("kube-pki issue", kIssueDescription);
  AddIssueFlags(flags, options);
  REQUIRE(Parse(flags, {"--dir", "/pki", "--name", "kubelet-node1", "--cn", "system:node:node1",
                        "--org", "system:nodes", "--client", "--server", "--san", "node1",
                        "--san", "172.30.0.11", "--days", "30"})
              .ok());
  CHECK(options.sans == Args{"node1", "172.30.0.11"});
  CHECK(options.organizations == Args{"system:nodes"});
  CHECK(options.client);
  CHECK(options.server);
  CHECK(options.days == 30);
  CHECK(ValidateIssueOptions(options).ok());
}

TEST_CASE("init flags and their checks") {
  InitOptions options;
  flags::FlagSet flags("kube-pki init", kInitDescription);
  AddInitFlags(flags, options);
  REQUIRE(Parse(flags, {"--dir=/pki", "--apiserver-san", "node-a", "--apiserver-san=10.0.0.5,api.example"}).ok());
  CHECK(options.apiserver_sans == Args{"node-a", "10.0.0.5", "api.example"});
  CHECK(options.service_cidr == "10.96.0.0/16");
  CHECK(ValidateInitOptions(options).ok());

  InitOptions bad = options;
  bad.dir.clear();
  CHECK(ValidateInitOptions(bad).message() == "--dir is required");
  bad = options;
  bad.service_cidr = "10.96.0.0";
  CHECK(ValidateInitOptions(bad).message() == "--service-cidr: invalid CIDR \"10.96.0.0\"");
  bad = options;
  bad.apiserver_sans.push_back("not valid");
  CHECK(ValidateInitOptions(bad).message() ==
        "--apiserver-san: \"not valid\" is neither an IP address nor a DNS name");
  bad = options;
  bad.cluster_domain = "cluster local";
  CHECK(ValidateInitOptions(bad).code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("issue and kubeconfig checks") {
  IssueOptions issue{"/pki", "kubelet-node1", "system:node:node1", {}, true, false, {}, 365};
  CHECK(ValidateIssueOptions(issue).ok());
  for (const char* bad_name : {"", "ca", "sa", "../x", "a/b", ".hidden"}) {
    IssueOptions bad = issue;
    bad.name = bad_name;
    CHECK_FALSE(ValidateIssueOptions(bad).ok());
  }
  IssueOptions no_usage = issue;
  no_usage.client = false;
  CHECK(ValidateIssueOptions(no_usage).message() == "one of --client and --server is required");
  IssueOptions no_days = issue;
  no_days.days = 0;
  CHECK(ValidateIssueOptions(no_days).message() == "--days must be positive");

  KubeconfigOptions kubeconfig{"/pki", "https://127.0.0.1:6443", "admin", "", "", ""};
  CHECK(ValidateKubeconfigOptions(kubeconfig).ok());
  KubeconfigOptions token_only{"/pki", "grpcs://127.0.0.1:6443", "", "t0ken", "", ""};
  CHECK(ValidateKubeconfigOptions(token_only).message() == "--out is required when --cert is empty");
  token_only.out = "/pki/token.kubeconfig";
  CHECK(ValidateKubeconfigOptions(token_only).ok());
  KubeconfigOptions no_server = kubeconfig;
  no_server.server.clear();
  CHECK(ValidateKubeconfigOptions(no_server).message() == "--server is required");
}

}  // namespace
}  // namespace kube::pki::app
