#include "controller-manager/namespace/namespace_controller.h"

#include "common/api/object.h"
#include "common/client/custom_resources.h"
#include "common/client/resources.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kcm::namespaces {
namespace {

using k8s::core::v1::Namespace;

constexpr char kKubernetesFinalizer[] = "kubernetes";
// How soon a namespace whose objects are still going away is looked at again.
constexpr absl::Duration kRecheck = absl::Seconds(1);

bool HasFinalizer(const Namespace& ns) {
  for (const std::string& finalizer : ns.spec().finalizers()) {
    if (finalizer == kKubernetesFinalizer) return true;
  }
  return false;
}

}  // namespace

NamespaceController::NamespaceController(ControllerContext& context)
    : workers_(context.settings.concurrent_namespace_syncs),
      client_(context.client),
      namespaces_(context.informers.For<Namespace>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "namespace";
            o.max_retries = 0;  // a namespace is never given up on
            o.cache_synced = {[this] { return namespaces_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  auto enqueue = [this](const std::shared_ptr<const Namespace>& ns) {
    if (ns->metadata().has_deletiontimestamp()) controller_.Enqueue(ns->metadata().name());
  };
  namespaces_.AddEventHandler({
      .on_add = enqueue,
      .on_update = [enqueue](const auto&, const auto& ns) { enqueue(ns); },
      .on_delete = {},
  });
}

absl::Status NamespaceController::Sync(const std::string& name) {
  std::shared_ptr<const Namespace> ns = namespaces_.lister().Get("", name);
  if (ns == nullptr || !ns->metadata().has_deletiontimestamp() || !HasFinalizer(*ns)) {
    return absl::OkStatus();
  }
  size_t remaining = 0;
  absl::Status first_error = absl::OkStatus();
  // Every namespaced kind: the built-in ones and those CRDs define.
  std::vector<client::Resource> resources = client::BuiltInResources();
  absl::StatusOr<std::vector<client::Resource>> custom = client::CustomResources(client_.transport());
  if (!custom.ok()) return custom.status();
  resources.insert(resources.end(), custom->begin(), custom->end());
  for (const client::Resource& resource : resources) {
    if (!resource.namespaced) continue;
    absl::StatusOr<size_t> left = DeleteAll(resource, name);
    if (!left.ok()) {
      if (first_error.ok()) first_error = left.status();
      continue;
    }
    remaining += *left;
  }
  if (!first_error.ok()) return first_error;
  if (remaining > 0) {
    VLOG(2) << "namespace " << name << ": waiting for " << remaining << " objects to go";
    controller_.queue().AddAfter(name, kRecheck);
    return absl::OkStatus();
  }
  return Finalize(*ns);
}

absl::StatusOr<size_t> NamespaceController::DeleteAll(const client::Resource& resource,
                                                      const std::string& ns) {
  absl::StatusOr<client::ListResult> list = client_.transport().List(resource, ns, {});
  if (absl::IsNotFound(list.status()) || absl::IsUnimplemented(list.status())) return 0;
  if (!list.ok()) return list.status();
  for (const client::ObjectPtr& object : list->items) {
    const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(*object);
    if (meta == nullptr || meta->has_deletiontimestamp()) continue;
    k8s::meta::v1::DeleteOptions options;
    options.mutable_preconditions()->set_uid(meta->uid());
    absl::StatusOr<client::ObjectPtr> deleted =
        client_.transport().Delete(resource, ns, meta->name(), options);
    if (!deleted.ok() && !absl::IsNotFound(deleted.status()) &&
        !absl::IsAborted(deleted.status())) {
      return deleted.status();
    }
  }
  return list->items.size();
}

absl::Status NamespaceController::Finalize(const Namespace& ns) {
  Namespace finalized = ns;
  finalized.mutable_spec()->clear_finalizers();
  for (const std::string& finalizer : ns.spec().finalizers()) {
    if (finalizer != kKubernetesFinalizer) finalized.mutable_spec()->add_finalizers(finalizer);
  }
  absl::StatusOr<client::ObjectPtr> written = client_.transport().Update(
      client::ResourceFor<Namespace>(), "", finalized, {}, "finalize");
  if (absl::IsNotFound(written.status())) {
    // Either the namespace is gone, or the server does not serve /finalize.
    absl::StatusOr<std::unique_ptr<Namespace>> live = client_.Get<Namespace>("", ns.metadata().name());
    if (absl::IsNotFound(live.status())) return absl::OkStatus();
    return absl::UnimplementedError(
        StrCat("namespace ", ns.metadata().name(),
               " is empty, but the apiserver does not serve namespaces/NAME/finalize to "
               "remove its \"kubernetes\" finalizer"));
  }
  if (written.ok()) KLOG(Info) << "namespace " << ns.metadata().name() << " is empty; finalized";
  return written.status();
}

}  // namespace kube::kcm::namespaces
