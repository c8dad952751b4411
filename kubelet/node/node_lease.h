#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/client/client.h"
#include "k8s/coordination/v1/coordination.pb.h"

namespace kube::kubelet {

struct NodeLeaseOptions {
  std::string node_name;
  int32_t lease_duration_seconds = 40;
  // Upstream renews at a quarter of the duration.
  absl::Duration renew_interval = absl::Seconds(10);
  std::function<absl::Time()> clock = absl::Now;
  // The registered Node's uid ("" until registered): the lease's owner, so that it
  // goes away with the node.
  std::function<std::string()> node_uid;
};

// The node heartbeat: the Lease kube-node-lease/<node>, held by the node, renewed
// every renew_interval (upstream's nodelease controller). Thread-safe.
class NodeLease {
 public:
  NodeLease(client::Client client, NodeLeaseOptions options);
  ~NodeLease();
  NodeLease(const NodeLease&) = delete;
  NodeLease& operator=(const NodeLease&) = delete;

  // One renewal: creates the lease when it is missing, else sets renewTime.
  absl::Status Renew();
  // Renews on a thread of its own until Stop(), retrying failures sooner.
  void Start();
  void Stop();

 private:
  void Loop();

  const client::Client client_;
  const NodeLeaseOptions options_;

  absl::Mutex mu_;  // serializes Renew
  // The lease as last written: renewals update it without a GET first.
  std::unique_ptr<k8s::coordination::v1::Lease> lease_ ABSL_GUARDED_BY(mu_);

  absl::Notification stop_;
  std::thread thread_;  // runs Loop between Start and Stop
};

}  // namespace kube::kubelet
