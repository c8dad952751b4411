#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/auth/authorizer.h"
#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::kcm::csrapproving {

// The "csrapproving" loop (upstream's sarapprove): a pending request for a kubelet
// client certificate (signer kubernetes.io/kube-apiserver-client-kubelet, subject
// system:node:<name> in system:nodes, no alternative names, client usages) is
// approved when a SubjectAccessReview says its requester may create
// certificatesigningrequests/selfnodeclient (a node renewing its own certificate)
// or certificatesigningrequests/nodeclient (a bootstrap token joining a node).
// Nothing is ever denied: other requests wait for a person (kubectl certificate
// approve|deny).
//
// Threads: the informer's dispatch thread enqueues; kWorkers workers sync one
// request each at a time.
class CsrApprovingController : public ControllerInterface {
 public:
  explicit CsrApprovingController(ControllerContext& context);

  absl::Status Run() override;
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  absl::Status Sync(const std::string& key);
  // Whether the requester may create certificatesigningrequests/<subresource>.
  absl::StatusOr<bool> RequesterMay(const k8s::certificates::v1::CertificateSigningRequest& csr,
                                    const std::string& subresource);

  const client::Client client_;
  std::unique_ptr<auth::Authorizer> reviews_;  // SubjectAccessReviews, not cached
  client::Informer<k8s::certificates::v1::CertificateSigningRequest> requests_;
  client::Controller controller_;
};

}  // namespace kube::kcm::csrapproving
