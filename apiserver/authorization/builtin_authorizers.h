#pragma once

#include <memory>
#include <vector>

#include "apiserver/authorization/authorizer.h"

namespace kube::apiserver::authorization {

// Allows everything: --authorization-mode=AlwaysAllow (development only).
class AlwaysAllowAuthorizer final : public Authorizer {
 public:
  Decision Authorize(const Attributes& attributes, std::string* reason) const override;
};

// Allows members of system:masters before any other authorizer is asked, as
// upstream hard-wires it: the break-glass identity cannot be locked out by policy.
class PrivilegedGroupAuthorizer final : public Authorizer {
 public:
  Decision Authorize(const Attributes& attributes, std::string* reason) const override;
};

// Asks each authorizer in turn; the first Allow or Deny decides, otherwise
// NoOpinion (which the chain answers with 403). Reasons of those without an opinion
// are kept, as upstream's union does, for the 403 message.
class UnionAuthorizer final : public Authorizer {
 public:
  explicit UnionAuthorizer(std::vector<std::unique_ptr<Authorizer>> authorizers)
      : authorizers_(std::move(authorizers)) {}
  Decision Authorize(const Attributes& attributes, std::string* reason) const override;

 private:
  const std::vector<std::unique_ptr<Authorizer>> authorizers_;
};

}  // namespace kube::apiserver::authorization
