#include "common/auth/delegating/http_guard.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "absl/strings/ascii.h"
#include "common/api/errors.h"
#include "common/codec/json_encode.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::auth {
namespace {

void WriteStatus(httplib::Response& response, const absl::Status& status) {
  k8s::meta::v1::Status api_status = api::ToApiStatus(status);
  response.status = api_status.code() == 0 ? 500 : api_status.code();
  response.set_content(codec::EncodeJson(api_status), "application/json");
}

}  // namespace

RequestCredentials CredentialsOf(const httplib::Request& request) {
  RequestCredentials credentials;
  if (request.ssl != nullptr) {
    X509* leaf = SSL_get0_peer_certificate(request.ssl);
    if (leaf != nullptr) {
      credentials.peer_chain.push_back(leaf);
      // On the server side OpenSSL's chain leaves the leaf out, but be sure.
      if (STACK_OF(X509)* rest = SSL_get_peer_cert_chain(request.ssl)) {
        for (int i = 0; i < sk_X509_num(rest); ++i) {
          X509* certificate = sk_X509_value(rest, i);
          if (X509_cmp(certificate, leaf) != 0) credentials.peer_chain.push_back(certificate);
        }
      }
    }
  }
  credentials.authorization = request.get_header_value("Authorization");
  return credentials;
}

HttpGuard::HttpGuard(std::unique_ptr<DelegatingAuthenticator> authenticator,
                     std::unique_ptr<DelegatingAuthorizer> authorizer)
    : authenticator_(std::move(authenticator)), authorizer_(std::move(authorizer)) {}

std::optional<UserInfo> HttpGuard::Authenticate(const httplib::Request& request,
                                                httplib::Response& response) const {
  absl::StatusOr<UserInfo> user = authenticator_->Authenticate(CredentialsOf(request));
  if (user.ok()) return std::move(*user);
  KLOG(Error) << "Unable to authenticate the request to " << request.path << ": "
              << user.status().message();
  WriteStatus(response, api::UnauthorizedError());
  return std::nullopt;
}

bool HttpGuard::Authorize(const Attributes& attributes, const httplib::Request& request,
                          httplib::Response& response) const {
  absl::Status allowed = authorizer_->Authorize(attributes);
  if (allowed.ok()) return true;
  if (allowed.code() == absl::StatusCode::kPermissionDenied) {
    VLOG(4) << "Forbidden: " << request.path << ": " << allowed.message();
    WriteStatus(response, allowed);
    return false;
  }
  // As upstream: the apiserver could not say; plain text, not a Status.
  KLOG(Error) << "authorizing " << request.path << ": " << allowed.message();
  response.status = 500;
  response.set_content(StrCat("Internal Server Error: \"", request.path, "\": ",
                              allowed.message(), "\n"),
                       "text/plain; charset=utf-8");
  return false;
}

bool HttpGuard::AdmitPathRequest(const httplib::Request& request,
                                 httplib::Response& response) const {
  std::optional<UserInfo> user = Authenticate(request, response);
  if (!user) return false;
  Attributes attributes;
  attributes.user = &*user;
  attributes.verb = absl::AsciiStrToLower(request.method);
  attributes.path = request.path;
  return Authorize(attributes, request, response);
}

}  // namespace kube::auth
