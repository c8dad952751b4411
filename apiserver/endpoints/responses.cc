#include "apiserver/endpoints/responses.h"

#include "common/api/errors.h"
#include "common/api/scheme.h"
#include "common/codec/json_encode.h"
#include "common/codec/envelope.h"
#include "common/codec/yaml.h"
#include "common/util/strings.h"

namespace kube::apiserver {

std::string EncodeObject(const google::protobuf::Message& object, OutputFormat format) {
  if (format == OutputFormat::kProtobuf) {
    auto kind = api::Scheme::BuiltIn().KindOf(object.GetDescriptor());
    return codec::EncodeProtobufEnvelope(kind ? kind->ApiVersion() : "",
                                         kind ? kind->kind : object.GetDescriptor()->name(),
                                         object);
  }
  std::string json = codec::EncodeJson(object);
  if (format == OutputFormat::kYaml) {
    absl::StatusOr<std::string> yaml = codec::JsonToYaml(json);
    if (yaml.ok()) return *yaml;
  }
  return json;
}

void WriteObject(httplib::Response& response, int http_code,
                 const google::protobuf::Message& object, OutputFormat format) {
  if (format != OutputFormat::kJson && format != OutputFormat::kYaml &&
      format != OutputFormat::kProtobuf) {
    format = OutputFormat::kJson;
  }
  response.status = http_code;
  response.set_content(EncodeObject(object, format), std::string(ContentTypeOf(format)));
}

void WriteError(httplib::Response& response, const absl::Status& status) {
  k8s::meta::v1::Status api_status = api::ToApiStatus(status);
  response.status = api_status.code() == 0 ? 500 : api_status.code();
  response.set_content(codec::EncodeJson(api_status), "application/json");
}

void AddWarning(httplib::Response& response, const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  response.headers.emplace("Warning", StrCat("299 - \"", escaped, "\""));
}

}  // namespace kube::apiserver
