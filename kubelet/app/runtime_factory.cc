#include "kubelet/app/runtime_factory.h"

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "kubelet/runtime/fake/fake_runtime.h"
#ifdef KUBE_KUBELET_HAVE_REMOTE_RUNTIME
#include "kubelet/runtime/remote/remote_runtime.h"
#endif

namespace kube::kubelet {

absl::StatusOr<std::unique_ptr<Runtime>> NewRuntimeForEndpoint(const KubeletOptions& options) {
  const std::string& endpoint = options.container_runtime_endpoint;
  if (absl::StartsWith(endpoint, "fake://")) {
    fake::FakeRuntimeOptions fake_options;
    if (!options.pod_cidr.empty()) fake_options.pod_cidr = options.pod_cidr;
    fake_options.state_file = kube::StrCat(options.root_dir, "/fake-runtime/state");
    fake_options.write_logs = true;
    fake_options.not_ready_file = kube::StrCat(options.root_dir, "/fake-runtime/not-ready");
    absl::StatusOr<std::unique_ptr<fake::FakeRuntime>> runtime =
        fake::FakeRuntime::Create(std::move(fake_options));
    if (!runtime.ok()) return runtime.status();
    return std::unique_ptr<Runtime>(std::move(*runtime));
  }
#ifdef KUBE_KUBELET_HAVE_REMOTE_RUNTIME
  return NewRemoteRuntime(endpoint, options.runtime_request_timeout);
#else
  return absl::UnimplementedError(kube::StrCat(
      "--container-runtime-endpoint ", endpoint,
      ": this kubelet was built without the CRI client; use fake:// for a simulated runtime"));
#endif
}

}  // namespace kube::kubelet
