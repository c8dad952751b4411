#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/key_set.h"

namespace kube::serviceaccount {

// Where and how kube-apiserver serves the issuer's discovery documents
// (pkg/serviceaccount/openidmetadata.go and pkg/routes/openidmetadata.go).
inline constexpr char kOpenIdConfigurationPath[] = "/.well-known/openid-configuration";
inline constexpr char kJwksPath[] = "/openid/v1/jwks";
inline constexpr char kOpenIdConfigurationContentType[] = "application/json";
inline constexpr char kJwksContentType[] = "application/jwk-set+json";
inline constexpr char kDiscoveryCacheControl[] = "public, max-age=3600";

// The OIDC discovery documents of the service-account issuer, rendered once.
// Immutable; safe to share between threads.
class OidcDiscovery {
 public:
  // `issuer_url` is the first --service-account-issuer and must be an https URL
  // without query or fragment. `jwks_uri` is --service-account-jwks-uri (https); when
  // empty it becomes https://<external_address>/openid/v1/jwks. Every key of `keys`
  // is published. The errors are upstream's; upstream then serves no discovery.
  static absl::StatusOr<OidcDiscovery> Create(std::string_view issuer_url,
                                              std::string_view jwks_uri,
                                              std::string_view external_address,
                                              const PublicKeySet& keys);

  // GET /.well-known/openid-configuration.
  const std::string& configuration_json() const { return configuration_json_; }
  // GET /openid/v1/jwks.
  const std::string& jwks_json() const { return jwks_json_; }
  const std::string& jwks_uri() const { return jwks_uri_; }

 private:
  OidcDiscovery(std::string jwks_uri, std::string configuration_json, std::string jwks_json)
      : jwks_uri_(std::move(jwks_uri)),
        configuration_json_(std::move(configuration_json)),
        jwks_json_(std::move(jwks_json)) {}

  std::string jwks_uri_;
  std::string configuration_json_;
  std::string jwks_json_;
};

// {"issuer","jwks_uri","response_types_supported":["id_token"],
//  "subject_types_supported":["public"],
//  "id_token_signing_alg_values_supported":[the keys' algorithms, sorted, once each]}
std::string OpenIdConfigurationJson(std::string_view issuer_url, std::string_view jwks_uri,
                                    const PublicKeySet& keys);

// {"keys":[...]}: per key, in order, {"use":"sig","kty":"RSA","kid","alg":"RS256","n","e"}
// or {"use":"sig","kty":"EC","kid","crv":"P-256","alg":"ES256","x","y"}, members in
// go-jose's order, numbers as unpadded base64url (EC coordinates at full width).
absl::StatusOr<std::string> JwksJson(const PublicKeySet& keys);

}  // namespace kube::serviceaccount
