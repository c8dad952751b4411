#pragma once

#include <memory>
#include <optional>

#include "common/auth/delegating/delegating_authenticator.h"
#include "common/auth/delegating/delegating_authorizer.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace kube::auth {

// Upstream's authentication and authorization filters for the requests an HTTPS
// cpp-httplib server serves (a component's secure port; the kubelet's API next):
// reads a request's credentials (its TLS peer chain and Authorization header),
// asks the authenticator and the authorizer, and answers refusals as upstream:
// 401 with the Status "Unauthorized", 403 with the Status
// `forbidden: User "x" cannot get path "/metrics"`, 500 when the apiserver could
// not decide. Thread-safe: handlers on any number of threads call it.
class HttpGuard {
 public:
  HttpGuard(std::unique_ptr<DelegatingAuthenticator> authenticator,
            std::unique_ptr<DelegatingAuthorizer> authorizer);

  // The request's user; nullopt once `response` holds the 401.
  std::optional<UserInfo> Authenticate(const httplib::Request& request,
                                       httplib::Response& response) const;
  // Whether `attributes` are allowed; false once `response` holds the 403 (or 500).
  bool Authorize(const Attributes& attributes, const httplib::Request& request,
                 httplib::Response& response) const;
  // Both, for a request on a path (verb: the lower-case HTTP method), as every
  // request to a health and metrics port is.
  bool AdmitPathRequest(const httplib::Request& request, httplib::Response& response) const;

 private:
  const std::unique_ptr<DelegatingAuthenticator> authenticator_;  // never null
  const std::unique_ptr<DelegatingAuthorizer> authorizer_;        // never null
};

// What a request presents: the client certificate chain of its TLS connection
// (borrowed from the connection; valid while the handler runs) and its
// Authorization header.
RequestCredentials CredentialsOf(const httplib::Request& request);

}  // namespace kube::auth
