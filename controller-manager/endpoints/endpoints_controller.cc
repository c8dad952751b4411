#include "controller-manager/endpoints/endpoints_controller.h"

#include <map>

#include <google/protobuf/util/message_differencer.h>

#include "common/selectors/label_selector.h"
#include "controller-manager/controller/pod_util.h"
#include "controller-manager/endpoints/subsets.h"

namespace kube::kcm::endpoints {
namespace {

using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

selectors::LabelSelector SelectorOf(const Service& service) {
  std::map<std::string, std::string> labels(service.spec().selector().begin(),
                                            service.spec().selector().end());
  return selectors::LabelSelector::FromMatchLabels(labels);
}

bool SameContent(const Endpoints& current, const Endpoints& desired) {
  using google::protobuf::util::MessageDifferencer;
  if (current.subsets_size() != desired.subsets_size()) return false;
  for (int i = 0; i < current.subsets_size(); ++i) {
    if (!MessageDifferencer::Equals(current.subsets(i), desired.subsets(i))) return false;
  }
  return SameLabels(current.metadata().labels(), desired.metadata().labels());
}

}  // namespace

EndpointsController::EndpointsController(ControllerContext& context)
    : workers_(context.settings.concurrent_endpoint_syncs),
      client_(context.client),
      services_(context.informers.For<Service>()),
      pods_(context.informers.For<Pod>()),
      endpoints_(context.informers.For<Endpoints>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "endpoint";
            o.cache_synced = {[this] { return services_.HasSynced(); },
                              [this] { return pods_.HasSynced(); },
                              [this] { return endpoints_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  auto enqueue_service = [this](const std::shared_ptr<const Service>& service) {
    controller_.Enqueue(client::ObjectKey(*service));
  };
  services_.AddEventHandler({
      .on_add = enqueue_service,
      .on_update = [enqueue_service](const auto&, const auto& service) { enqueue_service(service); },
      .on_delete = [this](const auto& gone) { controller_.Enqueue(gone.key); },
  });
  pods_.AddEventHandler({
      .on_add = [this](const auto& pod) { EnqueueServicesOf(*pod); },
      .on_update = [this](const auto& old_pod, const auto& pod) {
        if (old_pod->metadata().resourceversion() == pod->metadata().resourceversion()) return;
        EnqueueServicesOf(*pod);
        if (!SameLabels(old_pod->metadata().labels(), pod->metadata().labels())) {
          EnqueueServicesOf(*old_pod);
        }
      },
      .on_delete = [this](const auto& gone) {
        if (gone.object != nullptr) EnqueueServicesOf(*gone.object);
      },
  });
  // An Endpoints object changed or removed by someone else is put back.
  endpoints_.AddEventHandler({
      .on_add = {},
      .on_update = {},
      .on_delete = [this](const auto& gone) { controller_.Enqueue(gone.key); },
  });
}

void EndpointsController::EnqueueServicesOf(const Pod& pod) {
  for (const auto& service : services_.lister().List(pod.metadata().namespace_())) {
    if (service->spec().selector().empty()) continue;
    if (SelectorOf(*service).Matches(pod.metadata().labels())) {
      controller_.Enqueue(client::ObjectKey(*service));
    }
  }
}

absl::Status EndpointsController::Sync(const std::string& key) {
  auto [ns, name] = client::SplitObjectKey(key);
  std::shared_ptr<const Service> service = services_.lister().Get(ns, name);
  if (service == nullptr) {
    // The Service is gone: so is its Endpoints (unless nobody made one).
    absl::StatusOr<std::unique_ptr<Endpoints>> deleted = client_.Delete<Endpoints>(ns, name);
    if (!deleted.ok() && !absl::IsNotFound(deleted.status())) return deleted.status();
    return absl::OkStatus();
  }
  if (service->spec().selector().empty()) return absl::OkStatus();

  std::vector<PodPtr> pods = pods_.lister().List(ns, SelectorOf(*service));
  Endpoints desired;
  desired.mutable_metadata()->set_name(name);
  desired.mutable_metadata()->set_namespace_(ns);
  *desired.mutable_metadata()->mutable_labels() = service->metadata().labels();
  for (auto& subset : BuildSubsets(*service, pods)) *desired.add_subsets() = std::move(subset);

  std::shared_ptr<const Endpoints> current = endpoints_.lister().Get(ns, name);
  if (current == nullptr) {
    absl::StatusOr<std::unique_ptr<Endpoints>> created = client_.Create(desired);
    if (absl::IsAlreadyExists(created.status())) {
      return absl::UnavailableError("Endpoints exist but are not cached yet; retrying");
    }
    return created.status();
  }
  if (SameContent(*current, desired)) return absl::OkStatus();
  Endpoints updated = *current;
  *updated.mutable_metadata()->mutable_labels() = desired.metadata().labels();
  *updated.mutable_subsets() = desired.subsets();
  return client_.Update(updated).status();
}

}  // namespace kube::kcm::endpoints
