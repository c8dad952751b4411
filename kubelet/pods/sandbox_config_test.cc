#include "kubelet/pods/sandbox_config.h"

#include <catch2/catch.hpp>

#include "kubelet/container/labels.h"
#include "kubelet/pods/container_config.h"
#include "kubelet/pods/etc_hosts.h"

namespace kube::kubelet {
namespace {

k8s::core::v1::Pod TestPod() {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("shop");
  pod.mutable_metadata()->set_uid("uid-1");
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  (*pod.mutable_metadata()->mutable_annotations())["note"] = "x";
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("app");
  c->set_image("nginx:1.25");
  auto* port = c->add_ports();
  port->set_containerport(80);
  port->set_hostport(8080);
  port->set_protocol("TCP");
  c->add_ports()->set_containerport(9090);
  return pod;
}

TEST_CASE("ClusterFirst DNS searches the namespace, the cluster and its domain") {
  auto pod = TestPod();
  PodDns dns = PodDnsConfig(pod, {{"10.0.0.10"}, "cluster.local"});
  CHECK(dns.servers == std::vector<std::string>{"10.0.0.10"});
  CHECK(dns.searches ==
        std::vector<std::string>{"shop.svc.cluster.local", "svc.cluster.local", "cluster.local"});
  CHECK(dns.options == std::vector<std::string>{"ndots:5"});
  CHECK_FALSE(dns.missing_cluster_dns);

  // Without --cluster-dns: the node's resolver, and a note for an event.
  PodDns fallback = PodDnsConfig(pod, {{}, "cluster.local"});
  CHECK(fallback.missing_cluster_dns);
  CHECK(fallback.servers.empty());

  // hostNetwork pods use the node's resolver unless ClusterFirstWithHostNet.
  pod.mutable_spec()->set_hostnetwork(true);
  CHECK(PodDnsConfig(pod, {{"10.0.0.10"}, "cluster.local"}).servers.empty());
  pod.mutable_spec()->set_dnspolicy("ClusterFirstWithHostNet");
  CHECK(PodDnsConfig(pod, {{"10.0.0.10"}, "cluster.local"}).servers.size() == 1);

  // None: only the pod's own dnsConfig, merged.
  auto none = TestPod();
  none.mutable_spec()->set_dnspolicy("None");
  auto* config = none.mutable_spec()->mutable_dnsconfig();
  config->add_nameservers("1.1.1.1");
  config->add_searches("example.com");
  auto* option = config->add_options();
  option->set_name("ndots");
  option->set_value("2");
  PodDns own = PodDnsConfig(none, {{"10.0.0.10"}, "cluster.local"});
  CHECK(own.servers == std::vector<std::string>{"1.1.1.1"});
  CHECK(own.searches == std::vector<std::string>{"example.com"});
  CHECK(own.options == std::vector<std::string>{"ndots:2"});
}

TEST_CASE("the sandbox config carries identity, host ports, labels and the cgroup parent") {
  auto pod = TestPod();
  PodSandboxConfig config = MakeSandboxConfig(pod, 2, "/var/lib/kubelet/pods/uid-1", {});
  CHECK(config.name == "web");
  CHECK(config.namespace_ == "shop");
  CHECK(config.uid == "uid-1");
  CHECK(config.attempt == 2);
  CHECK(config.hostname == "web");
  CHECK(config.log_directory == "/var/lib/kubelet/pods/uid-1");
  REQUIRE(config.port_mappings.size() == 1);
  CHECK(config.port_mappings[0].container_port == 80);
  CHECK(config.port_mappings[0].host_port == 8080);
  CHECK(config.labels.at("app") == "web");
  CHECK(config.labels.at(kPodUidLabel) == "uid-1");
  CHECK(config.annotations.at("note") == "x");
  CHECK(config.cgroup_parent == "/kubepods/besteffort/poduid-1");
}

TEST_CASE("the container config expands the command and names its log file") {
  auto pod = TestPod();
  auto container = pod.spec().containers(0);
  container.add_command("/bin/server");
  container.add_args("--name=$(POD_NAME)");
  container.set_workingdir("/srv");
  (*container.mutable_resources()->mutable_limits())["memory"].set_string("64Mi");
  ContainerConfig config = MakeContainerConfig(pod, container, 3, "sha256:abc",
                                               {{"POD_NAME", "web"}}, {{"/data", "/host", true}});
  CHECK(config.image == "sha256:abc");
  CHECK(config.command == std::vector<std::string>{"/bin/server"});
  CHECK(config.args == std::vector<std::string>{"--name=web"});
  CHECK(config.working_dir == "/srv");
  CHECK(config.log_path == "app/3.log");
  CHECK(config.attempt == 3);
  CHECK(config.annotations.at(kRestartCountAnnotation) == "3");
  CHECK(config.labels.at(kContainerNameLabel) == "app");
  CHECK(config.resources.memory_limit_bytes == 64 * 1024 * 1024);
  CHECK(config.mounts.size() == 1);
}

TEST_CASE("the managed hosts file names the pod") {
  auto pod = TestPod();
  pod.mutable_spec()->set_subdomain("db");
  auto* alias = pod.mutable_spec()->add_hostaliases();
  alias->set_ip("10.1.1.1");
  alias->add_hostnames("foo.local");
  std::string hosts = EtcHostsContent(pod, "10.2.0.5", "cluster.local");
  CHECK(hosts.find("127.0.0.1\tlocalhost") != std::string::npos);
  CHECK(hosts.find("10.2.0.5\tweb.db.shop.svc.cluster.local\tweb") != std::string::npos);
  CHECK(hosts.find("10.1.1.1\tfoo.local") != std::string::npos);
}

}  // namespace
}  // namespace kube::kubelet
