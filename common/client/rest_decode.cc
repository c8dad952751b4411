#include "common/client/rest_decode.h"

#include "common/api/errors.h"
#include "common/api/scheme.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_text.h"
#include "common/util/strings.h"
#include "k8s/meta/v1/meta.pb.h"
#include "rapidjson/document.h"

namespace kube::client::internal {
namespace {

std::string_view StringMember(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

// The reason upstream gives a bare HTTP code (k8s.io/apimachinery errors.go).
std::string_view ReasonForCode(long code) {
  switch (code) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 405: return "MethodNotAllowed";
    case 406: return "NotAcceptable";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "RequestEntityTooLarge";
    case 415: return "UnsupportedMediaType";
    case 422: return "Invalid";
    case 429: return "TooManyRequests";
    case 500: return "InternalError";
    case 503: return "ServiceUnavailable";
    case 504: return "Timeout";
    default: return "Unknown";
  }
}

absl::Status Malformed(std::string_view what, const absl::Status& status) {
  return absl::InternalError(StrCat("malformed ", what, " from the server: ", status.message()));
}

}  // namespace

bool IsStatus(const google::protobuf::Message& object) {
  return object.GetDescriptor() == k8s::meta::v1::Status::descriptor();
}

absl::Status ErrorFromResponse(long http_code, std::string_view body) {
  rapidjson::Document doc;
  if (codec::ParseJson(body, doc).ok() && StringMember(doc, "kind") == "Status") {
    k8s::meta::v1::Status status;
    if (codec::DecodeJsonValue(doc, status).ok()) {
      if (status.code() == 0) status.set_code(static_cast<int32_t>(http_code));
      // A Status that claims success on an error code is still an error.
      if (status.status() != "Failure") status.set_status("Failure");
      return api::FromApiStatus(status);
    }
  }
  k8s::meta::v1::Status status;
  status.set_status("Failure");
  status.set_code(static_cast<int32_t>(http_code));
  status.set_reason(std::string(ReasonForCode(http_code)));
  constexpr size_t kMaxMessage = 512;
  std::string_view text = body.substr(0, kMaxMessage);
  status.set_message(text.empty() ? StrCat("the server responded with HTTP ", http_code)
                                  : std::string(text));
  return api::FromApiStatus(status);
}

absl::StatusOr<ObjectPtr> DecodeObject(std::string_view body,
                                       const google::protobuf::Message& fallback) {
  rapidjson::Document doc;
  if (absl::Status status = codec::ParseJson(body, doc); !status.ok()) {
    return Malformed("object", status);
  }
  const google::protobuf::Message* prototype = api::Scheme::BuiltIn().Prototype(
      StringMember(doc, "apiVersion"), StringMember(doc, "kind"));
  if (prototype == nullptr) prototype = &fallback;
  ObjectPtr object(prototype->New());
  if (absl::Status status = codec::DecodeJsonValue(doc, *object); !status.ok()) {
    return Malformed("object", status);
  }
  return object;
}

absl::StatusOr<ListResult> DecodeList(std::string_view body, const Resource& resource) {
  rapidjson::Document doc;
  if (absl::Status status = codec::ParseJson(body, doc); !status.ok()) {
    return Malformed("list", status);
  }
  if (!doc.IsObject()) return absl::InternalError("malformed list from the server: not an object");
  ListResult result;
  if (auto meta = doc.FindMember("metadata"); meta != doc.MemberEnd()) {
    k8s::meta::v1::ListMeta list_meta;
    if (absl::Status status = codec::DecodeJsonValue(meta->value, list_meta); !status.ok()) {
      return Malformed("list metadata", status);
    }
    result.resource_version = list_meta.resourceversion();
    result.continue_token = list_meta.continue_();
  }
  auto items = doc.FindMember("items");
  if (items == doc.MemberEnd() || items->value.IsNull()) return result;
  if (!items->value.IsArray()) {
    return absl::InternalError("malformed list from the server: items is not an array");
  }
  result.items.reserve(items->value.Size());
  for (const rapidjson::Value& item : items->value.GetArray()) {
    ObjectPtr object(resource.prototype->New());
    if (absl::Status status = codec::DecodeJsonValue(item, *object); !status.ok()) {
      return Malformed("list item", status);
    }
    result.items.push_back(std::move(object));
  }
  return result;
}

absl::StatusOr<WatchEvent> DecodeWatchEvent(std::string_view line, const Resource& resource) {
  rapidjson::Document doc;
  if (absl::Status status = codec::ParseJson(line, doc); !status.ok()) {
    return Malformed("watch event", status);
  }
  WatchEvent event;
  event.type = std::string(StringMember(doc, "type"));
  if (event.type.empty()) return absl::InternalError("malformed watch event: no type");
  auto object = doc.FindMember("object");
  if (object == doc.MemberEnd() || !object->value.IsObject()) {
    return absl::InternalError(StrCat("malformed ", event.type, " watch event: no object"));
  }
  if (event.type == "ERROR") {
    event.object = std::make_unique<k8s::meta::v1::Status>();
  } else {
    event.object.reset(resource.prototype->New());
  }
  if (absl::Status status = codec::DecodeJsonValue(object->value, *event.object); !status.ok()) {
    return Malformed("watch event", status);
  }
  return event;
}

}  // namespace kube::client::internal
