#include "kubelet/runtime/remote/remote_runtime.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <utility>

#include "common/util/strings.h"
#include "cri/cri_service.grpc.pb.h"
#include "kubelet/runtime/remote/cri_convert.h"
#include "kubelet/runtime/remote/cri_status.h"

namespace kube::kubelet {
namespace {

namespace cri = ::runtime::v1;
using remote::FromCri;
using remote::FromGrpcStatus;
using remote::SecondsRoundedUp;
using remote::ToCri;

// The CRI API version the kubelet announces in Version, as upstream's does.
constexpr char kKubeletApiVersion[] = "0.1.0";
// Upstream's limit for CRI messages (long container lists on busy nodes).
constexpr int kMaxMessageBytes = 16 << 20;

std::string ChannelTarget(const std::string& endpoint) {
  if (!endpoint.empty() && endpoint.front() == '/') return StrCat("unix://", endpoint);
  return endpoint;
}

class RemoteRuntime final : public Runtime {
 public:
  RemoteRuntime(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
      : channel_(std::move(channel)),
        runtime_(cri::RuntimeService::NewStub(channel_)),
        images_(cri::ImageService::NewStub(channel_)),
        timeout_(timeout) {}
  RemoteRuntime(const RemoteRuntime&) = delete;
  RemoteRuntime& operator=(const RemoteRuntime&) = delete;

  // Runtime:
  absl::StatusOr<RuntimeVersion> Version() override { return VersionCall(false); }

  absl::Status Ready() override {
    cri::StatusRequest request;
    cri::StatusResponse response;
    absl::Status status = Call("Status", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->Status(context, request, &response);
    });
    if (!status.ok()) return status;
    std::string problems;
    for (const char* required : {"RuntimeReady", "NetworkReady"}) {
      const cri::RuntimeCondition* found = nullptr;
      for (const cri::RuntimeCondition& condition : response.status().conditions()) {
        if (condition.type() == required) found = &condition;
      }
      if (found == nullptr) {
        StrAppend(&problems, problems.empty() ? "" : "; ", required, " not reported");
      } else if (!found->status()) {
        StrAppend(&problems, problems.empty() ? "" : "; ", required, "=false: ",
                  found->reason(), " ", found->message());
      }
    }
    if (!problems.empty()) return absl::UnavailableError(StrCat("runtime not ready: ", problems));
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> RunPodSandbox(const PodSandboxConfig& config) override {
    cri::RunPodSandboxRequest request;
    *request.mutable_config() = ToCri(config);
    cri::RunPodSandboxResponse response;
    // Sandboxes wait for CNI as well; upstream's kubelet doubles the deadline too.
    absl::Status status = Call("RunPodSandbox", 2 * timeout_, [&](grpc::ClientContext* context) {
      return runtime_->RunPodSandbox(context, request, &response);
    });
    if (!status.ok()) return status;
    return response.pod_sandbox_id();
  }

  absl::Status StopPodSandbox(const std::string& sandbox_id) override {
    cri::StopPodSandboxRequest request;
    request.set_pod_sandbox_id(sandbox_id);
    cri::StopPodSandboxResponse response;
    return Call("StopPodSandbox", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->StopPodSandbox(context, request, &response);
    });
  }

  absl::Status RemovePodSandbox(const std::string& sandbox_id) override {
    cri::RemovePodSandboxRequest request;
    request.set_pod_sandbox_id(sandbox_id);
    cri::RemovePodSandboxResponse response;
    return Call("RemovePodSandbox", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->RemovePodSandbox(context, request, &response);
    });
  }

  absl::StatusOr<PodSandboxStatus> GetPodSandboxStatus(const std::string& sandbox_id) override {
    cri::PodSandboxStatusRequest request;
    request.set_pod_sandbox_id(sandbox_id);
    cri::PodSandboxStatusResponse response;
    absl::Status status = Call("PodSandboxStatus", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->PodSandboxStatus(context, request, &response);
    });
    if (!status.ok()) return status;
    return FromCri(response.status());
  }

  absl::StatusOr<std::vector<PodSandboxStatus>> ListPodSandboxes() override {
    cri::ListPodSandboxRequest request;
    cri::ListPodSandboxResponse response;
    absl::Status status = Call("ListPodSandbox", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->ListPodSandbox(context, request, &response);
    });
    if (!status.ok()) return status;
    std::vector<PodSandboxStatus> sandboxes;
    sandboxes.reserve(response.items_size());
    for (const cri::PodSandbox& item : response.items()) sandboxes.push_back(FromCri(item));
    return sandboxes;
  }

  absl::StatusOr<std::string> CreateContainer(const std::string& sandbox_id,
                                              const ContainerConfig& config,
                                              const PodSandboxConfig& sandbox_config) override {
    cri::CreateContainerRequest request;
    request.set_pod_sandbox_id(sandbox_id);
    *request.mutable_config() = ToCri(config, sandbox_config);
    *request.mutable_sandbox_config() = ToCri(sandbox_config);
    cri::CreateContainerResponse response;
    absl::Status status = Call("CreateContainer", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->CreateContainer(context, request, &response);
    });
    if (!status.ok()) return status;
    return response.container_id();
  }

  absl::Status StartContainer(const std::string& container_id) override {
    cri::StartContainerRequest request;
    request.set_container_id(container_id);
    cri::StartContainerResponse response;
    return Call("StartContainer", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->StartContainer(context, request, &response);
    });
  }

  absl::Status StopContainer(const std::string& container_id, absl::Duration timeout) override {
    cri::StopContainerRequest request;
    request.set_container_id(container_id);
    request.set_timeout(SecondsRoundedUp(timeout));
    cri::StopContainerResponse response;
    absl::Duration grace = absl::Seconds(request.timeout());
    return Call("StopContainer", timeout_ + grace, [&](grpc::ClientContext* context) {
      return runtime_->StopContainer(context, request, &response);
    });
  }

  absl::Status RemoveContainer(const std::string& container_id) override {
    cri::RemoveContainerRequest request;
    request.set_container_id(container_id);
    cri::RemoveContainerResponse response;
    return Call("RemoveContainer", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->RemoveContainer(context, request, &response);
    });
  }

  absl::StatusOr<std::vector<ContainerStatus>> ListContainers(
      const ContainerFilter& filter) override {
    cri::ListContainersRequest request;
    *request.mutable_filter() = ToCri(filter);
    return ListContainersCall(request);
  }

  absl::StatusOr<ContainerStatus> GetContainerStatus(const std::string& container_id) override {
    cri::ContainerStatusRequest request;
    request.set_container_id(container_id);
    cri::ContainerStatusResponse response;
    absl::Status status = Call("ContainerStatus", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->ContainerStatus(context, request, &response);
    });
    if (!status.ok()) return status;
    ContainerStatus result = FromCri(response.status());
    // CRI's status has no sandbox id; the container's list entry has it.
    cri::ListContainersRequest list;
    list.mutable_filter()->set_id(response.status().id());
    absl::StatusOr<std::vector<ContainerStatus>> entries = ListContainersCall(list);
    if (!entries.ok()) return entries.status();
    if (!entries->empty()) result.sandbox_id = entries->front().sandbox_id;
    return result;
  }

  absl::StatusOr<ExecResult> ExecSync(const std::string& container_id,
                                      const std::vector<std::string>& command,
                                      absl::Duration timeout) override {
    cri::ExecSyncRequest request;
    request.set_container_id(container_id);
    for (const std::string& word : command) request.add_cmd(word);
    request.set_timeout(SecondsRoundedUp(timeout));
    cri::ExecSyncResponse response;
    absl::Duration limit = absl::Seconds(request.timeout());
    absl::Status status = Call("ExecSync", timeout_ + limit, [&](grpc::ClientContext* context) {
      return runtime_->ExecSync(context, request, &response);
    });
    // containerd reports its own exec timeout as DEADLINE_EXCEEDED, as ours would be.
    if (!status.ok()) return status;
    ExecResult result;
    result.stdout_data = response.stdout();
    result.stderr_data = response.stderr();
    result.exit_code = response.exit_code();
    return result;
  }

  absl::StatusOr<std::string> Exec(const std::string& container_id,
                                   const std::vector<std::string>& command,
                                   const StreamOptions& streams) override {
    cri::ExecRequest request;
    request.set_container_id(container_id);
    for (const std::string& word : command) request.add_cmd(word);
    request.set_tty(streams.tty);
    request.set_stdin(streams.stdin);
    request.set_stdout(streams.stdout);
    // A TTY merges stderr into stdout; CRI refuses both.
    request.set_stderr(streams.stderr && !streams.tty);
    cri::ExecResponse response;
    absl::Status status = Call("Exec", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->Exec(context, request, &response);
    });
    if (!status.ok()) return status;
    return response.url();
  }

  absl::StatusOr<std::string> PortForward(const std::string& sandbox_id) override {
    cri::PortForwardRequest request;
    request.set_pod_sandbox_id(sandbox_id);
    cri::PortForwardResponse response;
    absl::Status status = Call("PortForward", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->PortForward(context, request, &response);
    });
    if (!status.ok()) return status;
    return response.url();
  }

  absl::StatusOr<std::vector<ContainerStats>> ListContainerStats() override {
    cri::ListContainerStatsRequest request;
    cri::ListContainerStatsResponse response;
    absl::Status status = Call("ListContainerStats", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->ListContainerStats(context, request, &response);
    });
    if (!status.ok()) return status;
    std::vector<ContainerStats> stats;
    stats.reserve(response.stats_size());
    for (const cri::ContainerStats& item : response.stats()) stats.push_back(FromCri(item));
    return stats;
  }

  absl::Status ReopenContainerLog(const std::string& container_id) override {
    cri::ReopenContainerLogRequest request;
    request.set_container_id(container_id);
    cri::ReopenContainerLogResponse response;
    return Call("ReopenContainerLog", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->ReopenContainerLog(context, request, &response);
    });
  }

  absl::StatusOr<std::string> PullImage(const std::string& image) override {
    cri::PullImageRequest request;
    request.mutable_image()->set_image(image);
    cri::PullImageResponse response;
    absl::Duration deadline = std::max(timeout_, kMinPullTimeout);
    absl::Status status = Call("PullImage", deadline, [&](grpc::ClientContext* context) {
      return images_->PullImage(context, request, &response);
    });
    if (!status.ok()) return status;
    return response.image_ref();
  }

  absl::StatusOr<ImageInfo> GetImageStatus(const std::string& image) override {
    cri::ImageStatusRequest request;
    request.mutable_image()->set_image(image);
    cri::ImageStatusResponse response;
    absl::Status status = Call("ImageStatus", timeout_, [&](grpc::ClientContext* context) {
      return images_->ImageStatus(context, request, &response);
    });
    if (!status.ok()) return status;
    if (!response.has_image()) {
      return absl::NotFoundError(StrCat("image ", image, " is not present"));
    }
    return FromCri(response.image());
  }

  absl::StatusOr<std::vector<ImageInfo>> ListImages() override {
    cri::ListImagesRequest request;
    cri::ListImagesResponse response;
    absl::Status status = Call("ListImages", timeout_, [&](grpc::ClientContext* context) {
      return images_->ListImages(context, request, &response);
    });
    if (!status.ok()) return status;
    std::vector<ImageInfo> images;
    images.reserve(response.images_size());
    for (const cri::Image& item : response.images()) images.push_back(FromCri(item));
    return images;
  }

  absl::Status RemoveImage(const std::string& image) override {
    cri::RemoveImageRequest request;
    request.mutable_image()->set_image(image);
    cri::RemoveImageResponse response;
    return Call("RemoveImage", timeout_, [&](grpc::ClientContext* context) {
      return images_->RemoveImage(context, request, &response);
    });
  }

  // Version, optionally waiting (up to the timeout) for the socket to accept.
  absl::StatusOr<RuntimeVersion> VersionCall(bool wait_for_ready) {
    cri::VersionRequest request;
    request.set_version(kKubeletApiVersion);
    cri::VersionResponse response;
    absl::Status status = Call("Version", timeout_, [&](grpc::ClientContext* context) {
      context->set_wait_for_ready(wait_for_ready);
      return runtime_->Version(context, request, &response);
    });
    if (!status.ok()) return status;
    return RuntimeVersion{response.runtime_name(), response.runtime_version(),
                          response.runtime_api_version()};
  }

 private:
  // One unary call with a deadline `timeout` from now. Calls fail fast when the
  // runtime is down (gRPC's default), so the kubelet notices at once.
  template <typename Invoke>
  absl::Status Call(std::string_view name, absl::Duration timeout, Invoke&& invoke) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    return FromGrpcStatus(invoke(&context), name);
  }

  absl::StatusOr<std::vector<ContainerStatus>> ListContainersCall(
      const cri::ListContainersRequest& request) {
    cri::ListContainersResponse response;
    absl::Status status = Call("ListContainers", timeout_, [&](grpc::ClientContext* context) {
      return runtime_->ListContainers(context, request, &response);
    });
    if (!status.ok()) return status;
    std::vector<ContainerStatus> containers;
    containers.reserve(response.containers_size());
    for (const cri::Container& item : response.containers()) containers.push_back(FromCri(item));
    return containers;
  }

  // All constant after construction; gRPC channels and stubs are thread-safe.
  const std::shared_ptr<grpc::Channel> channel_;
  const std::unique_ptr<cri::RuntimeService::Stub> runtime_;
  const std::unique_ptr<cri::ImageService::Stub> images_;
  const absl::Duration timeout_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Runtime>> NewRemoteRuntime(const std::string& endpoint,
                                                          absl::Duration timeout) {
  if (endpoint.empty()) return absl::InvalidArgumentError("empty CRI endpoint");
  if (timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("the CRI timeout must be positive");
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kMaxMessageBytes);
  arguments.SetMaxSendMessageSize(kMaxMessageBytes);
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      ChannelTarget(endpoint), grpc::InsecureChannelCredentials(), arguments);
  auto runtime = std::make_unique<RemoteRuntime>(std::move(channel), timeout);
  absl::StatusOr<RuntimeVersion> version = runtime->VersionCall(/*wait_for_ready=*/true);
  if (!version.ok()) {
    if (version.status().code() == absl::StatusCode::kUnimplemented) {
      return absl::UnimplementedError(StrCat("the runtime at ", endpoint,
                                             " does not serve CRI runtime.v1: ",
                                             version.status().message()));
    }
    if (version.status().code() == absl::StatusCode::kDeadlineExceeded) {
      return absl::UnavailableError(StrCat("no CRI runtime answers at ", endpoint, " within ",
                                           absl::FormatDuration(timeout)));
    }
    return version.status();
  }
  return std::unique_ptr<Runtime>(std::move(runtime));
}

}  // namespace kube::kubelet
