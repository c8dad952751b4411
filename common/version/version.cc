#include "common/version/version.h"

#include "common/codec/json_encode.h"
#include "k8s/version/version.pb.h"

namespace kube::version {

std::string VersionLine() { return std::string("Kubernetes ") + kGitVersion; }

std::string InfoJson() {
  k8s::version::Info info;
  info.set_major(kMajor);
  info.set_minor(kMinor);
  info.set_gitversion(kGitVersion);
  info.set_gitcommit("0000000000000000000000000000000000000000");
  info.set_gittreestate("clean");
  info.set_builddate(__DATE__ " " __TIME__);
  info.set_goversion("none (C++20)");
  info.set_compiler("gcc");
  info.set_platform("linux/amd64");
  return codec::EncodeJson(info);
}

}  // namespace kube::version
