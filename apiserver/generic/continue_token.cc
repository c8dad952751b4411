#include "apiserver/generic/continue_token.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/strings/escaping.h"
#include "common/util/strings.h"
#include "common/api/errors.h"

namespace kube::apiserver {

std::string EncodeContinueToken(const ContinueToken& token) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("v");
  writer.String("meta.k8s.io/v1");
  writer.Key("rv");
  writer.Int64(token.revision);
  writer.Key("start");
  writer.String(token.start_key.data(), static_cast<rapidjson::SizeType>(token.start_key.size()));
  writer.EndObject();
  return absl::WebSafeBase64Escape(std::string(buffer.GetString(), buffer.GetSize()));
}

absl::StatusOr<ContinueToken> DecodeContinueToken(const std::string& text) {
  std::string json;
  auto invalid = [](std::string_view why) {
    return api::BadRequestError(StrCat("continue key is not valid: ", why));
  };
  if (!absl::WebSafeBase64Unescape(text, &json)) return invalid("not base64");
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) return invalid("not a JSON object");
  auto version = document.FindMember("v");
  auto revision = document.FindMember("rv");
  auto start = document.FindMember("start");
  if (version == document.MemberEnd() || !version->value.IsString() ||
      std::string_view(version->value.GetString()) != "meta.k8s.io/v1") {
    return invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
  if (revision == document.MemberEnd() || !revision->value.IsInt64() ||
      revision->value.GetInt64() <= 0) {
    return invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
  if (start == document.MemberEnd() || !start->value.IsString()) {
    return invalid("encoded start key missing");
  }
  std::string start_key(start->value.GetString(), start->value.GetStringLength());
  if (start_key.find("..") != std::string::npos || (!start_key.empty() && start_key[0] == '/')) {
    return invalid("continue key may not contain a relative path");
  }
  return ContinueToken{revision->value.GetInt64(), std::move(start_key)};
}

}  // namespace kube::apiserver
