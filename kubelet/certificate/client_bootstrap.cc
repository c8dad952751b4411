#include "kubelet/certificate/client_bootstrap.h"

#include <filesystem>

#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "common/client/kubeconfig.h"
#include "common/client/kubeconfig_render.h"
#include "common/log/log.h"
#include "common/pki/certificate_info.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"
#include "common/certificates/certificate_request_flow.h"

namespace kube::kubelet {
namespace {

// Whether the kubeconfig at `path` holds a client certificate still valid a minute
// from now.
bool HasUsableCertificate(const std::string& path) {
  if (!std::filesystem::exists(path)) return false;
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(path);
  if (!config.ok() || config->client_certificate_pem.empty()) return false;
  absl::StatusOr<std::vector<tls::X509Ptr>> certificates =
      tls::ParseCertificates(config->client_certificate_pem);
  return certificates.ok() && !certificates->empty() &&
         !pki::NeedsRenewal(certificates->front().get(), absl::Minutes(1));
}

}  // namespace

absl::Status EnsureClientCertificate(const ClientBootstrapOptions& options) {
  if (HasUsableCertificate(options.kubeconfig)) return absl::OkStatus();
  absl::StatusOr<client::ClientConfig> bootstrap =
      client::LoadKubeconfigFile(options.bootstrap_kubeconfig);
  if (!bootstrap.ok()) {
    return absl::InvalidArgumentError(
        StrCat("--bootstrap-kubeconfig: ", bootstrap.status().message()));
  }
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  if (!key.ok()) return key.status();
  absl::StatusOr<std::unique_ptr<client::Transport>> transport = client::NewTransport(*bootstrap);
  if (!transport.ok()) return transport.status();
  client::Client client(std::shared_ptr<client::Transport>(*std::move(transport)));
  certificates::CertificateAsk ask;
  ask.subject.common_name = "system:node:" + options.node_name;
  ask.subject.organizations = {"system:nodes"};
  ask.signer_name = "kubernetes.io/kube-apiserver-client-kubelet";
  ask.usages = {"digital signature", "client auth"};
  ask.wait = options.wait;
  ask.poll = options.poll;
  absl::StatusOr<std::string> certificate =
      certificates::RequestCertificate(client, key->get(), ask);
  if (!certificate.ok()) return certificate.status();
  absl::StatusOr<std::string> key_pem = tls::PrivateKeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  if (absl::Status written = WriteNodeKubeconfig(options.kubeconfig, bootstrap->server,
                                                  bootstrap->certificate_authority_pem,
                                                  *certificate, *key_pem);
      !written.ok()) {
    return written;
  }
  KLOG(Info) << "TLS bootstrap: certificate for " << ask.subject.common_name << " written to "
             << options.kubeconfig;
  return absl::OkStatus();
}

absl::Status WriteNodeKubeconfig(const std::string& path, const std::string& server,
                                 const std::string& ca_pem, const std::string& cert_pem,
                                 const std::string& key_pem) {
  client::KubeconfigContent content;
  content.server = server;
  content.ca_pem = ca_pem;
  content.cert_pem = cert_pem;
  content.key_pem = key_pem;
  content.user_name = "default-auth";
  content.context_name = "default-context";
  std::filesystem::path directory = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!directory.empty()) std::filesystem::create_directories(directory, error);
  return pki::WriteFileAtomically(path, client::RenderKubeconfig(content), 0600);
}

}  // namespace kube::kubelet
