#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "common/api/field_error.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

// How metadata.name is validated for a kind (upstream's ValidateNameFunc).
enum class NameRule {
  kDnsSubdomain,  // RFC 1123 subdomain, <= 253 chars (most kinds)
  kDnsLabel,      // RFC 1123 label, <= 63 chars (namespaces)
  kDns1035Label,  // RFC 1035 label: starts with a letter, <= 63 chars (services)
  kPathSegment,   // anything but "." / ".." and '/' or '%' (events, leases, ...)
};

// Called once a write has been attempted: `committed` says whether it reached
// storage. Lets a strategy release what it reserved (a cluster IP) on failure.
using FinishFunc = std::function<void(bool committed)>;

// Everything that differs between kinds on the write path, as upstream's
// RESTCreateStrategy / RESTUpdateStrategy / RESTDeleteStrategy. One instance per
// resource, shared by every request: implementations are thread-safe and keep any
// state (allocators) behind their own locks. Objects passed in are the kind's
// generated message type; implementations static_cast to it.
//
// Order on create:  Default, PrepareForCreate, (generic metadata checks), Validate,
//                   BeginCreate, storage write, finish(committed).
// Order on update:  Default, PrepareForUpdate, Validate + ValidateUpdate,
//                   BeginUpdate, storage write, finish(committed).
class Strategy {
 public:
  virtual ~Strategy() = default;

  // Fills unset fields with upstream's defaults (SetDefaults_*). Runs on create and
  // on every update, before validation.
  virtual void Default(google::protobuf::Message& object) const {}

  // Runs on every object read from storage (custom resources default on read, so an
  // object stored before a default existed gets it; never written back).
  virtual void DefaultOnRead(google::protobuf::Message& object) const {}

  // Resets what clients may not set on create. The default clears `status` for
  // kinds with a status subresource.
  virtual void PrepareForCreate(google::protobuf::Message& object) const;

  // Carries over what a main-resource update may not change. The default keeps the
  // old `status` for kinds with a status subresource.
  virtual void PrepareForUpdate(google::protobuf::Message& object,
                                const google::protobuf::Message& old) const;

  // For PUT/PATCH on /status: everything but `status` is taken from `old`.
  virtual void PrepareForStatusUpdate(google::protobuf::Message& object,
                                      const google::protobuf::Message& old) const;

  // Kind-specific validation (metadata is validated generically beforehand).
  virtual api::FieldErrors Validate(const google::protobuf::Message& object) const { return {}; }
  // Extra rules on update (immutable fields ...); Validate runs as well.
  virtual api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                          const google::protobuf::Message& old) const {
    return {};
  }
  virtual api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                                const google::protobuf::Message& old) const {
    return {};
  }
  // For PUT/PATCH on /approval (certificatesigningrequests): what the kind lets an
  // approver change (its approval conditions) is kept from `object`, the rest from
  // `old`. Only kinds that serve the subresource are asked.
  virtual void PrepareForApprovalUpdate(google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const {}
  virtual api::FieldErrors ValidateApprovalUpdate(const google::protobuf::Message& object,
                                                  const google::protobuf::Message& old) const {
    return {};
  }

  // Whether a main-resource update starts a new generation beyond what the store
  // counts itself (a changed `spec`): kinds without a spec (EndpointSlice) say so here.
  virtual bool NewGeneration(const google::protobuf::Message& object,
                             const google::protobuf::Message& old) const {
    return false;
  }

  virtual NameRule name_rule() const { return NameRule::kDnsSubdomain; }

  // Whether PUT of a missing object creates it (upstream AllowCreateOnUpdate).
  virtual bool allow_create_on_update() const { return false; }

  // Field selectors beyond metadata.name and metadata.namespace, which every kind
  // supports: the value of `field` in `object`, or nullopt if the kind does not
  // support selecting on it. A supported field the object leaves unset is "".
  virtual std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                                     std::string_view field) const {
    return std::nullopt;
  }

  // Reserve what a write needs outside the object itself (cluster IPs, node ports)
  // after validation; the returned function is called with the outcome.
  virtual absl::StatusOr<FinishFunc> BeginCreate(google::protobuf::Message& object) const;
  virtual absl::StatusOr<FinishFunc> BeginUpdate(google::protobuf::Message& object,
                                                 const google::protobuf::Message& old) const;
  // Called after the object was deleted from storage.
  virtual void AfterDelete(const google::protobuf::Message& object) const {}

  // Whether something must still run before the object may leave storage. While it
  // returns true, DELETE only marks the object (deletionTimestamp) and an update that
  // makes it false completes the deletion. The default looks at
  // metadata.finalizers; namespaces also wait for spec.finalizers.
  virtual bool HasPendingFinalizers(const google::protobuf::Message& object) const;

  // Graceful deletion (upstream's CheckGracefulDelete): the seconds an object gets
  // to shut down before it leaves storage, or nullopt / 0 to delete at once.
  // Pods bound to a node wait for their kubelet.
  virtual std::optional<int64_t> GracefulDeletionPeriod(
      const google::protobuf::Message& object,
      const k8s::meta::v1::DeleteOptions& options) const {
    return std::nullopt;
  }

  // Whether DELETE answers with the deleted object (pods, as upstream's
  // ReturnDeletedObject) rather than a Success Status.
  virtual bool return_deleted_object() const { return false; }

  // Called when a DELETE marks an object instead of removing it (for instance, a
  // namespace enters phase Terminating).
  virtual void PrepareForDeletion(google::protobuf::Message& object) const {}
};

}  // namespace kube::apiserver
