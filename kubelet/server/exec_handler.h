#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// What an exec request asks for (core/v1 PodExecOptions in the query).
struct ExecRequest {
  std::string ns, pod, container;
  std::vector<std::string> command;
  bool use_stdin = false, use_stdout = false, use_stderr = false, tty = false;
};

// Reads the query of /exec/NS/POD/CONTAINER; InvalidArgument without a command or
// without any stream.
absl::StatusOr<ExecRequest> ParseExecRequest(const httplib::Request& request,
                                             const std::string& ns, const std::string& pod,
                                             const std::string& container);

// The Status JSON a remote-command stream ends with on its error channel: Success,
// or for a non-zero exit code Failure/NonZeroExitCode with the code as the
// ExitCode cause (what kubectl turns into its own exit code).
std::string ExecResultStatusJson(int32_t exit_code);
// The same for an exec that could not run (Failure/InternalError with `error`).
std::string ExecErrorStatusJson(const absl::Status& error);

// Serves GET/POST /exec/NS/POD/CONTAINER: a WebSocket upgrade. With stdin or a
// TTY asked for, the runtime's streaming exec runs it (CRI Exec): the kubelet
// speaks SPDY to the runtime's streaming server and relays the streams to the
// client's WebSocket (v5 or v4), so stdin can end. Otherwise (or on a runtime with no streaming exec) the
// command runs through ExecSync (at most `timeout`), speaking v5.channel.k8s.io or
// v4: its stdout and stderr are delivered when it ends, then its exit status. Refusals before the upgrade (no
// such container, SPDY asked for, no common subprotocol) are Status answers.
// Takes over the connection on success; runs on the server thread until done.
void ServeExec(Runtime& runtime, const httplib::Request& request, httplib::Response& response,
               const std::string& ns, const std::string& pod, const std::string& container,
               absl::Duration timeout);

}  // namespace kube::kubelet
