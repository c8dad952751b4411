#include "kubelet/env/service_environment.h"

#include <catch2/catch.hpp>
#include <map>

#include "kubelet/objects/fake_object_source.h"

namespace kube::kubelet {
namespace {

k8s::core::v1::Service MakeService(const std::string& ns, const std::string& name,
                                   const std::string& cluster_ip,
                                   std::vector<std::tuple<std::string, int, std::string>> ports) {
  k8s::core::v1::Service service;
  service.mutable_metadata()->set_namespace_(ns);
  service.mutable_metadata()->set_name(name);
  service.mutable_spec()->set_clusterip(cluster_ip);
  for (const auto& [port_name, port, protocol] : ports) {
    auto* p = service.mutable_spec()->add_ports();
    p->set_name(port_name);
    p->set_port(port);
    if (!protocol.empty()) p->set_protocol(protocol);
  }
  return service;
}

k8s::core::v1::Pod PodIn(const std::string& ns) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("ui");
  pod.mutable_metadata()->set_namespace_(ns);
  return pod;
}

std::map<std::string, std::string> EnvMap(const EnvList& env) {
  return std::map<std::string, std::string>(env.begin(), env.end());
}

TEST_CASE("a Service's variables are upstream's, Docker links included") {
  testing::FakeObjectSource objects;
  objects.AddService(MakeService("mytunes", "music-db", "10.96.0.20",
                                 {{"db", 9200, ""}, {"transport", 9300, "TCP"}, {"", 53, "UDP"}}));
  auto env = EnvMap(ServiceEnvironment(ServicesForPod(PodIn("mytunes"), objects)));
  CHECK(env["MUSIC_DB_SERVICE_HOST"] == "10.96.0.20");
  CHECK(env["MUSIC_DB_SERVICE_PORT"] == "9200");
  CHECK(env["MUSIC_DB_SERVICE_PORT_DB"] == "9200");
  CHECK(env["MUSIC_DB_SERVICE_PORT_TRANSPORT"] == "9300");
  CHECK(env["MUSIC_DB_PORT"] == "tcp://10.96.0.20:9200");
  CHECK(env["MUSIC_DB_PORT_9200_TCP"] == "tcp://10.96.0.20:9200");
  CHECK(env["MUSIC_DB_PORT_9200_TCP_PROTO"] == "tcp");
  CHECK(env["MUSIC_DB_PORT_9200_TCP_PORT"] == "9200");
  CHECK(env["MUSIC_DB_PORT_9200_TCP_ADDR"] == "10.96.0.20");
  CHECK(env["MUSIC_DB_PORT_53_UDP"] == "udp://10.96.0.20:53");
  CHECK(env.size() == 2 + 2 + 1 + 3 * 4);
}

TEST_CASE("only the pod's namespace and the master Service, headless ones have none") {
  testing::FakeObjectSource objects;
  objects.AddService(MakeService("default", "kubernetes", "10.96.0.1", {{"https", 443, "TCP"}}));
  objects.AddService(MakeService("default", "other", "10.96.0.2", {{"", 80, ""}}));
  objects.AddService(MakeService("shop", "web", "10.96.0.3", {{"", 80, ""}}));
  objects.AddService(MakeService("shop", "headless", "None", {{"", 80, ""}}));
  auto env = EnvMap(ServiceEnvironment(ServicesForPod(PodIn("shop"), objects)));
  CHECK(env["KUBERNETES_SERVICE_HOST"] == "10.96.0.1");
  CHECK(env["WEB_SERVICE_HOST"] == "10.96.0.3");
  CHECK_FALSE(env.contains("OTHER_SERVICE_HOST"));
  CHECK_FALSE(env.contains("HEADLESS_SERVICE_HOST"));

  SECTION("enableServiceLinks: false keeps only the master Service") {
    k8s::core::v1::Pod pod = PodIn("shop");
    pod.mutable_spec()->set_enableservicelinks(false);
    auto limited = EnvMap(ServiceEnvironment(ServicesForPod(pod, objects)));
    CHECK(limited["KUBERNETES_SERVICE_HOST"] == "10.96.0.1");
    CHECK_FALSE(limited.contains("WEB_SERVICE_HOST"));
  }
}

TEST_CASE("a container's own variable wins over a Service's, and may refer to one") {
  testing::FakeObjectSource objects;
  objects.AddService(MakeService("shop", "web", "10.96.0.3", {{"", 80, ""}}));
  k8s::core::v1::Pod pod = PodIn("shop");
  k8s::core::v1::Container container;
  auto* own = container.add_env();
  own->set_name("WEB_SERVICE_PORT");
  own->set_value("8080");
  auto* url = container.add_env();
  url->set_name("URL");
  url->set_value("http://$(WEB_SERVICE_HOST)/");
  EnvContext context;
  context.pod = &pod;
  context.objects = &objects;
  absl::StatusOr<EnvList> env = MakeEnvironment(container, context);
  REQUIRE(env.ok());
  auto vars = EnvMap(*env);
  CHECK(vars["WEB_SERVICE_PORT"] == "8080");
  CHECK(vars["URL"] == "http://10.96.0.3/");
  CHECK(vars["WEB_SERVICE_HOST"] == "10.96.0.3");
  // The container's own variables come first, the Services' after them.
  CHECK(env->front().first == "WEB_SERVICE_PORT");
}

}  // namespace
}  // namespace kube::kubelet
