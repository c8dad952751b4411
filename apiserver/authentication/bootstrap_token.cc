#include "apiserver/authentication/bootstrap_token.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/auth/bootstrap_token.h"
#include "common/util/strings.h"

namespace kube::apiserver::authentication {
namespace {

// Compares without stopping at the first difference, so timing says nothing of
// how much of a guessed secret was right.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

std::string Data(const k8s::core::v1::Secret& secret, const std::string& key) {
  auto it = secret.data().find(key);
  if (it != secret.data().end()) return it->second;
  auto text = secret.stringdata().find(key);
  return text != secret.stringdata().end() ? text->second : std::string();
}

absl::Status Refused(std::string_view why) {
  return absl::UnauthenticatedError(StrCat("bootstrap token: ", why));
}

}  // namespace

BootstrapTokenAuthenticator::BootstrapTokenAuthenticator(SecretGetter get_secret,
                                                         std::function<absl::Time()> now)
    : get_secret_(std::move(get_secret)), now_(std::move(now)) {}

absl::StatusOr<std::optional<auth::UserInfo>> BootstrapTokenAuthenticator::AuthenticateToken(
    const std::string& token) const {
  std::optional<auth::BootstrapToken> parsed = auth::ParseBootstrapToken(token);
  if (!parsed.has_value()) return std::nullopt;
  absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> secret =
      get_secret_(auth::kBootstrapTokenSecretPrefix + parsed->id);
  if (!secret.ok()) return secret.status();
  if (*secret == nullptr) return Refused("no such token");
  const k8s::core::v1::Secret& stored = **secret;
  if (stored.type() != auth::kBootstrapTokenSecretType) return Refused("not a bootstrap token");
  if (stored.metadata().has_deletiontimestamp()) return Refused("the token is being deleted");
  if (Data(stored, "token-id") != parsed->id ||
      !SameSecret(Data(stored, "token-secret"), parsed->secret)) {
    return Refused("the token does not match");
  }
  if (std::string expiration = Data(stored, "expiration"); !expiration.empty()) {
    absl::Time expires;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, expiration, &expires, &error) ||
        expires <= now_()) {
      return Refused("the token has expired");
    }
  }
  if (Data(stored, "usage-bootstrap-authentication") != "true") {
    return Refused("the token may not be used for authentication");
  }
  auth::UserInfo user;
  user.name = auth::kBootstrapUserPrefix + parsed->id;
  user.groups = {auth::kBootstrappersGroup};
  for (absl::string_view group :
       absl::StrSplit(Data(stored, "auth-extra-groups"), ',', absl::SkipWhitespace())) {
    std::string name(absl::StripAsciiWhitespace(group));
    if (!name.starts_with(std::string(auth::kBootstrappersGroup) + ":")) {
      return Refused(StrCat("extra group \"", name, "\" is not under system:bootstrappers:"));
    }
    user.groups.push_back(std::move(name));
  }
  return user;
}

}  // namespace kube::apiserver::authentication
