#include "apiserver/customresource/crd_controller.h"

#include <set>

#include "common/api/object.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::apiserver::customresource {
namespace {

using k8s::apiextensions::v1::CustomResourceDefinition;
using k8s::apiextensions::v1::CustomResourceDefinitionCondition;
using k8s::apiextensions::v1::CustomResourceDefinitionNames;
using k8s::apiextensions::v1::CustomResourceDefinitionStatus;

constexpr std::string_view kCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";
// How often a terminating CRD's remaining custom resources are looked at again.
constexpr absl::Duration kRetryInterval = absl::Seconds(1);

const CustomResourceDefinitionCondition* FindCondition(const CustomResourceDefinitionStatus& status,
                                                       std::string_view type) {
  for (const auto& condition : status.conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

bool IsTrue(const CustomResourceDefinitionStatus& status, std::string_view type) {
  const auto* condition = FindCondition(status, type);
  return condition != nullptr && condition->status() == "True";
}

// Sets a condition, keeping its lastTransitionTime unless its status changes.
void SetCondition(CustomResourceDefinitionStatus& status, std::string type, std::string value,
                  std::string reason, std::string message) {
  for (auto& condition : *status.mutable_conditions()) {
    if (condition.type() != type) continue;
    if (condition.status() != value) *condition.mutable_lasttransitiontime() = api::Now();
    condition.set_status(std::move(value));
    condition.set_reason(std::move(reason));
    condition.set_message(std::move(message));
    return;
  }
  auto* condition = status.add_conditions();
  condition->set_type(std::move(type));
  condition->set_status(std::move(value));
  *condition->mutable_lasttransitiontime() = api::Now();
  condition->set_reason(std::move(reason));
  condition->set_message(std::move(message));
}

// Every name a CRD's accepted names take in its group.
std::set<std::string> TakenNames(const CustomResourceDefinitionNames& names) {
  std::set<std::string> taken = {names.plural(), names.singular(), "kind:" + names.kind(),
                                 "kind:" + names.listkind()};
  for (const std::string& name : names.shortnames()) taken.insert(name);
  taken.erase("");
  taken.erase("kind:");
  return taken;
}

// Upstream's naming controller: the names in spec, unless another CRD of the group
// has accepted one of them. Returns the reason they are refused ("" when accepted).
std::string NameConflict(const CustomResourceDefinition& crd,
                         const std::vector<SharedObject>& all) {
  const auto& names = crd.spec().names();
  for (const SharedObject& object : all) {
    const auto& other = static_cast<const CustomResourceDefinition&>(*object);
    if (other.metadata().name() == crd.metadata().name() ||
        other.spec().group() != crd.spec().group()) {
      continue;
    }
    std::set<std::string> taken = TakenNames(other.status().acceptednames());
    // Each wanted name as TakenNames keys it, and as the message quotes it.
    std::vector<std::pair<std::string, std::string>> wanted = {
        {names.plural(), names.plural()}, {names.singular(), names.singular()}};
    for (const std::string& name : names.shortnames()) wanted.emplace_back(name, name);
    wanted.emplace_back("kind:" + names.kind(), names.kind());
    wanted.emplace_back("kind:" + names.listkind(), names.listkind());
    for (const auto& [key, name] : wanted) {
      if (taken.count(key) > 0) return StrCat("\"", name, "\" is already in use");
    }
  }
  return "";
}

// The status the controllers want for `crd`: accepted names, NamesAccepted,
// Established (once, and kept) and Terminating.
CustomResourceDefinitionStatus DesiredStatus(const CustomResourceDefinition& crd,
                                             const std::vector<SharedObject>& all) {
  CustomResourceDefinitionStatus status = crd.status();
  const std::string conflict = NameConflict(crd, all);
  if (conflict.empty()) {
    *status.mutable_acceptednames() = crd.spec().names();
    SetCondition(status, "NamesAccepted", "True", "NoConflicts", "no conflicts found");
  } else {
    SetCondition(status, "NamesAccepted", "False", "NameConflict", conflict);
  }
  if (IsTrue(status, "NamesAccepted") && !IsTrue(status, "Established")) {
    SetCondition(status, "Established", "True", "InitialNamesAccepted",
                 "the initial names have been accepted");
  } else if (!IsTrue(status, "NamesAccepted") && FindCondition(status, "Established") == nullptr) {
    SetCondition(status, "Established", "False", "NotAccepted", "not all names are accepted");
  }
  if (crd.metadata().has_deletiontimestamp()) {
    SetCondition(status, "Terminating", "True", "InstanceDeletionInProgress",
                 "CustomResource deletion is in progress");
  }
  return status;
}

}  // namespace

CrdController::CrdController(const Store& crds, Options options)
    : crds_(crds), options_(std::move(options)) {
  worker_ = std::thread([this] { Run(); });
  StoreInformer::Handler handler;
  auto mark = [this] {
    absl::MutexLock lock(&mu_);
    dirty_ = true;
  };
  handler.replace = [mark](std::vector<SharedObject>) { mark(); };
  handler.apply = [mark](const WatchEvent&) { mark(); };
  informer_ = std::make_unique<StoreInformer>(crds_, std::move(handler));
}

CrdController::~CrdController() {
  informer_.reset();
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  worker_.join();
  servings_.clear();
}

bool CrdController::WaitForSync(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto synced = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return synced_ || stopping_; };
  return mu_.AwaitWithTimeout(absl::Condition(&synced), timeout) && synced_;
}

void CrdController::Run() {
  bool waiting = false;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return dirty_ || stopping_; };
      if (waiting) {
        mu_.AwaitWithTimeout(absl::Condition(&ready), kRetryInterval);
      } else {
        mu_.Await(absl::Condition(&ready));
      }
      if (stopping_) return;
      dirty_ = false;
    }
    waiting = SyncAll();
    absl::MutexLock lock(&mu_);
    synced_ = true;
  }
}

bool CrdController::SyncAll() {
  absl::StatusOr<std::vector<SharedObject>> all = crds_.ListShared("");
  if (!all.ok()) {
    KLOG(Warning) << "listing CustomResourceDefinitions: " << all.status();
    return true;
  }
  bool waiting = false;
  bool changed = false;
  std::set<std::string> present;
  // Status writes wait until the servings they announce are published, so a
  // client that sees Established can use the resource at once (upstream's handler
  // serves a CRD whose names are accepted).
  std::vector<CustomResourceDefinition> status_writes;
  for (const SharedObject& object : *all) {
    const auto& crd = static_cast<const CustomResourceDefinition&>(*object);
    const std::string& name = crd.metadata().name();
    present.insert(name);
    CustomResourceDefinition desired = crd;
    *desired.mutable_status() = DesiredStatus(crd, *all);
    if (desired.status().SerializeAsString() != crd.status().SerializeAsString()) {
      status_writes.push_back(desired);
    }
    auto serving = servings_.find(name);
    const bool terminating = crd.metadata().has_deletiontimestamp();
    if (terminating) {
      // Served until its instances are gone, so they can be deleted as usual; no
      // longer served once the CRD itself can go.
      if (serving == servings_.end() || DeleteInstances(*serving->second)) {
        if (serving != servings_.end()) {
          servings_.erase(serving);
          Publish();
        }
        RemoveFinalizer(name);
      } else {
        waiting = true;
      }
      continue;
    }
    if (!IsTrue(desired.status(), "Established")) continue;
    if (serving != servings_.end() && serving->second->built_from() == Serving::Identity(desired)) {
      continue;
    }
    absl::StatusOr<std::unique_ptr<Serving>> built =
        Serving::Build(desired, *options_.storage, options_.namespace_check, options_.feeder,
                       options_.admission);
    if (!built.ok()) {
      KLOG(Warning) << "serving CustomResourceDefinition " << name << ": " << built.status();
      continue;
    }
    servings_[name] = std::move(*built);
    changed = true;
  }
  for (auto it = servings_.begin(); it != servings_.end();) {
    if (present.count(it->first) == 0) {
      it = servings_.erase(it);
      changed = true;
    } else {
      ++it;
    }
  }
  if (changed) Publish();
  for (const CustomResourceDefinition& crd : status_writes) WriteStatus(crd);
  return waiting;
}

void CrdController::Publish() {
  if (!options_.publish) return;
  Servings published;
  for (const auto& [name, serving] : servings_) published.push_back(serving);
  options_.publish(std::move(published));
}

void CrdController::WriteStatus(const CustomResourceDefinition& crd) {
  const CustomResourceDefinitionStatus& status = crd.status();
  absl::Status written =
      crds_
          .Update("", crd.metadata().name(),
                  [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
                    auto updated = std::make_unique<CustomResourceDefinition>(
                        static_cast<const CustomResourceDefinition&>(current));
                    *updated->mutable_status() = status;
                    return ObjectPtr(std::move(updated));
                  },
                  UpdateMode::kStatus, {})
          .status();
  if (!written.ok() && !absl::IsNotFound(written)) {
    KLOG(Warning) << "updating the status of CustomResourceDefinition " << crd.metadata().name()
                  << ": " << written;
  }
}

bool CrdController::DeleteInstances(const Serving& serving) {
  if (serving.versions().empty()) return true;
  const Store& store = *serving.versions().front().store;
  absl::StatusOr<ListResult> listed = store.List("", {});
  if (!listed.ok()) {
    KLOG(Warning) << "listing " << serving.versions().front().info->QualifiedResource() << ": "
                  << listed.status();
    return false;
  }
  for (const ObjectPtr& item : listed->items) {
    const auto* meta = api::ObjectMetaOf(*item);
    if (meta->has_deletiontimestamp()) continue;  // waiting for its own finalizers
    absl::StatusOr<Store::DeleteResult> deleted =
        store.Delete(meta->namespace_(), meta->name(), {}, {});
    if (!deleted.ok() && !absl::IsNotFound(deleted.status())) {
      KLOG(Warning) << "deleting " << meta->namespace_() << "/" << meta->name() << ": "
                    << deleted.status();
    }
  }
  absl::StatusOr<ListResult> left = store.List("", {});
  return left.ok() && left->items.empty();
}

void CrdController::RemoveFinalizer(const std::string& name) {
  absl::Status written =
      crds_
          .Update("", name,
                  [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
                    auto updated = std::make_unique<CustomResourceDefinition>(
                        static_cast<const CustomResourceDefinition&>(current));
                    auto* finalizers = updated->mutable_metadata()->mutable_finalizers();
                    for (int i = finalizers->size() - 1; i >= 0; --i) {
                      if (finalizers->Get(i) == kCleanupFinalizer) finalizers->DeleteSubrange(i, 1);
                    }
                    return ObjectPtr(std::move(updated));
                  },
                  UpdateMode::kUnchecked, {})
          .status();
  if (!written.ok() && !absl::IsNotFound(written)) {
    KLOG(Warning) << "removing the cleanup finalizer of " << name << ": " << written;
  }
}

}  // namespace kube::apiserver::customresource
