#include "kube-pki/app/kubeconfig.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "absl/strings/escaping.h"
#include "kube-pki/app/init_command.h"
#include "tests/support/subprocess.h"

namespace kube::pki::app {
namespace {

using kube::testing::ReadFile;
using kube::testing::TempDir;

std::string Unbase64(const std::string& text) {
  std::string out;
  REQUIRE(absl::Base64Unescape(text, &out));
  return out;
}

TEST_CASE("a kubeconfig as kubectl writes one") {
  KubeconfigContent content;
  content.server = "https://127.0.0.1:6443";
  content.ca_pem = "CA";
  content.cert_pem = "CERT";
  content.key_pem = "KEY";
  content.user_name = "admin";
  content.context_name = "admin@kubernetes";
  CHECK(RenderKubeconfig(content) ==
        "apiVersion: v1\n"
        "clusters:\n"
        "- cluster:\n"
        "    certificate-authority-data: Q0E=\n"
        "    server: https://127.0.0.1:6443\n"
        "  name: kubernetes\n"
        "contexts:\n"
        "- context:\n"
        "    cluster: kubernetes\n"
        "    user: admin\n"
        "  name: admin@kubernetes\n"
        "current-context: admin@kubernetes\n"
        "kind: Config\n"
        "preferences: {}\n"
        "users:\n"
        "- name: admin\n"
        "  user:\n"
        "    client-certificate-data: Q0VSVA==\n"
        "    client-key-data: S0VZ\n");
}

TEST_CASE("scalars that would read as something else are quoted") {
  CHECK(YamlScalar("grpcs://10.0.0.1:6443") == "grpcs://10.0.0.1:6443");
  CHECK(YamlScalar("system:node:node1") == "system:node:node1");
  CHECK(YamlScalar("abcdef.0123456789abcdef") == "abcdef.0123456789abcdef");
  CHECK(YamlScalar("123456") == "\"123456\"");
  CHECK(YamlScalar("true") == "\"true\"");
  CHECK(YamlScalar("No") == "\"No\"");
  CHECK(YamlScalar("") == "\"\"");
  CHECK(YamlScalar("-leading") == "\"-leading\"");
  CHECK(YamlScalar("a: b") == "\"a: b\"");
  CHECK(YamlScalar("say \"hi\"\\\n") == "\"say \\\"hi\\\"\\\\\\x0a\"");

  KubeconfigContent odd;
  odd.server = "https://[::1]:6443";
  odd.ca_pem = "CA";
  odd.token = "007";
  odd.user_name = "token";
  odd.context_name = "my context: #1";
  YAML::Node parsed = YAML::Load(RenderKubeconfig(odd));
  CHECK(parsed["clusters"][0]["cluster"]["server"].as<std::string>() == "https://[::1]:6443");
  CHECK(parsed["users"][0]["user"]["token"].as<std::string>() == "007");
  CHECK(parsed["current-context"].as<std::string>() == "my context: #1");
  CHECK(parsed["contexts"][0]["name"].as<std::string>() == "my context: #1");
  CHECK_FALSE(parsed["users"][0]["user"]["client-certificate-data"].IsDefined());
}

TEST_CASE("RunKubeconfig embeds the files, writes 0600, and keeps an identical file") {
  TempDir dir;
  InitOptions init;
  init.dir = dir.path() + "/pki";
  REQUIRE(RunInit(init).ok());

  KubeconfigOptions options;
  options.dir = init.dir;
  options.server = "https://127.0.0.1:6443";
  options.cert = "admin";
  auto written = RunKubeconfig(options);
  REQUIRE(written.ok());
  CHECK(written->path == init.dir + "/admin.kubeconfig");
  CHECK(written->outcome == FileOutcome::kCreated);
  struct stat info {};
  REQUIRE(stat(written->path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  YAML::Node parsed = YAML::Load(ReadFile(written->path));
  CHECK(parsed["kind"].as<std::string>() == "Config");
  CHECK(parsed["current-context"].as<std::string>() == "admin@kubernetes");
  CHECK(Unbase64(parsed["clusters"][0]["cluster"]["certificate-authority-data"].as<std::string>()) ==
        ReadFile(init.dir + "/ca.crt"));
  CHECK(Unbase64(parsed["users"][0]["user"]["client-certificate-data"].as<std::string>()) ==
        ReadFile(init.dir + "/admin.crt"));
  CHECK(Unbase64(parsed["users"][0]["user"]["client-key-data"].as<std::string>()) ==
        ReadFile(init.dir + "/admin.key"));

  auto again = RunKubeconfig(options);
  REQUIRE(again.ok());
  CHECK(again->outcome == FileOutcome::kKept);
  options.server = "https://10.0.0.1:6443";
  auto moved = RunKubeconfig(options);
  REQUIRE(moved.ok());
  CHECK(moved->outcome == FileOutcome::kRenewed);

  KubeconfigOptions token_only;
  token_only.dir = init.dir;
  token_only.server = "grpcs://127.0.0.1:6443";
  token_only.token = "abcdef.0123456789abcdef";
  token_only.out = dir.path() + "/token.kubeconfig";
  token_only.context = "bootstrap";
  REQUIRE(RunKubeconfig(token_only).ok());
  YAML::Node token = YAML::Load(ReadFile(token_only.out));
  CHECK(token["users"][0]["user"]["token"].as<std::string>() == "abcdef.0123456789abcdef");
  CHECK(token["users"][0]["user"].size() == 1);
  CHECK(token["current-context"].as<std::string>() == "bootstrap");
  CHECK(token["clusters"][0]["cluster"]["server"].as<std::string>() == "grpcs://127.0.0.1:6443");

  KubeconfigOptions missing = options;
  missing.cert = "nobody";
  CHECK(RunKubeconfig(missing).status().code() == absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace kube::pki::app
