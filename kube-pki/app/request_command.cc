#include "kube-pki/app/request_command.h"

#include <filesystem>

#include "common/certificates/certificate_request_flow.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "common/client/kubeconfig.h"
#include "common/client/kubeconfig_render.h"
#include "common/pki/certificate_info.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"

namespace kube::pki::app {
namespace {

std::vector<std::string> Sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// Whether `path` is a kubeconfig whose certificate already says what is asked and
// has more than a fifth of its life left.
bool Current(const RequestOptions& options) {
  if (!std::filesystem::exists(options.out)) return false;
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(options.out);
  if (!config.ok()) return false;
  absl::StatusOr<std::vector<tls::X509Ptr>> certificates =
      tls::ParseCertificates(config->client_certificate_pem);
  if (!certificates.ok() || certificates->empty()) return false;
  CertificateInfo info = DescribeCertificate(certificates->front().get());
  return info.common_name == options.common_name &&
         Sorted(info.organizations) == Sorted(options.organizations) &&
         !NeedsRenewal(certificates->front().get(), (info.not_after - info.not_before) / 5);
}

}  // namespace

absl::StatusOr<FileReport> RunRequest(const RequestOptions& options) {
  if (Current(options)) return FileReport{options.out, FileOutcome::kKept};
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(options.kubeconfig);
  if (!config.ok()) return config.status();
  absl::StatusOr<std::unique_ptr<client::Transport>> transport = client::NewTransport(*config);
  if (!transport.ok()) return transport.status();
  client::Client client(std::shared_ptr<client::Transport>(*std::move(transport)));
  absl::StatusOr<tls::EvpPkeyPtr> key = GenerateKey(KeyType::kEcdsaP256);
  if (!key.ok()) return key.status();
  certificates::CertificateAsk ask;
  ask.subject.common_name = options.common_name;
  ask.subject.organizations = options.organizations;
  ask.signer_name = options.signer;
  ask.usages = {"digital signature", "client auth"};
  ask.wait = absl::Seconds(options.wait_seconds);
  absl::StatusOr<std::string> certificate =
      certificates::RequestCertificate(client, key->get(), ask);
  if (!certificate.ok()) return certificate.status();
  absl::StatusOr<std::string> key_pem = tls::PrivateKeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  client::KubeconfigContent content;
  content.server = options.kubeconfig_server.empty() ? config->server : options.kubeconfig_server;
  content.ca_pem = config->certificate_authority_pem;
  content.cert_pem = *certificate;
  content.key_pem = *key_pem;
  content.user_name = options.common_name;
  content.context_name = options.common_name + "@kubernetes";
  const FileOutcome outcome =
      std::filesystem::exists(options.out) ? FileOutcome::kRenewed : FileOutcome::kCreated;
  if (absl::Status written =
          WriteFileAtomically(options.out, client::RenderKubeconfig(content), 0600);
      !written.ok()) {
    return written;
  }
  return FileReport{options.out, outcome};
}

}  // namespace kube::pki::app
