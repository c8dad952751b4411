#include "kubelet/env/environment.h"

#include <catch2/catch.hpp>

#include "kubelet/env/expansion.h"
#include "kubelet/objects/fake_object_source.h"

namespace kube::kubelet {
namespace {

k8s::core::v1::Pod TestPod() {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("shop");
  pod.mutable_metadata()->set_uid("uid-1");
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  pod.mutable_spec()->set_nodename("node-1");
  return pod;
}

k8s::core::v1::EnvVar* AddField(k8s::core::v1::Container& c, const std::string& name,
                                const std::string& path) {
  auto* var = c.add_env();
  var->set_name(name);
  var->mutable_valuefrom()->mutable_fieldref()->set_fieldpath(path);
  return var;
}

std::map<std::string, std::string> AsMap(const EnvList& env) {
  return std::map<std::string, std::string>(env.begin(), env.end());
}

TEST_CASE("$(VAR) references expand as upstream's") {
  auto lookup = [](std::string_view name) -> std::optional<std::string> {
    if (name == "A") return "x";
    return std::nullopt;
  };
  CHECK(ExpandReferences("$(A)-$(A)", lookup) == "x-x");
  CHECK(ExpandReferences("$(B)", lookup) == "$(B)");
  CHECK(ExpandReferences("$$(A)", lookup) == "$(A)");
  CHECK(ExpandReferences("cost $5", lookup) == "cost $5");
  CHECK(ExpandReferences("$(A", lookup) == "$(A");
  CHECK(ExpandReferences("end$", lookup) == "end$");
}

TEST_CASE("env resolves fields, config maps, secrets and envFrom in order") {
  testing::FakeObjectSource objects;
  objects.AddConfigMap("shop", "settings", {{"MODE", "fast"}, {"LEVEL", "3"}});
  objects.AddSecret("shop", "creds", {{"password", "hunter2"}});
  k8s::core::v1::Pod pod = TestPod();
  k8s::core::v1::Container c;
  c.set_name("app");
  auto* from = c.add_envfrom();
  from->set_prefix("CFG_");
  from->mutable_configmapref()->mutable_localobjectreference()->set_name("settings");
  auto* plain = c.add_env();
  plain->set_name("GREETING");
  plain->set_value("hello $(POD_NAME) in $(CFG_MODE)");
  AddField(c, "POD_NAME", "metadata.name");
  AddField(c, "POD_NS", "metadata.namespace");
  AddField(c, "POD_UID", "metadata.uid");
  AddField(c, "NODE", "spec.nodeName");
  AddField(c, "POD_IP", "status.podIP");
  AddField(c, "HOST_IP", "status.hostIP");
  AddField(c, "APP", "metadata.labels['app']");
  auto* secret = c.add_env();
  secret->set_name("PASSWORD");
  secret->mutable_valuefrom()->mutable_secretkeyref()->mutable_localobjectreference()->set_name(
      "creds");
  secret->mutable_valuefrom()->mutable_secretkeyref()->set_key("password");
  auto* level = c.add_env();
  level->set_name("CFG_LEVEL");
  level->set_value("override");

  EnvContext context{&pod, "10.1.0.5", "192.168.0.2", &objects};
  auto env = MakeEnvironment(c, context);
  REQUIRE(env.ok());
  auto vars = AsMap(*env);
  CHECK(vars["CFG_MODE"] == "fast");
  CHECK(vars["CFG_LEVEL"] == "override");
  // POD_NAME is defined after GREETING, so its reference stays.
  CHECK(vars["GREETING"] == "hello $(POD_NAME) in fast");
  CHECK(vars["POD_NAME"] == "web");
  CHECK(vars["POD_NS"] == "shop");
  CHECK(vars["POD_UID"] == "uid-1");
  CHECK(vars["NODE"] == "node-1");
  CHECK(vars["POD_IP"] == "10.1.0.5");
  CHECK(vars["HOST_IP"] == "192.168.0.2");
  CHECK(vars["APP"] == "web");
  CHECK(vars["PASSWORD"] == "hunter2");
  // envFrom first, in place; later overrides keep the first position.
  CHECK((*env)[0].first == "CFG_LEVEL");

  auto* arg = c.add_args();
  *arg = "--name=$(POD_NAME)";
  CHECK(ExpandCommand(c.args(), *env)[0] == "--name=web");
}

TEST_CASE("unresolvable references fail unless optional") {
  testing::FakeObjectSource objects;
  objects.AddConfigMap("shop", "settings", {{"MODE", "fast"}});
  k8s::core::v1::Pod pod = TestPod();
  EnvContext context{&pod, "", "", &objects};

  k8s::core::v1::Container missing_map;
  auto* var = missing_map.add_env();
  var->set_name("X");
  var->mutable_valuefrom()->mutable_configmapkeyref()->mutable_localobjectreference()->set_name(
      "nope");
  var->mutable_valuefrom()->mutable_configmapkeyref()->set_key("k");
  auto result = MakeEnvironment(missing_map, context);
  CHECK(absl::IsFailedPrecondition(result.status()));
  CHECK(result.status().message() == "configmap \"nope\" not found");
  var->mutable_valuefrom()->mutable_configmapkeyref()->set_optional(true);
  CHECK(MakeEnvironment(missing_map, context)->empty());

  k8s::core::v1::Container missing_key;
  auto* key_var = missing_key.add_env();
  key_var->set_name("X");
  key_var->mutable_valuefrom()->mutable_configmapkeyref()->mutable_localobjectreference()->set_name(
      "settings");
  key_var->mutable_valuefrom()->mutable_configmapkeyref()->set_key("absent");
  CHECK(MakeEnvironment(missing_key, context).status().message() ==
        "couldn't find key absent in ConfigMap shop/settings");
}

TEST_CASE("resourceFieldRef reports limits and requests with a divisor") {
  testing::FakeObjectSource objects;
  k8s::core::v1::Pod pod = TestPod();
  k8s::core::v1::Container c;
  c.set_name("app");
  (*c.mutable_resources()->mutable_limits())["memory"].set_string("64Mi");
  (*c.mutable_resources()->mutable_requests())["cpu"].set_string("250m");
  auto add = [&](const std::string& name, const std::string& resource, const std::string& divisor) {
    auto* var = c.add_env();
    var->set_name(name);
    auto* ref = var->mutable_valuefrom()->mutable_resourcefieldref();
    ref->set_resource(resource);
    if (!divisor.empty()) ref->mutable_divisor()->set_string(divisor);
  };
  add("MEM", "limits.memory", "1Mi");
  add("CPU_REQ", "requests.cpu", "1m");
  add("CPU_LIMIT", "limits.cpu", "");
  *pod.mutable_spec()->add_containers() = c;
  EnvContext context{&pod, "", "", &objects, 4000, 1 << 30};
  auto vars = AsMap(*MakeEnvironment(c, context));
  CHECK(vars["MEM"] == "64");
  CHECK(vars["CPU_REQ"] == "250");
  CHECK(vars["CPU_LIMIT"] == "4");  // no limit: node allocatable, rounded up to cores
}

}  // namespace
}  // namespace kube::kubelet
