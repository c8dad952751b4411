// The kubelet's volumes with the real apiserver: configMap and secret files
// (items, modes) under the kubelet's root dir, FailedMount until the ConfigMap
// exists, and updates reaching the files; projected service account tokens
// requested by the kubelet (as system:node:NAME, over gRPC and REST).

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "tests/support/api_client.h"
#include "tests/support/eventually.h"
#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

int ModeOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return -1;
  return st.st_mode & 07777;
}

TEST_CASE("kubelet: configMap and secret volumes are written, mounted and updated", "[kubelet]") {
  KubeletCluster cluster({"--sync-frequency", "2s"});
  Pod pod = BoundPod("config", "node-1");
  auto* config = pod.mutable_spec()->add_volumes();
  config->set_name("config");
  auto* cm = config->mutable_volumesource()->mutable_configmap();
  cm->mutable_localobjectreference()->set_name("settings");
  auto* item = cm->add_items();
  item->set_key("app.conf");
  item->set_path("app/app.conf");
  item->set_mode(0600);
  auto* creds = pod.mutable_spec()->add_volumes();
  creds->set_name("creds");
  creds->mutable_volumesource()->mutable_secret()->set_secretname("creds");
  auto* c = pod.mutable_spec()->mutable_containers(0);
  auto* m1 = c->add_volumemounts();
  m1->set_name("config");
  m1->set_mountpath("/etc/app");
  auto* m2 = c->add_volumemounts();
  m2->set_name("creds");
  m2->set_mountpath("/etc/creds");
  auto created = cluster.Create(pod);
  const std::string volumes =
      cluster.kubelet().root_dir() + "/pods/" + created->metadata().uid() + "/volumes";

  // Nothing to mount yet: the pod waits, and says why.
  bool failed_mount = WaitUntil([&] {
    auto list = cluster.client().List<k8s::core::v1::Event>("default");
    if (!list.ok()) return false;
    for (const auto& event : list->items) {
      if (event->reason() == "FailedMount" &&
          event->message().find("configmap \"settings\" not found") != std::string::npos) {
        return true;
      }
    }
    return false;
  });
  CHECK(failed_mount);
  auto waiting = cluster.GetPod("config");
  REQUIRE(waiting != nullptr);
  CHECK(waiting->status().phase() == "Pending");

  k8s::core::v1::ConfigMap settings;
  settings.mutable_metadata()->set_name("settings");
  settings.mutable_metadata()->set_namespace_("default");
  (*settings.mutable_data())["app.conf"] = "mode=fast\n";
  REQUIRE(cluster.client().Create(settings).ok());
  k8s::core::v1::Secret secret;
  secret.mutable_metadata()->set_name("creds");
  secret.mutable_metadata()->set_namespace_("default");
  (*secret.mutable_data())["password"] = "hunter2";
  REQUIRE(cluster.client().Create(secret).ok());

  REQUIRE(cluster.WaitForPod(
              "config", [](const Pod& p) { return p.status().phase() == "Running"; },
              absl::Seconds(40)) != nullptr);
  const std::string conf = volumes + "/kubernetes.io~configmap/config/app/app.conf";
  CHECK(ReadFile(conf) == "mode=fast\n");
  CHECK(ModeOf(conf) == 0600);
  const std::string password = volumes + "/kubernetes.io~secret/creds/password";
  CHECK(ReadFile(password) == "hunter2");
  CHECK(ModeOf(password) == 0644);

  // An update reaches the file at a later sync.
  (*settings.mutable_data())["app.conf"] = "mode=slow\n";
  auto current = cluster.client().Get<k8s::core::v1::ConfigMap>("default", "settings");
  REQUIRE(current.ok());
  settings.mutable_metadata()->set_resourceversion((*current)->metadata().resourceversion());
  REQUIRE(cluster.client().Update(settings).ok());
  CHECK(WaitUntil([&] { return ReadFile(conf) == "mode=slow\n"; }));

  // Deleting the pod removes its directory.
  REQUIRE(cluster.client().Delete<Pod>("default", "config").ok());
  CHECK(WaitUntil([&] { return !std::filesystem::exists(volumes); }));
}

k8s::core::v1::ServiceAccount VolumeTestServiceAccount(const std::string& name) {
  k8s::core::v1::ServiceAccount account;
  account.mutable_metadata()->set_name(name);
  account.mutable_metadata()->set_namespace_("default");
  return account;
}

// A pod of service account `account` (on `node`; none: unscheduled) whose
// projected volume "api" (mode 0440) holds a token for `audience` at "token".
// automountServiceAccountToken is off so that only this volume holds a token.
Pod ProjectedTokenPod(const std::string& name, const std::string& node, const std::string& account,
                   const std::string& audience, int64_t expiration_seconds) {
  Pod pod = BoundPod(name, node);
  if (node.empty()) pod.mutable_spec()->clear_nodename();
  pod.mutable_spec()->set_serviceaccountname(account);
  pod.mutable_spec()->set_automountserviceaccounttoken(false);
  auto* volume = pod.mutable_spec()->add_volumes();
  volume->set_name("api");
  auto* projected = volume->mutable_volumesource()->mutable_projected();
  projected->set_defaultmode(0440);
  auto* token = projected->add_sources()->mutable_serviceaccounttoken();
  token->set_audience(audience);
  token->set_expirationseconds(expiration_seconds);
  token->set_path("token");
  auto* mount = pod.mutable_spec()->mutable_containers(0)->add_volumemounts();
  mount->set_name("api");
  mount->set_mountpath("/var/run/secrets/tokens");
  return pod;
}

std::string ProjectedTokenFile(const KubeletProcess& kubelet, const Pod& pod) {
  return kubelet.root_dir() + "/pods/" + pod.metadata().uid() +
         "/volumes/kubernetes.io~projected/api/token";
}

// The JWT's claims (its middle part, base64url-decoded), as JSON.
rapidjson::Document DecodeJwtClaims(const std::string& jwt) {
  std::vector<std::string> parts = absl::StrSplit(jwt, '.');
  REQUIRE(parts.size() == 3);
  std::string payload;
  REQUIRE(absl::WebSafeBase64Unescape(parts[1], &payload));
  return ParseJson(payload);
}

void CheckProjectedToken(const std::string& jwt, const Pod& pod, const std::string& account,
                   const std::string& audience, int64_t expiration_seconds) {
  INFO("token: " << jwt);
  rapidjson::Document claims = DecodeJwtClaims(jwt);
  CHECK(JsonString(claims, "/sub") == "system:serviceaccount:default:" + account);
  CHECK(JsonString(claims, "/kubernetes.io/namespace") == "default");
  CHECK(JsonString(claims, "/kubernetes.io/serviceaccount/name") == account);
  CHECK(JsonString(claims, "/kubernetes.io/pod/name") == pod.metadata().name());
  CHECK(JsonString(claims, "/kubernetes.io/pod/uid") == pod.metadata().uid());
  CHECK(JsonString(claims, "/aud/0") == audience);
  CHECK(JsonInt(claims, "/exp") - JsonInt(claims, "/iat") == expiration_seconds);
}

TEST_CASE("kubelet: a projected serviceAccountToken source holds a token bound to the pod",
          "[kubelet][serviceaccounttoken]") {
  KubeletCluster cluster({"--sync-frequency", "2s"});
  // A second node whose kubelet talks REST: both transports request tokens.
  KubeletProcess rest_kubelet(cluster.server(), "node-2", {"--sync-frequency", "2s"},
                              /*use_grpc=*/false);
  std::string why;
  bool started = rest_kubelet.Start(&why);
  INFO(why);
  REQUIRE(started);
  REQUIRE(cluster.client().Create(VolumeTestServiceAccount("robot")).ok());

  for (KubeletProcess* kubelet : {&cluster.kubelet(), &rest_kubelet}) {
    const std::string name = "token-" + kubelet->node_name();
    INFO("pod " << name);
    auto created =
        cluster.Create(ProjectedTokenPod(name, kubelet->node_name(), "robot", "vault", 1800));
    REQUIRE(cluster.WaitForPod(
                name, [](const Pod& p) { return p.status().phase() == "Running"; },
                absl::Seconds(40)) != nullptr);
    const std::string file = ProjectedTokenFile(*kubelet, *created);
    CheckProjectedToken(ReadFile(file), *created, "robot", "vault", 1800);
    CHECK(ModeOf(file) == 0440);
  }
}

TEST_CASE("kubelet: a missing service account fails the token volume until it exists",
          "[kubelet][serviceaccounttoken]") {
  KubeletCluster cluster({"--sync-frequency", "2s"});
  // Admission may insist that the account exists when the pod is created: it is
  // deleted before the pod is bound to the node.
  REQUIRE(cluster.client().Create(VolumeTestServiceAccount("builder")).ok());
  auto created = cluster.Create(ProjectedTokenPod("builds", "", "builder", "vault", 600));
  REQUIRE(cluster.client().Delete<k8s::core::v1::ServiceAccount>("default", "builder").ok());
  k8s::core::v1::Binding binding;
  binding.mutable_metadata()->set_name("builds");
  binding.mutable_metadata()->set_namespace_("default");
  binding.mutable_target()->set_kind("Node");
  binding.mutable_target()->set_apiversion("v1");
  binding.mutable_target()->set_name("node-1");
  auto bound = cluster.client().transport().Create(client::ResourceFor<Pod>(), "default", binding,
                                                   {}, "binding");
  INFO(bound.status());
  REQUIRE(bound.ok());

  std::string last_message;
  bool failed_mount = Eventually([&] {
    auto list = cluster.client().List<k8s::core::v1::Event>("default");
    if (!list.ok()) return false;
    for (const auto& event : list->items) {
      if (event->reason() != "FailedMount") continue;
      last_message = event->message();
      if (last_message.find("volume \"api\"") != std::string::npos &&
          last_message.find("serviceaccounts \"builder\" not found") != std::string::npos) {
        return true;
      }
    }
    return false;
  });
  INFO("last FailedMount message: " << last_message);
  CHECK(failed_mount);
  auto waiting = cluster.GetPod("builds");
  REQUIRE(waiting != nullptr);
  CHECK(waiting->status().phase() == "Pending");

  REQUIRE(cluster.client().Create(VolumeTestServiceAccount("builder")).ok());
  REQUIRE(cluster.WaitForPod(
              "builds", [](const Pod& p) { return p.status().phase() == "Running"; },
              absl::Seconds(90)) != nullptr);
  CheckProjectedToken(ReadFile(ProjectedTokenFile(cluster.kubelet(), *created)), *created, "builder", "vault",
                600);
}

}  // namespace
}  // namespace kube::testing
