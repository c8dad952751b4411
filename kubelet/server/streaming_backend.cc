#include "kubelet/server/streaming_backend.h"

#include <unistd.h>

#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

// Splits "http://host:port/path" (what CRI's Exec returns) into its parts.
struct StreamingUrl {
  std::string host;
  int port = 0;
  std::string path;
};
absl::StatusOr<StreamingUrl> ParseStreamingUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) {
    return absl::InternalError(kube::StrCat("unexpected streaming URL from the runtime: ", url));
  }
  std::string_view rest = url.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  StreamingUrl parsed;
  parsed.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos ||
      !absl::SimpleAtoi(std::string(authority.substr(colon + 1)), &parsed.port)) {
    return absl::InternalError(kube::StrCat("streaming URL without a port: ", url));
  }
  parsed.host = std::string(authority.substr(0, colon));
  if (parsed.host.size() > 2 && parsed.host.front() == '[') {
    parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
  }
  return parsed;
}

// Reads from `fd` up to the end of an HTTP response head; what follows it (the
// first frames) stays in the returned string after the head.
absl::StatusOr<std::string> ReadResponseHead(int fd, size_t* head_size) {
  std::string received;
  char chunk[4096];
  while (true) {
    size_t end = received.find("\r\n\r\n");
    if (end != std::string::npos) {
      *head_size = end + 4;
      return received;
    }
    if (received.size() > 64 * 1024) return absl::InternalError("response head too large");
    ssize_t n = ::read(fd, chunk, sizeof(chunk));
    if (n <= 0) return absl::UnavailableError("the streaming server closed the connection");
    received.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace

absl::StatusOr<StreamingBackend> ConnectStreamingBackend(const std::string& url,
                                                         const std::string& protocol) {
  absl::StatusOr<StreamingUrl> target = ParseStreamingUrl(url);
  if (!target.ok()) return target.status();
  absl::StatusOr<http::OwnedSocket> socket =
      http::ConnectTcp(target->host, target->port, absl::Seconds(10));
  if (!socket.ok()) return socket.status();
  std::string head = kube::StrCat(
      "POST ", target->path, " HTTP/1.1\r\nHost: ", target->host, ":", target->port,
      "\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ", protocol,
      "\r\nContent-Length: 0\r\n\r\n");
  if (absl::Status sent = http::WriteAll(socket->fd(), head); !sent.ok()) return sent;
  size_t head_size = 0;
  absl::StatusOr<std::string> answer = ReadResponseHead(socket->fd(), &head_size);
  if (!answer.ok()) return answer.status();
  if (!absl::StartsWith(*answer, "HTTP/1.1 101")) {
    return absl::InternalError(kube::StrCat("the runtime's streaming server refused: ",
                                            answer->substr(0, answer->find("\r\n"))));
  }
  StreamingBackend backend;
  backend.socket = std::move(*socket);
  backend.early_bytes = answer->substr(head_size);
  return backend;
}

}  // namespace kube::kubelet
