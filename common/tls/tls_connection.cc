#include "common/tls/tls_connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>

#include "common/util/strings.h"

namespace kube::tls {
namespace {

bool IsIpAddress(const std::string& name) {
  unsigned char address[16];
  return inet_pton(AF_INET, name.c_str(), address) == 1 ||
         inet_pton(AF_INET6, name.c_str(), address) == 1;
}

// Why a handshake failed, in words a log reader can act on.
absl::Status HandshakeFailure(SSL* ssl, int ssl_error, int saved_errno) {
  if (!SSL_is_server(ssl) && (SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) != 0 &&
      SSL_get_verify_result(ssl) != X509_V_OK) {
    ERR_clear_error();
    return absl::UnauthenticatedError(
        StrCat("tls: failed to verify certificate: ",
               X509_verify_cert_error_string(SSL_get_verify_result(ssl))));
  }
  if (ssl_error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
    return absl::UnavailableError(
        StrCat("TLS handshake failed: ", saved_errno == 0 ? "connection closed by peer"
                                                          : std::strerror(saved_errno)));
  }
  return absl::UnavailableError(StrCat("TLS handshake failed: ", OpenSslError()));
}

int PollMilliseconds(absl::Duration left) {
  double ms = std::ceil(absl::ToDoubleMilliseconds(left));
  return static_cast<int>(std::clamp(ms, 0.0, static_cast<double>(INT_MAX)));
}

// SSL_do_handshake, non-blocking under poll(2) so `timeout` holds whatever the
// socket's mode; the mode is restored afterwards.
absl::Status HandshakeWithin(SSL* ssl, int fd, absl::Duration timeout) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    return absl::InternalError(StrCat("fcntl: ", std::strerror(errno)));
  }
  const absl::Time deadline = absl::Now() + timeout;
  absl::Status result;
  while (true) {
    ERR_clear_error();
    int rc = SSL_do_handshake(ssl);
    if (rc == 1) break;
    int saved_errno = errno;
    int error = SSL_get_error(ssl, rc);
    short events = error == SSL_ERROR_WANT_READ ? POLLIN : error == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    if (events == 0) {
      result = HandshakeFailure(ssl, error, saved_errno);
      break;
    }
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      result = absl::DeadlineExceededError(
          StrCat("TLS handshake timed out after ", absl::FormatDuration(timeout)));
      break;
    }
    pollfd wait{fd, events, 0};
    if (poll(&wait, 1, PollMilliseconds(left)) < 0 && errno != EINTR) {
      result = absl::InternalError(StrCat("poll: ", std::strerror(errno)));
      break;
    }
  }
  fcntl(fd, F_SETFL, flags);
  return result;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TlsConnection>> TlsConnection::Handshake(SslPtr ssl, int fd,
                                                                         absl::Duration timeout) {
  if (absl::Status status = HandshakeWithin(ssl.get(), fd, timeout); !status.ok()) {
    close(fd);
    return status;
  }
  return std::unique_ptr<TlsConnection>(new TlsConnection(std::move(ssl), fd));
}

absl::StatusOr<std::unique_ptr<TlsConnection>> TlsConnection::Accept(int fd, SSL_CTX* ctx,
                                                                     absl::Duration timeout) {
  SslPtr ssl(SSL_new(ctx));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) {
    close(fd);
    return absl::InternalError(StrCat("SSL_new: ", OpenSslError()));
  }
  SSL_set_accept_state(ssl.get());
  return Handshake(std::move(ssl), fd, timeout);
}

absl::StatusOr<std::unique_ptr<TlsConnection>> TlsConnection::Connect(
    int fd, SSL_CTX* ctx, const std::string& server_name, absl::Duration timeout) {
  SslPtr ssl(SSL_new(ctx));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) {
    close(fd);
    return absl::InternalError(StrCat("SSL_new: ", OpenSslError()));
  }
  SSL_set_connect_state(ssl.get());
  std::string name = server_name;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);  // "[::1]" as in URLs
  }
  if (!name.empty()) {
    bool ok;
    if (IsIpAddress(name)) {  // SNI never carries addresses (RFC 6066)
      ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), name.c_str()) == 1;
    } else {
      ok = SSL_set_tlsext_host_name(ssl.get(), name.c_str()) == 1 &&
           SSL_set1_host(ssl.get(), name.c_str()) == 1;
    }
    if (!ok) {
      close(fd);
      return absl::InvalidArgumentError(
          StrCat("bad server name \"", server_name, "\": ", OpenSslError()));
    }
  }
  return Handshake(std::move(ssl), fd, timeout);
}

TlsConnection::~TlsConnection() { close(fd_); }

ssize_t TlsConnection::Read(char* buffer, size_t size) {
  while (true) {
    ERR_clear_error();
    size_t n = 0;
    int rc = SSL_read_ex(ssl_.get(), buffer, size, &n);
    if (rc == 1) return static_cast<ssize_t>(n);
    int saved_errno = errno;
    switch (SSL_get_error(ssl_.get(), rc)) {
      case SSL_ERROR_ZERO_RETURN:  // close_notify, or EOF (SSL_OP_IGNORE_UNEXPECTED_EOF)
        return 0;
      case SSL_ERROR_WANT_READ:
      case SSL_ERROR_WANT_WRITE:
        if (saved_errno == EINTR) continue;
        errno = saved_errno == 0 ? EAGAIN : saved_errno;
        return -1;
      default:
        failed_ = true;
        ERR_clear_error();
        errno = saved_errno == 0 ? EIO : saved_errno;
        return -1;
    }
  }
}

ssize_t TlsConnection::Write(const char* data, size_t size) {
  size_t written = 0;
  while (written < size) {
    ERR_clear_error();
    size_t n = 0;
    int rc = SSL_write_ex(ssl_.get(), data + written, size - written, &n);
    if (rc == 1) {
      written += n;
      continue;
    }
    int saved_errno = errno;
    int error = SSL_get_error(ssl_.get(), rc);
    if ((error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) && saved_errno == EINTR) {
      continue;
    }
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) failed_ = true;
    ERR_clear_error();
    errno = saved_errno == 0 ? EIO : saved_errno;
    return -1;
  }
  return static_cast<ssize_t>(size);
}

bool TlsConnection::HasBufferedData() const { return SSL_pending(ssl_.get()) > 0; }

std::vector<X509*> TlsConnection::PeerChain() const {
  std::vector<X509*> chain;
  X509* leaf = SSL_get0_peer_certificate(ssl_.get());
  if (leaf == nullptr) return chain;
  chain.push_back(leaf);
  // A client's stack starts with the leaf; a server's holds only the rest.
  STACK_OF(X509)* sent = SSL_get_peer_cert_chain(ssl_.get());
  for (int i = 0; sent != nullptr && i < sk_X509_num(sent); ++i) {
    X509* certificate = sk_X509_value(sent, i);
    if (i == 0 && X509_cmp(certificate, leaf) == 0) continue;
    chain.push_back(certificate);
  }
  return chain;
}

std::string TlsConnection::Alpn() const {
  const unsigned char* protocol = nullptr;
  unsigned int length = 0;
  SSL_get0_alpn_selected(ssl_.get(), &protocol, &length);
  return protocol == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(protocol), length);
}

void TlsConnection::Shutdown() {
  if (failed_ || (SSL_get_shutdown(ssl_.get()) & SSL_SENT_SHUTDOWN) != 0) return;
  int flags = fcntl(fd_, F_GETFL);
  if (flags >= 0) fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
  SSL_shutdown(ssl_.get());
  ERR_clear_error();
  if (flags >= 0) fcntl(fd_, F_SETFL, flags);
}

}  // namespace kube::tls
