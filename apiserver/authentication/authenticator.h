#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/user_info.h"

typedef struct x509_st X509;  // OpenSSL's certificate type, kept out of this header

namespace kube::apiserver::authentication {

// What a request presents to prove who it is, whatever the transport.
struct Credentials {
  // The TLS client certificate chain as the peer presented it (leaf first; borrowed,
  // valid during the call; not yet verified). Empty without one.
  std::vector<X509*> peer_chain;
  // The Authorization header ("Bearer <token>"), or gRPC's "authorization" metadata.
  std::string authorization;
};

// One way of recognising a credential (x509 client certificates, ServiceAccount
// tokens, a token file, ...), as upstream's authenticator.Request. Thread-safe: every
// request asks.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The user when the credential is good; nullopt when there is no credential of
  // this kind (the next authenticator may know it); an Unauthenticated error when
  // there is one and it is bad (an unknown CA, an expired or forged token).
  virtual absl::StatusOr<std::optional<auth::UserInfo>> Authenticate(
      const Credentials& credentials) const = 0;
};

// A bearer token recogniser (ServiceAccount JWTs, the static token file, bootstrap
// tokens): the same contract as Authenticator for the token alone.
class TokenAuthenticator {
 public:
  virtual ~TokenAuthenticator() = default;
  virtual absl::StatusOr<std::optional<auth::UserInfo>> AuthenticateToken(
      const std::string& token) const = 0;
};

}  // namespace kube::apiserver::authentication
