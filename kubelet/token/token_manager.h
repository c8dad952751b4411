#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "kubelet/backoff/backoff.h"

namespace kube::kubelet {

using TokenRequestPtr = std::shared_ptr<const k8s::authentication::v1::TokenRequest>;

// Asks the API server for a token: POST serviceaccounts/NAME/token in `ns` with
// `request`; the answer carries status.token and status.expirationTimestamp.
using TokenFetcher = std::function<absl::StatusOr<TokenRequestPtr>(
    const std::string& ns, const std::string& service_account,
    const k8s::authentication::v1::TokenRequest& request)>;

struct TokenManagerOptions {
  std::function<absl::Time()> clock = absl::Now;
  // Refreshes are spread by up to this much (upstream's), so that the tokens of
  // pods started together are not all requested again at once.
  absl::Duration max_jitter = absl::Seconds(10);
  // After a failed request, the same token is not asked for again before this
  // delay, which doubles at each failure up to the maximum (pod syncs retry a
  // failed mount every 2 s; the API server need not hear each retry).
  absl::Duration failure_backoff = absl::Seconds(1);
  absl::Duration max_failure_backoff = absl::Minutes(1);
};

// Upstream's kubelet token manager: the service account tokens of the pods on the
// node, cached per (namespace, service account, audiences, expirationSeconds,
// bound object) and requested again when a pod sync finds one older than 80% of
// its lifetime or 24 hours, so that files are rewritten before the tokens expire.
// Thread-safe; requests run outside the lock.
class TokenManager {
 public:
  explicit TokenManager(TokenFetcher fetch, TokenManagerOptions options = {});
  TokenManager(const TokenManager&) = delete;
  TokenManager& operator=(const TokenManager&) = delete;

  // A token for `service_account` in `ns` as `request` asks: the cached one while
  // it needs no refresh, else a new one. If a refresh fails, the cached token is
  // returned as long as it has not expired. Errors keep the server's code and say
  // "failed to fetch token: <server's message>".
  absl::StatusOr<TokenRequestPtr> GetServiceAccountToken(
      const std::string& ns, const std::string& service_account,
      const k8s::authentication::v1::TokenRequest& request);

  // Forgets the tokens bound to the pod (it is gone).
  void DeletePodTokens(const std::string& pod_uid);

  // How many tokens are cached (tests).
  size_t CachedTokens() const;

 private:
  struct Cached {
    TokenRequestPtr token;
    std::string bound_uid;
  };
  struct Failure {
    absl::Status error;
    std::string bound_uid;
  };
  // Expired tokens are dropped at most this often, during a lookup (no thread).
  static constexpr absl::Duration kCleanupPeriod = absl::Minutes(1);

  absl::Duration Jitter();
  void CleanUpExpired(absl::Time now);

  // Constant after construction.
  const TokenFetcher fetch_;
  const TokenManagerOptions options_;

  Backoff failures_;  // keyed like cache_; thread-safe

  // Held only for map updates and the random generator, never across a request.
  mutable absl::Mutex mu_;
  std::map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
  // The last error of each key in back-off, returned until the next attempt.
  std::map<std::string, Failure> failed_ ABSL_GUARDED_BY(mu_);
  absl::Time last_cleanup_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::BitGen random_ ABSL_GUARDED_BY(mu_);
};

// Whether `token` must be requested again at `now` (upstream's requiresRefresh):
// it is past 80% of its lifetime, or 24 hours old, each less `jitter`, or it claims
// to be issued in the future (the clock went back). The lifetime is the answer's
// spec.expirationSeconds before its status.expirationTimestamp.
bool RequiresRefresh(const k8s::authentication::v1::TokenRequest& token, absl::Time now,
                     absl::Duration jitter);

}  // namespace kube::kubelet
