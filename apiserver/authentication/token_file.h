#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "apiserver/authentication/authenticator.h"

namespace kube::apiserver::authentication {

// --token-auth-file: static bearer tokens, one per CSV line
// `token,user,uid[,"group1,group2"]` (upstream's tokenfile). Read once at start;
// immutable and thread-safe. CIS 1.2.2 advises against it outside development.
class StaticTokenAuthenticator final : public TokenAuthenticator {
 public:
  // InvalidArgument naming the line when a record is malformed.
  static absl::StatusOr<std::unique_ptr<StaticTokenAuthenticator>> FromCsv(std::string_view csv);
  static absl::StatusOr<std::unique_ptr<StaticTokenAuthenticator>> FromFile(const std::string& path);

  // TokenAuthenticator
  absl::StatusOr<std::optional<auth::UserInfo>> AuthenticateToken(
      const std::string& token) const override;

 private:
  explicit StaticTokenAuthenticator(std::map<std::string, auth::UserInfo> users)
      : users_(std::move(users)) {}

  const std::map<std::string, auth::UserInfo> users_;  // by token
};

}  // namespace kube::apiserver::authentication
