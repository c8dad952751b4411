#include "apiserver/endpoints/resource_handler.h"

#include "apiserver/endpoints/namespace_finalize_handler.h"
#include "apiserver/endpoints/patch_handler.h"
#include "apiserver/endpoints/pod_proxy.h"
#include "apiserver/endpoints/pod_subresources.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/scale_handler.h"
#include "apiserver/endpoints/responses.h"
#include "apiserver/endpoints/table_builder.h"
#include "apiserver/endpoints/watch_handler.h"
#include "apiserver/operations/field_validation.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_encode.h"
#include "common/util/strings.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {
namespace {

absl::StatusOr<IncludeObject> ParseIncludeObject(const httplib::Request& request) {
  std::string value = QueryParam(request, "includeObject");
  if (value.empty() || value == "Metadata") return IncludeObject::kMetadata;
  if (value == "None") return IncludeObject::kNone;
  if (value == "Object") return IncludeObject::kObject;
  return api::BadRequestError(StrCat("includeObject: Unsupported value: \"", value,
                                     "\": supported values: \"None\", \"Metadata\", \"Object\""));
}

// Upstream's PartialObjectMetadata rendering of one object.
std::string PartialMetadataJson(const google::protobuf::Message& object) {
  return StrCat("{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
                "\"metadata\":",
                codec::EncodeJson(*api::ObjectMetaOf(object)), "}");
}

void WriteJsonText(httplib::Response& response, int code, std::string body) {
  response.status = code;
  response.set_content(std::move(body), "application/json");
}

}  // namespace

ResourceHandler::ResourceHandler(const ResourceRegistry& registry, const StoreView& stores,
                                 ResourceHandlerOptions options)
    : registry_(registry), stores_(stores), options_(options) {}

void ResourceHandler::Handle(const RequestInfo& info, const httplib::Request& request,
                             httplib::Response& response) const {
  absl::Status status = Dispatch(info, request, response);
  if (!status.ok()) WriteError(response, status);
}

absl::Status ResourceHandler::Dispatch(const RequestInfo& info, const httplib::Request& request,
                                       httplib::Response& response) const {
  const std::string& method = request.method;
  // The legacy POST namespaces/NS/bindings binds the pod named in the body.
  if (info.group.empty() && info.resource == "bindings" && info.name.empty() &&
      method == "POST" && !info.namespace_.empty()) {
    if (const Store* pods = stores_.Find("", "Pod")) {
      return ServeBinding(*pods, info, request, response);
    }
  }
  const ResourceInfo* resource = registry_.Find(info.group, info.version, info.resource);
  // A cluster-scoped resource under /namespaces/NS/ does not exist.
  if (resource == nullptr || (!resource->namespaced && !info.namespace_.empty())) {
    return api::PathNotFoundError();
  }
  if (!resource->stored) return Review(*resource, info, request, response);
  if (resource->custom_resource) {
    // Custom resources have no protobuf form: a client that accepts nothing else gets 406.
    absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
    if (format.ok() && *format == OutputFormat::kProtobuf) {
      return api::NotAcceptableError(
          StrCat("only the following media types are accepted: application/json, "
                 "application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io"));
    }
  }
  const Store* found = stores_.For(*resource);
  if (found == nullptr) return api::PathNotFoundError();
  const Store& store = *found;
  if (!info.subresource.empty()) {
    return DispatchSubresource(*resource, store, info, request, response);
  }
  bool watch = info.legacy_watch || BoolQueryParam(request, "watch");
  if (method == "GET") {
    if (watch) return ServeWatch(*resource, store, info, request, response, options_);
    return info.name.empty() ? List(*resource, store, info, request, response)
                             : Get(*resource, store, info, request, response);
  }
  if (method == "POST") {
    if (!info.name.empty() || (resource->namespaced && info.namespace_.empty())) {
      return api::PathNotFoundError();
    }
    return Create(*resource, store, info, request, response);
  }
  if (method == "PUT") {
    return info.name.empty() ? api::MethodNotAllowedError("PUT requires a name")
                             : Replace(*resource, store, info, request, response);
  }
  if (method == "PATCH") {
    return info.name.empty() ? api::MethodNotAllowedError("PATCH requires a name")
                             : ServePatch(*resource, store, info, request, response);
  }
  if (method == "DELETE") {
    return info.name.empty() ? DeleteCollection(*resource, store, info, request, response)
                             : Delete(*resource, store, info, request, response);
  }
  return api::MethodNotAllowedError(StrCat(method, " is not supported"));
}

absl::Status ResourceHandler::DispatchSubresource(const ResourceInfo& resource, const Store& store,
                                                  const RequestInfo& info,
                                                  const httplib::Request& request,
                                                  httplib::Response& response) const {
  const std::string& method = request.method;
  const std::string& subresource = info.subresource;
  const Subresources& served = resource.subresources;
  auto not_allowed = [&] {
    return api::MethodNotAllowedError(
        StrCat(method, " is not supported on ", resource.resource, "/", subresource));
  };
  if (auto custom = resource.create_subresources.find(subresource);
      custom != resource.create_subresources.end()) {
    if (method != "POST") return not_allowed();
    return CreateSubresource(custom->second, info, request, response);
  }
  if ((subresource == "status" && served.status) ||
      (subresource == "approval" && served.approval)) {
    if (method == "GET") return Get(resource, store, info, request, response);
    if (method == "PUT") return Replace(resource, store, info, request, response);
    if (method == "PATCH") return ServePatch(resource, store, info, request, response);
    return not_allowed();
  }
  if (subresource == "scale" && served.scale) {
    return ServeScale(resource, store, info, request, response);
  }
  if (subresource == "binding" && served.binding) {
    return method == "POST" ? ServeBinding(store, info, request, response) : not_allowed();
  }
  if (subresource == "eviction" && served.eviction) {
    return method == "POST" ? ServeEviction(stores_, store, info, request, response)
                            : not_allowed();
  }
  if (subresource == "log" && served.log) {
    return method == "GET" ? ServePodLog(stores_, store, info, request, response,
                                         KubeletConnector(options_.kubelet_tls))
                           : not_allowed();
  }
  if (subresource == "portforward" && served.exec) {
    return method == "GET" || method == "POST"
               ? ServePodPortForward(stores_, store, info, request, response,
                                     KubeletConnector(options_.kubelet_tls))
               : not_allowed();
  }
  if (subresource == "attach" && served.exec) {
    // Refused clearly rather than with a bare 404, which kubectl would report as a
    // missing pod.
    return api::BadRequestError("pods/attach is not supported by this server yet");
  }
  if (subresource == "finalize" && served.finalize) {
    return method == "PUT" ? ServeNamespaceFinalize(store, info, request, response)
                           : not_allowed();
  }
  if (subresource == "exec" && served.exec) {
    return method == "GET" || method == "POST"
               ? ServePodExec(stores_, store, info, request, response,
                              KubeletConnector(options_.kubelet_tls))
               : not_allowed();
  }
  return api::PathNotFoundError();
}

absl::Status ResourceHandler::Get(const ResourceInfo& resource, const Store& store,
                                  const RequestInfo& info, const httplib::Request& request,
                                  httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  absl::StatusOr<ObjectPtr> object = store.Get(info.namespace_, info.name);
  if (!object.ok()) return object.status();
  if (*format == OutputFormat::kTable) {
    absl::StatusOr<IncludeObject> include = ParseIncludeObject(request);
    if (!include.ok()) return include.status();
    TableOptions options{*include, api::ObjectMetaOf(**object)->resourceversion(), "",
                         absl::Now()};
    WriteJsonText(response, 200, BuildTableJson(resource, {object->get()}, options));
  } else if (*format == OutputFormat::kPartialMeta) {
    WriteJsonText(response, 200, PartialMetadataJson(**object));
  } else {
    WriteObject(response, 200, **object, *format);
  }
  return absl::OkStatus();
}

absl::Status ResourceHandler::List(const ResourceInfo& resource, const Store& store,
                                   const RequestInfo& info, const httplib::Request& request,
                                   httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  ListParams params;
  if (absl::Status status = ParseSelectors(request, params.label_selector, params.field_selector);
      !status.ok()) {
    return status;
  }
  std::string limit = QueryParam(request, "limit");
  if (!limit.empty()) {
    try {
      params.limit = std::max<int64_t>(0, std::stoll(limit));
    } catch (...) {
      return api::BadRequestError(StrCat("invalid limit: ", limit));
    }
  }
  params.continue_token = QueryParam(request, "continue");
  params.resource_version = QueryParam(request, "resourceVersion");
  params.resource_version_match = QueryParam(request, "resourceVersionMatch");

  absl::StatusOr<ListResult> listed = store.List(info.namespace_, params);
  if (!listed.ok()) return listed.status();
  std::string revision = std::to_string(listed->revision);

  if (*format == OutputFormat::kTable) {
    absl::StatusOr<IncludeObject> include = ParseIncludeObject(request);
    if (!include.ok()) return include.status();
    std::vector<const google::protobuf::Message*> objects;
    for (const ObjectPtr& item : listed->items) objects.push_back(item.get());
    TableOptions options{*include, revision, listed->continue_token, absl::Now()};
    WriteJsonText(response, 200, BuildTableJson(resource, objects, options));
    return absl::OkStatus();
  }
  if (*format == OutputFormat::kPartialMeta) {
    std::string body = StrCat(
        "{\"kind\":\"PartialObjectMetadataList\",\"apiVersion\":\"meta.k8s.io/v1\","
        "\"metadata\":{\"resourceVersion\":\"", revision, "\"");
    if (!listed->continue_token.empty()) {
      StrAppend(&body, ",\"continue\":\"", listed->continue_token, "\"");
    }
    StrAppend(&body, "},\"items\":[");
    for (size_t i = 0; i < listed->items.size(); ++i) {
      if (i > 0) body += ',';
      body += PartialMetadataJson(*listed->items[i]);
    }
    body += "]}";
    WriteJsonText(response, 200, std::move(body));
    return absl::OkStatus();
  }

  ObjectPtr list(resource.list_prototype->New());
  k8s::meta::v1::ListMeta* list_meta = api::MutableListMetaOf(*list);
  list_meta->set_resourceversion(revision);
  if (!listed->continue_token.empty()) list_meta->set_continue_(listed->continue_token);
  const auto* items = api::ItemsField(list->GetDescriptor());
  for (ObjectPtr& item : listed->items) {
    list->GetReflection()->AddAllocatedMessage(list.get(), items, item.release());
  }
  WriteObject(response, 200, *list, *format);
  return absl::OkStatus();
}

absl::StatusOr<ObjectPtr> ResourceHandler::DecodeWriteBody(const ResourceInfo& resource,
                                                           const httplib::Request& request,
                                                           httplib::Response& response) const {
  std::string validation = QueryParam(request, "fieldValidation");
  if (absl::Status status = ValidateFieldValidation(validation); !status.ok()) return status;
  absl::StatusOr<DecodedBody> decoded =
      DecodeBody(request.get_header_value("Content-Type"), request.body, *resource.prototype);
  if (!decoded.ok()) return decoded.status();
  if (!decoded->api_version.empty() && decoded->api_version != resource.ApiVersion()) {
    return api::BadRequestError(StrCat("the API version in the data (", decoded->api_version,
                                       ") does not match the expected API version (",
                                       resource.ApiVersion(), ")"));
  }
  if (!decoded->kind.empty() && decoded->kind != resource.kind) {
    return api::BadRequestError(StrCat("the kind in the data (", decoded->kind,
                                       ") does not match the expected kind (", resource.kind,
                                       ")"));
  }
  if (resource.prune) resource.prune(*decoded->object, decoded->unknown_fields);
  std::vector<std::string> warnings;
  absl::Status checked = CheckUnknownFields(decoded->unknown_fields, validation, warnings);
  if (!checked.ok()) {
    // Upstream's create and update handlers name the type the body failed to decode as.
    return api::BadRequestError(StrCat(resource.kind, " in version \"", resource.version,
                                       "\" cannot be handled as a ", resource.kind, ": ",
                                       checked.message()));
  }
  for (const std::string& warning : warnings) AddWarning(response, warning);
  return std::move(decoded->object);
}

absl::Status ResourceHandler::Create(const ResourceInfo& resource, const Store& store,
                                     const RequestInfo& info, const httplib::Request& request,
                                     httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  absl::StatusOr<ObjectPtr> object = DecodeWriteBody(resource, request, response);
  if (!object.ok()) return object.status();
  absl::StatusOr<ObjectPtr> created =
      store.Create(info.namespace_, std::move(*object), RequestWriteOptions(request, info));
  if (!created.ok()) return created.status();
  WriteObject(response, 201, **created, *format);
  return absl::OkStatus();
}

absl::Status ResourceHandler::Review(const ResourceInfo& resource, const RequestInfo& info,
                                     const httplib::Request& request,
                                     httplib::Response& response) const {
  if (request.method != "POST" || !info.name.empty() || !info.subresource.empty()) {
    return api::MethodNotAllowedError(
        StrCat(request.method, " is not supported on ", resource.resource, ": only create"));
  }
  if (!resource.review || info.user == nullptr) {
    return api::ServiceUnavailableError(StrCat(resource.resource, " are not served yet"));
  }
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  absl::StatusOr<ObjectPtr> object = DecodeWriteBody(resource, request, response);
  if (!object.ok()) return object.status();
  absl::StatusOr<ObjectPtr> reviewed = resource.review(*info.user, info.namespace_, **object);
  if (!reviewed.ok()) return reviewed.status();
  WriteObject(response, 201, **reviewed, *format);
  return absl::OkStatus();
}

absl::Status ResourceHandler::CreateSubresource(const apiserver::CreateSubresource& subresource,
                                                const RequestInfo& info,
                                                const httplib::Request& request,
                                                httplib::Response& response) const {
  if (info.user == nullptr) return api::InternalError("no requester");
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  absl::StatusOr<DecodedBody> decoded =
      DecodeBody(request.get_header_value("Content-Type"), request.body, *subresource.prototype);
  if (!decoded.ok()) return decoded.status();
  absl::StatusOr<ObjectPtr> answer =
      subresource.create(*info.user, info.namespace_, info.name, *decoded->object);
  if (!answer.ok()) return answer.status();
  WriteObject(response, 201, **answer, *format);
  return absl::OkStatus();
}

absl::Status ResourceHandler::Replace(const ResourceInfo& resource, const Store& store,
                                      const RequestInfo& info, const httplib::Request& request,
                                      httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  absl::StatusOr<ObjectPtr> object = DecodeWriteBody(resource, request, response);
  if (!object.ok()) return object.status();
  bool created = false;
  absl::StatusOr<ObjectPtr> updated =
      store.Replace(info.namespace_, info.name, std::move(*object),
                    UpdateModeFor(resource, info.subresource).value_or(UpdateMode::kMain),
                    RequestWriteOptions(request, info), &created);
  if (!updated.ok()) return updated.status();
  WriteObject(response, created ? 201 : 200, **updated, *format);
  return absl::OkStatus();
}

absl::Status ResourceHandler::Delete(const ResourceInfo& resource, const Store& store,
                                     const RequestInfo& info, const httplib::Request& request,
                                     httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  k8s::meta::v1::DeleteOptions options;
  if (!request.body.empty()) {
    absl::StatusOr<DecodedBody> decoded = DecodeBody(request.get_header_value("Content-Type"),
                                                     request.body, options);
    if (!decoded.ok()) return decoded.status();
    options.CopyFrom(*decoded->object);
  }
  std::string propagation = QueryParam(request, "propagationPolicy");
  if (!propagation.empty()) options.set_propagationpolicy(propagation);
  if (options.has_propagationpolicy() && options.propagationpolicy() != "Orphan" &&
      options.propagationpolicy() != "Background" &&
      options.propagationpolicy() != "Foreground") {
    return api::InvalidError(
        "", "DeleteOptions", "",
        {api::NotSupported("propagationPolicy", options.propagationpolicy(),
                           {"Foreground", "Background", "Orphan", "nil"})});
  }
  absl::StatusOr<Store::DeleteResult> deleted =
      store.Delete(info.namespace_, info.name, options, RequestWriteOptions(request, info));
  if (!deleted.ok()) return deleted.status();
  // Upstream answers 202 only for the deprecated orphanDependents=false.
  int code = !deleted->deleted && options.has_orphandependents() && !options.orphandependents()
                 ? 202
                 : 200;
  if (!deleted->deleted || resource.strategy->return_deleted_object()) {
    WriteObject(response, code, *deleted->object, *format);
    return absl::OkStatus();
  }
  const auto* meta = api::ObjectMetaOf(*deleted->object);
  k8s::meta::v1::Status success;
  success.mutable_metadata();
  success.set_status("Success");
  auto* details = success.mutable_details();
  details->set_name(meta->name());
  if (!resource.group.empty()) details->set_group(resource.group);
  details->set_kind(resource.resource);
  details->set_uid(meta->uid());
  WriteObject(response, code, success, *format);
  return absl::OkStatus();
}

absl::Status ResourceHandler::DeleteCollection(const ResourceInfo& resource, const Store& store,
                                               const RequestInfo& info,
                                               const httplib::Request& request,
                                               httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  ListParams params;
  if (absl::Status status = ParseSelectors(request, params.label_selector, params.field_selector);
      !status.ok()) {
    return status;
  }
  absl::StatusOr<ListResult> listed = store.List(info.namespace_, params);
  if (!listed.ok()) return listed.status();
  ObjectPtr list(resource.list_prototype->New());
  const auto* items = api::ItemsField(list->GetDescriptor());
  k8s::meta::v1::DeleteOptions options;
  for (const ObjectPtr& item : listed->items) {
    const auto* meta = api::ObjectMetaOf(*item);
    absl::StatusOr<Store::DeleteResult> deleted =
        store.Delete(meta->namespace_(), meta->name(), options, RequestWriteOptions(request, info));
    if (absl::IsNotFound(deleted.status())) continue;
    if (!deleted.ok()) return deleted.status();
    list->GetReflection()->AddAllocatedMessage(list.get(), items, deleted->object.release());
  }
  api::MutableListMetaOf(*list)->set_resourceversion(std::to_string(listed->revision));
  WriteObject(response, 200, *list, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver
