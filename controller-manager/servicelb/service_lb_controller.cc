#include "controller-manager/servicelb/service_lb_controller.h"

#include "controller-manager/servicelb/load_balancer_ingress.h"

namespace kube::kcm::servicelb {

using k8s::core::v1::Node;
using k8s::core::v1::Service;

ServiceLbController::ServiceLbController(ControllerContext& context)
    : client_(context.client),
      services_(context.informers.For<Service>()),
      nodes_(context.informers.For<Node>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "service-lb";
            o.cache_synced = {[this] { return services_.HasSynced(); },
                              [this] { return nodes_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  auto enqueue = [this](const std::shared_ptr<const Service>& service) {
    if (service->spec().type() == "LoadBalancer" ||
        !service->status().loadbalancer().ingress().empty()) {
      controller_.Enqueue(client::ObjectKey(*service));
    }
  };
  services_.AddEventHandler({
      .on_add = enqueue,
      .on_update = [enqueue](const auto&, const auto& service) { enqueue(service); },
      .on_delete = {},
  });
  nodes_.AddEventHandler({
      .on_add = [this](const auto&) { EnqueueLoadBalancers(); },
      .on_update =
          [this](const auto& old_node, const auto& node) {
            if (old_node->metadata().resourceversion() != node->metadata().resourceversion()) {
              EnqueueLoadBalancers();
            }
          },
      .on_delete = [this](const auto&) { EnqueueLoadBalancers(); },
  });
}

void ServiceLbController::EnqueueLoadBalancers() {
  for (const auto& service : services_.lister().List()) {
    if (service->spec().type() == "LoadBalancer") controller_.Enqueue(client::ObjectKey(*service));
  }
}

absl::Status ServiceLbController::Sync(const std::string& key) {
  auto [ns, name] = client::SplitObjectKey(key);
  std::shared_ptr<const Service> service = services_.lister().Get(ns, name);
  if (service == nullptr) return absl::OkStatus();
  std::vector<std::string> ips = IngressAddresses(*service, nodes_.lister().List());
  if (IngressMatches(*service, ips)) return absl::OkStatus();
  Service updated = *service;
  auto* ingress = updated.mutable_status()->mutable_loadbalancer()->mutable_ingress();
  ingress->Clear();
  for (const std::string& ip : ips) ingress->Add()->set_ip(ip);
  return client_.UpdateStatus(updated).status();
}

}  // namespace kube::kcm::servicelb
