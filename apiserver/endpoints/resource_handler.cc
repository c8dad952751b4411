#include "apiserver/endpoints/resource_handler.h"

#include "apiserver/endpoints/responses.h"
#include "apiserver/endpoints/table_builder.h"
#include "apiserver/endpoints/watch_handler.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_encode.h"
#include "common/util/strings.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {
namespace {

bool DryRun(const httplib::Request& request) {
  auto range = request.params.equal_range("dryRun");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == "All") return true;
  }
  return false;
}

absl::StatusOr<IncludeObject> ParseIncludeObject(const httplib::Request& request) {
  std::string value = QueryParam(request, "includeObject");
  if (value.empty() || value == "Metadata") return IncludeObject::kMetadata;
  if (value == "None") return IncludeObject::kNone;
  if (value == "Object") return IncludeObject::kObject;
  return api::BadRequestError(StrCat("includeObject: Unsupported value: \"", value,
                                     "\": supported values: \"None\", \"Metadata\", \"Object\""));
}

absl::Status ValidateDryRun(const httplib::Request& request) {
  auto range = request.params.equal_range("dryRun");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second != "All") {
      return api::BadRequestError(StrCat("dryRun: Unsupported value: \"", it->second,
                                         "\": supported values: \"All\""));
    }
  }
  return absl::OkStatus();
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

std::string QueryParam(const httplib::Request& request, const char* name) {
  auto it = request.params.find(name);
  return it == request.params.end() ? "" : it->second;
}

ResourceHandler::ResourceHandler(const ResourceRegistry& registry, const StoreSet& stores,
                                 ResourceHandlerOptions options)
    : registry_(registry), stores_(stores), options_(options) {}

void ResourceHandler::Handle(const RequestInfo& info, const httplib::Request& request,
                             httplib::Response& response) const {
  const ResourceInfo* resource = registry_.Find(info.group, info.version, info.resource);
  // A cluster-scoped resource under /namespaces/NS/ does not exist.
  if (resource == nullptr || (!resource->namespaced && !info.namespace_.empty())) {
    WriteError(response, api::PathNotFoundError());
    return;
  }
  const Store& store = *stores_.For(*resource);
  const std::string& method = request.method;
  absl::Status status;
  bool status_subresource = info.subresource == "status" && resource->subresources.status;
  if (!info.subresource.empty() && !status_subresource) {
    WriteError(response, api::PathNotFoundError());
    return;
  }
  bool watch = info.legacy_watch || QueryParam(request, "watch") == "true" ||
               QueryParam(request, "watch") == "1";
  if (method == "GET") {
    if (watch) {
      status = ServeWatch(*resource, store, info, request, response, options_);
    } else if (info.name.empty()) {
      status = List(*resource, store, info, request, response);
    } else {
      status = Get(*resource, store, info, request, response);
    }
  } else if (method == "POST") {
    if (!info.name.empty() || (resource->namespaced && info.namespace_.empty())) {
      status = api::PathNotFoundError();
    } else {
      status = Create(*resource, store, info, request, response);
    }
  } else if (method == "PUT") {
    status = info.name.empty() ? api::MethodNotAllowedError("PUT requires a name")
                               : Replace(*resource, store, info, request, response);
  } else if (method == "DELETE") {
    status = info.name.empty() ? DeleteCollection(*resource, store, info, request, response)
                               : Delete(*resource, store, info, request, response);
  } else if (method == "PATCH") {
    status = api::UnsupportedMediaTypeError(request.get_header_value("Content-Type"));
  } else {
    status = api::MethodNotAllowedError(StrCat(method, " is not supported"));
  }
  if (!status.ok()) WriteError(response, status);
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
  absl::StatusOr<selectors::LabelSelector> labels =
      selectors::LabelSelector::Parse(QueryParam(request, "labelSelector"));
  if (!labels.ok()) return api::BadRequestError(std::string(labels.status().message()));
  absl::StatusOr<selectors::FieldSelector> fields =
      selectors::FieldSelector::Parse(QueryParam(request, "fieldSelector"));
  if (!fields.ok()) return api::BadRequestError(std::string(fields.status().message()));
  params.label_selector = std::move(*labels);
  params.field_selector = std::move(*fields);
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
  if (!validation.empty() && validation != "Strict" && validation != "Warn" &&
      validation != "Ignore") {
    return api::BadRequestError(
        StrCat("fieldValidation: Unsupported value: \"", validation,
               "\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
  }
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
  if (!decoded->unknown_fields.empty()) {
    std::vector<std::string> messages;
    for (const std::string& field : decoded->unknown_fields) {
      messages.push_back(StrCat("unknown field \"", field, "\""));
    }
    if (validation == "Strict") {
      return api::BadRequestError(StrCat("strict decoding error: ", StrJoin(messages, ", ")));
    }
    if (validation != "Ignore") {
      for (const std::string& message : messages) AddWarning(response, message);
    }
  }
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
      store.Create(info.namespace_, std::move(*object), WriteOptions{DryRun(request)});
  if (!created.ok()) return created.status();
  WriteObject(response, 201, **created, *format);
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
                    info.subresource == "status", WriteOptions{DryRun(request)}, &created);
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
  absl::StatusOr<ObjectPtr> deleted =
      store.Delete(info.namespace_, info.name, options, WriteOptions{DryRun(request)});
  if (!deleted.ok()) return deleted.status();
  const auto* meta = api::ObjectMetaOf(**deleted);
  if (meta->has_deletiontimestamp() && resource.strategy->HasPendingFinalizers(**deleted)) {
    // Still present until its finalizers run: 202 with the object.
    WriteObject(response, 202, **deleted, *format);
    return absl::OkStatus();
  }
  k8s::meta::v1::Status success;
  success.mutable_metadata();
  success.set_status("Success");
  auto* details = success.mutable_details();
  details->set_name(meta->name());
  if (!resource.group.empty()) details->set_group(resource.group);
  details->set_kind(resource.resource);
  details->set_uid(meta->uid());
  WriteObject(response, 200, success, *format);
  return absl::OkStatus();
}

absl::Status ResourceHandler::DeleteCollection(const ResourceInfo& resource, const Store& store,
                                               const RequestInfo& info,
                                               const httplib::Request& request,
                                               httplib::Response& response) const {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  ListParams params;
  absl::StatusOr<selectors::LabelSelector> labels =
      selectors::LabelSelector::Parse(QueryParam(request, "labelSelector"));
  if (!labels.ok()) return api::BadRequestError(std::string(labels.status().message()));
  absl::StatusOr<selectors::FieldSelector> fields =
      selectors::FieldSelector::Parse(QueryParam(request, "fieldSelector"));
  if (!fields.ok()) return api::BadRequestError(std::string(fields.status().message()));
  params.label_selector = std::move(*labels);
  params.field_selector = std::move(*fields);
  absl::StatusOr<ListResult> listed = store.List(info.namespace_, params);
  if (!listed.ok()) return listed.status();
  ObjectPtr list(resource.list_prototype->New());
  const auto* items = api::ItemsField(list->GetDescriptor());
  k8s::meta::v1::DeleteOptions options;
  for (const ObjectPtr& item : listed->items) {
    const auto* meta = api::ObjectMetaOf(*item);
    absl::StatusOr<ObjectPtr> deleted =
        store.Delete(meta->namespace_(), meta->name(), options, WriteOptions{DryRun(request)});
    if (absl::IsNotFound(deleted.status())) continue;
    if (!deleted.ok()) return deleted.status();
    list->GetReflection()->AddAllocatedMessage(list.get(), items, deleted->release());
  }
  api::MutableListMetaOf(*list)->set_resourceversion(std::to_string(listed->revision));
  WriteObject(response, 200, *list, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver
