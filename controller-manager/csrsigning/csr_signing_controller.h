#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "common/tls/openssl_ptr.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::kcm::csrsigning {

// The "csrsigning" loop: an approved request for one of the built-in signers
// (kubernetes.io/kube-apiserver-client-kubelet, kubernetes.io/kubelet-serving,
// kubernetes.io/kube-apiserver-client) gets its certificate, signed by the cluster
// CA (--cluster-signing-cert-file/--cluster-signing-key-file), valid for
// spec.expirationSeconds or at most --cluster-signing-duration, written to
// status.certificate. A request its signer cannot honour gets a Failed condition
// (SignerValidationFailure) instead. Not built without the CA's files.
//
// Threads: the informer's dispatch thread enqueues; kWorkers workers sign one
// request each at a time.
class CsrSigningController : public ControllerInterface {
 public:
  // InvalidArgument when the CA's certificate or key cannot be read.
  static absl::StatusOr<std::unique_ptr<CsrSigningController>> Create(ControllerContext& context);

  absl::Status Run() override;
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  CsrSigningController(ControllerContext& context, tls::X509Ptr ca, tls::EvpPkeyPtr ca_key);
  absl::Status Sync(const std::string& key);
  absl::Status Fail(const k8s::certificates::v1::CertificateSigningRequest& csr,
                    const std::string& message);

  const client::Client client_;
  const tls::X509Ptr ca_;
  const tls::EvpPkeyPtr ca_key_;
  const absl::Duration max_duration_;
  client::Informer<k8s::certificates::v1::CertificateSigningRequest> requests_;
  client::Controller controller_;
};

}  // namespace kube::kcm::csrsigning
