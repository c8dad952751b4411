#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::rootcacertpublisher {

// What the loop publishes, with upstream's names: pods read the bundle through
// their projected service account volume (configMap kube-root-ca.crt, key ca.crt).
inline constexpr char kConfigMapName[] = "kube-root-ca.crt";
inline constexpr char kCaKey[] = "ca.crt";
inline constexpr char kDescriptionAnnotation[] = "kubernetes.io/description";

// The "root-ca-cert-publisher" loop: every Namespace that is not terminating has
// the ConfigMap kube-root-ca.crt whose data is exactly {ca.crt: the bundle} and
// which carries upstream's kubernetes.io/description annotation. It is created
// with the namespace, recreated when deleted and rewritten when its data is
// changed or the annotation removed; other metadata is kept.
//
// Threads: the namespace and ConfigMap informers' dispatch threads enqueue
// namespace names; one worker syncs one namespace at a time.
class RootCaCertPublisher : public ControllerInterface {
 public:
  // The loop as the settings configure it: nullptr (and a log line saying why)
  // without --root-ca-file; the file's error when it cannot be read or holds no
  // PEM certificate.
  static absl::StatusOr<std::unique_ptr<ControllerInterface>> Create(ControllerContext& context);

  // Publishes `ca_bundle` (PEM) as it is.
  RootCaCertPublisher(ControllerContext& context, std::string ca_bundle);

  absl::Status Run() override { return controller_.Run(1); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  absl::Status Sync(const std::string& ns);
  // Whether `map` already holds exactly what is published.
  bool Published(const k8s::core::v1::ConfigMap& map) const;
  // Sets the published data and annotation on `map`, keeping the rest.
  void Publish(k8s::core::v1::ConfigMap& map) const;

  const std::string ca_bundle_;
  const client::Client client_;
  client::Informer<k8s::core::v1::Namespace> namespaces_;
  client::Informer<k8s::core::v1::ConfigMap> config_maps_;
  client::Controller controller_;
};

}  // namespace kube::kcm::rootcacertpublisher
