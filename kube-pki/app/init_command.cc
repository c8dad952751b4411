#include "kube-pki/app/init_command.h"

#include <algorithm>

#include "common/pki/pki_files.h"
#include "common/pki/subject_alt_names.h"
#include "common/util/strings.h"
#include "kube-pki/app/certificate_files.h"
#include "kube-pki/app/service_cidr.h"

namespace kube::pki::app {
namespace {

constexpr absl::Duration kLeafValidity = absl::Hours(24 * 365);

void AppendUnique(std::vector<std::string>& values, const std::vector<std::string>& more) {
  for (const std::string& value : more) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
}

CertificateSpec ClientSpec(std::string common_name) {
  CertificateSpec spec;
  spec.common_name = std::move(common_name);
  spec.organizations = {"system:masters"};
  spec.client_auth = true;
  spec.validity = kLeafValidity;
  return spec;
}

}  // namespace

absl::StatusOr<std::vector<NamedSpec>> ControlPlaneSpecs(const InitOptions& options) {
  absl::StatusOr<std::vector<std::string>> service_ips = FirstServiceAddresses(options.service_cidr);
  if (!service_ips.ok()) return service_ips.status();
  std::vector<std::string> extra_dns, extra_ips;
  if (absl::Status status = SplitSubjectAltNames(options.apiserver_sans, extra_dns, extra_ips);
      !status.ok()) {
    return status;
  }
  CertificateSpec apiserver;
  apiserver.common_name = "kube-apiserver";
  apiserver.server_auth = true;
  apiserver.validity = kLeafValidity;
  AppendUnique(apiserver.dns_names,
               {"kubernetes", "kubernetes.default", "kubernetes.default.svc",
                StrCat("kubernetes.default.svc.", options.cluster_domain), "localhost"});
  AppendUnique(apiserver.dns_names, extra_dns);
  AppendUnique(apiserver.ip_addresses, {"127.0.0.1"});
  AppendUnique(apiserver.ip_addresses, *service_ips);
  AppendUnique(apiserver.ip_addresses, extra_ips);
  return std::vector<NamedSpec>{
      {"apiserver", apiserver},
      {"apiserver-kubelet-client", ClientSpec("kube-apiserver-kubelet-client")},
      {"admin", ClientSpec("kubernetes-admin")},
  };
}

absl::StatusOr<std::vector<FileReport>> RunInit(const InitOptions& options, absl::Time now) {
  absl::StatusOr<std::vector<NamedSpec>> specs = ControlPlaneSpecs(options);
  if (!specs.ok()) return specs.status();
  if (absl::Status status = EnsurePrivateDirectory(options.dir); !status.ok()) return status;
  std::vector<FileReport> reports;
  absl::StatusOr<ClusterCa> ca = EnsureClusterCa(options.dir, now, reports);
  if (!ca.ok()) return ca.status();
  for (const NamedSpec& named : *specs) {
    if (absl::Status status = EnsureSignedPair(options.dir, named.name, named.spec, *ca, now, reports);
        !status.ok()) {
      return status;
    }
  }
  if (absl::Status status = EnsureServiceAccountKeys(options.dir, reports); !status.ok()) return status;
  return reports;
}

}  // namespace kube::pki::app
