#pragma once

#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// Upstream's bootstrap controller for the Service default/kubernetes, which
// in-cluster clients (KUBERNETES_SERVICE_HOST, kubernetes.default.svc) dial: the
// Service (cluster IP the first of --service-cluster-ip-range, port 443 "https")
// and its Endpoints (this apiserver's advertised address and secure port) are
// created at start and repaired every interval, so a deleted or edited one comes
// back. (Several apiservers behind one Service need upstream's lease-based
// endpoint reconciler; with one, its address is the only endpoint.) A loopback
// address gets no Endpoints: pods could not reach it (set --advertise-address).
class KubernetesService {
 public:
  KubernetesService(const StoreSet& stores, std::string cluster_ip, std::string address, int port,
                    absl::Duration interval = absl::Seconds(10));
  ~KubernetesService();  // stops the repair thread
  KubernetesService(const KubernetesService&) = delete;
  KubernetesService& operator=(const KubernetesService&) = delete;

  // Creates or repairs both objects now.
  absl::Status Reconcile() const;
  // Repairs them every interval on a thread of its own until destroyed.
  void Start();

 private:
  absl::Status ReconcileService() const;
  absl::Status ReconcileEndpoints() const;

  const Store* services_;
  const Store* endpoints_;
  const std::string cluster_ip_;
  const std::string address_;
  const int port_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // the repair loop, once started
};

}  // namespace kube::apiserver
