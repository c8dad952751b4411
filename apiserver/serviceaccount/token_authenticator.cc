#include "apiserver/serviceaccount/token_authenticator.h"

#include <algorithm>

#include <rapidjson/document.h>

#include "absl/strings/ascii.h"
#include "apiserver/serviceaccount/claims.h"
#include "apiserver/serviceaccount/claims_validation.h"
#include "apiserver/serviceaccount/jwt.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The unverified "iss" of a compact JWT, or nothing when the token is not one (upstream's
// hasCorrectIssuer: three segments, a base64url payload that is a JSON object whose
// "iss", if any, is a string).
std::optional<std::string> UnverifiedIssuer(std::string_view token) {
  absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(
      absl::string_view(token.data(), token.size()));
  if (!trimmed.empty() && trimmed.front() == '{') return std::nullopt;
  size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  absl::StatusOr<std::string> payload = Base64UrlDecode(token.substr(first + 1, second - first - 1));
  if (!payload.ok()) return std::nullopt;
  rapidjson::Document document;
  document.Parse(payload->data(), payload->size());
  if (document.HasParseError()) return std::nullopt;
  if (document.IsNull()) return std::string();
  if (!document.IsObject()) return std::nullopt;
  auto issuer = document.FindMember("iss");
  if (issuer == document.MemberEnd() || issuer->value.IsNull()) return std::string();
  if (!issuer->value.IsString()) return std::nullopt;
  return std::string(issuer->value.GetString(), issuer->value.GetStringLength());
}

// A string list as Go's %q prints it: ["a" "b"].
std::string QuotedList(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += " ";
    out += kube::StrCat("\"", values[i], "\"");
  }
  return out + "]";
}

}  // namespace

TokenAuthenticator::TokenAuthenticator(TokenAuthenticatorConfig config,
                                       std::shared_ptr<const PublicKeySet> keys,
                                       const ServiceAccountLookup& lookup)
    : config_(std::move(config)), keys_(std::move(keys)), lookup_(lookup) {}

absl::StatusOr<std::optional<auth::UserInfo>> TokenAuthenticator::Authenticate(
    std::string_view token, absl::Time now, std::vector<std::string>* audiences_matched) const {
  absl::StatusOr<std::optional<TokenAuthentication>> result =
      AuthenticateForAudiences(token, nullptr, now);
  if (!result.ok()) return result.status();
  if (!result->has_value()) return std::nullopt;
  if (audiences_matched != nullptr) *audiences_matched = (*result)->audiences;
  return std::move((*result)->user);
}

absl::StatusOr<std::optional<TokenAuthentication>> TokenAuthenticator::AuthenticateForAudiences(
    std::string_view token, const std::vector<std::string>* requested_audiences,
    absl::Time now) const {
  std::optional<std::string> issuer = UnverifiedIssuer(token);
  if (!issuer) return std::nullopt;
  bool legacy = config_.accept_legacy_tokens && *issuer == kLegacyIssuer;
  bool bound = Contains(config_.issuers, *issuer);
  if (!legacy && !bound) return std::nullopt;
  // A token that cannot be taken apart is left to other authenticators, as upstream.
  absl::StatusOr<CompactJws> jws = ParseCompactJws(token);
  if (!jws.ok()) return std::nullopt;

  const std::vector<std::string>& requested =
      requested_audiences != nullptr ? *requested_audiences : config_.api_audiences;
  // Upstream runs the legacy and the TokenRequest authenticators one after the other;
  // an issuer both accept gets both tries.
  std::vector<std::string> failures;
  for (TokenKind kind : {TokenKind::kLegacy, TokenKind::kBound}) {
    if (kind == TokenKind::kLegacy ? !legacy : !bound) continue;
    absl::StatusOr<TokenAuthentication> result = Check(token, *jws, kind, requested, now);
    if (result.ok()) return *std::move(result);
    failures.emplace_back(result.status().message());
  }
  if (failures.size() == 1) return absl::UnauthenticatedError(failures.front());
  return absl::UnauthenticatedError(kube::StrCat("[", failures[0], ", ", failures[1], "]"));
}

absl::StatusOr<TokenAuthentication> TokenAuthenticator::Check(
    std::string_view token, const CompactJws& jws, TokenKind kind,
    const std::vector<std::string>& requested, absl::Time now) const {
  absl::StatusOr<const PublicKey*> key = VerifyWithKeySet(jws, *keys_);
  if (!key.ok()) return absl::UnauthenticatedError(key.status().message());
  absl::StatusOr<ParsedClaims> claims = ParseClaims(jws.payload);
  if (!claims.ok()) return absl::UnauthenticatedError(claims.status().message());

  TokenAuthentication authentication;
  // Tokens without an audience (legacy ones) count as meant for the apiserver.
  std::vector<std::string> token_audiences = claims->audiences;
  if (token_audiences.empty()) {
    authentication.audit_annotations.emplace_back(kLegacyTokenAnnotation, claims->subject);
    token_audiences = config_.api_audiences;
  }
  for (const std::string& audience : token_audiences) {
    if (Contains(requested, audience)) authentication.audiences.push_back(audience);
  }
  if (authentication.audiences.empty() && !config_.api_audiences.empty()) {
    return absl::UnauthenticatedError(kube::StrCat("token audiences ", QuotedList(token_audiences),
                                                   " is invalid for the target audiences ",
                                                   QuotedList(requested)));
  }

  absl::StatusOr<ValidatedToken> validated =
      kind == TokenKind::kBound
          ? ValidateBoundToken(*claims, lookup_, now)
          : ValidateLegacyToken(*claims, token, config_.legacy_lookup ? &lookup_ : nullptr);
  if (!validated.ok()) return validated.status();
  authentication.user = validated->service_account.ToUserInfo();
  for (auto& annotation : validated->audit_annotations) {
    authentication.audit_annotations.push_back(std::move(annotation));
  }
  return authentication;
}

}  // namespace kube::serviceaccount
