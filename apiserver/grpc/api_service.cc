#include "apiserver/grpc/api_service.h"

#include <random>

#include "apiserver/generic/watch_stream.h"
#include "apiserver/operations/namespaces.h"
#include "apiserver/operations/patch.h"
#include "apiserver/operations/pods.h"
#include "apiserver/operations/scale.h"
#include "common/api/errors.h"
#include "common/api/grpc_status.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/zero_values.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using kube::api::v1::ResourceRef;

// As over REST: the request's field manager, else the product name the client's
// user agent starts with ("kubelet/v1.32 grpc-c++/1.51" -> "kubelet").
std::string FieldManager(const std::string& requested, const grpc::ServerContext& context) {
  if (!requested.empty()) return requested;
  auto agent = context.client_metadata().find("user-agent");
  if (agent == context.client_metadata().end()) return "unknown";
  std::string text(agent->second.data(), agent->second.size());
  text = text.substr(0, text.find_first_of("/ "));
  return text.empty() ? "unknown" : text.substr(0, 128);
}

constexpr absl::Duration kPollInterval = absl::Seconds(1);

grpc::Status Fail(const absl::Status& status) { return api::ToGrpcStatus(status); }

// Packs an object; a custom resource as its JSON (JsonObject).
void Pack(const google::protobuf::Message& object, google::protobuf::Any* out) {
  if (!api::IsCustomResource(object)) {
    out->PackFrom(object);
    return;
  }
  kube::api::v1::JsonObject json;
  json.set_json(codec::EncodeJson(object));
  out->PackFrom(json);
}

// Unpacks an Any into a new message of `prototype`'s type; any other type is 400.
absl::StatusOr<ObjectPtr> Unpack(const google::protobuf::Any& any,
                                 const google::protobuf::Message& prototype) {
  ObjectPtr object(prototype.New());
  if (api::IsCustomResource(prototype)) {
    kube::api::v1::JsonObject json;
    if (!any.UnpackTo(&json)) {
      return api::BadRequestError(StrCat("the object is a ", any.type_url(),
                                         ", expected a kube.api.v1.JsonObject"));
    }
    absl::Status decoded = codec::DecodeJson(json.json(), *object);
    if (!decoded.ok()) return api::BadRequestError(std::string(decoded.message()));
    return object;
  }
  if (!any.UnpackTo(object.get())) {
    return api::BadRequestError(StrCat("the object is a ", any.type_url(), ", expected ",
                                       prototype.GetDescriptor()->full_name()));
  }
  // As for protobuf bodies over REST: present-but-zero fields are absent.
  codec::ClearZeroValues(*object);
  return object;
}

// An object for a write: unpacked, and pruned by a custom resource's schema as REST
// does when decoding (over gRPC, dropped fields are ignored).
absl::StatusOr<ObjectPtr> UnpackFor(const ResourceInfo& resource, const google::protobuf::Any& any) {
  absl::StatusOr<ObjectPtr> object = Unpack(any, *resource.prototype);
  if (object.ok() && resource.prune) {
    std::vector<std::string> dropped;
    resource.prune(**object, dropped);
  }
  return object;
}

absl::StatusOr<selectors::LabelSelector> ParseLabels(const std::string& text) {
  absl::StatusOr<selectors::LabelSelector> parsed = selectors::LabelSelector::Parse(text);
  if (!parsed.ok()) return api::BadRequestError(std::string(parsed.status().message()));
  return parsed;
}

absl::StatusOr<selectors::FieldSelector> ParseFields(const std::string& text) {
  absl::StatusOr<selectors::FieldSelector> parsed = selectors::FieldSelector::Parse(text);
  if (!parsed.ok()) return api::BadRequestError(std::string(parsed.status().message()));
  return parsed;
}

absl::Duration WatchTimeout(int64_t seconds, absl::Duration minimum) {
  if (seconds > 0) return absl::Seconds(seconds);
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return minimum * std::uniform_real_distribution<double>(1.0, 2.0)(generator);
}

}  // namespace

ApiService::ApiService(const ResourceRegistry& registry, const StoreSet& stores,
                       ApiServiceOptions options)
    : registry_(registry), stores_(stores), options_(options) {}

absl::StatusOr<ApiService::Target> ApiService::Resolve(const ResourceRef& ref,
                                                       bool create) const {
  const ResourceInfo* resource = registry_.Find(ref.group(), ref.version(), ref.resource());
  if (resource == nullptr && options_.custom_resources) {
    std::optional<ResourceHandle> custom =
        options_.custom_resources(ref.group(), ref.version(), ref.resource());
    if (custom.has_value() && custom->store != nullptr &&
        (custom->resource->namespaced || ref.namespace_().empty())) {
      return Target{custom->resource, custom->store, std::move(custom->owner)};
    }
  }
  if (resource == nullptr || (!resource->namespaced && !ref.namespace_().empty())) {
    return api::PathNotFoundError();
  }
  if (!resource->stored && !create) {
    return api::MethodNotAllowedError(StrCat(resource->resource, " only serve create"));
  }
  return Target{resource, stores_.For(*resource)};
}

grpc::Status ApiService::Get(const auth::UserInfo& user, grpc::ServerContext*, const kube::api::v1::GetRequest* request,
                             google::protobuf::Any* response) {
  absl::StatusOr<Target> target = Resolve(request->ref());
  if (!target.ok()) return Fail(target.status());
  const ResourceRef& ref = request->ref();
  if (ref.subresource() == "scale" && target->resource->subresources.scale) {
    absl::StatusOr<k8s::autoscaling::v1::Scale> scale =
        GetScale(*target->store, ref.namespace_(), ref.name());
    if (!scale.ok()) return Fail(scale.status());
    Pack(*scale, response);
    return grpc::Status::OK;
  }
  if (!ref.subresource().empty() && ref.subresource() != "status") {
    return Fail(api::PathNotFoundError());
  }
  absl::StatusOr<ObjectPtr> object = target->store->Get(ref.namespace_(), ref.name());
  if (!object.ok()) return Fail(object.status());
  Pack(**object, response);
  return grpc::Status::OK;
}

grpc::Status ApiService::List(const auth::UserInfo& user, grpc::ServerContext*, const kube::api::v1::ListRequest* request,
                              kube::api::v1::ListResponse* response) {
  absl::StatusOr<Target> target = Resolve(request->ref());
  if (!target.ok()) return Fail(target.status());
  ListParams params;
  absl::StatusOr<selectors::LabelSelector> labels = ParseLabels(request->label_selector());
  if (!labels.ok()) return Fail(labels.status());
  absl::StatusOr<selectors::FieldSelector> fields = ParseFields(request->field_selector());
  if (!fields.ok()) return Fail(fields.status());
  params.label_selector = std::move(*labels);
  params.field_selector = std::move(*fields);
  params.limit = request->limit();
  params.continue_token = request->continue_();
  params.resource_version = request->resource_version();
  params.resource_version_match = request->resource_version_match();
  absl::StatusOr<ListResult> listed = target->store->List(request->ref().namespace_(), params);
  if (!listed.ok()) return Fail(listed.status());
  for (const ObjectPtr& item : listed->items) Pack(*item, response->add_items());
  response->set_resource_version(std::to_string(listed->revision));
  response->set_continue_(listed->continue_token);
  return grpc::Status::OK;
}

grpc::Status ApiService::Create(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::CreateRequest* request,
                                google::protobuf::Any* response) {
  absl::StatusOr<Target> target = Resolve(request->ref(), /*create=*/true);
  if (!target.ok()) return Fail(target.status());
  const ResourceRef& ref = request->ref();
  if (!target->resource->stored) {  // a review
    if (!ref.subresource().empty() || !target->resource->review) {
      return Fail(api::PathNotFoundError());
    }
    absl::StatusOr<ObjectPtr> object = UnpackFor(*target->resource, request->object());
    if (!object.ok()) return Fail(object.status());
    absl::StatusOr<ObjectPtr> reviewed = target->resource->review(user, ref.namespace_(), **object);
    if (!reviewed.ok()) return Fail(reviewed.status());
    Pack(**reviewed, response);
    return grpc::Status::OK;
  }
  if (auto custom = target->resource->create_subresources.find(ref.subresource());
      custom != target->resource->create_subresources.end()) {
    absl::StatusOr<ObjectPtr> posted = Unpack(request->object(), *custom->second.prototype);
    if (!posted.ok()) return Fail(posted.status());
    absl::StatusOr<ObjectPtr> answer =
        custom->second.create(user, ref.namespace_(), ref.name(), **posted);
    if (!answer.ok()) return Fail(answer.status());
    Pack(**answer, response);
    return grpc::Status::OK;
  }
  WriteOptions options{request->dry_run(), &user, FieldManager(request->field_manager(), *context)};
  const Subresources& served = target->resource->subresources;
  if (ref.subresource() == "binding" && served.binding) {
    absl::StatusOr<ObjectPtr> binding =
        Unpack(request->object(), k8s::core::v1::Binding::default_instance());
    if (!binding.ok()) return Fail(binding.status());
    absl::Status status = BindPod(*target->store, ref.namespace_(), ref.name(),
                                  static_cast<const k8s::core::v1::Binding&>(**binding), options);
    if (!status.ok()) return Fail(status);
    k8s::meta::v1::Status success;
    success.set_status("Success");
    success.set_code(201);
    Pack(success, response);
    return grpc::Status::OK;
  }
  if (ref.subresource() == "eviction" && served.eviction) {
    absl::StatusOr<ObjectPtr> eviction =
        Unpack(request->object(), k8s::policy::v1::Eviction::default_instance());
    if (!eviction.ok()) return Fail(eviction.status());
    absl::Status status =
        EvictPod(stores_, *target->store, ref.namespace_(), ref.name(),
                 static_cast<const k8s::policy::v1::Eviction&>(**eviction), options);
    if (!status.ok()) return Fail(status);
    k8s::meta::v1::Status success;
    success.set_status("Success");
    success.set_code(201);
    Pack(success, response);
    return grpc::Status::OK;
  }
  if (!ref.subresource().empty()) return Fail(api::PathNotFoundError());
  if (target->resource->namespaced && ref.namespace_().empty()) {
    return Fail(api::BadRequestError("a namespace is required to create this resource"));
  }
  absl::StatusOr<ObjectPtr> object = UnpackFor(*target->resource, request->object());
  if (!object.ok()) return Fail(object.status());
  absl::StatusOr<ObjectPtr> created =
      target->store->Create(ref.namespace_(), std::move(*object), options);
  if (!created.ok()) return Fail(created.status());
  Pack(**created, response);
  return grpc::Status::OK;
}

grpc::Status ApiService::Update(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::UpdateRequest* request,
                                google::protobuf::Any* response) {
  absl::StatusOr<Target> target = Resolve(request->ref());
  if (!target.ok()) return Fail(target.status());
  const ResourceRef& ref = request->ref();
  WriteOptions options{request->dry_run(), &user, FieldManager(request->field_manager(), *context)};
  if (ref.subresource() == "scale" && target->resource->subresources.scale) {
    k8s::autoscaling::v1::Scale scale;
    if (!request->object().UnpackTo(&scale)) {
      return Fail(api::BadRequestError("the object must be an autoscaling/v1 Scale"));
    }
    absl::StatusOr<k8s::autoscaling::v1::Scale> updated =
        UpdateScale(*target->store, ref.namespace_(), ref.name(), scale, options);
    if (!updated.ok()) return Fail(updated.status());
    Pack(*updated, response);
    return grpc::Status::OK;
  }
  if (ref.subresource() == "finalize" && target->resource->subresources.finalize) {
    k8s::core::v1::Namespace body;
    if (!request->object().UnpackTo(&body)) {
      return Fail(api::BadRequestError("the object must be a v1 Namespace"));
    }
    absl::StatusOr<ObjectPtr> finalized =
        FinalizeNamespace(*target->store, ref.name(), body, options);
    if (!finalized.ok()) return Fail(finalized.status());
    Pack(**finalized, response);
    return grpc::Status::OK;
  }
  std::optional<UpdateMode> mode = UpdateModeFor(*target->resource, ref.subresource());
  if (!mode.has_value()) return Fail(api::PathNotFoundError());
  absl::StatusOr<ObjectPtr> object = UnpackFor(*target->resource, request->object());
  if (!object.ok()) return Fail(object.status());
  std::string name = ref.name().empty() ? api::ObjectMetaOf(**object)->name() : ref.name();
  absl::StatusOr<ObjectPtr> updated =
      target->store->Replace(ref.namespace_(), name, std::move(*object), *mode, options);
  if (!updated.ok()) return Fail(updated.status());
  Pack(**updated, response);
  return grpc::Status::OK;
}

grpc::Status ApiService::Patch(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::PatchRequest* request,
                               google::protobuf::Any* response) {
  absl::StatusOr<Target> target = Resolve(request->ref());
  if (!target.ok()) return Fail(target.status());
  const ResourceRef& ref = request->ref();
  if (ref.subresource() == "scale" && target->resource->subresources.scale) {
    absl::StatusOr<k8s::autoscaling::v1::Scale> scale =
        PatchScale(*target->store, ref.namespace_(), ref.name(), request->patch_type(),
                   request->patch(), WriteOptions{request->dry_run(), &user});
    if (!scale.ok()) return Fail(scale.status());
    Pack(*scale, response);
    return grpc::Status::OK;
  }
  if (!UpdateModeFor(*target->resource, ref.subresource()).has_value()) {
    return Fail(api::PathNotFoundError());
  }
  PatchRequest patch;
  patch.patch_type = request->patch_type();
  patch.body = request->patch();
  // Apply requires an explicit manager; other writes default to the client's name.
  patch.field_manager = request->patch_type() == "application/apply-patch+yaml"
                            ? request->field_manager()
                            : FieldManager(request->field_manager(), *context);
  patch.force = request->force();
  patch.field_validation = request->field_validation();
  patch.dry_run = request->dry_run();
  patch.user = &user;
  patch.subresource = ref.subresource();
  absl::StatusOr<PatchResult> result =
      PatchObject(*target->resource, *target->store, ref.namespace_(), ref.name(), patch);
  if (!result.ok()) return Fail(result.status());
  Pack(*result->object, response);
  return grpc::Status::OK;
}

grpc::Status ApiService::Delete(const auth::UserInfo& user, grpc::ServerContext*, const kube::api::v1::DeleteRequest* request,
                                kube::api::v1::DeleteResponse* response) {
  absl::StatusOr<Target> target = Resolve(request->ref());
  if (!target.ok()) return Fail(target.status());
  const ResourceRef& ref = request->ref();
  absl::StatusOr<Store::DeleteResult> deleted = target->store->Delete(
      ref.namespace_(), ref.name(), request->options(), WriteOptions{request->dry_run(), &user});
  if (!deleted.ok()) return Fail(deleted.status());
  Pack(*deleted->object, response->mutable_object());
  response->set_deleted(deleted->deleted);
  return grpc::Status::OK;
}

grpc::Status ApiService::Watch(const auth::UserInfo& user, grpc::ServerContext* context,
                               const kube::api::v1::WatchRequest* request,
                               grpc::ServerWriter<kube::api::v1::WatchEvent>* writer) {
  absl::StatusOr<Target> target = Resolve(request->ref());
  if (!target.ok()) return Fail(target.status());
  const ResourceRef& ref = request->ref();
  WatchParams params;
  absl::StatusOr<selectors::LabelSelector> labels = ParseLabels(request->label_selector());
  if (!labels.ok()) return Fail(labels.status());
  absl::StatusOr<selectors::FieldSelector> fields = ParseFields(request->field_selector());
  if (!fields.ok()) return Fail(fields.status());
  params.label_selector = std::move(*labels);
  params.field_selector = std::move(*fields);
  if (!ref.name().empty()) {
    params.field_selector = selectors::FieldSelector::OneTermEqual("metadata.name", ref.name());
  }
  params.resource_version = request->resource_version();
  params.resource_version_match = request->resource_version_match();
  params.allow_bookmarks = request->allow_watch_bookmarks();
  if (request->has_send_initial_events()) params.send_initial_events = request->send_initial_events();

  auto send_error = [writer](const absl::Status& status) {
    kube::api::v1::WatchEvent event;
    event.set_type("ERROR");
    Pack(api::ToApiStatus(status), event.mutable_object());
    writer->Write(event);
  };
  absl::StatusOr<std::unique_ptr<WatchStream>> stream =
      target->store->Watch(ref.namespace_(), params);
  if (!stream.ok()) {
    if (stream.status().code() != absl::StatusCode::kOutOfRange) return Fail(stream.status());
    send_error(stream.status());  // too old: an ERROR event, as over REST
    return grpc::Status::OK;
  }
  const absl::Time deadline =
      absl::Now() + WatchTimeout(request->timeout_seconds(), options_.min_request_timeout);
  absl::Time last_bookmark = absl::Now();
  while (!context->IsCancelled()) {
    absl::Time now = absl::Now();
    if (now >= deadline) break;
    absl::StatusOr<std::vector<WatchEvent>> events =
        (*stream)->Next(std::min(kPollInterval, deadline - now));
    if (!events.ok()) {
      if (events.status().code() != absl::StatusCode::kResourceExhausted &&
          events.status().code() != absl::StatusCode::kCancelled) {
        send_error(events.status());
      }
      break;
    }
    for (const WatchEvent& event : *events) {
      kube::api::v1::WatchEvent out;
      out.set_type(event.type);
      Pack(*event.object, out.mutable_object());
      if (!writer->Write(out)) return grpc::Status::OK;  // the client went away
    }
    if (request->allow_watch_bookmarks() &&
        absl::Now() - last_bookmark >= options_.bookmark_interval) {
      SharedObject bookmark = BookmarkObject(*target->resource, (*stream)->LastRevision(),
                                             /*initial_events_end=*/false);
      kube::api::v1::WatchEvent out;
      out.set_type("BOOKMARK");
      Pack(*bookmark, out.mutable_object());
      if (!writer->Write(out)) return grpc::Status::OK;
      last_bookmark = absl::Now();
    }
  }
  return grpc::Status::OK;
}

}  // namespace kube::apiserver
