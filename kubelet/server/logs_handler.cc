#include "kubelet/server/logs_handler.h"

#include <poll.h>

#include "absl/time/clock.h"
#include "common/api/errors.h"
#include "common/http/upgradable_server.h"
#include "common/log/log.h"
#include "kubelet/server/container_lookup.h"
#include "kubelet/server/cri_log.h"
#include "kubelet/server/http_status.h"
#include "kubelet/server/log_options.h"

namespace kube::kubelet {
namespace {

// Whether the client of a connection has gone (closed or reset): a streaming
// handler that has nothing to write would otherwise never notice.
bool ClientGone(int fd) {
  if (fd < 0) return false;
  pollfd check{fd, POLLRDHUP, 0};
  return poll(&check, 1, 0) > 0 && (check.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

// Says whether a followed container may still write: asks the runtime at most
// twice a second.
class StillRunning {
 public:
  StillRunning(Runtime& runtime, std::string container_id)
      : runtime_(runtime), container_id_(std::move(container_id)) {}

  bool operator()() {
    absl::Time now = absl::Now();
    if (now - last_check_ < absl::Milliseconds(500)) return running_;
    last_check_ = now;
    absl::StatusOr<ContainerStatus> status = runtime_.GetContainerStatus(container_id_);
    running_ = status.ok() && (status->state == ContainerState::kRunning ||
                               status->state == ContainerState::kCreated);
    return running_;
  }

 private:
  Runtime& runtime_;
  const std::string container_id_;
  absl::Time last_check_ = absl::InfinitePast();
  bool running_ = true;
};

}  // namespace

void ServeContainerLogs(Runtime& runtime, const httplib::Request& request,
                        httplib::Response& response, const std::string& ns,
                        const std::string& pod, const std::string& container) {
  absl::StatusOr<LogOptions> options = ParseLogOptions(
      [&request](const char* name) { return request.get_param_value(name); }, absl::Now());
  if (!options.ok()) return WriteStatus(response, api::BadRequestError(std::string(options.status().message())));
  absl::StatusOr<ContainerStatus> target =
      FindPodContainer(runtime, ns, pod, container, options->previous);
  if (!target.ok()) {
    return WriteStatus(response, absl::IsNotFound(target.status())
                                     ? api::BadRequestError(std::string(target.status().message()))
                                     : target.status());
  }
  // Only the current instance of a running container can grow.
  if (options->previous || target->state == ContainerState::kExited) options->follow = false;
  const int client = http::ConnectionSocket(request);
  response.status = 200;
  response.set_chunked_content_provider(
      "text/plain",
      [&runtime, options = *options, path = target->log_path, id = target->id, client,
       name = ns + "/" + pod + "/" + container](size_t, httplib::DataSink& sink) {
        StillRunning running(runtime, id);
        absl::Status streamed = StreamCriLog(
            path, options, [&sink](std::string_view text) { return sink.write(text.data(), text.size()); },
            [&] { return !ClientGone(client) && running(); });
        if (!streamed.ok()) VLOG(1) << "container log " << path << ": " << streamed;
        if (options.follow) VLOG(2) << "stopped following the log of " << name;
        sink.done();
        return true;
      });
}

}  // namespace kube::kubelet
