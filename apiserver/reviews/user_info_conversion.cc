#include "apiserver/reviews/user_info_conversion.h"

namespace kube::apiserver::reviews {

k8s::authentication::v1::UserInfo ToApiUserInfo(const auth::UserInfo& user) {
  k8s::authentication::v1::UserInfo info;
  info.set_username(user.name);
  if (!user.uid.empty()) info.set_uid(user.uid);
  for (const std::string& group : user.groups) info.add_groups(group);
  for (const auto& [key, values] : user.extra) {
    k8s::authentication::v1::ExtraValue& extra = (*info.mutable_extra())[key];
    for (const std::string& value : values) extra.add_items(value);
  }
  return info;
}

}  // namespace kube::apiserver::reviews
