#include "kube-pki/app/discover_command.h"

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "common/client/client.h"
#include "common/client/kubeconfig_render.h"
#include "common/client/rest_transport.h"
#include "common/pki/certificate_info.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::pki::app {

absl::StatusOr<std::string> RunCaHash(const std::string& dir) {
  absl::StatusOr<tls::X509Ptr> ca = ReadCertificateFile(dir + "/ca.crt");
  if (!ca.ok()) return ca.status();
  return PublicKeyPin(ca->get());
}

absl::StatusOr<FileReport> RunDiscover(const DiscoverOptions& options) {
  // Nothing is trusted yet: the CA is checked against the pin below.
  client::ClientConfig anonymous;
  anonymous.server = options.server;
  anonymous.insecure_skip_tls_verify = true;
  anonymous.request_timeout_seconds = 15;
  absl::StatusOr<std::unique_ptr<client::RestTransport>> transport =
      client::RestTransport::Create(anonymous);
  if (!transport.ok()) return transport.status();
  client::Client client(std::shared_ptr<client::Transport>(*std::move(transport)));
  absl::StatusOr<std::unique_ptr<k8s::core::v1::ConfigMap>> info =
      client.Get<k8s::core::v1::ConfigMap>("kube-public", "cluster-info");
  if (!info.ok()) {
    return absl::Status(info.status().code(),
                        StrCat("reading kube-public/cluster-info from ", options.server, ": ",
                               info.status().message()));
  }
  auto kubeconfig = (*info)->data().find("kubeconfig");
  if (kubeconfig == (*info)->data().end()) {
    return absl::FailedPreconditionError("kube-public/cluster-info holds no kubeconfig");
  }
  // kubeadm's cluster-info holds one unnamed cluster and no context or user.
  std::string ca_pem;
  try {
    YAML::Node parsed = YAML::Load(kubeconfig->second);
    YAML::Node data = parsed["clusters"][0]["cluster"]["certificate-authority-data"];
    if (data && data.IsScalar()) absl::Base64Unescape(data.as<std::string>(), &ca_pem);
  } catch (const YAML::Exception& error) {
    return absl::FailedPreconditionError(
        StrCat("kube-public/cluster-info: its kubeconfig does not parse: ", error.what()));
  }
  absl::StatusOr<std::vector<tls::X509Ptr>> cas = tls::ParseCertificates(ca_pem);
  if (!cas.ok() || cas->empty()) {
    return absl::FailedPreconditionError("kube-public/cluster-info names no CA certificate");
  }
  const std::string pin = PublicKeyPin(cas->front().get());
  if (pin != absl::AsciiStrToLower(options.ca_cert_hash)) {
    return absl::PermissionDeniedError(
        StrCat("the cluster CA's public key hash is ", pin, ", not the ", options.ca_cert_hash,
               " given with --discovery-token-ca-cert-hash: refusing to trust ", options.server));
  }
  if (!options.ca_out.empty()) {
    if (absl::Status written = WriteFileAtomically(options.ca_out, ca_pem, 0644); !written.ok()) {
      return written;
    }
  }
  client::KubeconfigContent content;
  content.server = options.kubeconfig_server.empty() ? options.server : options.kubeconfig_server;
  content.ca_pem = ca_pem;
  content.token = options.token;
  content.user_name = "tls-bootstrap-token-user";
  content.context_name = "tls-bootstrap-token-user@kubernetes";
  const std::string rendered = client::RenderKubeconfig(content);
  FileOutcome outcome =
      std::filesystem::exists(options.out) ? FileOutcome::kRenewed : FileOutcome::kCreated;
  if (absl::StatusOr<std::string> existing = tls::ReadFileToString(options.out);
      existing.ok() && *existing == rendered) {
    outcome = FileOutcome::kKept;
  } else if (absl::Status written = WriteFileAtomically(options.out, rendered, 0600);
             !written.ok()) {
    return written;
  }
  return FileReport{options.out, outcome};
}

}  // namespace kube::pki::app
