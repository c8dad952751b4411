#include "apiserver/serviceaccount/jwt.h"

#include <optional>
#include <set>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/strings/escaping.h"
#include "apiserver/serviceaccount/jws_signature.h"
#include "apiserver/serviceaccount/status_message.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

// Reads an optional string member of the header; a non-string value is malformed.
absl::Status ReadHeaderString(const rapidjson::Value& header, const char* name,
                              std::string* out) {
  auto member = header.FindMember(name);
  if (member == header.MemberEnd()) return absl::OkStatus();
  if (!member->value.IsString()) {
    return absl::InvalidArgumentError(
        kube::StrCat("JWS header \"", std::string_view(name), "\" is not a string"));
  }
  out->assign(member->value.GetString(), member->value.GetStringLength());
  return absl::OkStatus();
}

std::string HeaderJson(const SigningKey& key) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("alg");
  std::string_view algorithm = AlgorithmName(key.algorithm());
  writer.String(algorithm.data(), static_cast<rapidjson::SizeType>(algorithm.size()));
  writer.Key("kid");
  writer.String(key.key_id().data(), static_cast<rapidjson::SizeType>(key.key_id().size()));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Joins failures as upstream's error aggregate prints them: one message alone,
// several deduplicated in brackets.
std::string AggregateMessages(const std::vector<std::string>& messages) {
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const std::string& message : messages) {
    if (seen.insert(message).second) unique.push_back(message);
  }
  if (unique.size() == 1) return unique.front();
  std::string joined = "[";
  for (size_t i = 0; i < unique.size(); ++i) {
    if (i > 0) joined += ", ";
    joined += unique[i];
  }
  return joined + "]";
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  return absl::WebSafeBase64Escape(absl::string_view(bytes.data(), bytes.size()));
}

absl::StatusOr<std::string> Base64UrlDecode(std::string_view text) {
  if (text.find('=') != std::string_view::npos) {
    return absl::InvalidArgumentError("base64url segment has padding");
  }
  std::string decoded;
  if (!absl::WebSafeBase64Unescape(absl::string_view(text.data(), text.size()), &decoded)) {
    return absl::InvalidArgumentError("segment is not base64url");
  }
  return decoded;
}

absl::StatusOr<CompactJws> ParseCompactJws(std::string_view token) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = token.find('.', start);
    parts.push_back(token.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 3) {
    return absl::InvalidArgumentError("compact JWS format must have three parts");
  }
  absl::StatusOr<std::string> header = Base64UrlDecode(parts[0]);
  if (!header.ok()) {
    return absl::InvalidArgumentError(
        kube::StrCat("JWS header: ", MessageOf(header.status())));
  }
  absl::StatusOr<std::string> payload = Base64UrlDecode(parts[1]);
  if (!payload.ok()) {
    return absl::InvalidArgumentError(
        kube::StrCat("JWS payload: ", MessageOf(payload.status())));
  }
  absl::StatusOr<std::string> signature = Base64UrlDecode(parts[2]);
  if (!signature.ok()) {
    return absl::InvalidArgumentError(
        kube::StrCat("JWS signature: ", MessageOf(signature.status())));
  }

  rapidjson::Document document;
  document.Parse(header->data(), header->size());
  if (document.HasParseError() || !document.IsObject()) {
    return absl::InvalidArgumentError("JWS header is not a JSON object");
  }
  CompactJws jws;
  if (absl::Status status = ReadHeaderString(document, "alg", &jws.algorithm); !status.ok()) {
    return status;
  }
  if (absl::Status status = ReadHeaderString(document, "kid", &jws.key_id); !status.ok()) {
    return status;
  }
  jws.has_critical = document.HasMember("crit");
  jws.payload = *std::move(payload);
  jws.signature = *std::move(signature);
  jws.signing_input = std::string(token.substr(0, parts[0].size() + 1 + parts[1].size()));
  return jws;
}

absl::StatusOr<std::string> SignCompactJws(const SigningKey& key, std::string_view payload) {
  std::string signing_input =
      kube::StrCat(Base64UrlEncode(HeaderJson(key)), ".", Base64UrlEncode(payload));
  absl::StatusOr<std::string> signature = SignJwsInput(key, signing_input);
  if (!signature.ok()) return signature.status();
  return kube::StrCat(signing_input, ".", Base64UrlEncode(*signature));
}

absl::Status VerifyCompactJws(const CompactJws& jws, const PublicKey& key) {
  std::optional<SigningAlgorithm> algorithm = AlgorithmFromName(jws.algorithm);
  if (!algorithm) {
    return absl::InvalidArgumentError(
        kube::StrCat("unsupported JWS algorithm \"", jws.algorithm, "\""));
  }
  if (jws.has_critical) {
    return absl::InvalidArgumentError("unsupported critical JWS header");
  }
  return VerifyJwsSignature(key, *algorithm, jws.signing_input, jws.signature);
}

absl::StatusOr<const PublicKey*> VerifyWithKeySet(const CompactJws& jws,
                                                  const PublicKeySet& keys) {
  std::vector<const PublicKey*> candidates = keys.CandidatesFor(jws.key_id);
  if (candidates.empty()) {
    return absl::UnauthenticatedError("invalid signature, no keys found");
  }
  std::vector<std::string> failures;
  for (const PublicKey* key : candidates) {
    absl::Status verified = VerifyCompactJws(jws, *key);
    if (verified.ok()) return key;
    failures.emplace_back(verified.message());
  }
  return absl::UnauthenticatedError(AggregateMessages(failures));
}

}  // namespace kube::serviceaccount
