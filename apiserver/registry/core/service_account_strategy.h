#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// ServiceAccounts: metadata rules only, as upstream.
class ServiceAccountStrategy : public Strategy {
 public:
  bool allow_create_on_update() const override { return true; }
};

}  // namespace kube::apiserver::core
