#include "kubelet/certificate/client_bootstrap.h"

#include <filesystem>

#include "absl/strings/escaping.h"
#include "absl/time/clock.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "common/client/kubeconfig.h"
#include "common/client/kubeconfig_render.h"
#include "common/log/log.h"
#include "common/pki/certificate_info.h"
#include "common/pki/certificate_request.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"
#include "common/util/uuid.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::kubelet {
namespace {

using k8s::certificates::v1::CertificateSigningRequest;

// Whether the kubeconfig at `path` holds a client certificate still valid an hour
// from now.
bool HasUsableCertificate(const std::string& path) {
  if (!std::filesystem::exists(path)) return false;
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(path);
  if (!config.ok() || config->client_certificate_pem.empty()) return false;
  absl::StatusOr<std::vector<tls::X509Ptr>> certificates =
      tls::ParseCertificates(config->client_certificate_pem);
  return certificates.ok() && !certificates->empty() &&
         !pki::NeedsRenewal(certificates->front().get(), absl::Hours(1));
}

// The issued certificate, once the request has one; an error if it was denied or
// failed; "" while it waits.
absl::StatusOr<std::string> Outcome(const CertificateSigningRequest& csr) {
  for (const auto& condition : csr.status().conditions()) {
    if (condition.type() == "Denied" || condition.type() == "Failed") {
      return absl::PermissionDeniedError(StrCat("certificate request ", csr.metadata().name(),
                                                " was ", condition.type() == "Denied" ? "denied" : "failed",
                                                ": ", condition.reason(), " ", condition.message()));
    }
  }
  return csr.status().certificate();
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
  pki::CertificateSpec subject;
  subject.common_name = "system:node:" + options.node_name;
  subject.organizations = {"system:nodes"};
  absl::StatusOr<std::string> request = pki::CreateCertificateRequest(subject, key->get());
  if (!request.ok()) return request.status();

  absl::StatusOr<std::unique_ptr<client::Transport>> transport = client::NewTransport(*bootstrap);
  if (!transport.ok()) return transport.status();
  client::Client client(std::shared_ptr<client::Transport>(*std::move(transport)));
  CertificateSigningRequest csr;
  csr.mutable_metadata()->set_name(StrCat("node-csr-", util::NewUuid()));
  csr.mutable_spec()->set_request(*request);
  csr.mutable_spec()->set_signername("kubernetes.io/kube-apiserver-client-kubelet");
  csr.mutable_spec()->add_usages("digital signature");
  csr.mutable_spec()->add_usages("client auth");
  absl::StatusOr<std::unique_ptr<CertificateSigningRequest>> created = client.Create(csr);
  if (!created.ok()) {
    return absl::Status(created.status().code(),
                        StrCat("creating the certificate request: ", created.status().message()));
  }
  const std::string name = (*created)->metadata().name();
  KLOG(Info) << "TLS bootstrap: waiting for certificate request " << name
             << " to be approved and signed";
  const absl::Time deadline = absl::Now() + options.wait;
  std::string certificate;
  while (certificate.empty()) {
    absl::StatusOr<std::unique_ptr<CertificateSigningRequest>> current =
        client.Get<CertificateSigningRequest>("", name);
    if (current.ok()) {
      absl::StatusOr<std::string> outcome = Outcome(**current);
      if (!outcome.ok()) return outcome.status();
      certificate = *outcome;
    } else {
      KLOG(Warning) << "TLS bootstrap: reading " << name << ": " << current.status().message();
    }
    if (!certificate.empty()) break;
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(StrCat("certificate request ", name, " was not signed within ",
                                                absl::FormatDuration(options.wait)));
    }
    absl::SleepFor(options.poll);
  }
  absl::StatusOr<std::string> key_pem = tls::PrivateKeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  client::KubeconfigContent content;
  content.server = bootstrap->server;
  content.ca_pem = bootstrap->certificate_authority_pem;
  content.cert_pem = certificate;
  content.key_pem = *key_pem;
  content.user_name = "default-auth";
  content.context_name = "default-context";
  std::filesystem::path directory = std::filesystem::path(options.kubeconfig).parent_path();
  std::error_code error;
  if (!directory.empty()) std::filesystem::create_directories(directory, error);
  if (absl::Status written =
          pki::WriteFileAtomically(options.kubeconfig, client::RenderKubeconfig(content), 0600);
      !written.ok()) {
    return written;
  }
  KLOG(Info) << "TLS bootstrap: certificate for " << subject.common_name << " written to "
             << options.kubeconfig;
  return absl::OkStatus();
}

}  // namespace kube::kubelet
