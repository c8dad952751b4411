#include "kubelet/pods/etc_hosts.h"

#include <filesystem>
#include <fstream>

#include "common/util/strings.h"
#include "kubelet/pods/sandbox_config.h"

namespace kube::kubelet {

std::string EtcHostsContent(const k8s::core::v1::Pod& pod, const std::string& pod_ip,
                            const std::string& cluster_domain) {
  std::string out =
      "# Kubernetes-managed hosts file.\n"
      "127.0.0.1\tlocalhost\n"
      "::1\tlocalhost ip6-localhost ip6-loopback\n"
      "fe00::0\tip6-localnet\n"
      "fe00::0\tip6-mcastprefix\n"
      "fe00::1\tip6-allnodes\n"
      "fe00::2\tip6-allrouters\n";
  if (!pod_ip.empty()) {
    const std::string hostname = PodHostname(pod);
    if (!pod.spec().subdomain().empty() && !cluster_domain.empty()) {
      kube::StrAppend(&out, pod_ip, "\t", hostname, ".", pod.spec().subdomain(), ".",
                      pod.metadata().namespace_(), ".svc.", cluster_domain, "\t", hostname, "\n");
    } else {
      kube::StrAppend(&out, pod_ip, "\t", hostname, "\n");
    }
  }
  if (!pod.spec().hostaliases().empty()) {
    out += "\n# Entries added by HostAliases.\n";
    for (const auto& alias : pod.spec().hostaliases()) {
      kube::StrAppend(&out, alias.ip(), "\t", kube::StrJoin(alias.hostnames(), "\t"), "\n");
    }
  }
  return out;
}

absl::StatusOr<std::string> WriteEtcHosts(const std::string& pod_dir, const k8s::core::v1::Pod& pod,
                                          const std::string& pod_ip,
                                          const std::string& cluster_domain) {
  std::error_code error;
  std::filesystem::create_directories(pod_dir, error);
  const std::string path = kube::StrCat(pod_dir, "/etc_hosts");
  std::ofstream out(path, std::ios::trunc);
  out << EtcHostsContent(pod, pod_ip, cluster_domain);
  if (!out) return absl::InternalError(kube::StrCat("cannot write ", path));
  return path;
}

bool WantsEtcHosts(const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container) {
  if (pod.spec().hostnetwork()) return false;
  for (const auto& mount : container.volumemounts()) {
    if (mount.mountpath() == "/etc/hosts") return false;
  }
  return true;
}

}  // namespace kube::kubelet
