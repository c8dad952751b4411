#include "apiserver/server/kubernetes_service.h"

#include "common/log/log.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

constexpr char kNamespace[] = "default";
constexpr char kName[] = "kubernetes";
constexpr char kPortName[] = "https";

void SetLabels(k8s::meta::v1::ObjectMeta& meta) {
  (*meta.mutable_labels())["component"] = "apiserver";
  (*meta.mutable_labels())["provider"] = "kubernetes";
}

}  // namespace

KubernetesService::KubernetesService(const StoreSet& stores, std::string cluster_ip,
                                     std::string address, int port, absl::Duration interval)
    : services_(stores.Find("", "Service")),
      endpoints_(stores.Find("", "Endpoints")),
      cluster_ip_(std::move(cluster_ip)),
      address_(std::move(address)),
      port_(port),
      interval_(interval) {}

KubernetesService::~KubernetesService() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status KubernetesService::ReconcileService() const {
  absl::StatusOr<ObjectPtr> existing = services_->Get(kNamespace, kName);
  if (existing.ok()) {
    // Upstream repairs the port and keeps the rest (the cluster IP is immutable).
    const auto& service = static_cast<const Service&>(**existing);
    if (service.spec().ports_size() == 1 && service.spec().ports(0).port() == 443 &&
        service.spec().ports(0).targetport().intval() == port_) {
      return absl::OkStatus();
    }
    auto repaired = std::make_unique<Service>(service);
    repaired->mutable_spec()->clear_ports();
    auto* https = repaired->mutable_spec()->add_ports();
    https->set_name(kPortName);
    https->set_protocol("TCP");
    https->set_port(443);
    https->mutable_targetport()->set_intval(port_);
    return services_->Replace(kNamespace, kName, std::move(repaired), UpdateMode::kMain, {})
        .status();
  }
  if (!absl::IsNotFound(existing.status())) return existing.status();
  auto service = std::make_unique<Service>();
  service->mutable_metadata()->set_name(kName);
  service->mutable_metadata()->set_namespace_(kNamespace);
  SetLabels(*service->mutable_metadata());
  auto* spec = service->mutable_spec();
  spec->set_type("ClusterIP");
  spec->set_clusterip(cluster_ip_);
  spec->set_sessionaffinity("None");
  auto* https = spec->add_ports();
  https->set_name(kPortName);
  https->set_protocol("TCP");
  https->set_port(443);
  https->mutable_targetport()->set_intval(port_);
  absl::Status created = services_->Create(kNamespace, std::move(service), {}).status();
  return absl::IsAlreadyExists(created) ? absl::OkStatus() : created;
}

absl::Status KubernetesService::ReconcileEndpoints() const {
  auto desired = std::make_unique<Endpoints>();
  desired->mutable_metadata()->set_name(kName);
  desired->mutable_metadata()->set_namespace_(kNamespace);
  SetLabels(*desired->mutable_metadata());
  auto* subset = desired->add_subsets();
  subset->add_addresses()->set_ip(address_);
  auto* port = subset->add_ports();
  port->set_name(kPortName);
  port->set_port(port_);
  port->set_protocol("TCP");
  absl::StatusOr<ObjectPtr> existing = endpoints_->Get(kNamespace, kName);
  if (absl::IsNotFound(existing.status())) {
    absl::Status created = endpoints_->Create(kNamespace, std::move(desired), {}).status();
    return absl::IsAlreadyExists(created) ? absl::OkStatus() : created;
  }
  if (!existing.ok()) return existing.status();
  // A Replace that changes nothing writes nothing.
  return endpoints_->Replace(kNamespace, kName, std::move(desired), UpdateMode::kMain, {}).status();
}

absl::Status KubernetesService::Reconcile() const {
  if (services_ == nullptr || endpoints_ == nullptr) return absl::OkStatus();
  if (absl::Status status = ReconcileService(); !status.ok()) return status;
  // Pods cannot reach a loopback address (and Endpoints may not hold one).
  if (address_.rfind("127.", 0) == 0 || address_ == "::1") return absl::OkStatus();
  return ReconcileEndpoints();
}

void KubernetesService::Start() {
  thread_ = std::thread([this] {
    absl::MutexLock lock(&mu_);
    while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) {
      mu_.Unlock();
      if (absl::Status status = Reconcile(); !status.ok()) {
        KLOG(Warning) << "repairing the kubernetes Service: " << status;
      }
      mu_.Lock();
    }
  });
}

}  // namespace kube::apiserver
