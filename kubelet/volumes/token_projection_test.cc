// Projected serviceAccountToken sources through the VolumeManager, with a stand-in
// for the API server's TokenRequest and a clock the test moves.

#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "common/util/strings.h"
#include "kubelet/objects/fake_object_source.h"
#include "kubelet/volumes/volume_manager.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet {
namespace {

using k8s::authentication::v1::TokenRequest;
using kube::testing::ReadFile;
using kube::testing::TempDir;

int PermissionsOf(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Issues "token-N" tokens valid for the requested lifetime from `now`, or fails
// with NotFound for service accounts it does not know.
struct TokenServerStub {
  absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  std::vector<std::string> accounts = {"robot"};
  std::vector<TokenRequest> requests;

  TokenFetcher AsFetcher() {
    return [this](const std::string& ns, const std::string& name,
                  const TokenRequest& request) -> absl::StatusOr<TokenRequestPtr> {
      TokenRequest seen = request;
      seen.mutable_metadata()->set_namespace_(ns);
      seen.mutable_metadata()->set_name(name);
      requests.push_back(seen);
      if (std::find(accounts.begin(), accounts.end(), name) == accounts.end()) {
        return absl::NotFoundError(kube::StrCat("serviceaccounts \"", name, "\" not found"));
      }
      auto answer = std::make_shared<TokenRequest>(seen);
      answer->mutable_status()->set_token(kube::StrCat("token-", requests.size()));
      answer->mutable_status()->mutable_expirationtimestamp()->set_seconds(
          absl::ToUnixSeconds(now + absl::Seconds(request.spec().expirationseconds())));
      return TokenRequestPtr(std::move(answer));
    };
  }
};

// A pod of service account `account` with a projected volume "api" holding a
// token (at "token") and its namespace (downward API).
k8s::core::v1::Pod TokenPod(const std::string& account) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("shop");
  pod.mutable_metadata()->set_uid("uid-1");
  pod.mutable_spec()->set_serviceaccountname(account);
  auto* volume = pod.mutable_spec()->add_volumes();
  volume->set_name("api");
  auto* projected = volume->mutable_volumesource()->mutable_projected();
  projected->set_defaultmode(0440);
  auto* token = projected->add_sources()->mutable_serviceaccounttoken();
  token->set_path("token");
  auto* item = projected->add_sources()->mutable_downwardapi()->add_items();
  item->set_path("namespace");
  item->mutable_fieldref()->set_fieldpath("metadata.namespace");
  return pod;
}

TEST_CASE("a projected serviceAccountToken source holds a token bound to the pod") {
  TempDir root;
  testing::FakeObjectSource objects;
  TokenServerStub server;
  TokenManagerOptions options;
  options.clock = [&server] { return server.now; };
  options.max_jitter = absl::ZeroDuration();
  TokenManager tokens(server.AsFetcher(), options);
  VolumeManager manager(root.path(), objects, &tokens);

  k8s::core::v1::Pod pod = TokenPod("robot");
  auto volumes = manager.SetUpPod(pod, "10.0.0.5", "192.168.1.2");
  INFO(volumes.status());
  REQUIRE(volumes.ok());
  const std::string dir = volumes->at("api").host_path;
  CHECK(volumes->at("api").read_only);
  CHECK(ReadFile(dir + "/token") == "token-1");
  CHECK(PermissionsOf(dir + "/token") == 0440);
  CHECK(ReadFile(dir + "/namespace") == "shop");

  REQUIRE(server.requests.size() == 1);
  const TokenRequest& request = server.requests[0];
  CHECK(request.metadata().namespace_() == "shop");
  CHECK(request.metadata().name() == "robot");
  CHECK(request.spec().audiences_size() == 0);  // the API server's own
  CHECK(request.spec().expirationseconds() == 3600);
  CHECK(request.spec().boundobjectref().kind() == "Pod");
  CHECK(request.spec().boundobjectref().apiversion() == "v1");
  CHECK(request.spec().boundobjectref().name() == "web");
  CHECK(request.spec().boundobjectref().uid() == "uid-1");

  SECTION("syncs keep the token until 80% of its life, then write a new one") {
    server.now += absl::Seconds(2880);
    REQUIRE(manager.SetUpPod(pod, "10.0.0.5", "192.168.1.2").ok());
    CHECK(ReadFile(dir + "/token") == "token-1");
    CHECK(server.requests.size() == 1);
    server.now += absl::Seconds(1);
    REQUIRE(manager.SetUpPod(pod, "10.0.0.5", "192.168.1.2").ok());
    CHECK(ReadFile(dir + "/token") == "token-2");
    CHECK(ReadFile(dir + "/namespace") == "shop");
  }

  SECTION("the source's audience and lifetime are asked for") {
    auto* source = pod.mutable_spec()
                       ->mutable_volumes(0)
                       ->mutable_volumesource()
                       ->mutable_projected()
                       ->mutable_sources(0)
                       ->mutable_serviceaccounttoken();
    source->set_audience("vault");
    source->set_expirationseconds(600);
    REQUIRE(manager.SetUpPod(pod, "10.0.0.5", "192.168.1.2").ok());
    REQUIRE(server.requests.size() == 2);
    CHECK(server.requests[1].spec().audiences_size() == 1);
    CHECK(server.requests[1].spec().audiences(0) == "vault");
    CHECK(server.requests[1].spec().expirationseconds() == 600);
    CHECK(ReadFile(dir + "/token") == "token-2");
  }

  SECTION("tearing the pod down forgets its tokens") {
    CHECK(tokens.CachedTokens() == 1);
    REQUIRE(manager.TearDownPod("uid-1").ok());
    CHECK(tokens.CachedTokens() == 0);
  }
}

TEST_CASE("a missing service account fails the mount, naming it, until it exists") {
  TempDir root;
  testing::FakeObjectSource objects;
  TokenServerStub server;
  TokenManagerOptions options;
  options.clock = [&server] { return server.now; };
  TokenManager tokens(server.AsFetcher(), options);
  VolumeManager manager(root.path(), objects, &tokens);

  k8s::core::v1::Pod pod = TokenPod("builder");
  auto volumes = manager.SetUpPod(pod, "10.0.0.5", "192.168.1.2");
  REQUIRE_FALSE(volumes.ok());
  CHECK(volumes.status().message() ==
        "MountVolume.SetUp failed for volume \"api\" : failed to fetch token: "
        "serviceaccounts \"builder\" not found");

  server.accounts.push_back("builder");
  server.now += absl::Seconds(1);  // past the first back-off
  volumes = manager.SetUpPod(pod, "10.0.0.5", "192.168.1.2");
  INFO(volumes.status());
  REQUIRE(volumes.ok());
  CHECK(ReadFile(volumes->at("api").host_path + "/token") == "token-2");
}

TEST_CASE("a pod without serviceAccountName gets the default account's token") {
  TempDir root;
  testing::FakeObjectSource objects;
  TokenServerStub server;
  server.accounts = {"default"};
  TokenManager tokens(server.AsFetcher());
  VolumeManager manager(root.path(), objects, &tokens);
  REQUIRE(manager.SetUpPod(TokenPod(""), "", "").ok());
  REQUIRE(server.requests.size() == 1);
  CHECK(server.requests[0].metadata().name() == "default");
}

TEST_CASE("without a token manager a token source fails the mount") {
  TempDir root;
  testing::FakeObjectSource objects;
  VolumeManager manager(root.path(), objects);
  auto volumes = manager.SetUpPod(TokenPod("robot"), "", "");
  REQUIRE_FALSE(volumes.ok());
  CHECK(volumes.status().message().find("service account tokens are not served") !=
        std::string::npos);
}

}  // namespace
}  // namespace kube::kubelet
