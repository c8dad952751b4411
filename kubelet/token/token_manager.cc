#include "kubelet/token/token_manager.h"

#include "absl/strings/str_join.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

using k8s::authentication::v1::TokenRequest;

// No token lives longer than this without a refresh.
constexpr absl::Duration kMaxTokenAge = absl::Hours(24);

// The cache key: everything that makes two requests ask for different tokens.
// Safe to log (no secret in it).
std::string TokenKey(const std::string& ns, const std::string& service_account,
                     const TokenRequest& request) {
  const auto& spec = request.spec();
  const auto& ref = spec.boundobjectref();
  return kube::StrCat("\"", service_account, "\"/\"", ns, "\"/[",
                      absl::StrJoin(spec.audiences(), ","), "]/",
                      spec.has_expirationseconds() ? spec.expirationseconds() : 0, "/", ref.kind(),
                      ":", ref.apiversion(), ":", ref.name(), ":", ref.uid());
}

absl::Time ExpirationOf(const TokenRequest& token) {
  return absl::FromUnixSeconds(token.status().expirationtimestamp().seconds());
}

}  // namespace

bool RequiresRefresh(const TokenRequest& token, absl::Time now, absl::Duration jitter) {
  const absl::Time expiration = ExpirationOf(token);
  if (!token.spec().has_expirationseconds()) return now >= expiration;
  const absl::Duration lifetime = absl::Seconds(token.spec().expirationseconds());
  const absl::Time issued = expiration - lifetime;
  if (now > issued + kMaxTokenAge - jitter) return true;
  // The last 20% of its life (integer seconds, as upstream computes it).
  if (now > expiration - absl::Seconds(token.spec().expirationseconds() * 20 / 100) - jitter) {
    return true;
  }
  return now < issued;
}

TokenManager::TokenManager(TokenFetcher fetch, TokenManagerOptions options)
    : fetch_(std::move(fetch)),
      options_(std::move(options)),
      failures_(options_.failure_backoff, options_.max_failure_backoff, options_.clock) {}

absl::Duration TokenManager::Jitter() {
  const int64_t max_seconds = absl::ToInt64Seconds(options_.max_jitter);
  if (max_seconds <= 0) return absl::ZeroDuration();
  absl::MutexLock lock(&mu_);
  return absl::Seconds(absl::Uniform<int64_t>(random_, 0, max_seconds));
}

void TokenManager::CleanUpExpired(absl::Time now) {
  {
    absl::MutexLock lock(&mu_);
    if (now >= last_cleanup_ && now - last_cleanup_ < kCleanupPeriod) return;
    last_cleanup_ = now;
    std::erase_if(cache_,
                  [&](const auto& entry) { return now > ExpirationOf(*entry.second.token); });
    std::erase_if(
        failed_, [&](const auto& entry) { return !failures_.IsInBackOffSinceUpdate(entry.first); });
  }
  failures_.GC();
}

absl::StatusOr<TokenRequestPtr> TokenManager::GetServiceAccountToken(
    const std::string& ns, const std::string& service_account, const TokenRequest& request) {
  const absl::Time now = options_.clock();
  CleanUpExpired(now);
  const std::string key = TokenKey(ns, service_account, request);
  TokenRequestPtr cached;
  {
    absl::MutexLock lock(&mu_);
    if (auto it = cache_.find(key); it != cache_.end()) cached = it->second.token;
  }
  if (cached != nullptr && !RequiresRefresh(*cached, now, Jitter())) return cached;
  const bool usable = cached != nullptr && now <= ExpirationOf(*cached);

  if (failures_.IsInBackOffSinceUpdate(key)) {
    if (usable) return cached;
    absl::MutexLock lock(&mu_);
    if (auto it = failed_.find(key); it != failed_.end()) return it->second.error;
  }
  absl::StatusOr<TokenRequestPtr> fetched = fetch_(ns, service_account, request);
  if (!fetched.ok()) {
    failures_.Next(key, now);
    absl::Status error;
    if (cached == nullptr) {
      error = absl::Status(fetched.status().code(),
                           kube::StrCat("failed to fetch token: ", fetched.status().message()));
    } else if (!usable) {
      error = absl::Status(
          fetched.status().code(),
          kube::StrCat("token ", key, " expired and refresh failed: ", fetched.status().message()));
    } else {
      KLOG(Warning) << "could not refresh token " << key << ": " << fetched.status()
                    << "; the current one is valid until " << ExpirationOf(*cached);
      return cached;
    }
    absl::MutexLock lock(&mu_);
    failed_[key] = Failure{error, request.spec().boundobjectref().uid()};
    return error;
  }
  failures_.Reset(key);
  TokenRequestPtr token = *fetched;
  if (!token->spec().has_expirationseconds() && request.spec().has_expirationseconds()) {
    // Its lifetime is what was asked for when the answer does not echo it.
    auto completed = std::make_shared<TokenRequest>(*token);
    completed->mutable_spec()->set_expirationseconds(request.spec().expirationseconds());
    token = std::move(completed);
  }
  absl::MutexLock lock(&mu_);
  failed_.erase(key);
  cache_[key] = Cached{token, request.spec().boundobjectref().uid()};
  return token;
}

void TokenManager::DeletePodTokens(const std::string& pod_uid) {
  if (pod_uid.empty()) return;
  absl::MutexLock lock(&mu_);
  std::erase_if(cache_, [&](const auto& entry) { return entry.second.bound_uid == pod_uid; });
  // Their back-off entries go with the next Backoff::GC.
  std::erase_if(failed_, [&](const auto& entry) { return entry.second.bound_uid == pod_uid; });
}

size_t TokenManager::CachedTokens() const {
  absl::MutexLock lock(&mu_);
  return cache_.size();
}

}  // namespace kube::kubelet
