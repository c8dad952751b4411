#include "common/tls/tls_relay.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "common/util/strings.h"

namespace kube::tls {
namespace {

// Copies bytes between a TLS connection and a plain socket until both directions
// are done. Used by one thread only.
class TlsPlainPump {
 public:
  TlsPlainPump(std::unique_ptr<TlsConnection> tls, int plain)
      : tls_(std::move(tls)), ssl_(tls_->ssl()), plain_(plain) {}
  ~TlsPlainPump() { close(plain_); }  // tls_ closes its own socket
  TlsPlainPump(const TlsPlainPump&) = delete;
  TlsPlainPump& operator=(const TlsPlainPump&) = delete;

  void Run() {
    while (!Done()) {
      // Every step is tried until none moves anything, so poll(2) only ever waits
      // for what some step is blocked on (and bytes OpenSSL already holds are
      // drained first: poll cannot see them).
      bool progressed = ReadTls();
      progressed |= WritePlain();
      progressed |= ReadPlain();
      progressed |= WriteTls();
      if (progressed) continue;
      pollfd fds[2] = {{tls_->fd(), static_cast<short>(tls_read_wants_ | tls_write_wants_), 0},
                       {plain_, 0, 0}};
      if (!plain_eof_ && !tls_failed_ && to_tls_.size() < kBufferLimit) fds[1].events |= POLLIN;
      if (plain_write_blocked_) fds[1].events |= POLLOUT;
      if (fds[0].events == 0) fds[0].fd = -1;
      // While the caller may still read, its hang-up (POLLHUP, always reported)
      // is how a complete close shows up; once we shut our side it means nothing.
      bool watch_hangup = !plain_shut_ && !plain_closed_;
      if (fds[1].events == 0 && !watch_hangup) fds[1].fd = -1;
      if (fds[0].fd < 0 && fds[1].fd < 0) return;  // nothing can change any more
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (watch_hangup && (fds[1].revents & (POLLHUP | POLLERR)) != 0) {
        plain_closed_ = true;  // the caller can receive nothing more
        to_plain_.clear();
      }
    }
  }

 private:
  static constexpr size_t kBufferLimit = 64 * 1024;
  static constexpr size_t kChunk = 16 * 1024;  // one TLS record

  bool Done() const {
    bool tls_to_plain = plain_closed_ || (tls_eof_ && to_plain_.empty() && plain_shut_);
    bool plain_to_tls = tls_failed_ || (plain_eof_ && to_tls_.empty() && close_notify_sent_);
    return tls_to_plain && plain_to_tls;
  }

  void FailTls() {
    ERR_clear_error();
    tls_failed_ = tls_eof_ = true;
    tls_read_wants_ = tls_write_wants_ = 0;
    to_tls_.clear();
  }

  static short WantedEvents(int ssl_error) {
    return ssl_error == SSL_ERROR_WANT_READ ? POLLIN : ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
  }

  // TLS -> to_plain_, until OpenSSL has nothing more or the buffer is full.
  bool ReadTls() {
    bool progressed = false;
    tls_read_wants_ = 0;
    while (!tls_eof_ && to_plain_.size() < kBufferLimit) {
      size_t old_size = to_plain_.size();
      to_plain_.resize(old_size + std::min(kChunk, kBufferLimit - old_size));
      size_t n = 0;
      ERR_clear_error();
      int rc = SSL_read_ex(ssl_, to_plain_.data() + old_size, to_plain_.size() - old_size, &n);
      to_plain_.resize(old_size + (rc == 1 ? n : 0));
      if (rc == 1) {
        if (plain_closed_) to_plain_.clear();  // nobody left to deliver to
        progressed = true;
        continue;
      }
      int error = SSL_get_error(ssl_, rc);
      if (short events = WantedEvents(error); events != 0) {
        tls_read_wants_ = events;
      } else if (error == SSL_ERROR_ZERO_RETURN) {
        tls_eof_ = true;  // close_notify, or EOF (SSL_OP_IGNORE_UNEXPECTED_EOF)
        progressed = true;
      } else {
        FailTls();
        progressed = true;
      }
      break;
    }
    return progressed;
  }

  // to_plain_ -> the caller; then its EOF once the TLS side has ended.
  bool WritePlain() {
    bool progressed = false;
    plain_write_blocked_ = false;
    while (!to_plain_.empty() && !plain_closed_) {
      ssize_t n = send(plain_, to_plain_.data(), to_plain_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        to_plain_.erase(0, static_cast<size_t>(n));
        progressed = true;
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        plain_write_blocked_ = true;
        break;
      } else {
        plain_closed_ = true;  // EPIPE: the caller reads no more
        to_plain_.clear();
        progressed = true;
      }
    }
    if (tls_eof_ && to_plain_.empty() && !plain_shut_ && !plain_closed_) {
      shutdown(plain_, SHUT_WR);
      plain_shut_ = true;
      progressed = true;
    }
    return progressed;
  }

  // The caller -> to_tls_, until it has nothing more or the buffer is full.
  bool ReadPlain() {
    bool progressed = false;
    while (!plain_eof_ && !tls_failed_ && to_tls_.size() < kBufferLimit) {
      size_t old_size = to_tls_.size();
      to_tls_.resize(old_size + std::min(kChunk, kBufferLimit - old_size));
      ssize_t n = recv(plain_, to_tls_.data() + old_size, to_tls_.size() - old_size, MSG_DONTWAIT);
      to_tls_.resize(old_size + (n > 0 ? static_cast<size_t>(n) : 0));
      if (n > 0) {
        progressed = true;
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        break;
      } else {
        plain_eof_ = true;  // EOF, or a reset: nothing more will come
        progressed = true;
      }
    }
    return progressed;
  }

  // to_tls_ -> TLS; then close_notify once the caller has finished writing.
  bool WriteTls() {
    bool progressed = false;
    tls_write_wants_ = 0;
    while (!to_tls_.empty() && !tls_failed_) {
      size_t n = 0;
      ERR_clear_error();
      // A retry after WANT_* passes the same bytes (maybe more, maybe moved), as
      // SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER allows.
      if (SSL_write_ex(ssl_, to_tls_.data(), to_tls_.size(), &n) == 1) {
        to_tls_.erase(0, n);
        progressed = true;
        continue;
      }
      if (short events = WantedEvents(SSL_get_error(ssl_, 0)); events != 0) {
        tls_write_wants_ = events;
      } else {
        FailTls();
        progressed = true;
      }
      break;
    }
    if (plain_eof_ && to_tls_.empty() && !close_notify_sent_ && !tls_failed_ &&
        tls_write_wants_ == 0) {
      ERR_clear_error();
      int rc = SSL_shutdown(ssl_);  // 0: sent; the peer's close_notify is read by ReadTls
      if (rc >= 0) {
        close_notify_sent_ = true;
        // Nothing follows a close_notify, so the TCP half-close too: a peer that
        // watches its socket for the hang-up (a followed log with nothing to
        // write) sees it, as it would on a plain connection.
        shutdown(tls_->fd(), SHUT_WR);
        progressed = true;
      } else if (short events = WantedEvents(SSL_get_error(ssl_, rc)); events != 0) {
        tls_write_wants_ = events;  // called again when the socket can take it
      } else {
        FailTls();
        progressed = true;
      }
    }
    return progressed;
  }

  std::unique_ptr<TlsConnection> tls_;
  SSL* const ssl_;  // owned by tls_
  const int plain_;

  std::string to_plain_;  // read from TLS, not yet sent to the caller
  std::string to_tls_;    // read from the caller, not yet written to TLS
  short tls_read_wants_ = 0;   // POLLIN/POLLOUT that SSL_read is blocked on
  short tls_write_wants_ = 0;  // likewise for SSL_write / SSL_shutdown
  bool plain_write_blocked_ = false;
  bool tls_eof_ = false;     // the TLS peer sent everything it will send
  bool tls_failed_ = false;  // the TLS connection is broken both ways
  bool plain_eof_ = false;   // the caller sent everything it will send
  bool plain_closed_ = false;  // the caller can receive nothing more
  bool plain_shut_ = false;    // we passed the TLS EOF on (SHUT_WR)
  bool close_notify_sent_ = false;
};

absl::Status SetNonBlocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    return absl::InternalError(StrCat("fcntl: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> RelayToPlainSocket(std::unique_ptr<TlsConnection> connection) {
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    return absl::InternalError(StrCat("socketpair: ", std::strerror(errno)));
  }
  for (int fd : {pair[0], connection->fd()}) {
    if (absl::Status status = SetNonBlocking(fd); !status.ok()) {
      close(pair[0]);
      close(pair[1]);
      return status;
    }
  }
  SSL_set_mode(connection->ssl(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_set_options(connection->ssl(), SSL_OP_IGNORE_UNEXPECTED_EOF);
  std::thread([connection = std::move(connection), plain = pair[0]]() mutable {
    TlsPlainPump(std::move(connection), plain).Run();
  }).detach();
  return pair[1];
}

}  // namespace kube::tls
