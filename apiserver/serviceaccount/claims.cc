#include "apiserver/serviceaccount/claims.h"

#include <cmath>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "apiserver/serviceaccount/service_account_user.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr char kLegacyNamespaceKey[] = "kubernetes.io/serviceaccount/namespace";
constexpr char kLegacySecretNameKey[] = "kubernetes.io/serviceaccount/secret.name";
constexpr char kLegacyServiceAccountNameKey[] = "kubernetes.io/serviceaccount/service-account.name";
constexpr char kLegacyServiceAccountUidKey[] = "kubernetes.io/serviceaccount/service-account.uid";

void WriteString(JsonWriter& writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// A {"name","uid"} reference; either member is left out when empty (omitempty).
void WriteRef(JsonWriter& writer, const char* key, const BoundObject& ref) {
  writer.Key(key);
  writer.StartObject();
  if (!ref.name.empty()) {
    writer.Key("name");
    WriteString(writer, ref.name);
  }
  if (!ref.uid.empty()) {
    writer.Key("uid");
    WriteString(writer, ref.uid);
  }
  writer.EndObject();
}

absl::Status WrongType(std::string_view claim, std::string_view want) {
  return absl::InvalidArgumentError(
      kube::StrCat("claim \"", claim, "\" is not ", want));
}

const rapidjson::Value* Member(const rapidjson::Value& object, const char* key) {
  auto member = object.FindMember(key);
  if (member == object.MemberEnd() || member->value.IsNull()) return nullptr;
  return &member->value;
}

absl::Status ReadString(const rapidjson::Value& object, const char* key, std::string* out) {
  const rapidjson::Value* value = Member(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (!value->IsString()) return WrongType(key, "a string");
  out->assign(value->GetString(), value->GetStringLength());
  return absl::OkStatus();
}

// A NumericDate: seconds since the epoch, fractions dropped as go-jose drops them.
absl::Status ReadNumericDate(const rapidjson::Value& object, const char* key,
                             std::optional<int64_t>* out) {
  const rapidjson::Value* value = Member(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (value->IsInt64()) {
    *out = value->GetInt64();
    return absl::OkStatus();
  }
  if (value->IsNumber()) {
    double seconds = value->GetDouble();
    if (!std::isfinite(seconds) || std::fabs(seconds) >= 4.6e18) {
      return WrongType(key, "a representable date");
    }
    *out = static_cast<int64_t>(seconds);
    return absl::OkStatus();
  }
  return WrongType(key, "a number");
}

absl::Status ReadAudience(const rapidjson::Value& object, std::vector<std::string>* out) {
  const rapidjson::Value* value = Member(object, "aud");
  if (value == nullptr) return absl::OkStatus();
  if (value->IsString()) {
    out->emplace_back(value->GetString(), value->GetStringLength());
    return absl::OkStatus();
  }
  if (!value->IsArray()) return WrongType("aud", "a string or an array of strings");
  for (const rapidjson::Value& item : value->GetArray()) {
    if (!item.IsString()) return WrongType("aud", "a string or an array of strings");
    out->emplace_back(item.GetString(), item.GetStringLength());
  }
  return absl::OkStatus();
}

absl::Status ReadRef(const rapidjson::Value& object, const char* key,
                     std::optional<BoundObject>* out) {
  const rapidjson::Value* value = Member(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (!value->IsObject()) return WrongType(kube::StrCat("kubernetes.io.", key), "an object");
  BoundObject ref;
  if (absl::Status status = ReadString(*value, "name", &ref.name); !status.ok()) return status;
  if (absl::Status status = ReadString(*value, "uid", &ref.uid); !status.ok()) return status;
  *out = std::move(ref);
  return absl::OkStatus();
}

absl::Status ReadPrivateClaims(const rapidjson::Value& object, ParsedClaims* claims) {
  const rapidjson::Value* kubernetes = Member(object, "kubernetes.io");
  if (kubernetes == nullptr) return absl::OkStatus();
  if (!kubernetes->IsObject()) return WrongType("kubernetes.io", "an object");
  std::optional<BoundObject> service_account;
  for (absl::Status status :
       {ReadString(*kubernetes, "namespace", &claims->namespace_name),
        ReadRef(*kubernetes, "serviceaccount", &service_account),
        ReadRef(*kubernetes, "pod", &claims->pod), ReadRef(*kubernetes, "secret", &claims->secret),
        ReadRef(*kubernetes, "node", &claims->node),
        ReadNumericDate(*kubernetes, "warnafter", &claims->warn_after)}) {
    if (!status.ok()) return status;
  }
  if (service_account) claims->service_account = *std::move(service_account);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> EncodeTokenRequestClaims(const TokenRequestClaims& claims) {
  if (claims.secret && (claims.pod || claims.node)) {
    return absl::InternalError("internal error, token can only be bound to one object type");
  }
  int64_t issued_at = absl::ToUnixSeconds(claims.issued_at);
  int64_t expiry = absl::ToUnixSeconds(claims.issued_at + claims.expiration);

  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  if (!claims.audiences.empty()) {
    writer.Key("aud");
    writer.StartArray();
    for (const std::string& audience : claims.audiences) WriteString(writer, audience);
    writer.EndArray();
  }
  writer.Key("exp");
  writer.Int64(expiry);
  writer.Key("iat");
  writer.Int64(issued_at);
  if (!claims.issuer.empty()) {
    writer.Key("iss");
    WriteString(writer, claims.issuer);
  }
  if (!claims.jti.empty()) {
    writer.Key("jti");
    WriteString(writer, claims.jti);
  }
  writer.Key("kubernetes.io");
  writer.StartObject();
  if (!claims.namespace_name.empty()) {
    writer.Key("namespace");
    WriteString(writer, claims.namespace_name);
  }
  if (claims.node) WriteRef(writer, "node", *claims.node);
  if (claims.pod) WriteRef(writer, "pod", *claims.pod);
  if (claims.secret) WriteRef(writer, "secret", *claims.secret);
  WriteRef(writer, "serviceaccount",
           BoundObject{claims.service_account_name, claims.service_account_uid});
  if (claims.warn_after) {
    writer.Key("warnafter");
    writer.Int64(absl::ToUnixSeconds(*claims.warn_after));
  }
  writer.EndObject();
  writer.Key("nbf");
  writer.Int64(issued_at);
  writer.Key("sub");
  WriteString(writer, MakeUsername(claims.namespace_name, claims.service_account_name));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string EncodeLegacyClaims(const LegacyTokenClaims& claims) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("iss");
  WriteString(writer, kLegacyIssuer);
  writer.Key(kLegacyNamespaceKey);
  WriteString(writer, claims.namespace_name);
  writer.Key(kLegacySecretNameKey);
  WriteString(writer, claims.secret_name);
  writer.Key(kLegacyServiceAccountNameKey);
  WriteString(writer, claims.service_account_name);
  writer.Key(kLegacyServiceAccountUidKey);
  WriteString(writer, claims.service_account_uid);
  writer.Key("sub");
  WriteString(writer, MakeUsername(claims.namespace_name, claims.service_account_name));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

absl::StatusOr<ParsedClaims> ParseClaims(std::string_view payload_json) {
  rapidjson::Document document;
  document.Parse(payload_json.data(), payload_json.size());
  if (document.HasParseError() || !document.IsObject()) {
    return absl::InvalidArgumentError("token payload is not a JSON object");
  }
  ParsedClaims claims;
  for (absl::Status status :
       {ReadString(document, "iss", &claims.issuer), ReadString(document, "sub", &claims.subject),
        ReadAudience(document, &claims.audiences),
        ReadNumericDate(document, "exp", &claims.expiry),
        ReadNumericDate(document, "nbf", &claims.not_before),
        ReadNumericDate(document, "iat", &claims.issued_at),
        ReadString(document, "jti", &claims.jti), ReadPrivateClaims(document, &claims),
        ReadString(document, kLegacyNamespaceKey, &claims.legacy.namespace_name),
        ReadString(document, kLegacySecretNameKey, &claims.legacy.secret_name),
        ReadString(document, kLegacyServiceAccountNameKey, &claims.legacy.service_account_name),
        ReadString(document, kLegacyServiceAccountUidKey, &claims.legacy.service_account_uid)}) {
    if (!status.ok()) return status;
  }
  return claims;
}

}  // namespace kube::serviceaccount
