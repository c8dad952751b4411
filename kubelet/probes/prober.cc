#include "kubelet/probes/prober.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/numbers.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

constexpr size_t kMaxOutput = 10 * 1024;

// A probe port: a number, or the name of one of the container's ports.
int ResolvePort(const k8s::util::intstr::IntOrString& port, const ProbeTarget& target) {
  if (port.type() == 0) return port.intval();
  for (const auto& p : target.ports) {
    if (p.name() == port.strval()) return p.containerport();
  }
  int number = 0;
  return absl::SimpleAtoi(port.strval(), &number) ? number : -1;
}

absl::Duration TimeoutOf(const k8s::core::v1::Probe& probe) {
  return absl::Seconds(probe.timeoutseconds() > 0 ? probe.timeoutseconds() : 1);
}

}  // namespace

ProbeOutcome TcpProbe(const std::string& host, int port, absl::Duration timeout) {
  const std::string target = kube::StrCat(host, ":", port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* resolved = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &resolved) != 0 ||
      resolved == nullptr) {
    return {ProbeResult::kFailure, kube::StrCat("dial tcp ", target, ": cannot resolve host")};
  }
  int fd = socket(resolved->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    freeaddrinfo(resolved);
    return {ProbeResult::kFailure, "socket: " + std::string(strerror(errno))};
  }
  int rc = connect(fd, resolved->ai_addr, resolved->ai_addrlen);
  freeaddrinfo(resolved);
  int error = rc == 0 ? 0 : errno;
  if (rc != 0 && errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    int ready = poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(timeout)));
    if (ready <= 0) {
      error = ETIMEDOUT;
    } else {
      socklen_t length = sizeof(error);
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    }
  }
  close(fd);
  if (error != 0) {
    return {ProbeResult::kFailure,
            kube::StrCat("dial tcp ", target, ": connect: ", strerror(error))};
  }
  return {ProbeResult::kSuccess, ""};
}

ProbeOutcome HttpGetProbe(const std::string& host, int port, const std::string& path,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          absl::Duration timeout) {
  httplib::Client client(host, port);
  int64_t micros = absl::ToInt64Microseconds(timeout);
  client.set_connection_timeout(micros / 1000000, micros % 1000000);
  client.set_read_timeout(micros / 1000000, micros % 1000000);
  client.set_write_timeout(micros / 1000000, micros % 1000000);
  httplib::Headers request_headers = {{"User-Agent", "kube-probe/1.32"}, {"Accept", "*/*"}};
  for (const auto& [name, value] : headers) {
    request_headers.erase(name);
    request_headers.emplace(name, value);
  }
  const std::string url = kube::StrCat("http://", host, ":", port, path.empty() ? "/" : path);
  httplib::Result response = client.Get(path.empty() ? "/" : path, request_headers);
  if (!response) {
    return {ProbeResult::kFailure,
            kube::StrCat("Get \"", url, "\": ", httplib::to_string(response.error()))};
  }
  if (response->status >= 200 && response->status < 400) {
    return {ProbeResult::kSuccess, response->body.substr(0, kMaxOutput)};
  }
  return {ProbeResult::kFailure,
          kube::StrCat("HTTP probe failed with statuscode: ", response->status)};
}

ProbeOutcome Prober::Run(const k8s::core::v1::Probe& probe, const ProbeTarget& target) {
  const auto& handler = probe.handler();
  const absl::Duration timeout = TimeoutOf(probe);
  if (handler.has_exec()) {
    std::vector<std::string> command(handler.exec().command().begin(),
                                     handler.exec().command().end());
    absl::StatusOr<ExecResult> result = runtime_.ExecSync(target.container_id, command, timeout);
    if (!result.ok()) {
      if (absl::IsDeadlineExceeded(result.status())) {
        return {ProbeResult::kFailure,
                kube::StrCat("command timed out after ", absl::FormatDuration(timeout))};
      }
      return {ProbeResult::kFailure, std::string(result.status().message())};
    }
    std::string output = (result->stdout_data + result->stderr_data).substr(0, kMaxOutput);
    if (result->exit_code == 0) return {ProbeResult::kSuccess, output};
    if (output.empty()) output = kube::StrCat("command exited with code ", result->exit_code);
    return {ProbeResult::kFailure, output};
  }
  if (handler.has_httpget()) {
    const auto& get = handler.httpget();
    std::string host = get.host().empty() ? target.pod_ip : get.host();
    int port = ResolvePort(get.port(), target);
    if (port <= 0) return {ProbeResult::kFailure, "unknown probe port"};
    if (get.scheme() == "HTTPS") return TcpProbe(host, port, timeout);
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& header : get.httpheaders())
      headers.emplace_back(header.name(), header.value());
    return HttpGetProbe(host, port, get.path(), headers, timeout);
  }
  if (handler.has_tcpsocket()) {
    const auto& tcp = handler.tcpsocket();
    std::string host = tcp.host().empty() ? target.pod_ip : tcp.host();
    int port = ResolvePort(tcp.port(), target);
    if (port <= 0) return {ProbeResult::kFailure, "unknown probe port"};
    return TcpProbe(host, port, timeout);
  }
  if (handler.has_grpc()) {
    return {ProbeResult::kSuccess, "gRPC probes are not supported yet; counted as success"};
  }
  return {ProbeResult::kFailure, "probe has no handler"};
}

}  // namespace kube::kubelet
