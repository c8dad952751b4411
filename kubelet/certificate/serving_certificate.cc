#include "kubelet/certificate/serving_certificate.h"

#include <algorithm>
#include <filesystem>

#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "common/client/kubeconfig.h"
#include "common/log/log.h"
#include "common/pki/certificate_info.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"
#include "common/certificates/certificate_request_flow.h"

namespace kube::kubelet {
namespace {

std::vector<std::string> Sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// Whether the files hold a certificate for these names that is not in the last
// fifth of its life.
bool Usable(const ServingCertificateFiles& files, const ServingCertificateOptions& options) {
  absl::StatusOr<tls::X509Ptr> certificate = pki::ReadCertificateFile(files.cert_file);
  if (!certificate.ok() || !std::filesystem::exists(files.key_file)) return false;
  pki::CertificateInfo info = pki::DescribeCertificate(certificate->get());
  absl::Duration life = info.not_after - info.not_before;
  return info.common_name == "system:node:" + options.node_name &&
         Sorted(info.dns_names) == Sorted(options.dns_names) &&
         Sorted(info.ip_addresses) == Sorted(options.ip_addresses) &&
         !pki::NeedsRenewal(certificate->get(), life / 5);
}

}  // namespace

absl::StatusOr<ServingCertificateFiles> EnsureServingCertificate(
    const ServingCertificateOptions& options) {
  ServingCertificateFiles files{options.cert_dir + "/kubelet-server.crt",
                                options.cert_dir + "/kubelet-server.key"};
  if (Usable(files, options)) return files;
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(options.kubeconfig);
  if (!config.ok()) return config.status();
  absl::StatusOr<std::unique_ptr<client::Transport>> transport = client::NewTransport(*config);
  if (!transport.ok()) return transport.status();
  client::Client client(std::shared_ptr<client::Transport>(*std::move(transport)));
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  if (!key.ok()) return key.status();
  certificates::CertificateAsk ask;
  ask.subject.common_name = "system:node:" + options.node_name;
  ask.subject.organizations = {"system:nodes"};
  ask.subject.dns_names = options.dns_names;
  ask.subject.ip_addresses = options.ip_addresses;
  ask.signer_name = "kubernetes.io/kubelet-serving";
  ask.usages = {"digital signature", "server auth"};
  ask.wait = options.wait;
  absl::StatusOr<std::string> certificate =
      certificates::RequestCertificate(client, key->get(), ask);
  if (!certificate.ok()) return certificate.status();
  if (absl::Status status = pki::EnsurePrivateDirectory(options.cert_dir); !status.ok()) {
    return status;
  }
  if (absl::Status written = pki::WritePrivateKeyFile(files.key_file, key->get()); !written.ok()) {
    return written;
  }
  if (absl::Status written = pki::WriteFileAtomically(files.cert_file, *certificate, 0644);
      !written.ok()) {
    return written;
  }
  KLOG(Info) << "serving certificate from the cluster CA written to " << files.cert_file;
  return files;
}

}  // namespace kube::kubelet
