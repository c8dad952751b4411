#include "common/client/kubeconfig.h"

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "common/codec/base64.h"

namespace kube::client {
namespace {

// A private directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/kubeconfig_test.XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string file = path_ + "/" + name;
    std::ofstream(file) << text;
    return file;
  }

 private:
  std::string path_;
};

constexpr char kTwoContexts[] = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: local
  cluster:
    server: http://127.0.0.1:8080/
- name: prod
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority: ca.pem
    tls-server-name: kubernetes
contexts:
- name: dev
  context: {cluster: local, namespace: team-a}
- name: admin
  context:
    cluster: prod
    user: admin
users:
- name: admin
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
    token: secret-token
)";

TEST_CASE("ParseKubeconfig resolves the current context") {
  absl::StatusOr<ClientConfig> config = ParseKubeconfig(kTwoContexts, "/nowhere");
  INFO(config.status());
  REQUIRE(config.ok());
  CHECK(config->context == "dev");
  CHECK(config->server == "http://127.0.0.1:8080");
  CHECK(config->namespace_ == "team-a");
  CHECK(config->token.empty());
  CHECK(config->client_certificate_pem.empty());
}

TEST_CASE("ParseKubeconfig reads TLS and credentials, files relative to the kubeconfig") {
  TempDir dir;
  dir.Write("ca.pem", "CA PEM");
  absl::StatusOr<ClientConfig> config = ParseKubeconfig(kTwoContexts, dir.path(), "admin");
  INFO(config.status());
  REQUIRE(config.ok());
  CHECK(config->server == "https://10.0.0.1:6443");
  CHECK(config->namespace_ == "default");
  CHECK(config->certificate_authority_pem == "CA PEM");
  CHECK(config->client_certificate_pem == "CERT");
  CHECK(config->client_key_pem == "KEY");
  CHECK(config->token == "secret-token");
  CHECK(config->tls_server_name == "kubernetes");
  CHECK_FALSE(config->insecure_skip_tls_verify);
}

TEST_CASE("ParseKubeconfig reads file credentials, tokenFile and insecure-skip-tls-verify") {
  TempDir dir;
  dir.Write("client.crt", "C");
  dir.Write("client.key", "K");
  dir.Write("token", "tok\n");
  absl::StatusOr<ClientConfig> config = ParseKubeconfig(R"(
current-context: c
clusters:
- name: x
  cluster: {server: "https://h:1", insecure-skip-tls-verify: true}
contexts:
- name: c
  context: {cluster: x, user: u}
users:
- name: u
  user: {client-certificate: client.crt, client-key: client.key, tokenFile: token}
)", dir.path());
  INFO(config.status());
  REQUIRE(config.ok());
  CHECK(config->insecure_skip_tls_verify);
  CHECK(config->client_certificate_pem == "C");
  CHECK(config->client_key_pem == "K");
  CHECK(config->token == "tok");
}

TEST_CASE("ParseKubeconfig errors name what is missing") {
  auto error = [](std::string_view yaml, std::string_view context = "") {
    absl::StatusOr<ClientConfig> config = ParseKubeconfig(yaml, "/nowhere", context);
    REQUIRE_FALSE(config.ok());
    return std::string(config.status().message());
  };
  CHECK(error(kTwoContexts, "nope") == "kubeconfig: context \"nope\" not found");
  CHECK(error("clusters: []\n") ==
        "kubeconfig: no current-context is set and no context was given");
  CHECK(error("current-context: c\ncontexts:\n- name: c\n  context: {cluster: gone}\n") ==
        "kubeconfig: cluster \"gone\" (of context \"c\") not found");
  CHECK(error("current-context: c\ncontexts:\n- name: c\n  context: {cluster: x}\n"
              "clusters:\n- name: x\n  cluster: {}\n") ==
        "kubeconfig: cluster \"x\" has no server");
  CHECK(error("current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\n"
              "clusters:\n- name: x\n  cluster: {server: http://h}\n") ==
        "kubeconfig: user \"u\" (of context \"c\") not found");
  CHECK(error("current-context: c\ncontexts:\n- name: c\n  context: {user: u}\n") ==
        "kubeconfig: context \"c\" names no cluster");
  CHECK(error("current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\n"
              "clusters:\n- name: x\n  cluster: {server: http://h}\n"
              "users:\n- name: u\n  user: {client-certificate-data: Q0VSVA==}\n") ==
        "kubeconfig: user \"u\" needs both client-certificate and client-key");
  CHECK(error("clusters: {a: 1}\n").find("clusters must be a list") != std::string::npos);
  CHECK(error("a: [\n").find("kubeconfig: ") == 0);
}

TEST_CASE("LoadKubeconfig follows --kubeconfig, then KUBECONFIG, merging files") {
  TempDir dir;
  std::string first = dir.Write("first", R"(
current-context: one
contexts:
- name: one
  context: {cluster: a, namespace: first-ns}
clusters:
- name: a
  cluster: {server: "http://first:1"}
)");
  std::string second = dir.Write("second", R"(
current-context: two
contexts:
- name: one
  context: {cluster: b}
- name: two
  context: {cluster: b}
clusters:
- name: a
  cluster: {server: "http://ignored:1"}
- name: b
  cluster: {server: "http://second:2"}
)");
  absl::StatusOr<ClientConfig> flag = LoadKubeconfig(second);
  REQUIRE(flag.ok());
  CHECK(flag->server == "http://second:2");
  CHECK(LoadKubeconfig(dir.path() + "/missing").status().code() == absl::StatusCode::kNotFound);

  std::string list = dir.path() + "/missing:" + first + ":" + second;
  setenv("KUBECONFIG", list.c_str(), 1);
  CHECK(KubeconfigPaths("").size() == 3);
  absl::StatusOr<ClientConfig> merged = LoadKubeconfig("");
  unsetenv("KUBECONFIG");
  INFO(merged.status());
  REQUIRE(merged.ok());
  // The first file's current-context, context and cluster win.
  CHECK(merged->context == "one");
  CHECK(merged->server == "http://first:1");
  CHECK(merged->namespace_ == "first-ns");
  absl::StatusOr<ClientConfig> other = LoadKubeconfigFiles({first, second}, "two");
  REQUIRE(other.ok());
  CHECK(other->server == "http://second:2");
}

TEST_CASE("ConfigForServer trims the trailing slash") {
  CHECK(ConfigForServer("http://127.0.0.1:8080/").server == "http://127.0.0.1:8080");
}

}  // namespace
}  // namespace kube::client
