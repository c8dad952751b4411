#pragma once

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/token_source.h"
#include "common/client/transport.h"

namespace kube::kcm::app {

// One loop's credentials under --use-service-account-credentials, as upstream's
// SAControllerClientBuilder: the ServiceAccount kube-system/<name> (created when
// missing) and a token for it from TokenRequest, made through the manager's own
// client and renewed at 80% of its life, so each loop acts with exactly its
// system:controller:<name> role. Thread-safe.
class ServiceAccountTokenSource final : public client::TokenSource {
 public:
  // `root` is the manager's own transport (system:kube-controller-manager).
  ServiceAccountTokenSource(std::shared_ptr<client::Transport> root, std::string name,
                            absl::Duration lifetime = absl::Hours(1));

  absl::StatusOr<std::string> Token() override;

 private:
  absl::Status EnsureServiceAccount();

  const std::shared_ptr<client::Transport> root_;
  const std::string name_;
  const absl::Duration lifetime_;
  absl::Mutex mu_;  // held across a renewal, so concurrent callers wait for one request
  std::string token_ ABSL_GUARDED_BY(mu_);
  absl::Time renew_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::Time expires_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

// The ServiceAccounts of upstream's loops live here.
inline constexpr char kControllerNamespace[] = "kube-system";

}  // namespace kube::kcm::app
