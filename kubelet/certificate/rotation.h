#pragma once

#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kubelet/certificate/serving_certificate.h"

namespace kube::kubelet {

struct RotationOptions {
  // --rotate-certificates: the client certificate in this kubeconfig.
  std::string client_kubeconfig;
  // --rotate-server-certificates: the serving certificate these options describe.
  std::optional<ServingCertificateOptions> serving;
};

// Certificate rotation before expiry (upstream's --rotate-certificates and
// --rotate-server-certificates): at 80% of a certificate's life the kubelet asks for
// a new one with its own credentials (a client renewal is approved as
// selfnodeclient; a serving one waits for an administrator) and writes it where the
// old one was. Then `on_rotated` runs: the kubelet restarts in place to load it,
// its containers untouched, as after any restart. One thread, started by Start.
class CertificateRotator {
 public:
  CertificateRotator(RotationOptions options, std::function<void()> on_rotated);
  ~CertificateRotator();  // stops the thread
  CertificateRotator(const CertificateRotator&) = delete;
  CertificateRotator& operator=(const CertificateRotator&) = delete;

  void Start();

 private:
  void Run();
  // When the first certificate is due, from the files as they are now.
  absl::Time NextDue() const;
  // Renews what is due at `now`; true if anything was written.
  absl::StatusOr<bool> RotateDue(absl::Time now);

  const RotationOptions options_;
  const std::function<void()> on_rotated_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace kube::kubelet
