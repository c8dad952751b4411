#include "apiserver/serviceaccount/oidc_discovery.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>

#include <set>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/strings/ascii.h"
#include "apiserver/serviceaccount/jwt.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

using DiscoveryWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteText(DiscoveryWriter& writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteMember(DiscoveryWriter& writer, const char* key, std::string_view value) {
  writer.Key(key);
  WriteText(writer, value);
}

// A big number of the key as base64url: minimal big-endian bytes, or padded to
// `width` bytes when width is not zero.
absl::StatusOr<std::string> KeyNumber(const PublicKey& key, const char* param, size_t width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key.evp_pkey(), param, &raw) != 1) {
    return OpenSslError(absl::StatusCode::kInternal,
                        kube::StrCat("cannot read key parameter ", std::string_view(param)));
  }
  BnPtr number(raw);
  size_t size = width != 0 ? width : static_cast<size_t>(BN_num_bytes(number.get()));
  std::string bytes(size, '\0');
  if (BN_bn2binpad(number.get(), reinterpret_cast<unsigned char*>(bytes.data()),
                   static_cast<int>(size)) < 0) {
    return absl::InternalError("key parameter too large");
  }
  return Base64UrlEncode(bytes);
}

struct CurveInfo {
  const char* name;
  size_t coordinate_size;
};

CurveInfo CurveFor(SigningAlgorithm algorithm) {
  switch (algorithm) {
    case SigningAlgorithm::kES256: return {"P-256", 32};
    case SigningAlgorithm::kES384: return {"P-384", 48};
    case SigningAlgorithm::kES512: return {"P-521", 66};
    case SigningAlgorithm::kRS256: break;
  }
  return {"", 0};
}

absl::Status WriteJwk(DiscoveryWriter& writer, const PublicKey& key) {
  std::string_view algorithm = AlgorithmName(key.algorithm());
  writer.StartObject();
  WriteMember(writer, "use", "sig");
  if (key.algorithm() == SigningAlgorithm::kRS256) {
    absl::StatusOr<std::string> modulus = KeyNumber(key, OSSL_PKEY_PARAM_RSA_N, 0);
    absl::StatusOr<std::string> exponent = KeyNumber(key, OSSL_PKEY_PARAM_RSA_E, 0);
    if (!modulus.ok()) return modulus.status();
    if (!exponent.ok()) return exponent.status();
    WriteMember(writer, "kty", "RSA");
    WriteMember(writer, "kid", key.key_id());
    WriteMember(writer, "alg", algorithm);
    WriteMember(writer, "n", *modulus);
    WriteMember(writer, "e", *exponent);
  } else {
    CurveInfo curve = CurveFor(key.algorithm());
    absl::StatusOr<std::string> x = KeyNumber(key, OSSL_PKEY_PARAM_EC_PUB_X, curve.coordinate_size);
    absl::StatusOr<std::string> y = KeyNumber(key, OSSL_PKEY_PARAM_EC_PUB_Y, curve.coordinate_size);
    if (!x.ok()) return x.status();
    if (!y.ok()) return y.status();
    WriteMember(writer, "kty", "EC");
    WriteMember(writer, "kid", key.key_id());
    WriteMember(writer, "crv", curve.name);
    WriteMember(writer, "alg", algorithm);
    WriteMember(writer, "x", *x);
    WriteMember(writer, "y", *y);
  }
  writer.EndObject();
  return absl::OkStatus();
}

// The scheme (lower-cased, as Go's url.Parse) and whether a query or fragment follows.
struct UrlParts {
  std::string scheme;
  bool has_query = false;
  bool has_fragment = false;
};

UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  size_t colon = url.find(':');
  if (colon != std::string_view::npos && colon > 0 &&
      url.substr(0, colon).find_first_of("/?#") == std::string_view::npos) {
    parts.scheme = absl::AsciiStrToLower(absl::string_view(url.data(), colon));
  }
  size_t fragment = url.find('#');
  std::string_view before_fragment = url.substr(0, fragment);
  parts.has_fragment = fragment != std::string_view::npos && fragment + 1 < url.size();
  size_t query = before_fragment.find('?');
  parts.has_query = query != std::string_view::npos && query + 1 < before_fragment.size();
  return parts;
}

}  // namespace

std::string OpenIdConfigurationJson(std::string_view issuer_url, std::string_view jwks_uri,
                                    const PublicKeySet& keys) {
  std::set<std::string> algorithms;
  for (const PublicKey& key : keys.keys()) {
    algorithms.insert(std::string(AlgorithmName(key.algorithm())));
  }
  rapidjson::StringBuffer buffer;
  DiscoveryWriter writer(buffer);
  writer.StartObject();
  WriteMember(writer, "issuer", issuer_url);
  WriteMember(writer, "jwks_uri", jwks_uri);
  writer.Key("response_types_supported");
  writer.StartArray();
  WriteText(writer, "id_token");  // Kubernetes issues only ID tokens
  writer.EndArray();
  writer.Key("subject_types_supported");
  writer.StartArray();
  WriteText(writer, "public");
  writer.EndArray();
  writer.Key("id_token_signing_alg_values_supported");
  writer.StartArray();
  for (const std::string& algorithm : algorithms) WriteText(writer, algorithm);
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

absl::StatusOr<std::string> JwksJson(const PublicKeySet& keys) {
  rapidjson::StringBuffer buffer;
  DiscoveryWriter writer(buffer);
  writer.StartObject();
  writer.Key("keys");
  writer.StartArray();
  for (const PublicKey& key : keys.keys()) {
    if (absl::Status written = WriteJwk(writer, key); !written.ok()) return written;
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

absl::StatusOr<OidcDiscovery> OidcDiscovery::Create(std::string_view issuer_url,
                                                    std::string_view jwks_uri,
                                                    std::string_view external_address,
                                                    const PublicKeySet& keys) {
  if (issuer_url.empty()) return absl::InvalidArgumentError("empty issuer URL");
  if (jwks_uri.empty() && external_address.empty()) {
    return absl::InvalidArgumentError(
        "either the JWKS URI or the default external address, or both, must be set");
  }
  UrlParts issuer = SplitUrl(issuer_url);
  if (issuer.scheme != "https") {
    return absl::InvalidArgumentError(
        kube::StrCat("issuer URL must use https scheme, got: ", issuer_url));
  }
  if (issuer.has_query) {
    return absl::InvalidArgumentError(
        kube::StrCat("issuer URL may not include a query, got: ", issuer_url));
  }
  if (issuer.has_fragment) {
    return absl::InvalidArgumentError(
        kube::StrCat("issuer URL may not include a fragment, got: ", issuer_url));
  }
  std::string uri(jwks_uri);
  if (uri.empty()) {
    if (external_address.find_first_of("/?#") != std::string_view::npos) {
      return absl::InvalidArgumentError(kube::StrCat(
          "attempted to build jwks_uri from external address ", external_address,
          ", but could not construct a valid URL"));
    }
    uri = kube::StrCat("https://", external_address, kJwksPath);
  } else if (SplitUrl(uri).scheme != "https") {
    return absl::InvalidArgumentError(
        kube::StrCat("jwksURI requires https scheme, parsed as: ", uri));
  }
  if (keys.keys().empty()) {
    return absl::InvalidArgumentError("no keys provided for validating keyset");
  }
  absl::StatusOr<std::string> jwks = JwksJson(keys);
  if (!jwks.ok()) return jwks.status();
  std::string configuration = OpenIdConfigurationJson(issuer_url, uri, keys);
  return OidcDiscovery(std::move(uri), std::move(configuration), *std::move(jwks));
}

}  // namespace kube::serviceaccount
