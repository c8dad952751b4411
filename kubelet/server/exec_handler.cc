#include "kubelet/server/exec_handler.h"

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "common/api/errors.h"
#include "common/codec/json_encode.h"
#include "common/http/tunnel.h"
#include "common/http/upgradable_server.h"
#include "common/log/log.h"
#include "common/util/parse_bool.h"
#include "common/util/strings.h"
#include "common/websocket/channel_websocket.h"
#include "kubelet/server/container_lookup.h"
#include "kubelet/server/http_status.h"
#include "kubelet/server/spdy_exec_bridge.h"
#include "kubelet/server/streaming_backend.h"

namespace kube::kubelet {
namespace {

bool BoolParam(const httplib::Request& request, const char* name) {
  std::string value = request.get_param_value(name);
  return kube::ParseBool(value).value_or(false);
}

std::vector<std::string> HeaderValues(const httplib::Request& request, const char* name) {
  std::vector<std::string> values;
  for (size_t i = 0; i < request.get_header_value_count(name); ++i) {
    values.push_back(request.get_header_value(name, i));
  }
  return values;
}

// Checks that the request upgrades to a WebSocket subprotocol we speak and
// returns that subprotocol.
absl::StatusOr<std::string> UpgradeProtocol(const httplib::Request& request) {
  std::string upgrade = absl::AsciiStrToLower(request.get_header_value("Upgrade"));
  if (absl::StrContains(upgrade, "spdy")) {
    return api::BadRequestError(
        "this kubelet does not speak SPDY; exec needs a client that speaks WebSocket "
        "(v5.channel.k8s.io or v4.channel.k8s.io), such as kubectl 1.30 or newer");
  }
  if (!absl::StrContains(upgrade, "websocket")) {
    return api::BadRequestError("Upgrade request required");
  }
  std::string protocol = websocket::NegotiateProtocol(
      HeaderValues(request, "Sec-WebSocket-Protocol"),
      {websocket::kProtocolV5, websocket::kProtocolV4});
  if (protocol.empty()) {
    return api::BadRequestError(kube::StrCat(
        "no supported WebSocket subprotocol offered; this kubelet speaks ",
        websocket::kProtocolV5, " and ", websocket::kProtocolV4));
  }
  return protocol;
}

// Runs the exec on the runtime's streaming server over SPDY and relays it to the
// client's WebSocket (SpdyExecBridge translates).
void RelayToStreamingServer(const std::string& url, const ExecRequest& exec,
                            const std::string& protocol, const httplib::Request& request,
                            httplib::Response& response) {
  absl::StatusOr<StreamingBackend> backend =
      ConnectStreamingBackend(url, websocket::kProtocolV4);
  if (!backend.ok()) return WriteStatus(response, backend.status());
  SpdyExecBridge bridge(exec);
  absl::StatusOr<std::string> streams = bridge.OpenStreams();
  absl::Status ready = streams.ok() ? bridge.Prime(backend->early_bytes) : streams.status();
  if (ready.ok()) ready = http::WriteAll(backend->socket.fd(), *streams);
  if (!ready.ok()) return WriteStatus(response, ready);

  absl::StatusOr<std::unique_ptr<http::TakenConnection>> connection =
      http::TakenConnection::Take(request);
  if (!connection.ok()) return WriteStatus(response, connection.status());
  websocket::UpgradeRequest upgrade{request.target, {}};
  for (const auto& [name, value] : request.headers) upgrade.headers.emplace_back(name, value);
  absl::StatusOr<std::unique_ptr<websocket::ChannelWebSocket>> ws =
      websocket::ChannelWebSocket::Accept((*connection)->Release(), upgrade, protocol);
  if (!ws.ok()) {
    KLOG(Warning) << "exec: " << ws.status();
    return;
  }
  if (absl::Status relayed = (*ws)->Relay(backend->socket.fd(), bridge); !relayed.ok()) {
    VLOG(1) << "exec in " << exec.ns << "/" << exec.pod << "/" << exec.container
            << " ended: " << relayed;
  }
}

}  // namespace

absl::StatusOr<ExecRequest> ParseExecRequest(const httplib::Request& request,
                                             const std::string& ns, const std::string& pod,
                                             const std::string& container) {
  ExecRequest exec;
  exec.ns = ns;
  exec.pod = pod;
  exec.container = container;
  for (size_t i = 0; i < request.get_param_value_count("command"); ++i) {
    exec.command.push_back(request.get_param_value("command", i));
  }
  exec.use_stdin = BoolParam(request, "stdin") || BoolParam(request, "input");
  exec.use_stdout = BoolParam(request, "stdout") || BoolParam(request, "output");
  exec.use_stderr = BoolParam(request, "stderr") || BoolParam(request, "error");
  exec.tty = BoolParam(request, "tty");
  if (exec.command.empty()) return api::BadRequestError("you must specify at least 1 command");
  if (!exec.use_stdin && !exec.use_stdout && !exec.use_stderr) {
    return api::BadRequestError("you must specify at least one of stdin, stdout, stderr");
  }
  if (exec.tty && exec.use_stderr) exec.use_stderr = false;  // a terminal has one output stream
  return exec;
}

std::string ExecResultStatusJson(int32_t exit_code) {
  k8s::meta::v1::Status status;
  status.mutable_metadata();
  if (exit_code == 0) {
    status.set_status("Success");
  } else {
    status.set_status("Failure");
    status.set_message(
        kube::StrCat("command terminated with non-zero exit code: exit status ", exit_code));
    status.set_reason("NonZeroExitCode");
    auto* cause = status.mutable_details()->add_causes();
    cause->set_reason("ExitCode");
    cause->set_message(std::to_string(exit_code));
  }
  codec::EncodeOptions options;
  options.type_meta = false;
  return codec::EncodeJson(status, options);
}

std::string ExecErrorStatusJson(const absl::Status& error) {
  k8s::meta::v1::Status status;
  status.mutable_metadata();
  status.set_status("Failure");
  status.set_message(std::string(error.message()));
  status.set_reason("InternalError");
  status.set_code(500);
  codec::EncodeOptions options;
  options.type_meta = false;
  return codec::EncodeJson(status, options);
}

void ServeExec(Runtime& runtime, const httplib::Request& request, httplib::Response& response,
               const std::string& ns, const std::string& pod, const std::string& container,
               absl::Duration timeout) {
  absl::StatusOr<ExecRequest> exec = ParseExecRequest(request, ns, pod, container);
  if (!exec.ok()) return WriteStatus(response, exec.status());
  // The container first: kubectl retries a refused WebSocket over SPDY and shows
  // only the second refusal, which should then still say what is wrong.
  absl::StatusOr<ContainerStatus> target = FindPodContainer(runtime, ns, pod, container, false);
  if (!target.ok()) return WriteStatus(response, target.status());
  if (target->state != ContainerState::kRunning) {
    return WriteStatus(response, api::BadRequestError(kube::StrCat(
                                     "container \"", container, "\" in pod \"", pod,
                                     "\" is not running")));
  }
  absl::StatusOr<std::string> protocol = UpgradeProtocol(request);
  if (!protocol.ok()) return WriteStatus(response, protocol.status());
  if (exec->use_stdin || exec->tty) {
    // Interactive: the runtime's streaming server runs it. A runtime without one
    // (the fake) gets the non-interactive exec below.
    absl::StatusOr<std::string> url = runtime.Exec(
        target->id, exec->command,
        {.tty = exec->tty, .stdin = exec->use_stdin, .stdout = exec->use_stdout,
         .stderr = exec->use_stderr});
    if (url.ok()) return RelayToStreamingServer(*url, *exec, *protocol, request, response);
    if (!absl::IsUnimplemented(url.status())) return WriteStatus(response, url.status());
  }
  absl::StatusOr<std::unique_ptr<http::TakenConnection>> connection =
      http::TakenConnection::Take(request);
  if (!connection.ok()) return WriteStatus(response, connection.status());
  websocket::UpgradeRequest upgrade{request.target, {}};
  for (const auto& [name, value] : request.headers) upgrade.headers.emplace_back(name, value);
  absl::StatusOr<std::unique_ptr<websocket::ChannelWebSocket>> ws =
      websocket::ChannelWebSocket::Accept((*connection)->Release(), upgrade, *protocol);
  if (!ws.ok()) {
    KLOG(Warning) << "exec in " << ns << "/" << pod << "/" << container << ": " << ws.status();
    return;
  }
  VLOG(2) << "exec in " << ns << "/" << pod << "/" << container << " over " << *protocol;
  absl::StatusOr<ExecResult> result = runtime.ExecSync(target->id, exec->command, timeout);
  absl::Status written = absl::OkStatus();
  if (result.ok()) {
    if (exec->use_stdout && !result->stdout_data.empty()) {
      written = (*ws)->Write(websocket::kStdout, result->stdout_data);
    }
    if (exec->tty && !result->stderr_data.empty() && written.ok()) {
      written = (*ws)->Write(websocket::kStdout, result->stderr_data);
    } else if (exec->use_stderr && !result->stderr_data.empty() && written.ok()) {
      written = (*ws)->Write(websocket::kStderr, result->stderr_data);
    }
    if (written.ok()) {
      written = (*ws)->Write(websocket::kError, ExecResultStatusJson(result->exit_code));
    }
  } else {
    written = (*ws)->Write(websocket::kError, ExecErrorStatusJson(result.status()));
  }
  if (!written.ok()) {
    VLOG(1) << "exec: the client went away: " << written;
  }
  (void)(*ws)->Close(absl::Seconds(5));
}

}  // namespace kube::kubelet
