#include "apiserver/generic/store.h"

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "apiserver/generic/continue_token.h"
#include "apiserver/generic/field_tracking.h"
#include "apiserver/generic/meta_rules.h"
#include "apiserver/generic/revision.h"
#include "apiserver/generic/watch_stream.h"
#include "apiserver/validation/object_meta_validation.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/util/uuid.h"

namespace kube::apiserver {
namespace {

// How often a read-modify-write retries when another writer keeps winning.
constexpr int kMaxUpdateAttempts = 16;

}  // namespace

Store::Store(storage::Storage& storage, const ResourceInfo& resource,
             NamespaceCheck namespace_check, WatchCache* cache, const ResourceInfo* stored_as)
    : storage_(storage),
      served_(resource),
      resource_(stored_as != nullptr ? *stored_as : resource),
      namespace_check_(std::move(namespace_check)),
      cache_(cache) {}

std::string Store::Prefix(std::string_view ns) const {
  if (!resource_.namespaced || ns.empty()) return resource_.StoragePrefix();
  return StrCat(resource_.StoragePrefix(), ns, "/");
}

std::string Store::Key(std::string_view ns, std::string_view name) const {
  return StrCat(Prefix(resource_.namespaced ? ns : ""), name);
}

absl::StatusOr<ObjectPtr> Store::Decode(const storage::KeyValue& kv) const {
  return DecodeStored(resource_, kv);
}

absl::StatusOr<ObjectPtr> Store::DecodeStored(const ResourceInfo& resource,
                                              const storage::KeyValue& kv) {
  ObjectPtr object(resource.prototype->New());
  // Custom resources are stored as JSON, as upstream stores them.
  const bool decoded = resource.custom_resource ? codec::DecodeJson(kv.value, *object).ok()
                                                : object->ParseFromString(kv.value);
  if (!decoded) {
    return api::InternalError(StrCat("stored object at ", kv.key, " does not decode"));
  }
  api::MutableObjectMetaOf(*object)->set_resourceversion(std::to_string(kv.mod_revision));
  resource.strategy->DefaultOnRead(*object);
  return object;
}

std::string Store::Encode(const google::protobuf::Message& object) const {
  // The resourceVersion is the storage revision, never part of the stored bytes.
  ObjectPtr copy(object.New());
  copy->CopyFrom(object);
  api::MutableObjectMetaOf(*copy)->clear_resourceversion();
  if (resource_.custom_resource) return codec::EncodeJson(*copy);
  // Objects arrive normalized (present-but-zero fields are absent: the JSON decoder
  // and protobuf/gRPC bodies see to it), so a JSON round trip of a stored object is
  // byte-identical and a write that changes nothing is recognised and skipped.
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  copy->SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

absl::StatusOr<ObjectPtr> Store::ToStored(ObjectPtr served) const {
  if (&served_ == &resource_) return served;
  return served_.stored_as->to_storage(*served);
}

absl::Status Store::ValidateServed(const google::protobuf::Message& served,
                                   std::string_view name) const {
  if (&served_ == &resource_) return absl::OkStatus();
  api::FieldErrors errors = served_.strategy->Validate(served);
  if (errors.empty()) return absl::OkStatus();
  return api::InvalidError(served_.group, served_.kind, name, errors);
}

absl::StatusOr<ObjectPtr> Store::ToServed(absl::StatusOr<ObjectPtr> stored) const {
  if (&served_ == &resource_ || !stored.ok()) return stored;
  absl::StatusOr<ObjectPtr> served = served_.stored_as->from_storage(**stored);
  if (!served.ok()) return served.status();
  // Conversions carry metadata over; the revision is the stored object's.
  api::MutableObjectMetaOf(**served)->set_resourceversion(
      api::ObjectMetaOf(**stored)->resourceversion());
  return served;
}

absl::StatusOr<ObjectPtr> Store::Get(std::string_view ns, std::string_view name) const {
  return ToServed(GetStored(ns, name));
}

absl::StatusOr<ObjectPtr> Store::GetStored(std::string_view ns, std::string_view name) const {
  absl::StatusOr<storage::KeyValue> kv = storage_.Get(Key(ns, name));
  if (absl::IsNotFound(kv.status())) return api::NotFoundError(resource_.QualifiedResource(), name);
  if (!kv.ok()) return kv.status();
  return Decode(*kv);
}

absl::StatusOr<SharedObject> Store::GetCached(std::string_view ns, std::string_view name) const {
  if (cache_ != nullptr) {
    if (SharedObject cached = cache_->Get(Key(ns, name))) {
      if (&served_ == &resource_) return cached;
      ObjectPtr copy(cached->New());
      copy->CopyFrom(*cached);
      absl::StatusOr<ObjectPtr> served = ToServed(std::move(copy));
      if (!served.ok()) return served.status();
      return SharedObject(std::move(*served));
    }
  }
  absl::StatusOr<ObjectPtr> object = Get(ns, name);
  if (!object.ok()) return object.status();
  return SharedObject(std::move(*object));
}

absl::StatusOr<ObjectPtr> Store::Create(std::string_view ns, ObjectPtr object,
                                        const WriteOptions& options) const {
  if (absl::Status valid = ValidateServed(*object, api::ObjectMetaOf(*object)->name()); !valid.ok()) {
    return valid;
  }
  absl::StatusOr<ObjectPtr> stored = ToStored(std::move(object));
  if (!stored.ok()) return stored.status();
  return ToServed(CreateStored(ns, std::move(*stored), options));
}

absl::StatusOr<ObjectPtr> Store::CreateStored(std::string_view ns, ObjectPtr object,
                                              const WriteOptions& options) const {
  k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(*object);
  if (absl::Status status = AssignNamespace(resource_, ns, *meta); !status.ok()) return status;
  bool generated_name = meta->name().empty() && !meta->generatename().empty();
  if (generated_name) meta->set_name(GenerateName(meta->generatename()));
  StampForCreate(*object);
  resource_.strategy->Default(*object);
  admission::Request review{admission::Operation::kCreate, &resource_, "", meta->namespace_(),
                            meta->name(), object.get(), nullptr, options.user, options.dry_run};
  if (admission_ != nullptr) {
    if (absl::Status admitted = admission_->Admit(review); !admitted.ok()) return admitted;
  }
  resource_.strategy->PrepareForCreate(*object);
  if (!options.field_manager.empty()) {
    absl::Status tracked =
        TrackFieldManager(nullptr, *object, options.field_manager, resource_.ApiVersion(), "");
    if (!tracked.ok()) return tracked;
  }

  api::FieldErrors errors =
      ValidateObjectMeta(*meta, resource_.namespaced, resource_.strategy->name_rule());
  api::FieldErrors kind_errors = resource_.strategy->Validate(*object);
  errors.insert(errors.end(), kind_errors.begin(), kind_errors.end());
  if (!errors.empty()) {
    return api::InvalidError(resource_.group, resource_.kind, meta->name(), errors);
  }
  if (resource_.namespaced && namespace_check_) {
    absl::Status status = namespace_check_(meta->namespace_(), resource_.QualifiedResource(),
                                           meta->name());
    if (!status.ok()) return status;
  }
  if (admission_ != nullptr) {
    if (absl::Status admitted = admission_->Validate(review); !admitted.ok()) return admitted;
  }

  absl::StatusOr<FinishFunc> finish = resource_.strategy->BeginCreate(*object);
  if (!finish.ok()) return finish.status();
  if (options.dry_run) {
    (*finish)(false);
    return object;
  }
  absl::StatusOr<storage::KeyValue> kv =
      storage_.Create(Key(meta->namespace_(), meta->name()), Encode(*object));
  (*finish)(kv.ok());
  if (absl::IsAlreadyExists(kv.status())) {
    return api::AlreadyExistsError(resource_.QualifiedResource(), meta->name());
  }
  if (!kv.ok()) return kv.status();
  meta->set_resourceversion(std::to_string(kv->mod_revision));
  return object;
}

absl::StatusOr<ObjectPtr> Store::Replace(std::string_view ns, std::string_view name,
                                         ObjectPtr object, UpdateMode mode,
                                         const WriteOptions& options, bool* created) const {
  if (created != nullptr) *created = false;
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(*object);
  if (!meta->name().empty() && meta->name() != name) {
    return api::BadRequestError(StrCat("the name of the object (", meta->name(),
                                             ") does not match the name on the URL (", name,
                                             ")"));
  }
  if (resource_.namespaced && !meta->namespace_().empty() && meta->namespace_() != ns) {
    return api::BadRequestError(
        "the namespace of the provided object does not match the namespace sent on the request");
  }
  if (mode == UpdateMode::kMain) {
    if (absl::Status valid = ValidateServed(*object, name); !valid.ok()) return valid;
  }
  absl::StatusOr<ObjectPtr> stored = ToStored(std::move(object));
  if (!stored.ok()) return stored.status();
  auto update = [&stored](const google::protobuf::Message&) -> absl::StatusOr<ObjectPtr> {
    ObjectPtr copy((*stored)->New());
    copy->CopyFrom(**stored);
    return copy;
  };
  absl::StatusOr<ObjectPtr> result = UpdateStored(ns, name, update, mode, options);
  if (absl::IsNotFound(result.status()) && mode == UpdateMode::kMain &&
      resource_.strategy->allow_create_on_update()) {
    api::MutableObjectMetaOf(**stored)->set_name(std::string(name));
    if (created != nullptr) *created = true;
    return ToServed(CreateStored(ns, std::move(*stored), options));
  }
  return ToServed(std::move(result));
}

std::optional<UpdateMode> UpdateModeFor(const ResourceInfo& resource,
                                        std::string_view subresource) {
  if (subresource.empty()) return UpdateMode::kMain;
  if (subresource == "status" && resource.subresources.status) return UpdateMode::kStatus;
  if (subresource == "approval" && resource.subresources.approval) return UpdateMode::kApproval;
  return std::nullopt;
}

absl::StatusOr<ObjectPtr> Store::Update(std::string_view ns, std::string_view name,
                                        const UpdateFunc& update, UpdateMode mode,
                                        const WriteOptions& options) const {
  if (&served_ == &resource_) return UpdateStored(ns, name, update, mode, options);
  // The caller's function sees and produces the served version.
  auto converted = [&](const google::protobuf::Message& stored) -> absl::StatusOr<ObjectPtr> {
    ObjectPtr copy(stored.New());
    copy->CopyFrom(stored);
    absl::StatusOr<ObjectPtr> served = ToServed(std::move(copy));
    if (!served.ok()) return served.status();
    absl::StatusOr<ObjectPtr> produced = update(**served);
    if (!produced.ok()) return produced.status();
    if (mode == UpdateMode::kMain) {
      if (absl::Status valid = ValidateServed(**produced, name); !valid.ok()) return valid;
    }
    return ToStored(std::move(*produced));
  };
  return ToServed(UpdateStored(ns, name, converted, mode, options));
}

absl::StatusOr<ObjectPtr> Store::UpdateStored(std::string_view ns, std::string_view name,
                                              const UpdateFunc& update, UpdateMode mode,
                                              const WriteOptions& options) const {
  const std::string key = Key(ns, name);
  for (int attempt = 0; attempt < kMaxUpdateAttempts; ++attempt) {
    absl::StatusOr<storage::KeyValue> current_kv = storage_.Get(key);
    if (absl::IsNotFound(current_kv.status())) {
      return api::NotFoundError(resource_.QualifiedResource(), name);
    }
    if (!current_kv.ok()) return current_kv.status();
    absl::StatusOr<ObjectPtr> current = Decode(*current_kv);
    if (!current.ok()) return current.status();

    absl::StatusOr<ObjectPtr> produced = update(**current);
    if (!produced.ok()) return produced.status();
    ObjectPtr object = std::move(*produced);
    k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(*object);
    const k8s::meta::v1::ObjectMeta& old_meta = *api::ObjectMetaOf(**current);

    // An explicit resourceVersion is a precondition; without one, we retry races.
    const std::string requested_version = meta->resourceversion();
    const bool conditional = !requested_version.empty();
    if (conditional && ParseRevision(requested_version) != current_kv->mod_revision) {
      return api::ConflictError(resource_.QualifiedResource(), name, api::kObjectModified);
    }
    if (!meta->uid().empty() && meta->uid() != old_meta.uid()) {
      return api::ConflictError(
          resource_.QualifiedResource(), name,
          StrCat("Precondition failed: UID in precondition: ", meta->uid(),
                       ", UID in object meta: ", old_meta.uid()));
    }

    admission::Request review{admission::Operation::kUpdate,
                              &resource_,
                              mode == UpdateMode::kStatus     ? "status"
                              : mode == UpdateMode::kApproval ? "approval"
                                                              : "",
                              ns,
                              name,
                              object.get(),
                              current->get(),
                              mode == UpdateMode::kUnchecked ? nullptr : options.user,
                              options.dry_run};
    if (mode == UpdateMode::kStatus) {
      resource_.strategy->PrepareForStatusUpdate(*object, **current);
    } else if (mode == UpdateMode::kApproval) {
      resource_.strategy->PrepareForApprovalUpdate(*object, **current);
    } else if (mode == UpdateMode::kMain) {
      resource_.strategy->Default(*object);
      if (admission_ != nullptr) {
        if (absl::Status admitted = admission_->Admit(review); !admitted.ok()) return admitted;
      }
      resource_.strategy->PrepareForUpdate(*object, **current);
    }
    CarryOverSystemMetadata(*object, **current);
    if (!options.field_manager.empty() && mode != UpdateMode::kUnchecked) {
      absl::Status tracked =
          TrackFieldManager(current->get(), *object, options.field_manager, resource_.ApiVersion(),
                            mode == UpdateMode::kStatus     ? "status"
                            : mode == UpdateMode::kApproval ? "approval"
                                                            : options.subresource);
      if (!tracked.ok()) return tracked;
    }
    if (mode == UpdateMode::kMain && meta->has_generation() &&
        resource_.strategy->NewGeneration(*object, **current)) {
      meta->set_generation(meta->generation() + 1);
    }

    api::FieldErrors errors = ValidateObjectMetaUpdate(*meta, old_meta, resource_.namespaced,
                                                       resource_.strategy->name_rule());
    api::FieldErrors kind_errors;
    if (mode == UpdateMode::kStatus) {
      kind_errors = resource_.strategy->ValidateStatusUpdate(*object, **current);
    } else if (mode == UpdateMode::kApproval) {
      kind_errors = resource_.strategy->ValidateApprovalUpdate(*object, **current);
    } else if (mode == UpdateMode::kMain) {
      kind_errors = resource_.strategy->Validate(*object);
      api::FieldErrors update_errors = resource_.strategy->ValidateUpdate(*object, **current);
      kind_errors.insert(kind_errors.end(), update_errors.begin(), update_errors.end());
    }
    errors.insert(errors.end(), kind_errors.begin(), kind_errors.end());
    if (!errors.empty()) {
      return api::InvalidError(resource_.group, resource_.kind, std::string(name), errors);
    }
    if (admission_ != nullptr) {
      if (absl::Status admitted = admission_->Validate(review); !admitted.ok()) return admitted;
    }

    // A marked object whose grace period is over and whose last finalizer was just
    // removed leaves storage now. (A pod in its grace period waits for its kubelet.)
    if (meta->has_deletiontimestamp() && meta->deletiongraceperiodseconds() == 0 &&
        !resource_.strategy->HasPendingFinalizers(*object)) {
      if (options.dry_run) return object;
      absl::StatusOr<storage::KeyValue> deleted =
          storage_.Delete(key, current_kv->mod_revision);
      if (absl::IsAborted(deleted.status()) || absl::IsNotFound(deleted.status())) {
        if (conditional) {
          return api::ConflictError(resource_.QualifiedResource(), name, api::kObjectModified);
        }
        continue;
      }
      if (!deleted.ok()) return deleted.status();
      resource_.strategy->AfterDelete(*object);
      meta->set_resourceversion(std::to_string(deleted->mod_revision));
      return object;
    }

    std::string bytes = Encode(*object);
    if (bytes == current_kv->value) {
      // Nothing changed: no write, and the resourceVersion stays.
      meta->set_resourceversion(std::to_string(current_kv->mod_revision));
      return object;
    }
    absl::StatusOr<FinishFunc> finish =
        mode == UpdateMode::kUnchecked ? FinishFunc([](bool) {})
                                       : resource_.strategy->BeginUpdate(*object, **current);
    if (!finish.ok()) return finish.status();
    if (options.dry_run) {
      (*finish)(false);
      meta->set_resourceversion(std::to_string(current_kv->mod_revision));
      return object;
    }
    absl::StatusOr<storage::KeyValue> written =
        storage_.Update(key, bytes, current_kv->mod_revision);
    (*finish)(written.ok());
    if (absl::IsAborted(written.status()) || absl::IsNotFound(written.status())) {
      if (conditional) {
        return api::ConflictError(resource_.QualifiedResource(), name, api::kObjectModified);
      }
      continue;
    }
    if (!written.ok()) return written.status();
    meta->set_resourceversion(std::to_string(written->mod_revision));
    return object;
  }
  return api::ConflictError(resource_.QualifiedResource(), name,
                            "too many concurrent writers; please retry");
}

absl::StatusOr<Store::DeleteResult> Store::Delete(std::string_view ns, std::string_view name,
                                                  const k8s::meta::v1::DeleteOptions& options,
                                                  const WriteOptions& write_options) const {
  absl::StatusOr<DeleteResult> result = DeleteStored(ns, name, options, write_options);
  if (!result.ok() || &served_ == &resource_) return result;
  absl::StatusOr<ObjectPtr> served = ToServed(std::move(result->object));
  if (!served.ok()) return served.status();
  return DeleteResult{std::move(*served), result->deleted};
}

absl::StatusOr<Store::DeleteResult> Store::DeleteStored(std::string_view ns, std::string_view name,
                                                        const k8s::meta::v1::DeleteOptions& options,
                                                        const WriteOptions& write_options) const {
  const std::string key = Key(ns, name);
  for (int attempt = 0; attempt < kMaxUpdateAttempts; ++attempt) {
    absl::StatusOr<storage::KeyValue> current_kv = storage_.Get(key);
    if (absl::IsNotFound(current_kv.status())) {
      return api::NotFoundError(resource_.QualifiedResource(), name);
    }
    if (!current_kv.ok()) return current_kv.status();
    absl::StatusOr<ObjectPtr> current = Decode(*current_kv);
    if (!current.ok()) return current.status();
    k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(**current);

    if (options.has_preconditions()) {
      const auto& preconditions = options.preconditions();
      if (preconditions.has_uid() && preconditions.uid() != meta->uid()) {
        return api::ConflictError(
            resource_.QualifiedResource(), name,
            StrCat("Precondition failed: UID in precondition: ", preconditions.uid(),
                         ", UID in object meta: ", meta->uid()));
      }
      if (preconditions.has_resourceversion() &&
          preconditions.resourceversion() != meta->resourceversion()) {
        return api::ConflictError(
            resource_.QualifiedResource(), name,
            StrCat("Precondition failed: ResourceVersion in precondition: ",
                         preconditions.resourceversion(),
                         ", ResourceVersion in object meta: ", meta->resourceversion()));
      }
    }

    // Upstream admits deletes too (NodeRestriction: a kubelet deletes only its
    // own pods and Node).
    if (admission_ != nullptr && write_options.user != nullptr) {
      admission::Request review{admission::Operation::kDelete, &resource_, "", ns, name,
                                nullptr, current->get(), write_options.user,
                                write_options.dry_run};
      if (absl::Status admitted = admission_->Validate(review); !admitted.ok()) return admitted;
    }

    // Finalizers the garbage collector will act on, as upstream records them.
    bool added_finalizer = false;
    std::optional<std::string> propagation = PropagationFinalizer(options.propagationpolicy());
    if (propagation && !meta->has_deletiontimestamp()) {
      bool present = false;
      for (const std::string& finalizer : meta->finalizers()) present |= finalizer == *propagation;
      if (!present) {
        meta->add_finalizers(*propagation);
        added_finalizer = true;
      }
    }
    std::optional<int64_t> grace = resource_.strategy->GracefulDeletionPeriod(**current, options);
    const bool graceful = grace.has_value() && *grace > 0;
    if (graceful || resource_.strategy->HasPendingFinalizers(**current)) {
      // Only mark it; the kubelet (grace) or a finalizer's owner completes it.
      int64_t seconds = graceful ? *grace : 0;
      if (meta->has_deletiontimestamp() && !added_finalizer &&
          (!graceful || meta->deletiongraceperiodseconds() <= seconds)) {
        return DeleteResult{std::move(*current), false};  // already marked as strictly
      }
      absl::Time deadline = absl::Now() + absl::Seconds(seconds);
      if (!meta->has_deletiontimestamp() ||
          absl::ToUnixSeconds(deadline) < meta->deletiontimestamp().seconds()) {
        meta->mutable_deletiontimestamp()->set_seconds(absl::ToUnixSeconds(deadline));
        meta->mutable_deletiontimestamp()->set_nanos(0);
      }
      meta->set_deletiongraceperiodseconds(seconds);
      resource_.strategy->PrepareForDeletion(**current);
      if (write_options.dry_run) return DeleteResult{std::move(*current), false};
      absl::StatusOr<storage::KeyValue> written =
          storage_.Update(key, Encode(**current), current_kv->mod_revision);
      if (absl::IsAborted(written.status())) continue;
      if (!written.ok()) return written.status();
      meta->set_resourceversion(std::to_string(written->mod_revision));
      return DeleteResult{std::move(*current), false};
    }

    if (write_options.dry_run) return DeleteResult{std::move(*current), true};
    absl::StatusOr<storage::KeyValue> deleted = storage_.Delete(key, current_kv->mod_revision);
    if (absl::IsAborted(deleted.status())) continue;
    if (absl::IsNotFound(deleted.status())) {
      return api::NotFoundError(resource_.QualifiedResource(), name);
    }
    if (!deleted.ok()) return deleted.status();
    resource_.strategy->AfterDelete(**current);
    meta->set_resourceversion(std::to_string(deleted->mod_revision));
    return DeleteResult{std::move(*current), true};
  }
  return api::ConflictError(resource_.QualifiedResource(), name,
                            "too many concurrent writers; please retry");
}

std::optional<std::string> Store::PropagationFinalizer(std::string_view policy) {
  if (policy == "Orphan") return "orphan";
  if (policy == "Foreground") return "foregroundDeletion";
  return std::nullopt;
}

}  // namespace kube::apiserver
