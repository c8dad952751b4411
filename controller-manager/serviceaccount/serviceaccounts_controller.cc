#include "controller-manager/serviceaccount/serviceaccounts_controller.h"

#include "common/log/log.h"
#include "controller-manager/controller/namespace_util.h"

namespace kube::kcm::serviceaccount {

using k8s::core::v1::Namespace;
using k8s::core::v1::ServiceAccount;

ServiceAccountsController::ServiceAccountsController(ControllerContext& context)
    : client_(context.client),
      namespaces_(context.informers.For<Namespace>()),
      accounts_(context.informers.For<ServiceAccount>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "serviceaccount";
            o.cache_synced = {[this] { return namespaces_.HasSynced(); },
                              [this] { return accounts_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  namespaces_.AddEventHandler({
      .on_add = [this](const auto& ns) { controller_.Enqueue(ns->metadata().name()); },
      .on_update = [this](const auto&, const auto& ns) { controller_.Enqueue(ns->metadata().name()); },
      .on_delete = {},
  });
  accounts_.AddEventHandler({
      .on_add = {},
      .on_update = {},
      .on_delete =
          [this](const auto& gone) {
            if (gone.object != nullptr) controller_.Enqueue(gone.object->metadata().namespace_());
          },
  });
}

absl::Status ServiceAccountsController::Sync(const std::string& ns_name) {
  std::shared_ptr<const Namespace> ns = namespaces_.lister().Get("", ns_name);
  if (ns == nullptr || IsNamespaceTerminating(*ns)) return absl::OkStatus();
  absl::Status first_error = absl::OkStatus();
  for (std::string_view ensured : kEnsured) {
    const std::string name(ensured);
    if (accounts_.lister().Get(ns_name, name) != nullptr) continue;
    ServiceAccount account;
    account.mutable_metadata()->set_name(name);
    account.mutable_metadata()->set_namespace_(ns_name);
    absl::StatusOr<std::unique_ptr<ServiceAccount>> created = client_.Create(account);
    if (created.ok()) {
      VLOG(2) << "serviceaccount: created " << ns_name << "/" << name;
      continue;
    }
    // AlreadyExists: the cache is behind. NotFound: the namespace is gone. A
    // namespace that has just started terminating refuses the write (Forbidden):
    // that error requeues, and the next sync sees it terminating in the cache.
    if (absl::IsAlreadyExists(created.status()) || absl::IsNotFound(created.status())) continue;
    if (first_error.ok()) first_error = created.status();
  }
  return first_error;
}

}  // namespace kube::kcm::serviceaccount
