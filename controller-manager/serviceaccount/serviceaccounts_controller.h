#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::serviceaccount {

// The "serviceaccount" loop: every Namespace that is not terminating has the
// ServiceAccounts of kEnsured (upstream's default list: "default"), created when
// the namespace appears and again whenever one is deleted. Nothing is created in
// a terminating namespace. Only presence is ensured; an existing account is never
// changed.
//
// Threads: the namespace and service account informers' dispatch threads enqueue
// namespace names; one worker syncs one namespace at a time.
class ServiceAccountsController : public ControllerInterface {
 public:
  // The accounts every namespace gets.
  static constexpr std::array<std::string_view, 1> kEnsured = {"default"};

  explicit ServiceAccountsController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(1); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  absl::Status Sync(const std::string& ns);

  const client::Client client_;
  client::Informer<k8s::core::v1::Namespace> namespaces_;
  client::Informer<k8s::core::v1::ServiceAccount> accounts_;
  client::Controller controller_;
};

}  // namespace kube::kcm::serviceaccount
