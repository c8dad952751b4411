#include "apiserver/server/local_apiservices_writer.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/apiregistration/availability.h"
#include "apiserver/registry/apiregistration/local_apiservices.h"
#include "common/api/object.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apiregistration::v1::APIService;

// Writes `desired`'s spec over a changed one, as the autoregister controller does.
absl::Status RestoreSpec(const Store& store, const APIService& desired) {
  return store
      .Update("", desired.metadata().name(),
              [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
                auto updated =
                    std::make_unique<APIService>(static_cast<const APIService&>(current));
                *updated->mutable_spec() = desired.spec();
                return ObjectPtr(std::move(updated));
              },
              UpdateMode::kMain, {})
      .status();
}

// Marks the APIService available, as upstream's local availability controller.
absl::Status MarkAvailable(const Store& store, const std::string& name) {
  return store
      .Update("", name,
              [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
                auto updated =
                    std::make_unique<APIService>(static_cast<const APIService&>(current));
                apiregistration::SetCondition(
                    *updated->mutable_status(),
                    apiregistration::AvailableCondition(
                        *updated, [](const std::string&, const std::string&) { return false; }),
                    api::Now());
                return ObjectPtr(std::move(updated));
              },
              UpdateMode::kStatus, {})
      .status();
}

}  // namespace

absl::Status EnsureLocalApiServices(const ResourceRegistry& registry, const StoreSet& stores) {
  const Store* store = stores.Find("apiregistration.k8s.io", "APIService");
  if (store == nullptr) {
    return absl::FailedPreconditionError("the apiregistration.k8s.io API is not registered");
  }
  for (const APIService& desired : apiregistration::LocalApiServices(registry)) {
    const std::string& name = desired.metadata().name();
    absl::StatusOr<ObjectPtr> existing = store->Get("", name);
    absl::Status written = absl::OkStatus();
    if (existing.ok()) {
      if (!google::protobuf::util::MessageDifferencer::Equals(
              static_cast<const APIService&>(**existing).spec(), desired.spec())) {
        written = RestoreSpec(*store, desired);
      }
    } else if (absl::IsNotFound(existing.status())) {
      written = store->Create("", std::make_unique<APIService>(desired), {}).status();
      // Another apiserver may have created it in between.
      if (absl::IsAlreadyExists(written)) written = absl::OkStatus();
    } else {
      return existing.status();
    }
    if (written.ok()) written = MarkAvailable(*store, name);
    if (!written.ok()) {
      return absl::InternalError(
          StrCat("registering the local APIService ", name, ": ", written.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver
