#pragma once

#include "common/auth/user_info.h"
#include "k8s/authentication/v1/authentication.pb.h"

namespace kube::apiserver::reviews {

// auth::UserInfo as authentication.k8s.io/v1 UserInfo (status of token and self
// reviews).
k8s::authentication::v1::UserInfo ToApiUserInfo(const auth::UserInfo& user);

}  // namespace kube::apiserver::reviews
