#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/auth/authorizer.h"

namespace kube::auth {

// Paths authorized without asking anyone (--authorization-always-allow-paths,
// upstream's path authorizer): "/healthz" matches that path only, "/debug/*" every
// path it prefixes, "/" the root; the leading "/" is optional. Resource requests get
// no opinion. Thread-safe (immutable).
class AlwaysAllowPathsAuthorizer final : public Authorizer {
 public:
  // InvalidArgument when a "*" appears anywhere but at the end.
  static absl::StatusOr<std::unique_ptr<AlwaysAllowPathsAuthorizer>> Create(
      const std::vector<std::string>& paths);

  // Authorizer
  absl::StatusOr<Decision> Authorize(const Attributes& attributes,
                                     std::string* reason) const override;

 private:
  AlwaysAllowPathsAuthorizer(std::set<std::string> paths, std::vector<std::string> prefixes)
      : paths_(std::move(paths)), prefixes_(std::move(prefixes)) {}

  const std::set<std::string> paths_;          // without the leading "/"
  const std::vector<std::string> prefixes_;    // without the leading "/" and the "*"
};

// Members of any of these groups may do anything (upstream's privileged-groups
// authorizer: system:masters, which the apiserver would allow anyway, so no review
// is spent on it). Thread-safe (immutable).
class PrivilegedGroupsAuthorizer final : public Authorizer {
 public:
  explicit PrivilegedGroupsAuthorizer(std::vector<std::string> groups)
      : groups_(std::move(groups)) {}

  // Authorizer
  absl::StatusOr<Decision> Authorize(const Attributes& attributes,
                                     std::string* reason) const override;

 private:
  const std::vector<std::string> groups_;
};

}  // namespace kube::auth
