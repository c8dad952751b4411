#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "etcd/etcd_service.grpc.pb.h"

namespace kube::storage::etcd {

struct EtcdClientOptions {
  // Client URLs of the members: "http://127.0.0.1:2379" or "127.0.0.1:2379".
  std::vector<std::string> endpoints;
  // Deadline of one attempt of one call (watch streams have none).
  absl::Duration request_timeout = absl::Seconds(5);
  // Deadline of the first retry after a failure, doubling per retry up to
  // request_timeout. Short because after a failure the cluster is often electing a
  // leader, and a member that has not yet noticed its leader is gone holds a
  // request until the request times out.
  absl::Duration failover_attempt_timeout = absl::Seconds(1);
  // How long one call keeps trying members before it fails Unavailable.
  absl::Duration retry_timeout = absl::Seconds(15);
  // Pause after a failed attempt; doubles per attempt up to max_backoff.
  absl::Duration initial_backoff = absl::Milliseconds(20);
  absl::Duration max_backoff = absl::Milliseconds(500);
};

// One member: its channel and a stub per service. Immutable after Connect.
struct EtcdEndpoint {
  std::string address;  // gRPC target, "host:port"
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<etcdserverpb::KV::Stub> kv;
  std::unique_ptr<etcdserverpb::Watch::Stub> watch;
  std::unique_ptr<etcdserverpb::Lease::Stub> lease;
  std::unique_ptr<etcdserverpb::Maintenance::Stub> maintenance;
};

// Pauses between attempts: initial, doubling, capped.
class Backoff {
 public:
  Backoff(absl::Duration initial, absl::Duration max) : next_(initial), max_(max) {}
  // The pause to take now; the one after it is twice as long (up to max).
  absl::Duration Next();
  void Reset(absl::Duration initial) { next_ = initial; }

 private:
  absl::Duration next_;
  const absl::Duration max_;
};

// Connections to the members of one etcd cluster, with failover: calls go to the
// current member and move on to the next one when it fails transiently (down,
// unreachable, lost its leader, too slow). Every call and stream asks for a member
// with a leader (etcd's "hasleader" metadata): a member without one refuses at once
// rather than holding the request. Thread-safe; shared by the store and its
// watches, so it outlives whichever of them ends last.
class EtcdClient {
 public:
  // One attempt of a call against `endpoint`, with its deadline already set.
  using Attempt =
      absl::FunctionRef<grpc::Status(const EtcdEndpoint& endpoint, grpc::ClientContext& context)>;

  // Sets up channels to every endpoint (connections open lazily). InvalidArgument
  // for no endpoints or a URL scheme other than http.
  static absl::StatusOr<std::shared_ptr<EtcdClient>> Connect(const EtcdClientOptions& options);

  EtcdClient(const EtcdClient&) = delete;
  EtcdClient& operator=(const EtcdClient&) = delete;

  // Runs `attempt` until it succeeds or fails for a reason other than a transient
  // one, trying the members in turn with backoff for up to retry_timeout; then
  // Unavailable. `what` names the operation in errors. For writes, pass
  // `maybe_applied`: it becomes true when an attempt failed after the request may
  // have reached etcd, so a later attempt may see this call's own earlier effect.
  absl::Status Call(std::string_view what, Attempt attempt, bool* maybe_applied = nullptr) const;

  // Sets what every request carries (the leader requirement).
  static void Prepare(grpc::ClientContext& context);

  // For long-lived streams, which pick a member themselves: the member to use now,
  // and the report that member `index` failed (moves on if it is still current).
  size_t current() const { return current_.load(); }
  const EtcdEndpoint& endpoint(size_t index) const { return *endpoints_[index]; }
  void MarkFailed(size_t index) const;

  const EtcdClientOptions& options() const { return options_; }

 private:
  explicit EtcdClient(const EtcdClientOptions& options) : options_(options) {}

  const EtcdClientOptions options_;                       // constant after construction
  std::vector<std::unique_ptr<EtcdEndpoint>> endpoints_;  // constant after Connect
  // Index of the member calls go to; moved on by MarkFailed (compare-and-swap, so
  // several threads seeing one failure skip only that member).
  mutable std::atomic<size_t> current_{0};
};

// The gRPC target for an endpoint URL ("http://h:p" -> "h:p").
absl::StatusOr<std::string> TargetFromUrl(std::string_view url);

}  // namespace kube::storage::etcd
