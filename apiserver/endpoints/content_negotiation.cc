#include "apiserver/endpoints/content_negotiation.h"

#include <algorithm>
#include <map>

#include <rapidjson/document.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/envelope.h"
#include "common/codec/yaml.h"
#include "common/codec/zero_values.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

constexpr std::string_view kProtobufType = "application/vnd.kubernetes.protobuf";

struct MediaRange {
  std::string type;  // "application/json", "*/*"
  std::map<std::string, std::string> params;
  double quality = 1.0;
};

std::string Trim(std::string_view text) {
  return std::string(absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size())));
}

std::vector<MediaRange> ParseAccept(std::string_view accept) {
  std::vector<MediaRange> ranges;
  for (absl::string_view item : absl::StrSplit(absl::string_view(accept.data(), accept.size()), ',')) {
    std::vector<absl::string_view> pieces = absl::StrSplit(item, ';');
    MediaRange range;
    range.type = absl::AsciiStrToLower(Trim(std::string_view(pieces[0].data(), pieces[0].size())));
    if (range.type.empty()) continue;
    for (size_t i = 1; i < pieces.size(); ++i) {
      std::string piece = Trim(std::string_view(pieces[i].data(), pieces[i].size()));
      size_t equals = piece.find('=');
      if (equals == std::string::npos) continue;
      std::string key = absl::AsciiStrToLower(piece.substr(0, equals));
      std::string value = piece.substr(equals + 1);
      if (key == "q") {
        range.quality = std::atof(value.c_str());
      } else {
        range.params[key] = value;
      }
    }
    ranges.push_back(std::move(range));
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const MediaRange& a, const MediaRange& b) { return a.quality > b.quality; });
  return ranges;
}

bool AcceptsJson(const MediaRange& range) {
  return range.type == "application/json" || range.type == "*/*" ||
         range.type == "application/*";
}

}  // namespace

std::string BaseMediaType(std::string_view content_type) {
  std::string base(content_type.substr(0, content_type.find(';')));
  return absl::AsciiStrToLower(Trim(base));
}

absl::StatusOr<OutputFormat> NegotiateOutput(std::string_view accept) {
  if (Trim(accept).empty()) return OutputFormat::kJson;
  std::vector<MediaRange> ranges = ParseAccept(accept);
  bool protobuf_acceptable = false;
  for (const MediaRange& range : ranges) {
    if (range.quality <= 0) continue;
    auto as = range.params.find("as");
    if (as != range.params.end()) {
      // Only JSON renderings of meta.k8s.io kinds are served.
      auto group = range.params.find("g");
      if (range.type != "application/json" || group == range.params.end() ||
          group->second != "meta.k8s.io") {
        continue;
      }
      if (as->second == "Table") return OutputFormat::kTable;
      if (as->second == "PartialObjectMetadata" || as->second == "PartialObjectMetadataList") {
        return OutputFormat::kPartialMeta;
      }
      continue;
    }
    if (AcceptsJson(range)) return OutputFormat::kJson;
    if (range.type == "application/yaml") return OutputFormat::kYaml;
    if (range.type == kProtobufType) protobuf_acceptable = true;
  }
  if (protobuf_acceptable) return OutputFormat::kProtobuf;
  return api::NotAcceptableError(
      StrCat("only the following media types are accepted: application/json, application/yaml, "
             "application/vnd.kubernetes.protobuf, application/json;as=Table;v=v1;g=meta.k8s.io "
             "(requested ", accept, ")"));
}

std::string_view ContentTypeOf(OutputFormat format) {
  switch (format) {
    case OutputFormat::kYaml: return "application/yaml";
    case OutputFormat::kProtobuf: return kProtobufType;
    default: return "application/json";
  }
}

absl::StatusOr<DecodedBody> DecodeBody(std::string_view content_type, std::string_view body,
                                       const google::protobuf::Message& prototype) {
  std::string media_type = BaseMediaType(content_type);
  DecodedBody decoded;
  decoded.object.reset(prototype.New());
  if (body.empty()) return api::BadRequestError("the request body is empty");

  // Custom resources have no protobuf form upstream.
  if (media_type == kProtobufType && !api::IsCustomResource(prototype)) {
    absl::StatusOr<codec::ProtobufEnvelope> envelope = codec::DecodeProtobufEnvelope(body);
    if (!envelope.ok()) {
      return api::BadRequestError(StrCat("invalid protobuf body: ", envelope.status().message()));
    }
    if (!decoded.object->ParseFromString(envelope->raw)) {
      return api::BadRequestError(StrCat("invalid protobuf body: the object does not decode as ",
                                         prototype.GetDescriptor()->name()));
    }
    codec::ClearZeroValues(*decoded.object);
    decoded.api_version = envelope->api_version;
    decoded.kind = envelope->kind;
    return decoded;
  }

  std::string json;
  if (media_type.empty() || media_type == "application/json") {
    json.assign(body);
  } else if (media_type == "application/yaml") {
    absl::StatusOr<std::vector<std::string>> documents = codec::YamlToJson(body);
    if (!documents.ok()) {
      return api::BadRequestError(StrCat("invalid YAML body: ", documents.status().message()));
    }
    if (documents->size() != 1) {
      return api::BadRequestError("the YAML body must hold exactly one document");
    }
    json = std::move((*documents)[0]);
  } else {  // protobuf for a custom resource too
    return api::UnsupportedMediaTypeError(content_type);
  }

  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) {
    return api::BadRequestError(
        StrCat("the request body is not valid JSON (at offset ", document.GetErrorOffset(), ")"));
  }
  if (!document.IsObject()) {
    return api::BadRequestError("the request body must be a JSON object");
  }
  if (auto member = document.FindMember("apiVersion");
      member != document.MemberEnd() && member->value.IsString()) {
    decoded.api_version = member->value.GetString();
  }
  if (auto member = document.FindMember("kind");
      member != document.MemberEnd() && member->value.IsString()) {
    decoded.kind = member->value.GetString();
  }
  absl::Status status =
      codec::DecodeJsonValue(document, *decoded.object, &decoded.unknown_fields);
  if (!status.ok()) return api::BadRequestError(std::string(status.message()));
  return decoded;
}

}  // namespace kube::apiserver
