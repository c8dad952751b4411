#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kube::auth {

// Bootstrap tokens (kubeadm's, "abcdef.0123456789abcdef"): a public id and a
// secret, kept as the Secret kube-system/bootstrap-token-<id> of type
// bootstrap.kubernetes.io/token. A node presents one to join; it authenticates as
// system:bootstrap:<id> in system:bootstrappers.
inline constexpr char kBootstrapTokenSecretPrefix[] = "bootstrap-token-";
inline constexpr char kBootstrapTokenSecretType[] = "bootstrap.kubernetes.io/token";
inline constexpr char kBootstrapUserPrefix[] = "system:bootstrap:";
inline constexpr char kBootstrappersGroup[] = "system:bootstrappers";

struct BootstrapToken {
  std::string id;      // [a-z0-9]{6}
  std::string secret;  // [a-z0-9]{16}
};

// The token's parts when `token` has the bootstrap form, else nullopt.
inline std::optional<BootstrapToken> ParseBootstrapToken(std::string_view token) {
  auto valid = [](std::string_view part, size_t length) {
    if (part.size() != length) return false;
    for (char c : part) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
  };
  if (token.size() != 23 || token[6] != '.') return std::nullopt;
  std::string_view id = token.substr(0, 6);
  std::string_view secret = token.substr(7);
  if (!valid(id, 6) || !valid(secret, 16)) return std::nullopt;
  return BootstrapToken{std::string(id), std::string(secret)};
}

}  // namespace kube::auth
