#include "controller-manager/rootcacertpublisher/root_ca_cert_publisher.h"

#include "common/log/log.h"
#include "controller-manager/controller/namespace_util.h"
#include "controller-manager/rootcacertpublisher/ca_bundle.h"

namespace kube::kcm::rootcacertpublisher {
namespace {

using k8s::core::v1::ConfigMap;
using k8s::core::v1::Namespace;

// Upstream's value of the annotation, word for word: it is visible to users.
constexpr char kDescription[] =
    "Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
    "endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
    "guaranteed across distributions of Kubernetes clusters.";

}  // namespace

absl::StatusOr<std::unique_ptr<ControllerInterface>> RootCaCertPublisher::Create(
    ControllerContext& context) {
  const std::string& path = context.settings.root_ca_file;
  if (path.empty()) {
    KLOG(Info) << "root-ca-cert-publisher: --root-ca-file is not set, so no namespace gets a "
               << kConfigMapName << " ConfigMap; not starting";
    return std::unique_ptr<ControllerInterface>();
  }
  absl::StatusOr<std::string> bundle = ReadCaBundle(path);
  if (!bundle.ok()) return bundle.status();
  return std::make_unique<RootCaCertPublisher>(context, std::move(*bundle));
}

RootCaCertPublisher::RootCaCertPublisher(ControllerContext& context, std::string ca_bundle)
    : ca_bundle_(std::move(ca_bundle)),
      client_(context.client),
      namespaces_(context.informers.For<Namespace>()),
      config_maps_(context.informers.For<ConfigMap>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "root_ca_cert_publisher";
            o.cache_synced = {[this] { return namespaces_.HasSynced(); },
                              [this] { return config_maps_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  auto enqueue_namespace = [this](const std::shared_ptr<const Namespace>& ns) {
    if (!IsNamespaceTerminating(*ns)) controller_.Enqueue(ns->metadata().name());
  };
  namespaces_.AddEventHandler({
      .on_add = enqueue_namespace,
      .on_update = [enqueue_namespace](const auto&, const auto& ns) { enqueue_namespace(ns); },
      .on_delete = {},
  });
  auto enqueue_owner = [this](const ConfigMap& map) {
    if (map.metadata().name() == kConfigMapName) controller_.Enqueue(map.metadata().namespace_());
  };
  config_maps_.AddEventHandler({
      .on_add = [enqueue_owner](const auto& map) { enqueue_owner(*map); },
      .on_update = [enqueue_owner](const auto&, const auto& map) { enqueue_owner(*map); },
      .on_delete =
          [enqueue_owner](const auto& gone) {
            if (gone.object != nullptr) enqueue_owner(*gone.object);
          },
  });
}

bool RootCaCertPublisher::Published(const ConfigMap& map) const {
  const auto& data = map.data();
  auto ca = data.find(kCaKey);
  if (data.size() != 1 || ca == data.end() || ca->second != ca_bundle_) return false;
  auto description = map.metadata().annotations().find(kDescriptionAnnotation);
  return description != map.metadata().annotations().end() && !description->second.empty();
}

void RootCaCertPublisher::Publish(ConfigMap& map) const {
  map.mutable_data()->clear();
  (*map.mutable_data())[kCaKey] = ca_bundle_;
  (*map.mutable_metadata()->mutable_annotations())[kDescriptionAnnotation] = kDescription;
}

absl::Status RootCaCertPublisher::Sync(const std::string& ns_name) {
  std::shared_ptr<const Namespace> ns = namespaces_.lister().Get("", ns_name);
  if (ns == nullptr || IsNamespaceTerminating(*ns)) return absl::OkStatus();

  std::shared_ptr<const ConfigMap> current = config_maps_.lister().Get(ns_name, kConfigMapName);
  if (current == nullptr) {
    ConfigMap map;
    map.mutable_metadata()->set_name(kConfigMapName);
    map.mutable_metadata()->set_namespace_(ns_name);
    Publish(map);
    absl::StatusOr<std::unique_ptr<ConfigMap>> created = client_.Create(map);
    // AlreadyExists: the cache is behind, and its add event brings the map back
    // here to be checked. NotFound: the namespace is gone. Forbidden (it has just
    // started terminating) requeues; the next sync sees it terminating.
    if (created.ok() || absl::IsAlreadyExists(created.status()) ||
        absl::IsNotFound(created.status())) {
      return absl::OkStatus();
    }
    return created.status();
  }
  if (Published(*current)) return absl::OkStatus();

  ConfigMap restored = *current;  // the cache's copy stays untouched
  Publish(restored);
  VLOG(2) << "root-ca-cert-publisher: restoring " << ns_name << "/" << kConfigMapName;
  absl::Status written = client_.Update(restored).status();
  // Conflict: the cache is behind the server; the newer map's watch event brings
  // this namespace back.
  if (absl::IsAborted(written)) return absl::OkStatus();
  return written;
}

}  // namespace kube::kcm::rootcacertpublisher
