#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/user_info.h"

typedef struct x509_st X509;  // OpenSSL's certificate type, kept out of this header

namespace kube::auth {

// What a request to a component's port presents to prove who it is.
struct RequestCredentials {
  // The TLS client certificate chain as the peer presented it (leaf first; borrowed,
  // valid during the call; not yet verified). Empty without one.
  std::vector<X509*> peer_chain;
  // The Authorization header ("Bearer <token>"); "" without one.
  std::string authorization;
};

// One way of recognising a credential (a client certificate, a bearer token), as
// upstream's authenticator.Request. Implementations are thread-safe: every request
// of every connection asks.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The user when the credential is good; nullopt when the request carries no
  // credential of this kind (another authenticator may know it); an error when it
  // carries one that is not good (Unauthenticated: an unknown CA, a token the
  // apiserver does not know) or that could not be checked (e.g. Unavailable: the
  // apiserver did not answer). Either error means 401, never anonymous.
  virtual absl::StatusOr<std::optional<UserInfo>> Authenticate(
      const RequestCredentials& credentials) const = 0;
};

// The token of an Authorization header whose scheme is "Bearer" (matched without
// regard to case, as upstream); nullopt for any other header or an empty token.
std::optional<std::string> BearerToken(const std::string& authorization);

}  // namespace kube::auth
