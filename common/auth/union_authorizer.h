#pragma once

#include <memory>
#include <vector>

#include "common/auth/authorizer.h"

namespace kube::auth {

// Authorizers asked in order, as upstream's union: the first Allow or Deny decides;
// one that cannot decide (an error) is remembered and the next still asked; when
// none decided, the error wins over NoOpinion (a 500 rather than a 403). The reasons
// of those without an opinion are kept, one per line, for the 403 message.
// Thread-safe when its authorizers are.
class UnionAuthorizer final : public Authorizer {
 public:
  explicit UnionAuthorizer(std::vector<std::unique_ptr<Authorizer>> authorizers)
      : authorizers_(std::move(authorizers)) {}

  absl::StatusOr<Decision> Authorize(const Attributes& attributes,
                                     std::string* reason) const override;

 private:
  const std::vector<std::unique_ptr<Authorizer>> authorizers_;
};

// Allows everything (--authorization-mode=AlwaysAllow; development only).
class AlwaysAllowAuthorizer final : public Authorizer {
 public:
  absl::StatusOr<Decision> Authorize(const Attributes& attributes,
                                     std::string* reason) const override {
    return Decision::kAllow;
  }
};

}  // namespace kube::auth
