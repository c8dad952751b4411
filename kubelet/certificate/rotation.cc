#include "kubelet/certificate/rotation.h"

#include <algorithm>

#include "absl/time/clock.h"
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
#include "kubelet/certificate/client_bootstrap.h"

namespace kube::kubelet {
namespace {

// How far into its life a certificate is renewed.
constexpr double kRenewAt = 0.8;
// Pause after a failed renewal before trying again.
constexpr absl::Duration kRetry = absl::Seconds(30);

// When `certificate` is due: notBefore + 80% of its life.
absl::Time DueTime(X509* certificate) {
  pki::CertificateInfo info = pki::DescribeCertificate(certificate);
  return info.not_before + (info.not_after - info.not_before) * kRenewAt;
}

absl::StatusOr<absl::Time> ClientDue(const std::string& kubeconfig) {
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(kubeconfig);
  if (!config.ok()) return config.status();
  absl::StatusOr<std::vector<tls::X509Ptr>> certificates =
      tls::ParseCertificates(config->client_certificate_pem);
  if (!certificates.ok() || certificates->empty()) {
    return absl::FailedPreconditionError(StrCat(kubeconfig, " holds no client certificate"));
  }
  return DueTime(certificates->front().get());
}

absl::StatusOr<absl::Time> ServingDue(const ServingCertificateOptions& options) {
  absl::StatusOr<tls::X509Ptr> certificate =
      pki::ReadCertificateFile(options.cert_dir + "/kubelet-server.crt");
  if (!certificate.ok()) return certificate.status();
  return DueTime(certificate->get());
}

// A new client certificate for the same node, asked for with the current one.
absl::Status RenewClient(const std::string& kubeconfig) {
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(kubeconfig);
  if (!config.ok()) return config.status();
  absl::StatusOr<std::vector<tls::X509Ptr>> current =
      tls::ParseCertificates(config->client_certificate_pem);
  if (!current.ok() || current->empty()) return absl::FailedPreconditionError("no certificate");
  pki::CertificateInfo info = pki::DescribeCertificate(current->front().get());
  absl::StatusOr<std::unique_ptr<client::Transport>> transport = client::NewTransport(*config);
  if (!transport.ok()) return transport.status();
  client::Client client(std::shared_ptr<client::Transport>(*std::move(transport)));
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  if (!key.ok()) return key.status();
  certificates::CertificateAsk ask;
  ask.subject.common_name = info.common_name;
  ask.subject.organizations = info.organizations;
  ask.signer_name = "kubernetes.io/kube-apiserver-client-kubelet";
  ask.usages = {"digital signature", "client auth"};
  absl::StatusOr<std::string> certificate =
      certificates::RequestCertificate(client, key->get(), ask);
  if (!certificate.ok()) return certificate.status();
  absl::StatusOr<std::string> key_pem = tls::PrivateKeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  return WriteNodeKubeconfig(kubeconfig, config->server, config->certificate_authority_pem,
                             *certificate, *key_pem);
}

}  // namespace

CertificateRotator::CertificateRotator(RotationOptions options, std::function<void()> on_rotated)
    : options_(std::move(options)), on_rotated_(std::move(on_rotated)) {}

CertificateRotator::~CertificateRotator() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void CertificateRotator::Start() { thread_ = std::thread([this] { Run(); }); }

absl::Time CertificateRotator::NextDue() const {
  absl::Time due = absl::InfiniteFuture();
  if (!options_.client_kubeconfig.empty()) {
    absl::StatusOr<absl::Time> client_due = ClientDue(options_.client_kubeconfig);
    if (client_due.ok()) due = std::min(due, *client_due);
  }
  if (options_.serving.has_value()) {
    absl::StatusOr<absl::Time> serving_due = ServingDue(*options_.serving);
    if (serving_due.ok()) due = std::min(due, *serving_due);
  }
  return due;
}

absl::StatusOr<bool> CertificateRotator::RotateDue(absl::Time now) {
  bool rotated = false;
  if (!options_.client_kubeconfig.empty()) {
    absl::StatusOr<absl::Time> due = ClientDue(options_.client_kubeconfig);
    if (due.ok() && *due <= now) {
      KLOG(Info) << "rotating the client certificate in " << options_.client_kubeconfig;
      if (absl::Status renewed = RenewClient(options_.client_kubeconfig); !renewed.ok()) {
        return renewed;
      }
      rotated = true;
    }
  }
  if (options_.serving.has_value()) {
    absl::StatusOr<absl::Time> due = ServingDue(*options_.serving);
    if (due.ok() && *due <= now) {
      KLOG(Info) << "rotating the serving certificate in " << options_.serving->cert_dir;
      // Due means not usable to EnsureServingCertificate: it asks for a new one.
      absl::StatusOr<ServingCertificateFiles> files = EnsureServingCertificate(*options_.serving);
      if (!files.ok()) return files.status();
      rotated = true;
    }
  }
  return rotated;
}

void CertificateRotator::Run() {
  while (true) {
    absl::Time due = NextDue();
    {
      absl::MutexLock lock(&mu_);
      auto stop = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
      // Wakes at the due time, or at once when stopping.
      mu_.AwaitWithDeadline(absl::Condition(&stop), due);
      if (stopping_) return;
    }
    absl::StatusOr<bool> rotated = RotateDue(absl::Now());
    if (rotated.ok() && *rotated) {
      on_rotated_();
      return;
    }
    if (!rotated.ok()) {
      KLOG(Warning) << "certificate rotation failed: " << rotated.status() << "; retrying in "
                    << absl::FormatDuration(kRetry);
    }
    absl::MutexLock lock(&mu_);
    auto stop = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stop), kRetry)) return;
  }
}

}  // namespace kube::kubelet
